/**
 * Child process that runs Azurite's Table service for {@link startTableServer}.
 *
 * Why a separate process: restify adds methods to `http.IncomingMessage.prototype`, among them `query()`,
 * and Azurite's express then believes the query string is already parsed and ignores `$filter` — every
 * query silently returns the whole table. Azurite in its own process is unaffected.
 *
 * Protocol (IPC): argv = [dbPath | '', port, certFile?, keyFile?, oauth?] (with a certificate and key it serves
 * https; oauth `basic` makes it accept Entra bearer tokens, checked for issuer, audience and lifetime but not
 * signature); sends `{ ready: true, port }` once listening, or
 * `{ error }`; on the message `shutdown`, or when the parent disappears, writes the data to disk and exits.
 * SIGINT is ignored: Ctrl-C reaches the whole process group, and the parent decides when storage may stop
 * (after the requests in flight are answered).
 */
import { Transform, type TransformCallback } from 'node:stream';
import ExpressRequestAdapter from 'azurite/dist/src/table/generated/ExpressRequestAdapter';
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
import TableServer from 'azurite/dist/src/table/TableServer';

/**
 * Re-cuts a byte stream so that no piece ends inside a UTF-8 character. Azurite 3.35 reads a single-entity
 * request body by turning each piece into a string on its own (`segments.join("")` in its serializer), so a
 * body above 64 KiB whose piece boundary falls inside "ä" or "€" was stored with U+FFFD in place of the
 * character. With whole characters per piece that decoding is exact; byte-wise readers (batches) are unaffected.
 */
class WholeCharacters extends Transform {
  private pending: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const end = completeLength(data);
    this.pending = data.subarray(end);
    callback(null, data.subarray(0, end));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.pending);
  }
}

/** The length of the longest prefix of `data` that does not end inside a UTF-8 character. */
function completeLength(data: Buffer): number {
  let start = data.length - 1;
  // Continuation bytes are 10xxxxxx; a character has at most three of them after its lead byte.
  while (start >= 0 && data.length - start <= 3 && (data[start]! & 0xc0) === 0x80) start--;
  if (start < 0) return data.length;
  const lead = data[start]!;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return data.length - start < size ? start : data.length;
}

const wholeCharacterBodies = new WeakMap<NodeJS.ReadableStream, NodeJS.ReadableStream>();
const readBody = ExpressRequestAdapter.prototype.getBodyStream;
ExpressRequestAdapter.prototype.getBodyStream = function getBodyStream(this: ExpressRequestAdapter): NodeJS.ReadableStream {
  const request = readBody.call(this);
  let body = wholeCharacterBodies.get(request);
  if (!body) {
    const recut = new WholeCharacters();
    request.on('error', (error: Error) => recut.destroy(error));
    body = request.pipe(recut);
    wholeCharacterBodies.set(request, body);
  }
  return body;
};

async function main(): Promise<void> {
  const [dbPath = '', portText = '0', cert = '', key = '', oauth = ''] = process.argv.slice(2);
  const inMemory = dbPath === '';
  const configuration = new TableConfiguration(
    '127.0.0.1',
    Number(portText),
    undefined,
    inMemory ? 'in-memory' : dbPath, // with memory persistence the path is only a name
    false,
    false,
    undefined,
    undefined,
    false,
    true, // skipApiVersionCheck: the SDK may be newer than the emulator
    cert,
    key,
    '',
    oauth || undefined,
    false,
    inMemory,
  );
  const server = new TableServer(configuration);
  await server.start();
  const port = Number(new URL(server.getHttpServerAddress()).port);

  let closing: Promise<void> | undefined;
  const shutdown = () => {
    closing ??= server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', shutdown);
  process.on('message', (message) => {
    if (message === 'shutdown') shutdown();
  });
  process.on('disconnect', shutdown);
  process.send?.({ ready: true, port });
}

main().catch((error: unknown) => {
  process.send?.({ error: (error as Error).message });
  process.exit(1);
});
