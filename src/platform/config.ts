import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { HOLIDAY_REGIONS, type HolidayRegion } from '../features/checkins/domain/holidays';
import type { CheckinTiming } from '../features/checkins/domain/model';
import type { RoundCadence } from '../features/checkins/domain/round-flow';
import { cronProblem, timeZoneProblem } from './scheduler/schedule';

/** Bot registration kinds we accept. New multi-tenant bots can no longer be created in Azure. */
export const APP_TYPES = ['SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Settings that `ConfigurationBotFrameworkAuthentication` reads. They pass through unchanged so the bot can
 * be pointed at a national cloud or at a local identity provider in tests. Only the ones that are set are
 * passed on: botbuilder treats an explicitly set value as "custom cloud", see PLATFORM-NOTES.
 */
export const BOT_FRAMEWORK_PASS_THROUGH = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
  'OAuthApiEndpoint',
  'BotOpenIdMetadata',
  'ChannelService',
  'ValidateAuthority',
  'CallerId',
  'CertificateThumbprint',
  'CertificatePrivateKey',
] as const;

/** The validated, typed and frozen configuration of one bot process. */
export interface Config {
  readonly port: number;
  readonly microsoftAppId: string;
  readonly microsoftAppPassword: string;
  readonly microsoftAppType: AppType;
  readonly microsoftAppTenantId: string;
  /** Empty: the bot starts its own embedded Table Storage (Azurite) on loopback. */
  readonly tablesConnectionString: string;
  readonly dataDir: string;
  readonly tablePrefix: string;
  /** Empty: every tenant is allowed. */
  readonly allowedTenants: readonly string[];
  readonly defaultLocale: Locale;
  readonly timezone: string;
  readonly logLevel: LogLevel;
  /** Load the illustrative Kreis Coesfeld data into empty tables at start. */
  readonly sampleData: boolean;
  readonly maxRequestBytes: number;
  /**
   * How often (seconds) an instance checks the directory version before answering a question; an import or
   * edit on any instance is seen by all within this time. At most 30.
   */
  readonly askRefreshSeconds: number;
  /** Public host name of the bot for the Teams manifest's `validDomains`. */
  readonly botDomain: string;
  /** The Teams app id in the manifest; defaults to the bot's app id. */
  readonly teamsAppId: string;
  readonly botFramework: Readonly<Partial<Record<(typeof BOT_FRAMEWORK_PASS_THROUGH)[number], string>>>;
  /** The proactive delivery pipeline (`DELIVERY_*`). */
  readonly delivery: DeliveryConfig;
  /** The job scheduler (`SCHEDULER_*`). */
  readonly scheduler: SchedulerConfig;
  readonly checkin: CheckinConfig;
}

/** How the delivery pipeline sends and retries. */
export interface DeliveryConfig {
  /** Attempts per message (the first included) before it is recorded as failed. */
  readonly maxAttempts: number;
  /** Backoff before the second attempt, doubling per attempt, with jitter. */
  readonly retryBaseMs: number;
  /** The longest wait between attempts, also for a `Retry-After`. */
  readonly retryMaxMs: number;
  /** Messages worked on at once by one instance. */
  readonly concurrency: number;
  /** How often the outbox is read for work left by restarts and other instances. */
  readonly sweepSeconds: number;
  /** How long an instance's claim on a message it is sending holds if that instance dies. */
  readonly claimSeconds: number;
}

/** How the scheduler runs jobs. */
export interface SchedulerConfig {
  /** Occurrences missed while no instance ran are run late within this many minutes, else skipped. */
  readonly graceMinutes: number;
  /** How long a job run's lease holds without renewal (renewed while the job runs). */
  readonly leaseSeconds: number;
  /** How often each instance looks for due jobs. */
  readonly tickSeconds: number;
}

/** When check-in rounds run and how long they stay open. */
export interface CheckinConfig {
  /**
   * Cron expression (minute hour day-of-month month day-of-week) in `timezone` for scheduled rounds, checked
   * with the scheduler's own parser; '' (`CHECKIN_SCHEDULE=off`) when rounds are only started by hand.
   */
  readonly schedule: string;
  /** Run on every Nth week the schedule matches (2: every second Monday). */
  readonly everyWeeks: number;
  /**
   * A local date (`yyyy-MM-dd`) whose week is a round week; with `everyWeeks` > 1 rounds run in that week and
   * every `everyWeeks` weeks before and after it. Cron cannot say "every second week".
   */
  readonly anchorDate: string;
  /** Working days (Monday–Friday) after the start when non-responders get their reminder. */
  readonly reminderWorkingDays: number;
  /** Working days after the start when the round closes. */
  readonly closeWorkingDays: number;
  /** German state whose public holidays do not count as working days; '' for none. */
  readonly holidayRegion: HolidayRegion | '';
}

