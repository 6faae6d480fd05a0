import { checkinTiming, type Config } from './config';
import { createAdapter } from './bot/adapter';
import { CardRenderer } from './bot/cards';
import { AskService } from './domain/ask/ask-service';
import { DirectoryCache } from './domain/ask/directory-cache';
import type { BotDependencies } from './bot/dependencies';
import { KuemmererBot } from './bot/kuemmerer-bot';
import { KuemmererMiddleware } from './bot/middleware';
import { createCheckinService } from './domain/checkins';
import type { Logger } from './logger';
import { packageVersion } from './paths';
import { loadSampleDataIfEmpty } from './sample-data';
import { startServer } from './server';
import { openStorage, type OpenStorage } from './storage';

/** A running Kümmerer: its address and the storage it uses. */
export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly storage: OpenStorage;
  /** Graceful stop: answers the requests in flight (cut off after `drainTimeoutMs`), then flushes and closes storage. */
  close(drainTimeoutMs?: number): Promise<void>;
}

export interface AppOptions {
  readonly logger: Logger;
  /** The current time; tests drive it. */
  readonly now?: () => Date;
}

/**
 * Composes and starts the bot: storage → sample data → adapter, middleware and bot → HTTP server.
 * Used by `src/index.ts` and, in process, by the tests.
 */
export async function startApp(config: Config, options: AppOptions): Promise<RunningApp> {
  const { logger } = options;
  const storage = await openStorage(config, 'bot');
  try {
    if (storage.embedded) logger.info({ dataDir: config.dataDir }, 'embedded Table Storage started');
    if (config.sampleData && (await loadSampleDataIfEmpty(storage.repos))) logger.info('illustrative sample data for the Kreis Coesfeld loaded into empty tables');

    const now = options.now ?? (() => new Date());
    const checkins = createCheckinService({ repos: storage.repos, timing: checkinTiming(config), now });
    const directory = new DirectoryCache(storage.repos, { now, checkIntervalMs: config.askRefreshSeconds * 1000 });
    const deps: BotDependencies = { repos: storage.repos, cards: new CardRenderer(), ask: new AskService(directory), config, logger, now, checkins };
    const adapter = createAdapter(config, logger);
    adapter.use(new KuemmererMiddleware(deps));
    const bot = new KuemmererBot(deps);
    const authenticated = config.microsoftAppId !== '';
    const server = await startServer({
      adapter,
      runTurn: (context) => bot.run(context),
      storageReachable: () => storage.store.ping(),
      logger,
      maxRequestBytes: config.maxRequestBytes,
      host: authenticated ? undefined : '127.0.0.1',
      port: config.port,
      version: packageVersion(),
    });
    if (authenticated) logger.info({ port: server.port, appType: config.microsoftAppType }, 'listening on every interface; requests must carry a Bot Framework token');
    else logger.warn({ port: server.port }, 'MicrosoftAppId is not set: authentication is off, listening on 127.0.0.1 only');
    return {
      url: server.url,
      port: server.port,
      storage,
      async close(drainTimeoutMs?: number) {
        await server.close(drainTimeoutMs);
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
