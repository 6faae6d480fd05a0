import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { ask } from './features/ask';
import { broadcasts } from './features/broadcasts';
import { checkins } from './features/checkins';
import { dashboard } from './features/dashboard';
import { meetings } from './features/meetings';
import { reports } from './features/reports';
import { trends } from './features/trends';
import { funding } from './features/funding';
import { welcome } from './features/welcome';
import { clockFrom, systemClock, type Clock } from './platform/clock';
import { platformConfig, readEnvironment, Settings, type ConfigPurpose, type Env, type Locale, type PlatformConfig } from './platform/config';
import { BotConnector } from './platform/delivery/bot-connector';
import { DeliveryPipeline, requestTimeoutMs } from './platform/delivery/pipeline';
import { DirectoryCache } from './platform/directory/directory-cache';
import { loadSampleDataIfEmpty } from './platform/directory/sample-data';
import { Offers, type Feature, type FeatureModule, type Platform } from './platform/feature';
import { personalLocale, personalLocales } from './platform/i18n/personal-locale';
import type { Logger } from './platform/logger';
import { packageVersion } from './platform/paths';
import { Retention } from './platform/retention';
import { Scheduler, schedulerOptions } from './platform/scheduler/scheduler';
import { openStorage, type OpenStorage } from './platform/storage';
import { RecentContacts } from './platform/storage/conversations';
import { createAdapter, createAuthentication } from './platform/teams/adapter';
import { KuemmererBot } from './platform/teams/bot';
import { CardRenderer } from './platform/teams/cards';
import { StoredConversationMemory } from './platform/teams/conversation-memory';
import { KuemmererMiddleware, TurnRequestCounter } from './platform/teams/middleware';
import { Router } from './platform/teams/router';

/**
 * The features, in the order their message routes are tried: the commands of each feature before Ask, whose
 * route takes any other text as a question. Adding a feature is a folder under `src/features/` and a line here.
 */
export const FEATURES: readonly FeatureModule[] = [welcome, checkins, meetings, trends, broadcasts, funding, reports, dashboard, ask];

/** The configuration of a bot process: the platform's, and each feature's settings by its name. */
export interface Config extends PlatformConfig {
  readonly settings: Readonly<Record<string, unknown>>;
}

/**
 * Parses and validates the configuration from an environment: the platform's variables and every feature's.
 * Throws one `ConfigError` naming every problem.
 */
export function parseConfig(env: Env, purpose: ConfigPurpose = 'run'): Config {
  const read = new Settings(env);
  const platform = platformConfig(read, purpose);
  const settings = Object.fromEntries(FEATURES.map((feature) => [feature.name, feature.settings(read)]));
  read.check();
  return Object.freeze({ ...platform, settings: Object.freeze(settings) });
}

/** The configuration of this process: `.env` plus environment, validated. Throws `ConfigError`. */
export function loadConfig(purpose: ConfigPurpose = 'run'): Config {
  return parseConfig(readEnvironment(), purpose);
}

/** Every table the features declare, for opening storage. */
export function featureTables(): string[] {
  return FEATURES.flatMap((f) => f.tables);
}

/** What the features offer each other without a bot, on the given storage (for the command line). */
export function storageOffers(config: Config, storage: OpenStorage, now: () => Date): Offers {
  const offers = new Offers();
  const directory = new DirectoryCache(storage.repos, { now, checkIntervalMs: config.directoryRefreshSeconds * 1000 });
  const context = { config, store: storage.store, repos: storage.repos, directory, now, offers };
  for (const module of FEATURES) module.offer(context, config.settings[module.name]);
  return offers;
}

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
  /** The job scheduler; the features' handlers are registered on it by name. */
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
 * Composes and starts the bot: storage → sample data → the platform's services (delivery pipeline, scheduler,
 * directory, cards) → the features, built on them in order → adapter, middleware and bot → HTTP server. Used by
 * `src/index.ts` and, in process, by the tests.
 */
