import { ConfigError, loadConfig } from './config';
import { startApp } from './app';
import { createLogger } from './logger';
import { DataDirInUseError } from './storage/embedded-table-storage';

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
    if (error instanceof DataDirInUseError) {
      process.stderr.write(`${error.message}. Stop it first, or set another DATA_DIR.\n`);
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
