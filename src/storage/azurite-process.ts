/**
 * Child process that runs Azurite's Table service for {@link startTableServer}.
 *
 * Why a separate process: restify adds methods to `http.IncomingMessage.prototype`, among them `query()`,
 * and Azurite's express then believes the query string is already parsed and ignores `$filter` — every
 * query silently returns the whole table. Azurite in its own process is unaffected.
 *
 * Protocol (IPC): argv = [dbPath | '', port]; sends `{ ready: true, port }` once listening, or
 * `{ error }`; on the message `shutdown`, or when the parent disappears, writes the data to disk and exits.
 * SIGINT is ignored: Ctrl-C reaches the whole process group, and the parent decides when storage may stop
 * (after the requests in flight are answered).
 */
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
import TableServer from 'azurite/dist/src/table/TableServer';

async function main(): Promise<void> {
  const [dbPath = '', portText = '0'] = process.argv.slice(2);
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
    '',
    '',
    '',
    undefined,
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
