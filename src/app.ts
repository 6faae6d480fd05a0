import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { checkinCadence, checkinTiming, type Config } from './platform/config';
import { createAdapter, createAuthentication } from './platform/teams/adapter';
import { CardRenderer } from './platform/teams/cards';
import { OutboxCheckinNotifier, personalLocale } from './features/checkins/teams/notifier';
import { AskService } from './features/ask/domain/ask-service';
import { DirectoryCache } from './features/ask/domain/directory-cache';
import { RecentContacts } from './platform/storage/conversations';
import type { BotDependencies } from './platform/teams/dependencies';
import { KuemmererBot } from './platform/teams/bot';
import { KuemmererMiddleware } from './platform/teams/middleware';
import { clockFrom, systemClock, type Clock } from './platform/clock';
import { BotConnector } from './platform/delivery/bot-connector';
import { DeliveryPipeline } from './platform/delivery/pipeline';
import { registerCheckinJobs } from './features/checkins/jobs';
import { Scheduler, schedulerOptions } from './platform/scheduler/scheduler';
import { createCheckinService } from './features/checkins/domain/service';
import { AskProjectLookup } from './features/ask/domain/project-lookup';
import { CheckinStatusSource } from './features/checkins/domain/status-source';
import type { Logger } from './platform/logger';
import { packageVersion } from './platform/paths';
import { translator } from './platform/i18n';
import { loadSampleDataIfEmpty } from './platform/directory/sample-data';
import { startServer } from './platform/server';
import { openStorage, type OpenStorage } from './platform/storage';

/**
 * How long an instance skips rewriting a conversation address it stored unchanged (see {@link RecentContacts}):
 * a minute keeps `lastSeenAt` fresh enough and clears another instance's stale mark soon enough.
 */
const CONTACT_REFRESH_WINDOW_MS = 60_000;

/** A running Kümmerer: its address and the storage it uses. */
export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly storage: OpenStorage;
  /** The delivery pipeline: everything the bot sends outside a turn goes through it. */
  readonly outbox: DeliveryPipeline;
  /** The job scheduler; handlers are registered on it by name. */
  readonly scheduler: Scheduler;
  /**
   * Graceful stop: answers the requests in flight (cut off after `drainTimeoutMs`), lets sends in flight finish
   * (the rest stays pending in the outbox), then flushes and closes storage.
   */
  close(drainTimeoutMs?: number): Promise<void>;
}

export interface AppOptions {
  readonly logger: Logger;
  /** The current time; tests drive it. */
  readonly now?: () => Date;
  /** Time and timers of the proactive engine (delivery, scheduler); tests drive it. Default: `now` and system timers. */
  readonly clock?: Clock;
}

/**
 * Composes and starts the bot: storage → sample data → delivery pipeline and scheduler (with the check-in jobs)
 * → adapter, middleware and bot → HTTP server. Job handlers are registered on `scheduler` by the features that own them.
 * Used by `src/index.ts` and, in process, by the tests.
 */
export async function startApp(config: Config, options: AppOptions): Promise<RunningApp> {
  const { logger } = options;
  const storage = await openStorage(config, 'bot');
  let stopEngine = async () => {};
  try {
    if (storage.embedded) logger.info({ dataDir: config.dataDir }, 'embedded Table Storage started');
    if (config.sampleData && (await loadSampleDataIfEmpty(storage.repos))) logger.info('illustrative sample data for the Kreis Coesfeld loaded into empty tables');

    const clock = options.clock ?? (options.now ? clockFrom(options.now) : systemClock);
    const now = options.now ?? (() => clock.now());
    // One instance's memory of the addresses it wrote lately, so repeated messages do not each cost a write.
    const repos = { ...storage.repos, conversations: new RecentContacts(storage.repos.conversations, { now, windowMs: CONTACT_REFRESH_WINDOW_MS }) };
    const authentication = createAuthentication(config, logger);
    const instanceId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    const outbox = new DeliveryPipeline({
      deliveries: storage.deliveries,
      people: repos.people,
      conversations: repos.conversations,
      connector: new BotConnector(authentication, config.microsoftAppId),
      clock,
      logger: logger.child({ component: 'delivery' }),
      instanceId,
      options: {
        maxAttempts: config.delivery.maxAttempts,
        baseDelayMs: config.delivery.retryBaseMs,
        maxDelayMs: config.delivery.retryMaxMs,
        concurrency: config.delivery.concurrency,
        sweepIntervalMs: config.delivery.sweepSeconds * 1000,
        claimMs: config.delivery.claimSeconds * 1000,
      },
    });
    const scheduler = new Scheduler({
      jobs: storage.jobs,
      clock,
      logger: logger.child({ component: 'scheduler' }),
      instanceId,
      options: schedulerOptions(config),
    });
    const cards = new CardRenderer();
    const notifier = new OutboxCheckinNotifier({
      outbox,
      cards,
      view: { t: translator(config.defaultLocale), locale: config.defaultLocale, timezone: config.timezone },
      localeOf: personalLocale(repos, config.defaultLocale),
      logger: logger.child({ component: 'checkins' }),
    });
    const directory = new DirectoryCache(repos, { now, checkIntervalMs: config.askRefreshSeconds * 1000 });
    const checkins = createCheckinService({ repos, timing: checkinTiming(config), now, notifier, jobs: scheduler, lookup: new AskProjectLookup(directory) });
    const deps: BotDependencies = { repos, outbox, jobs: scheduler, cards, directory, ask: new AskService(directory, new CheckinStatusSource(repos, directory, now)), config, logger, now, checkins };
    const adapter = createAdapter(config, logger, authentication);
    adapter.use(new KuemmererMiddleware(deps));
    const bot = new KuemmererBot(deps);
    const authenticated = config.microsoftAppId !== '';
    stopEngine = async () => {
      await scheduler.stop();
      await outbox.stop();
    };
    await outbox.start();
    // Handlers first, so the first tick (which catches up what fell due while down) finds them.
    await registerCheckinJobs(scheduler, checkins, checkinCadence(config), logger.child({ component: 'checkins' }));
    await scheduler.start();
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
      outbox,
      scheduler,
      async close(drainTimeoutMs?: number) {
        await server.close(drainTimeoutMs);
        await stopEngine();
        await storage.close();
      },
    };
  } catch (error) {
    await stopEngine();
    await storage.close();
    throw error;
  }
}