export async function startApp(config: Config, options: AppOptions): Promise<RunningApp> {
  const { logger } = options;
  const storage = await openStorage(config, 'bot', featureTables());
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
      connector: new BotConnector(authentication, config.microsoftAppId, requestTimeoutMs(config.delivery.claimSeconds * 1000)),
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
    const scheduler = new Scheduler({ jobs: storage.jobs, clock, logger: logger.child({ component: 'scheduler' }), instanceId, options: schedulerOptions(config) });
    const directory = new DirectoryCache(repos, { now, checkIntervalMs: config.directoryRefreshSeconds * 1000 });
    const features: Feature[] = [];
    const platform: Platform = {
      config,
      logger,
      clock,
      now,
      store: storage.store,
      repos,
      directory,
      outbox,
      jobs: scheduler,
      cards: new CardRenderer(),
      offers: new Offers(),
      conversationMemory: (name, parse) => new StoredConversationMemory(storage.botState, name, parse),
      localeOf: config.forceLocale ? async () => config.forceLocale as Locale : personalLocale(repos, config.defaultLocale),
      localesOf: config.forceLocale
        ? async (emails) => new Map(emails.map((email) => [email, config.forceLocale as Locale]))
        : personalLocales({ directory, conversations: repos.conversations }, config.defaultLocale),
      helpTopics: () => features.flatMap((f) => f.help ?? []),
      async homeChannelSet(channel) {
        for (const feature of features) await feature.homeChannelSet?.(channel);
      },
    };
    for (const module of FEATURES) module.offer(platform, config.settings[module.name]);
    for (const module of FEATURES) features.push(module.create(platform, config.settings[module.name]));
    platform.offers.check();

    const router = new Router(
      features.flatMap((f) => f.routes ?? []),
      features.flatMap((f) => f.cardActions ?? []),
    );
    const adapter = createAdapter(config, logger, authentication);
    adapter.use(new TurnRequestCounter((conversationId) => outbox.noteRequest(conversationId)));
    adapter.use(new KuemmererMiddleware({ config, logger, now, conversations: repos.conversations, people: repos.people, directory }));
    const bot = new KuemmererBot({
      router,
      conversations: repos.conversations,
      now,
      installed: features.flatMap((f) => (f.installed ? [f.installed.bind(f)] : [])),
      reacted: features.flatMap((f) => (f.reacted ? [f.reacted.bind(f)] : [])),
    });
    const authenticated = config.microsoftAppId !== '';
    stopEngine = async () => {
      await scheduler.stop();
      await outbox.stop();
    };
    await outbox.start();
    const retention = new Retention({ deliveries: storage.deliveries, jobs: storage.jobs, now, config: config.retention });
    // Handlers first, so the first tick (which catches up what fell due while down) finds them.
    for (const job of [retention.job, ...features.flatMap((f) => f.jobs ?? [])]) scheduler.register(job.handler, job.run);
    try {
      await retention.plan(scheduler);
    } catch (error) {
      logger.error({ err: error }, 'the daily retention job could not be planned; the bot serves meanwhile');
    }
    for (const feature of features) {
      try {
        await feature.start?.();
      } catch (error) {
        logger.error({ err: error }, 'a feature failed to start its work; the bot serves meanwhile');
      }
    }
    await scheduler.start();
    // Loaded here, not at the top: the command line lists the features from this file and needs no HTTP server
    // (restify also prints a deprecation warning on load that would end up in every command's output).
    const { startServer } = await import('./platform/server.js');
    const server = await startServer({
      adapter,
      runTurn: (context) => bot.run(context),
      storageReachable: () => storage.store.ping(),
      logger,
      maxRequestBytes: config.maxRequestBytes,
      host: authenticated ? undefined : '127.0.0.1',
      port: config.port,
      version: packageVersion(),
      routes: features.flatMap((f) => f.http ?? []),
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
