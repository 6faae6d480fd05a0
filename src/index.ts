import { loadConfig, startApp, type Config } from './app';
import { ConfigError } from './platform/config';
import { createLogger } from './platform/logger';
import { DataDirInUseError, DataDirUnusableError } from './platform/storage/embedded-table-storage';

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
 * Entry point of `npm start`: configuration → logger → app. A configuration problem stops the start with
 * one line per variable. SIGINT (Ctrl-C) and SIGTERM stop gracefully: requests in flight are answered and
 * the embedded storage is written to disk before the process exits.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`Configuration error: ${problem}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
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
      .then(() => {
        logger.info('stopped');
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