/** A start-up configuration problem; `problems` holds one line per variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TABLE_PREFIX = /^[A-Za-z][A-Za-z0-9]{0,29}$/;
/** Five cron fields of the usual characters; the scheduler's parser decides the rest. */
const CRON_SHAPE = /^([0-9*/,?LW#A-Za-z-]+\s+){4}[0-9*/,?LW#A-Za-z-]+$/;
/** The default anchor of the round weeks: Monday 5 January 2026 (with every second week: the even ISO weeks of 2026). */
const DEFAULT_ANCHOR_DATE = '2026-01-05';
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * Parses and validates configuration from an environment. Collects every problem before failing, so an
 * operator fixes them in one go; each problem is one line that names the variable and never echoes a secret.
 */
export function parseConfig(env: Env): Config {
  const problems: string[] = [];
  const value = (name: string): string => (env[name] ?? '').trim();

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === '') return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = value(name);
    if (raw === '') return fallback;
    const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
    if (!match) problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return match ?? fallback;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = value(name).toLowerCase();
    if (raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got "${value(name)}"`);
    return fallback;
  };
  const guid = (name: string): string => {
    const raw = value(name);
    if (raw !== '' && !GUID.test(raw)) problems.push(`${name} must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
    return raw.toLowerCase();
  };

  const port = integer('PORT', 3978, 0, 65535);
  const microsoftAppId = guid('MicrosoftAppId');
  const microsoftAppTenantId = guid('MicrosoftAppTenantId');
  const microsoftAppPassword = value('MicrosoftAppPassword');
  const rawAppType = value('MicrosoftAppType');
  let microsoftAppType: AppType = 'SingleTenant';
  if (rawAppType.toLowerCase() === 'multitenant') {
    problems.push('MicrosoftAppType MultiTenant is not supported: register the bot as SingleTenant or UserAssignedMSI');
  } else {
    microsoftAppType = oneOf('MicrosoftAppType', APP_TYPES, 'SingleTenant');
  }
  if (microsoftAppId) {
    if (!value('MicrosoftAppTenantId')) problems.push(`MicrosoftAppTenantId is required when MicrosoftAppId is set (${microsoftAppType})`);
    const usesCertificate = value('CertificateThumbprint') !== '' || value('CertificatePrivateKey') !== '';
    if (microsoftAppType === 'SingleTenant' && !microsoftAppPassword && !usesCertificate) {
      problems.push('MicrosoftAppPassword is required for a SingleTenant bot (or CertificateThumbprint and CertificatePrivateKey)');
    }
    if (microsoftAppType === 'UserAssignedMSI' && microsoftAppPassword) {
      problems.push('MicrosoftAppPassword must be empty for UserAssignedMSI: the managed identity has no secret');
    }
  } else if (microsoftAppPassword) {
    problems.push('MicrosoftAppId is required when MicrosoftAppPassword is set');
  }

  const tablesConnectionString = value('TABLES_CONNECTION_STRING');
  if (tablesConnectionString && !/(^|;)\s*(TableEndpoint|AccountName)\s*=/i.test(tablesConnectionString) && !/^UseDevelopmentStorage=true$/i.test(tablesConnectionString)) {
    problems.push('TABLES_CONNECTION_STRING is not a storage connection string (expected AccountName=… or TableEndpoint=…)');
  }
  const tablePrefix = value('TABLE_PREFIX');
  if (tablePrefix && !TABLE_PREFIX.test(tablePrefix)) {
    problems.push(`TABLE_PREFIX must start with a letter and hold at most 30 letters and digits, got "${tablePrefix}"`);
  }

  const allowedTenants = value('ALLOWED_TENANTS')
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
  const badTenant = allowedTenants.find((t) => !GUID.test(t));
  if (badTenant) problems.push(`ALLOWED_TENANTS must be a comma-separated list of tenant GUIDs, got "${badTenant}"`);

  const timezone = value('TIMEZONE') || 'Europe/Berlin';
  if (timeZoneProblem(timezone)) problems.push(`TIMEZONE must be an IANA time zone such as Europe/Berlin, got "${timezone}"`);

  const botDomain = value('BOT_DOMAIN').toLowerCase();
  if (botDomain && !HOST_NAME.test(botDomain)) problems.push(`BOT_DOMAIN must be a host name without scheme or path, got "${botDomain}"`);

  const botFramework: Partial<Record<(typeof BOT_FRAMEWORK_PASS_THROUGH)[number], string>> = {};
  for (const name of BOT_FRAMEWORK_PASS_THROUGH) {
    if (value(name)) botFramework[name] = value(name);
  }

  const delivery: DeliveryConfig = Object.freeze({
    maxAttempts: integer('DELIVERY_MAX_ATTEMPTS', 8, 1, 50),
    retryBaseMs: integer('DELIVERY_RETRY_BASE_MS', 500, 10, 60_000),
    retryMaxMs: integer('DELIVERY_RETRY_MAX_MS', 300_000, 1_000, 86_400_000),
    concurrency: integer('DELIVERY_CONCURRENCY', 8, 1, 64),
    sweepSeconds: integer('DELIVERY_SWEEP_SECONDS', 30, 1, 3_600),
    // Longer than a request may take (30 s), or a slow send would be taken over and sent twice.
    claimSeconds: integer('DELIVERY_CLAIM_SECONDS', 120, 45, 3_600),
  });
  if (delivery.retryBaseMs > delivery.retryMaxMs) problems.push(`DELIVERY_RETRY_BASE_MS (${delivery.retryBaseMs}) must not exceed DELIVERY_RETRY_MAX_MS (${delivery.retryMaxMs})`);
  const scheduler: SchedulerConfig = Object.freeze({
    graceMinutes: integer('SCHEDULER_GRACE_MINUTES', 360, 0, 10_080),
    leaseSeconds: integer('SCHEDULER_LEASE_SECONDS', 60, 10, 3_600),
    tickSeconds: integer('SCHEDULER_TICK_SECONDS', 15, 1, 3_600),
  });
  const rawSchedule = value('CHECKIN_SCHEDULE') || '0 9 * * 1';
  const checkinSchedule = rawSchedule.toLowerCase() === 'off' ? '' : rawSchedule;
  if (checkinSchedule !== '' && (!CRON_SHAPE.test(checkinSchedule) || cronProblem(checkinSchedule, 'UTC') !== undefined)) {
    problems.push(`CHECKIN_SCHEDULE must be a cron expression of five fields (minute hour day month weekday), e.g. "0 9 * * 1", or "off", got "${checkinSchedule}"`);
  }
  const anchorDate = value('CHECKIN_ANCHOR_DATE') || DEFAULT_ANCHOR_DATE;
  if (!isLocalDate(anchorDate)) problems.push(`CHECKIN_ANCHOR_DATE must be a date written yyyy-MM-dd, e.g. "${DEFAULT_ANCHOR_DATE}", got "${anchorDate}"`);
  const reminderWorkingDays = integer('CHECKIN_REMINDER_WORKING_DAYS', 2, 1, 20);
  const closeWorkingDays = integer('CHECKIN_CLOSE_WORKING_DAYS', 5, 1, 30);
  if (closeWorkingDays <= reminderWorkingDays) {
    problems.push(`CHECKIN_CLOSE_WORKING_DAYS (${closeWorkingDays}) must be greater than CHECKIN_REMINDER_WORKING_DAYS (${reminderWorkingDays})`);
  }

  const config: Config = {
    port,
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppType,
    microsoftAppTenantId,
    tablesConnectionString,
    dataDir: path.resolve(value('DATA_DIR') || '.data'),
    tablePrefix,
    allowedTenants,
    defaultLocale: oneOf('DEFAULT_LOCALE', LOCALES, 'de'),
    timezone,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    sampleData: boolean('SAMPLE_DATA', tablesConnectionString === ''),
    maxRequestBytes: integer('MAX_REQUEST_BYTES', 262_144, 1_024, 10_485_760),
    askRefreshSeconds: integer('ASK_REFRESH_SECONDS', 5, 1, 30),
    botDomain,
    teamsAppId: guid('TEAMS_APP_ID') || microsoftAppId,
    botFramework: Object.freeze(botFramework),
    delivery,
    scheduler,
    checkin: Object.freeze({
      schedule: checkinSchedule,
      everyWeeks: integer('CHECKIN_EVERY_WEEKS', 2, 1, 8),
      anchorDate,
      reminderWorkingDays,
      closeWorkingDays,
      holidayRegion: value('CHECKIN_HOLIDAYS') === '' ? '' : oneOf<HolidayRegion>('CHECKIN_HOLIDAYS', HOLIDAY_REGIONS, 'BUND'),
    }),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/**
 * Reads the process environment, with values from an optional `.env` file in the working directory
 * underneath it (the environment wins). This is the only place that reads `process.env`.
 */
export function readEnvironment(envFile = path.resolve('.env')): Env {
  let fromFile: Record<string, string> = {};
  if (fs.existsSync(envFile)) fromFile = parseDotenv(fs.readFileSync(envFile));
  return { ...fromFile, ...process.env };
}

/** The configuration of this process: `.env` plus environment, validated. Throws {@link ConfigError}. */
export function loadConfig(): Config {
  return parseConfig(readEnvironment());
}

/** A real calendar date written `yyyy-MM-dd`. */
function isLocalDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** When scheduled check-in rounds start, as the domain takes it. */
export function checkinCadence(config: Pick<Config, 'timezone' | 'checkin'>): RoundCadence {
  const { schedule, everyWeeks, anchorDate } = config.checkin;
  return { cron: schedule, timezone: config.timezone, everyWeeks, anchorDate };
}

/** The timing of check-in rounds as the domain takes it. */
export function checkinTiming(config: Pick<Config, 'timezone' | 'checkin'>): CheckinTiming {
  const { reminderWorkingDays, closeWorkingDays, holidayRegion } = config.checkin;
  return { timezone: config.timezone, reminderWorkingDays, closeWorkingDays, holidayRegion };
}
