import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { timeZoneProblem } from './scheduler/schedule';

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

/** The validated, typed and frozen configuration of the platform of one bot process (each feature reads its own). */
export interface PlatformConfig {
  readonly port: number;
  readonly microsoftAppId: string;
  readonly microsoftAppPassword: string;
  readonly microsoftAppType: AppType;
  readonly microsoftAppTenantId: string;
  /**
   * A storage account's connection string (local and legacy use). Empty together with {@link tablesEndpoint}: the
   * bot starts its own embedded Table Storage (Azurite) on loopback.
   */
  readonly tablesConnectionString: string;
  /**
   * The Table service's https address (`https://ACCOUNT.table.core.windows.net`), reached with an Entra token
   * instead of a key: no secret in the configuration. Empty unless set; never set together with the connection string.
   */
  readonly tablesEndpoint: string;
  /**
   * With {@link tablesEndpoint}: the client id of the user-assigned managed identity that gets the token; empty to
   * let `DefaultAzureCredential` find one (environment, workload identity, managed identity, Azure CLI login).
   */
  readonly tablesIdentityClientId: string;
  readonly dataDir: string;
  readonly tablePrefix: string;
  /** Empty: every tenant is allowed. */
  readonly allowedTenants: readonly string[];
  readonly defaultLocale: Locale;
  /**
   * A language every user gets whatever their client says (`FORCE_LOCALE`), '' to follow the client: for the
   * Agents Playground, which sends `en-US` on every activity.
   */
  readonly forceLocale: Locale | '';
  readonly timezone: string;
  readonly logLevel: LogLevel;
  /**
   * Application Insights' connection string: traces of requests and dependencies, and the logs with their
   * correlation ids, go there through OpenTelemetry. Empty: no telemetry, nothing of it loaded.
   */
  readonly applicationInsightsConnectionString: string;
  /** Load the illustrative Kreis Coesfeld data into empty tables at start. */
  readonly sampleData: boolean;
  readonly maxRequestBytes: number;
  /**
   * How often (seconds) an instance checks the directory version before it uses its in-memory copy of the
   * directory (`ASK_REFRESH_SECONDS`); an import or edit on any instance is seen by all within this time. At most 30.
   */
  readonly directoryRefreshSeconds: number;
  /** Public host name of the bot for the Teams manifest's `validDomains`. */
  readonly botDomain: string;
  /** The Teams app id in the manifest; defaults to the bot's app id. */
  readonly teamsAppId: string;
  /**
   * The Entra app registration Teams issues single sign-on tokens for, to the app's tabs (the manifest's
   * `webApplicationInfo`, exposing `api://{botDomain}/{ssoAppId}` with the scope `access_as_user`): `SSO_APP_ID`,
   * defaulting to the bot's app id. A bot running as a managed identity (`UserAssignedMSI`) needs its own: an
   * identity cannot expose an API.
   */
  readonly ssoAppId: string;
  readonly botFramework: Readonly<Partial<Record<(typeof BOT_FRAMEWORK_PASS_THROUGH)[number], string>>>;
  /** The proactive delivery pipeline (`DELIVERY_*`). */
  readonly delivery: DeliveryConfig;
  /** The job scheduler (`SCHEDULER_*`). */
  readonly scheduler: SchedulerConfig;
  /** How long finished deliveries and job runs are kept (`DELIVERY_RETENTION_DAYS`, `SCHEDULER_RETENTION_DAYS`). */
  readonly retention: RetentionConfig;
}

