import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tableCredential } from '../../../src/platform/storage/credential';
import { startTableServer } from '../../../src/platform/storage/embedded-table-storage';
import { spawnBot, type BotProcess } from '../../support/bot-process';
import { uniquePrefix } from '../../support/hooks';
import { ManagedIdentityEndpoint } from '../../support/managed-identity-endpoint';
import { runCliProcess } from '../../support/process-rig';
import { TempDirs } from '../../support/temp-dirs';
import { loopbackCertificate, type LoopbackCertificate } from '../../support/tls';

/** The client id of the user-assigned managed identity the template gives the bot. */
const CLIENT_ID = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

/**
 * Tables without secrets, as in Azure: the bot and the command line reach a Table service that accepts only Entra
 * bearer tokens (Azurite over https with its OAuth check: issuer, audience `https://storage.azure.com`, lifetime),
 * with `TABLES_ENDPOINT` and no connection string; the token comes from `ManagedIdentityCredential` through App
 * Service's identity endpoint (a stand-in on loopback). The processes trust the emulator's certificate through
 * `NODE_EXTRA_CA_CERTS`, as they would a private certificate authority.
 */
describe('Table Storage reached with a managed identity (TABLES_ENDPOINT)', function () {
  this.timeout(60_000);
  const dirs = new TempDirs();
  let tls: LoopbackCertificate;
  let tables: Awaited<ReturnType<typeof startTableServer>>;
  let identity: ManagedIdentityEndpoint;
  let bot: BotProcess | undefined;

  before(async () => {
    tls = await loopbackCertificate();
    tables = await startTableServer({ tls: { certFile: tls.certFile, keyFile: tls.keyFile }, oauth: true });
    identity = await ManagedIdentityEndpoint.start();
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    identity.requests.length = 0;
    identity.audience = undefined;
  });
  after(async () => {
    await identity?.close();
    await tables?.close();
    tls?.remove();
    dirs.removeAll();
  });

  function environment(): Record<string, string> {
    return {
      TABLES_ENDPOINT: tables.endpoint,
      TABLES_IDENTITY_CLIENT_ID: CLIENT_ID,
      TABLE_PREFIX: uniquePrefix(),
      NODE_EXTRA_CA_CERTS: tls.certFile,
      LOG_LEVEL: 'info',
      ...identity.environment(),
    };
  }

  it('starts with a token of its managed identity for storage, and reports storage reachable', async () => {
    bot = await spawnBot(environment());
    const health = await fetch(`${bot.url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { storage: string }).storage, 'ok');
    assert.ok(identity.requests.length > 0, 'the identity endpoint was asked');
    for (const request of identity.requests) assert.deepEqual(request, { resource: 'https://storage.azure.com', clientId: CLIENT_ID, header: identity.secretHeader });
  });

  it('keeps what the command line imports, read back through the token', async () => {
    const env = environment();
    const cwd = dirs.make();
    const file = path.join(cwd, 'municipalities.csv');
    fs.writeFileSync(file, 'name,kind,website\nOlfen,municipality,https://www.olfen.de\nKreis Coesfeld,district,\n');
    const imported = await runCliProcess(['import', 'municipalities', file], env, cwd);
    assert.equal(imported.code, 0, imported.stderr);
    const exported = await runCliProcess(['export', 'municipalities', 'out.csv'], env, cwd);
    assert.equal(exported.code, 0, exported.stderr);
    // The export is UTF-8 with a byte order mark, for Excel.
    assert.equal(fs.readFileSync(path.join(cwd, 'out.csv'), 'utf8'), '\ufeffname,kind,website\nKreis Coesfeld,district,\nOlfen,municipality,https://www.olfen.de\n');
  });

  it('does not start when the table service refuses the token (one meant for another resource)', async () => {
    identity.audience = 'https://management.azure.com';
    const started = await spawnBot(environment()).then(
      (running) => running,
      (error: Error) => error,
    );
    if (!(started instanceof Error)) {
      bot = started;
      assert.fail('the bot started although every request to storage is refused');
    }
    assert.match(started.message, /bot exited with 1 before it was ready/);
    assert.match(started.message, /"msg":"start failed"/);
    assert.match(started.message, /"statusCode":403/);
  });
});

describe('the credential for TABLES_ENDPOINT', () => {
  it('is the user-assigned managed identity named by TABLES_IDENTITY_CLIENT_ID', async () => {
    // By name: the library is loaded with import() there, which may give its ES module build, not this file's.
    assert.equal((await tableCredential({ tablesIdentityClientId: CLIENT_ID })).constructor.name, 'ManagedIdentityCredential');
  });

  it('is DefaultAzureCredential when no identity is named (environment, workload identity, managed identity, az login)', async () => {
    assert.equal((await tableCredential({ tablesIdentityClientId: '' })).constructor.name, 'DefaultAzureCredential');
  });
});
