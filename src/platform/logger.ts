import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger } from 'pino';

/**
 * Structured JSON logs. Secrets that could travel in an object we log (auth headers, passwords, connection
 * strings) are censored by path, so a careless `log.info({ req })` cannot leak them.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'kuemmerer' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: serializeError },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          '*.headers.authorization',
          'password',
          '*.password',
          'microsoftAppPassword',
          '*.microsoftAppPassword',
          'connectionString',
          '*.connectionString',
          'tablesConnectionString',
          '*.tablesConnectionString',
          'applicationInsightsConnectionString',
          '*.applicationInsightsConnectionString',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * Errors are logged by name, message, code, status and stack only. SDK errors carry the request that failed,
 * headers and all (a storage `Authorization: SharedKey …` signature, a bearer token); none of that is logged.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, statusCode } = error as Error & { code?: unknown; statusCode?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(code !== undefined ? { code } : {}),
    ...(statusCode !== undefined ? { statusCode } : {}),
    stack: error.stack,
  };
}
