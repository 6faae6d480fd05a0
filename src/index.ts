import type { Config } from './app';
import { ConfigError, platformConfig, readEnvironment, Settings } from './platform/config';
import { DataDirInUseError, DataDirUnusableError } from './platform/storage/embedded-table-storage';
import { startTelemetry, type Telemetry } from './platform/telemetry';

/**
 * The one line an operator needs when the start fails for a reason they can fix (a folder or port taken or
 * unusable), naming the variable; undefined for anything unexpected, which is logged in full.
 */
function startFailureLine(error: unknown, config: Config): string | undefined {
  if (error instanceof DataDirInUseError) return `${error.message}. Stop it first, or set another DATA_DIR.`;
  if (error instanceof DataDirUnusableError) return error.message;
  if ((error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE') return `PORT ${config.port} is already in use by another program. Stop it, or set another PORT.`;
  return undefined;
}

/**
 * Telemetry, when configured, starts before the app is loaded: OpenTelemetry instruments HTTP, the Azure SDK and
 * pino as they are loaded. A configuration with problems starts none (they are reported with the rest).
 */
async function telemetryFirst(env: ReturnType<typeof readEnvironment>): Promise<Telemetry | undefined> {
  const read = new Settings(env);
  const platform = platformConfig(read);
  return read.problems.length === 0 ? startTelemetry(platform.applicationInsightsConnectionString) : undefined;
}

/**
 * Entry point of `npm start`: configuration → telemetry → logger → app. A configuration problem stops the start
 * with one line per variable. SIGINT (Ctrl-C) and SIGTERM stop gracefully: requests in flight are answered, the
 * embedded storage is written to disk and buffered telemetry is sent before the process exits.
 */
async function main(): Promise<void> {
  const env = readEnvironment();
  const telemetry = await telemetryFirst(env);
  const [{ parseConfig, startApp }, { createLogger }] = await Promise.all([import('./app.js'), import('./platform/logger.js')]);
  let config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`Configuration error: ${problem}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  if (telemetry) logger.info('telemetry to Application Insights is on');
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  let app;
  try {
    app = await startApp(config, { logger });
  } catch (error) {
    const line = startFailureLine(error, config);
    if (line) {
      process.stderr.write(`${line}\n`);
      process.exit(1);
    }
    logger.fatal({ err: error }, 'start failed');
    await telemetry?.shutdown().catch(() => undefined);
    process.exit(1);
  }
  logger.info({ url: `${app.url}/api/messages` }, 'Kümmerer is ready');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    app
      .close()
      .then(async () => {
        logger.info('stopped');
        await telemetry?.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'telemetry could not send what was buffered'));
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