/** How long the records of the proactive engine are kept; a daily job deletes older ones. */
export interface RetentionConfig {
  /** Days a finished delivery (sent, failed, unreachable) is kept after its last change. */
  readonly deliveryDays: number;
  /** Days the record of a job run is kept after its occurrence. */
  readonly jobRunDays: number;
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
  /**
   * How long an instance's claim on a message it is about to send holds: a request is given up 5 s before the
   * claim ends, and if the instance dies, another one sends the message again (uncertain) once the claim ended.
   */
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

/** A start-up configuration problem; `problems` holds one line per variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** The process environment as read once at start: variable names to raw values. */
export type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TABLE_PREFIX = /^[A-Za-z][A-Za-z0-9]{0,29}$/;
const APPLICATION_INSIGHTS = /(^|;)\s*InstrumentationKey\s*=\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*(;|$)/i;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * Reads typed values out of an environment and collects every problem instead of failing at the first, so an
 * operator fixes them in one go. Each problem is one line that names the variable and never echoes a secret.
 * The platform reads its variables with it, and each feature its own (a feature's `settings`); the composition
 * root throws one {@link ConfigError} with all problems at the end ({@link Settings.check}).
 */
export class Settings {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value, '' when unset. */
  value(name: string): string {
    return (this.env[name] ?? '').trim();
  }

  /** Records a problem (one line naming the variable). */
  problem(line: string): void {
    this.problems.push(line);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.value(name);
    if (raw === '') return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      this.problem(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.value(name);
    if (raw === '') return fallback;
    const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
    if (!match) this.problem(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return match ?? fallback;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.value(name).toLowerCase();
    if (raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problem(`${name} must be true or false, got "${this.value(name)}"`);
    return fallback;
  }

  guid(name: string): string {
    const raw = this.value(name);
    if (raw !== '' && !GUID.test(raw)) this.problem(`${name} must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
    return raw.toLowerCase();
  }

  /** A real calendar date written `yyyy-MM-dd`, or the fallback when unset. */
  localDate(name: string, fallback: string): string {
    const raw = this.value(name) || fallback;
    if (!isLocalDate(raw)) this.problem(`${name} must be a date written yyyy-MM-dd, e.g. "${fallback}", got "${raw}"`);
    return raw;
  }

  /** Throws one {@link ConfigError} naming every problem recorded, if any. */
  check(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}

/**
 * What the configuration is read for: running the bot or a command on its storage (`run`), or only building the
 * Teams app package (`package`), which needs no storage.
 */
export type ConfigPurpose = 'run' | 'package';

/** Reads the platform's variables (problems go to `read`). */
export function platformConfig(read: Settings, purpose: ConfigPurpose = 'run'): PlatformConfig {
  const value = (name: string) => read.value(name);
  const port = read.integer('PORT', 3978, 0, 65535);
  const microsoftAppId = read.guid('MicrosoftAppId');
  const microsoftAppTenantId = read.guid('MicrosoftAppTenantId');
  const microsoftAppPassword = value('MicrosoftAppPassword');
  const rawAppType = value('MicrosoftAppType');
  let microsoftAppType: AppType = 'SingleTenant';
  if (rawAppType.toLowerCase() === 'multitenant') {
    read.problem('MicrosoftAppType MultiTenant is not supported: register the bot as SingleTenant or UserAssignedMSI');
  } else {
    microsoftAppType = read.oneOf('MicrosoftAppType', APP_TYPES, 'SingleTenant');
  }
  if (microsoftAppId) {
    if (!value('MicrosoftAppTenantId')) read.problem(`MicrosoftAppTenantId is required when MicrosoftAppId is set (${microsoftAppType})`);
    const usesCertificate = value('CertificateThumbprint') !== '' || value('CertificatePrivateKey') !== '';
    if (microsoftAppType === 'SingleTenant' && !microsoftAppPassword && !usesCertificate) {
      read.problem('MicrosoftAppPassword is required for a SingleTenant bot (or CertificateThumbprint and CertificatePrivateKey)');
    }
    if (microsoftAppType === 'UserAssignedMSI' && microsoftAppPassword) {
      read.problem('MicrosoftAppPassword must be empty for UserAssignedMSI: the managed identity has no secret');
    }
  } else if (microsoftAppPassword) {
    read.problem('MicrosoftAppId is required when MicrosoftAppPassword is set');
  }

  const tablesConnectionString = value('TABLES_CONNECTION_STRING');
  if (tablesConnectionString && !/(^|;)\s*(TableEndpoint|AccountName)\s*=/i.test(tablesConnectionString) && !/^UseDevelopmentStorage=true$/i.test(tablesConnectionString)) {
    read.problem('TABLES_CONNECTION_STRING is not a storage connection string (expected AccountName=… or TableEndpoint=…)');
  }
  const tablesEndpoint = tableEndpoint(read);
  const tablesIdentityClientId = read.guid('TABLES_IDENTITY_CLIENT_ID') || (tablesEndpoint && microsoftAppType === 'UserAssignedMSI' ? microsoftAppId : '');
  if (tablesConnectionString && value('TABLES_ENDPOINT')) {
    read.problem('TABLES_CONNECTION_STRING and TABLES_ENDPOINT are both set: set TABLES_ENDPOINT (with a managed identity) or the connection string, not both');
  } else if (!tablesConnectionString && !value('TABLES_ENDPOINT') && microsoftAppId && purpose === 'run') {
    read.problem('TABLES_ENDPOINT (or TABLES_CONNECTION_STRING) is required when MicrosoftAppId is set: the embedded Table Storage is for local use only');
  }
  if (value('TABLES_IDENTITY_CLIENT_ID') && !value('TABLES_ENDPOINT')) {
    read.problem('TABLES_IDENTITY_CLIENT_ID is only used with TABLES_ENDPOINT: set TABLES_ENDPOINT too, or leave it empty');
  }
  const tablePrefix = value('TABLE_PREFIX');
  if (tablePrefix && !TABLE_PREFIX.test(tablePrefix)) {
    read.problem(`TABLE_PREFIX must start with a letter and hold at most 30 letters and digits, got "${tablePrefix}"`);
  }

  const allowedTenants = value('ALLOWED_TENANTS')
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
  const badTenant = allowedTenants.find((t) => !GUID.test(t));
  if (badTenant) read.problem(`ALLOWED_TENANTS must be a comma-separated list of tenant GUIDs, got "${badTenant}"`);

  const timezone = value('TIMEZONE') || 'Europe/Berlin';
  if (timeZoneProblem(timezone)) read.problem(`TIMEZONE must be an IANA time zone such as Europe/Berlin, got "${timezone}"`);

  const applicationInsightsConnectionString = value('APPLICATIONINSIGHTS_CONNECTION_STRING');
  if (applicationInsightsConnectionString && !APPLICATION_INSIGHTS.test(applicationInsightsConnectionString)) {
    read.problem('APPLICATIONINSIGHTS_CONNECTION_STRING is not an Application Insights connection string (expected InstrumentationKey=GUID;IngestionEndpoint=…)');
  }

  const botDomain = value('BOT_DOMAIN').toLowerCase();
  if (botDomain && !HOST_NAME.test(botDomain)) read.problem(`BOT_DOMAIN must be a host name without scheme or path, got "${botDomain}"`);

  const botFramework: Partial<Record<(typeof BOT_FRAMEWORK_PASS_THROUGH)[number], string>> = {};
  for (const name of BOT_FRAMEWORK_PASS_THROUGH) {
    if (value(name)) botFramework[name] = value(name);
  }

  const delivery: DeliveryConfig = Object.freeze({
    maxAttempts: read.integer('DELIVERY_MAX_ATTEMPTS', 8, 1, 50),
    retryBaseMs: read.integer('DELIVERY_RETRY_BASE_MS', 500, 10, 60_000),
    retryMaxMs: read.integer('DELIVERY_RETRY_MAX_MS', 300_000, 1_000, 86_400_000),
    concurrency: read.integer('DELIVERY_CONCURRENCY', 8, 1, 64),
    sweepSeconds: read.integer('DELIVERY_SWEEP_SECONDS', 30, 1, 3_600),
    // A request is given up 5 s before its claim ends (pipeline.ts, requestTimeoutMs): at least 5 s for it.
    claimSeconds: read.integer('DELIVERY_CLAIM_SECONDS', 20, 10, 3_600),
  });
  if (delivery.retryBaseMs > delivery.retryMaxMs) read.problem(`DELIVERY_RETRY_BASE_MS (${delivery.retryBaseMs}) must not exceed DELIVERY_RETRY_MAX_MS (${delivery.retryMaxMs})`);
  const scheduler: SchedulerConfig = Object.freeze({
    graceMinutes: read.integer('SCHEDULER_GRACE_MINUTES', 360, 0, 10_080),
    leaseSeconds: read.integer('SCHEDULER_LEASE_SECONDS', 60, 10, 3_600),
    tickSeconds: read.integer('SCHEDULER_TICK_SECONDS', 15, 1, 3_600),
  });

  const retention: RetentionConfig = Object.freeze({
    deliveryDays: read.integer('DELIVERY_RETENTION_DAYS', 90, 1, 3_650),
    jobRunDays: read.integer('SCHEDULER_RETENTION_DAYS', 90, 1, 3_650),
  });

  return Object.freeze({
    port,
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppType,
    microsoftAppTenantId,
    tablesConnectionString,
    tablesEndpoint,
    tablesIdentityClientId,
    dataDir: path.resolve(value('DATA_DIR') || '.data'),
    tablePrefix,
    allowedTenants,
    defaultLocale: read.oneOf('DEFAULT_LOCALE', LOCALES, 'de'),
    forceLocale: read.value('FORCE_LOCALE') === '' ? '' : read.oneOf<Locale>('FORCE_LOCALE', LOCALES, 'de'),
    timezone,
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    applicationInsightsConnectionString,
    sampleData: read.boolean('SAMPLE_DATA', tablesConnectionString === '' && tablesEndpoint === ''),
    maxRequestBytes: read.integer('MAX_REQUEST_BYTES', 262_144, 1_024, 10_485_760),
    directoryRefreshSeconds: read.integer('ASK_REFRESH_SECONDS', 5, 1, 30),
    botDomain,
    teamsAppId: read.guid('TEAMS_APP_ID') || microsoftAppId,
    ssoAppId: read.guid('SSO_APP_ID') || microsoftAppId,
    botFramework: Object.freeze(botFramework),
    delivery,
    scheduler,
    retention,
  });
}

/**
 * `TABLES_ENDPOINT`: an https URL of a Table service, without credentials, query or fragment (a SAS token would be
 * a secret in the configuration), normalised without a trailing slash. A path is kept: the emulator's endpoints
 * name the account in it (`https://127.0.0.1:10002/devstoreaccount1`).
 */
function tableEndpoint(read: Settings): string {
  const raw = read.value('TABLES_ENDPOINT');
  if (raw === '') return '';
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) {
    // Only the address up to the path is repeated: whatever follows may be a SAS token.
    const shown = url ? `${url.protocol}//${url.host}${url.pathname}` : raw.replace(/[?#@].*$/s, '…');
    read.problem(`TABLES_ENDPOINT must be the https address of a Table service without credentials or query, e.g. https://ACCOUNT.table.core.windows.net, got "${shown}"`);
    return '';
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
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

/** A real calendar date written `yyyy-MM-dd`. */
function isLocalDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}
