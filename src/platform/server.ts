import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { HttpRoute } from './feature';
import type { Logger } from './logger';

/** What the HTTP server needs: the adapter and bot to hand requests to, and a storage probe for `/healthz`. */
export interface ServerOptions {
  readonly adapter: CloudAdapter;
  readonly runTurn: (context: TurnContext) => Promise<void>;
  readonly storageReachable: () => Promise<boolean>;
  readonly logger: Logger;
  readonly maxRequestBytes: number;
  /** Interface to bind: loopback when authentication is off, every interface otherwise. */
  readonly host: string | undefined;
  readonly port: number;
  readonly version: string;
  /** The features' own routes (calendar files, downloads, tabs). */
  readonly routes?: readonly HttpRoute[];
}

/**
 * Refuses, before a byte of the body is read, what restify's body parser would let through or read in full:
 * a compressed body (the parser counts the compressed bytes against the limit and then unpacks without one,
 * so a small gzip body could fill the memory; the Bot Framework sends plain JSON) gets 415, and a body whose
 * Content-Length is above the limit gets 413 at once instead of after the whole upload.
 */
function refuseUnreadableBodies(maxBytes: number): restify.RequestHandler {
  return (req, res, next) => {
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const length = Number(req.headers['content-length'] ?? 0);
    const refusal = encoding !== 'identity' ? 415 : length > maxBytes ? 413 : undefined;
    if (refusal === undefined) return next();
    // The unread body stays on the connection: close it rather than read it.
    res.setHeader('connection', 'close');
    res.send(refusal, { code: refusal === 415 ? 'UnsupportedMediaType' : 'PayloadTooLarge', message: refusal === 415 ? 'compressed request bodies are not accepted' : `request body exceeds ${maxBytes} bytes` });
    return next(false);
  };
}

/** The Bot Framework's endpoint; the only route that takes activities. */
const MESSAGES_PATH = '/api/messages';

/**
 * True for `application/json`, with no charset or with `charset=utf-8` (quoted or not, in any case): what the Bot
 * Framework sends. Forms, uploads and plain text are what a web page can post cross-site without a CORS preflight.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [mediaType = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  return parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=').map((part) => part.trim());
    return name !== 'charset' || value.replace(/^"(.*)"$/, '$1') === 'utf-8';
  });
}

/**
 * Refuses with 415, before a byte of the body is read, a POST to `/api/messages` that is not declared as JSON: a
 * form or an upload is never parsed (a multipart parser writes uploaded files to disk before the authentication
 * could refuse the request), and a body a web page could send cross-site never reaches the bot.
 */
function refuseNonJsonActivities(): restify.RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.getPath() !== MESSAGES_PATH || isJsonContentType(req.headers['content-type'])) return next();
    res.setHeader('connection', 'close');
    res.send(415, { code: 'UnsupportedMediaType', message: 'the body must be a Bot Framework activity sent as application/json' });
    return next(false);
  };
}

/** A JSON object with a non-empty string `type`: what the adapter needs before it can even authenticate. */
function isActivityShaped(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { type } = body as { type?: unknown };
  return typeof type === 'string' && type.trim() !== '';
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  /**
   * Stops accepting requests and resolves when the requests in flight have been answered, or after
   * `drainTimeoutMs` (default 20 s: Teams gives up on a message turn after about 15 s and retries it), when the
   * connections still open are cut so that a turn stuck on a dead connector cannot hold a shutdown forever.
   */
  close(drainTimeoutMs?: number): Promise<void>;
}

/**
 * The HTTP edge: `POST /api/messages` through the Bot Framework adapter and `GET /healthz`. The bot itself
 * never touches HTTP. Bodies beyond the limit are refused with 413, compressed ones and (on `/api/messages`)
 * anything but JSON with 415, before they are read.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = restify.createServer({ name: 'kuemmerer', handleUncaughtExceptions: false });
  const started = Date.now();
  let inFlight = 0;
  let drained: (() => void) | undefined;

  server.pre(refuseUnreadableBodies(options.maxRequestBytes));
  server.pre(refuseNonJsonActivities());
  // JSON only, read into memory up to the limit, and only on the routes that take a body: no form or multipart
  // parser anywhere (restify's bodyParser would write uploads to the temporary folder).
  const jsonBody = [restify.plugins.bodyReader({ maxBodySize: options.maxRequestBytes }), ...restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true })];

  server.post(MESSAGES_PATH, jsonBody, async (req: restify.Request, res: restify.Response) => {
    if (!isActivityShaped(req.body)) {
      // botbuilder would throw on it outside its own error handling, which answers 500.
      options.logger.warn('request to /api/messages refused: the body is not an activity');
      res.send(400, { code: 'BadRequest', message: 'the body must be a Bot Framework activity with a type' });
      return;
    }
    inFlight++;
    try {
      await options.adapter.process(req, res, options.runTurn);
    } catch (error) {
      options.logger.error({ err: error }, 'request to /api/messages failed');
      if (!res.headersSent) res.send(500);
    } finally {
      inFlight--;
      if (inFlight === 0) drained?.();
    }
  });

  for (const route of options.routes ?? []) {
    const handler: restify.RequestHandlerType = async (req: restify.Request, res: restify.Response) => {
      try {
        await route.handle(req, res);
      } catch (error) {
        options.logger.error({ err: error, path: route.path }, 'HTTP route failed');
        if (!res.headersSent) res.send(500);
      }
    };
    if (route.method === 'GET') server.get(route.path, handler);
    else server.post(route.path, jsonBody, handler);
  }

  server.get('/healthz', async (_req, res) => {
    const storage = await options.storageReachable();
    res.send(storage ? 200 : 503, {
      status: storage ? 'ok' : 'degraded',
      storage: storage ? 'ok' : 'unreachable',
      version: options.version,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
    });
  });

  await new Promise<void>((resolve, reject) => {
    // restify re-emits the HTTP server's errors on itself; without a listener there, EADDRINUSE would crash
    // the process instead of rejecting the start.
    server.once('error', reject);
    if (options.host) server.listen(options.port, options.host, () => resolve());
    else server.listen(options.port, () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  const host = options.host ?? 'localhost';

  return {
    port: address.port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    async close(drainTimeoutMs = 20_000) {
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          new Promise<false>((resolve) => (drained = () => resolve(false))),
          new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), drainTimeoutMs))),
        ]);
        clearTimeout(timer);
        if (timedOut) options.logger.warn({ inFlight, drainTimeoutMs }, 'shutdown: requests still in flight after the drain timeout are cut off');
      }
      server.server.closeAllConnections();
      await closed;
    },
  };
}
