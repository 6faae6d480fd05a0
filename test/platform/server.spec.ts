import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sinon from 'sinon';
import { openStorage } from '../../src/platform/storage';
import { spawnBot, type BotProcess } from '../support/bot-process';
import { TeamsActivities } from '../support/activities';
import { StorageOutage } from '../support/storage-outage';
import { TeamsConnector } from '../support/teams-connector';
import { SAMPLE_COORDINATOR, startTestBot, type TestBot } from '../support/test-bot';
import { canConnect } from '../support/inspect';
import { testConnectionString, uniquePrefix } from '../support/hooks';
import { IdentityProvider } from '../support/identity-provider';

const VERSION = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TURN_FAILED_DE = 'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.';
const TURN_FAILED_EN = 'Sorry, something went wrong on my side. Please try again in a moment.';

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}


/** Posts raw bytes to /api/messages with the given headers; resolves with the status code. */
function postRaw(url: string, body: Buffer, headers: Record<string, string>, chunked = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/api/messages`, { method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(body.length) } }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    request.once('error', reject);
    if (chunked) {
      // Sent in pieces without a Content-Length, as a chunked upload.
      for (let i = 0; i < body.length; i += 1024) request.write(body.subarray(i, i + 1024));
      request.end();
    } else request.end(body);
  });
}

const BOUNDARY = 'kuemmerer-test-boundary';

/** A multipart/form-data body with a text field and a file of `fileBytes` bytes, as a browser's upload form sends it. */
function multipart(field: string, fileBytes: number): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="activity"\r\n\r\n${field}\r\n`),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.alloc(fileBytes, 0x41),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/** The files and folders in `dir`, sorted; the test's TypeScript loader keeps its compile cache there too (`tsx-UID`). */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => !/^tsx-\d+$/.test(name))
    .sort();
}

/** The activity as JSON, its text padded so that the body is exactly `bytes` long. */
function bodyOfSize(activity: Record<string, unknown>, bytes: number): Buffer {
  const base = Buffer.byteLength(JSON.stringify({ ...activity, text: '' }));
  assert.ok(bytes >= base, `the activity alone is ${base} bytes`);
  return Buffer.from(JSON.stringify({ ...activity, text: 'x'.repeat(bytes - base) }));
}

describe('HTTP server', () => {
  afterEach(() => sinon.restore());

  describe('GET /healthz', () => {
    let bot: TestBot;
    afterEach(async () => bot.close());

    it('answers 200 with status and storage ok, the version and the uptime while storage answers', async () => {
      bot = await startTestBot();
      const { status, body } = await getJson(`${bot.app.url}/healthz`);
      assert.equal(status, 200);
      const uptimeSeconds = (body as { uptimeSeconds: number }).uptimeSeconds;
      assert.ok(Number.isInteger(uptimeSeconds) && uptimeSeconds >= 0);
      assert.deepEqual(body, { status: 'ok', storage: 'ok', version: VERSION, uptimeSeconds });
    });

    describe('with its own Table Storage', () => {
      let storage: StorageOutage;
      beforeEach(async () => {
        storage = await StorageOutage.start();
        bot = await startTestBot({ TABLES_CONNECTION_STRING: storage.connectionString });
      });
      afterEach(async () => storage.dispose());

      it('answers 503 with storage unreachable while Table Storage is down', async () => {
        await storage.stop();
        const { status, body } = await getJson(`${bot.app.url}/healthz`);
        assert.equal(status, 503);
        assert.equal((body as { status: string }).status, 'degraded');
        assert.equal((body as { storage: string }).storage, 'unreachable');
      });

      it('answers 200 again once Table Storage is back', async () => {
        await storage.stop();
        assert.equal((await getJson(`${bot.app.url}/healthz`)).status, 503);
        await storage.restart();
        const { status, body } = await getJson(`${bot.app.url}/healthz`);
        assert.equal(status, 200);
        assert.equal((body as { storage: string }).storage, 'ok');
      });
    });
  });

  describe('request body limit', () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ MAX_REQUEST_BYTES: '4096' });
    });
    afterEach(async () => bot.close());

    async function nothingProcessed(): Promise<void> {
      assert.deepEqual(bot.connector.calls, []);
      assert.equal(bot.connector.memberLookupCount, 0);
      assert.deepEqual(await bot.app.storage.repos.conversations.list('personal'), []);
    }

    it('refuses a body one byte above MAX_REQUEST_BYTES with 413 and processes nothing', async () => {
      const status = await postRaw(bot.app.url, bodyOfSize(bot.teams.personalMessage('hilfe'), 4097), { 'content-type': 'application/json' });
      assert.equal(status, 413);
      await nothingProcessed();
    });

    it('refuses a chunked body above the limit with 413 and processes nothing', async () => {
      const status = await postRaw(bot.app.url, bodyOfSize(bot.teams.personalMessage('hilfe'), 20_000), { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, true);
      assert.equal(status, 413);
      await nothingProcessed();
    });

    it('refuses with 415 a compressed body that is small but unpacks to more than the limit, and processes nothing', async () => {
      const packed = zlib.gzipSync(bodyOfSize(bot.teams.personalMessage('hilfe'), 200_000));
      assert.ok(packed.length < 4096);
      const status = await postRaw(bot.app.url, packed, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      assert.equal(status, 415);
      await nothingProcessed();
    });

    it('refuses with 413 a body announced above the limit before the body is sent', async () => {
      // Only the headers and a few bytes go out: a server that read the body first would never answer.
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request(`${bot.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '10000000' } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
          request.destroy();
        });
        request.once('error', reject);
        request.write('{"type":');
      });
      assert.equal(status, 413);
      await nothingProcessed();
    });

    it('accepts a body of exactly MAX_REQUEST_BYTES', async () => {
      const status = await postRaw(bot.app.url, bodyOfSize(bot.teams.personalMessage('hilfe'), 4096), { 'content-type': 'application/json' });
      assert.equal(status, 200);
      assert.equal(bot.connector.activities.length, 1);
    });
  });

  describe('malformed requests', () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot();
    });
    afterEach(async () => bot.close());

    for (const [what, body, contentType] of [
      ['a body that is not JSON', '{"type": "message", "text": ', 'application/json'],
      ['a JSON array', '[{"type": "message"}]', 'application/json'],
      ['an activity without a type', JSON.stringify({ text: 'hilfe', channelId: 'msteams' }), 'application/json'],
      ['an activity whose type is not a string', JSON.stringify({ type: 7, text: 'hilfe' }), 'application/json'],
      ['JSON null', 'null', 'application/json'],
    ] as const) {
      it(`answers 400 to ${what} and processes nothing`, async () => {
        const status = await postRaw(bot.app.url, Buffer.from(body), { 'content-type': contentType });
        assert.equal(status, 400);
        assert.deepEqual(bot.connector.calls, []);
        assert.deepEqual(await bot.app.storage.repos.conversations.list('personal'), []);
      });
    }

    it('answers 405 to a GET on /api/messages', async () => {
      assert.equal((await fetch(`${bot.app.url}/api/messages`)).status, 405);
    });
  });

  describe('content types on /api/messages', () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot();
    });
    afterEach(async () => bot.close());

    async function nothingProcessed(): Promise<void> {
      assert.deepEqual(bot.connector.calls, []);
      assert.deepEqual(await bot.app.storage.repos.conversations.list('personal'), []);
    }

    const activityJson = () => JSON.stringify(bot.teams.personalMessage('hilfe'));
    for (const [what, contentType, body] of [
      // What a web page can send cross-site without a CORS preflight: a form, an upload, plain text.
      ['a form body', 'application/x-www-form-urlencoded', () => `type=message&text=hilfe&serviceUrl=${encodeURIComponent(bot.connector.serviceUrl)}`],
      ['a multipart upload', `multipart/form-data; boundary=${BOUNDARY}`, () => multipart(activityJson(), 1_000).toString('latin1')],
      ['an activity declared as plain text', 'text/plain', activityJson],
      ['an activity declared as JSON in another character set', 'application/json; charset=iso-8859-1', activityJson],
      ['an activity declared as another JSON type', 'application/merge-patch+json', activityJson],
    ] as const) {
      it(`answers 415 to ${what} and processes nothing`, async () => {
        const status = await postRaw(bot.app.url, Buffer.from(body(), 'latin1'), { 'content-type': contentType });
        assert.equal(status, 415);
        await nothingProcessed();
      });
    }

    it('answers 415 to a body without a content type and processes nothing', async () => {
      const status = await postRaw(bot.app.url, Buffer.from(activityJson()), {});
      assert.equal(status, 415);
      await nothingProcessed();
    });

    it('answers 415 to a form as soon as the headers arrive, before the body is sent', async () => {
      // Only the headers and a few bytes go out: a server that read the body first would never answer.
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request(`${bot.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': '100000' } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
          request.destroy();
        });
        request.once('error', reject);
        request.write(`--${BOUNDARY}\r\n`);
      });
      assert.equal(status, 415);
      await nothingProcessed();
    });

    for (const contentType of ['application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"']) {
      it(`answers an activity declared as ${contentType}`, async () => {
        const status = await postRaw(bot.app.url, Buffer.from(activityJson()), { 'content-type': contentType });
        assert.equal(status, 200);
        assert.equal(bot.connector.activities.length, 1);
      });
    }
  });

  describe('a bot process with an app id, listening on every interface', () => {
    let idp: IdentityProvider;
    let tmp: string;
    let bot: BotProcess | undefined;
    before(async () => {
      idp = await IdentityProvider.start({ appId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', tenantId: '7d1e5f3a-2c4b-4a9e-8f10-1b2c3d4e5f60', clientSecret: 'test-only-secret-Zq8~kP2vL5' });
    });
    after(async () => idp.close());
    afterEach(async () => {
      await bot?.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('refuses uploads without a token with 415 and leaves no file in the temporary folder', async function () {
      this.timeout(60_000);
      // The bot's own temporary folder: where a multipart parser would put uploaded files (os.tmpdir()).
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kuemmerer-uploads-'));
      bot = await spawnBot({ ...idp.botEnvironment(), TMPDIR: tmp, TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix(), SAMPLE_DATA: 'false' });
      const before = filesUnder(tmp);
      const upload = multipart('{"type":"message"}', 100_000);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await postRaw(bot.url, upload, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }));
      assert.deepEqual(statuses, [415, 415, 415]);
      assert.deepEqual(filesUnder(tmp), before);
    });
  });

  describe('without MicrosoftAppId', () => {
    let bot: TestBot;
    beforeEach(async () => {
      bot = await startTestBot({ MicrosoftAppId: '' });
    });
    afterEach(async () => bot.close());

    it('listens on 127.0.0.1 only', async () => {
      assert.equal(bot.app.url, `http://127.0.0.1:${bot.app.port}`);
      assert.equal(await canConnect('127.0.0.1', bot.app.port), true);
      // Linux routes all of 127/8 to the loopback device: a server bound to every interface accepts here.
      assert.equal(await canConnect('127.0.0.2', bot.app.port), false);
    });

    it('logs once, as a warning, that authentication is off', async () => {
      const lines = bot.logs.find('authentication is off');
      assert.equal(lines.length, 1);
      assert.equal(lines[0]!.msg, 'MicrosoftAppId is not set: authentication is off, listening on 127.0.0.1 only');
      assert.equal(lines[0]!.level, 40);
      assert.equal(lines[0]!.port, bot.app.port);
    });
  });

  describe('a turn that fails because storage is down', () => {
    let storage: StorageOutage;
    let bot: TestBot;
    beforeEach(async () => {
      storage = await StorageOutage.start();
      bot = await startTestBot({ TABLES_CONNECTION_STRING: storage.connectionString });
      await storage.stop();
    });
    afterEach(async () => {
      await bot.close();
      await storage.dispose();
    });

    it('tells the user exactly once, in German, that something went wrong', async () => {
      const { status } = await bot.post(bot.teams.personalMessage('hilfe'));
      assert.equal(status, 200);
      assert.deepEqual(
        bot.connector.activities.map((a) => a.body.text),
        [TURN_FAILED_DE],
      );
      assert.equal(bot.connector.activities[0]!.conversationId, `a:personal-${SAMPLE_COORDINATOR.id}`);
    });

    it('tells the user exactly once, in English, that something went wrong', async () => {
      await bot.post(bot.teams.personalMessage('help', { locale: 'en-US' }));
      assert.deepEqual(
        bot.connector.activities.map((a) => a.body.text),
        [TURN_FAILED_EN],
      );
    });

    it('logs the error once with the turn correlation id and activity id, and no secret', async () => {
      const activity = bot.teams.personalMessage('hilfe');
      await bot.post(activity);
      const failures = bot.logs.find('turn failed');
      assert.equal(failures.length, 1);
      const [line] = failures;
      assert.equal(line!.level, 50);
      assert.match(String(line!.correlationId), UUID);
      assert.equal(line!.activityId, activity.id);
      assert.equal((line!.err as { type: string }).type, 'RestError');
      const accountKey = /AccountKey=([^;]+)/.exec(storage.connectionString)![1]!;
      const all = bot.logs.raw.join('\n');
      for (const secret of [accountKey, 'SharedKey', 'AccountKey', storage.connectionString]) assert.ok(!all.includes(secret), `log contains ${secret}`);
    });

    it('gives each turn its own correlation id', async () => {
      await bot.post(bot.teams.personalMessage('hilfe'));
      await bot.post(bot.teams.personalMessage('hilfe'));
      const ids = bot.logs.find('turn failed').map((l) => l.correlationId);
      assert.equal(ids.length, 2);
      assert.notEqual(ids[0], ids[1]);
    });

    it('answers a failing card action with the friendly message in the invoke response, not in the chat', async () => {
      const { status, body } = await bot.post(bot.teams.adaptiveCardAction('checkin.submit', { status: 'green' }, { locale: 'en-US' }));
      assert.equal(status, 200);
      assert.deepEqual(body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: TURN_FAILED_EN });
      assert.deepEqual(bot.connector.calls, []);
    });

    it('answers another failing invoke with 500 and tells the user once in the chat', async () => {
      const invoke = { ...bot.teams.adaptiveCardAction('unused', {}), name: 'task/fetch', value: { data: { verb: 'project.details' } } };
      const { status } = await bot.post(invoke);
      assert.equal(status, 500);
      assert.deepEqual(bot.connector.activities.map((a) => a.body.text), [TURN_FAILED_DE]);
    });

    it('logs, and still answers the request, when the friendly message cannot be delivered either', async () => {
      bot.connector.injectFault({ method: 'POST', status: 403, body: { error: { code: 'BotDisabledByAdmin', message: 'disabled' } } });
      const { status } = await bot.post(bot.teams.personalMessage('hilfe'));
      assert.equal(status, 200);
      assert.equal(bot.logs.find('turn failed').length, 1);
      assert.equal(bot.logs.find('could not tell the user about the failed turn').length, 1);
    });

    it('answers the next turn normally once storage is back', async () => {
      await bot.post(bot.teams.personalMessage('hilfe'));
      await storage.restart();
      bot.connector.clear();
      await bot.post(bot.teams.personalMessage('hilfe'));
      const [reply] = bot.connector.activities;
      assert.equal(bot.connector.activities.length, 1);
      assert.equal(reply!.body.attachments[0].content.fallbackText, 'Hallo, ich bin Kümmerer, der Assistent der AG Digitalisierung. Schreiben Sie „hilfe“ für eine Übersicht.');
    });
  });

  describe('a bot process whose storage fails during a turn', () => {
    let storage: StorageOutage;
    let connector: TeamsConnector;
    let bot: BotProcess | undefined;
    afterEach(async () => {
      await bot?.stop();
      await connector.close();
      await storage.dispose();
    });

    it('keeps running: the user is told once, /healthz still answers and the next turn works', async () => {
      storage = await StorageOutage.start();
      connector = await TeamsConnector.start();
      bot = await spawnBot({ TABLES_CONNECTION_STRING: storage.connectionString, SAMPLE_DATA: 'true' });
      const teams = new TeamsActivities(connector.serviceUrl, SAMPLE_COORDINATOR);
      const post = (activity: Record<string, unknown>) =>
        fetch(`${bot!.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

      await storage.stop();
      assert.equal((await post(teams.personalMessage('hilfe'))).status, 200);
      assert.deepEqual(connector.activities.map((a) => a.body.text), [TURN_FAILED_DE]);
      assert.equal(bot.child.exitCode, null);
      assert.equal((await fetch(`${bot.url}/healthz`)).status, 503);

      await storage.restart();
      connector.clear();
      assert.equal((await post(teams.personalMessage('hilfe'))).status, 200);
      assert.equal(connector.activities.length, 1);
      assert.equal(connector.activities[0]!.body.attachments[0].content.version, '1.5');
      assert.equal(bot.child.exitCode, null);
    });
  });

  describe('graceful shutdown', () => {
    let dataDir: string;
    let bot: TestBot;
    let closed: Promise<void> | undefined;
    beforeEach(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuemmerer-shutdown-'));
      // The embedded Table Storage: the app owns it, so closing the app must flush and stop it.
      bot = await startTestBot({ TABLES_CONNECTION_STRING: '', DATA_DIR: dataDir });
      closed = undefined;
    });
    afterEach(async () => {
      await (closed ?? bot.close());
      await bot.connector.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** Posts a message whose reply the connector holds; resolves once the bot is waiting for that answer. */
    async function turnInFlight() {
      const hold = bot.connector.holdNextAnswer();
      const answered = bot.post(bot.teams.personalMessage('hilfe'));
      await hold.received;
      return { hold, answered };
    }

    it('stops accepting connections as soon as close() is called, while a turn is in flight', async () => {
      const { hold, answered } = await turnInFlight();
      closed = bot.app.close();
      assert.equal(await canConnect('127.0.0.1', bot.app.port), false);
      hold.release();
      assert.equal((await answered).status, 200);
    });

    it('lets the turn in flight finish before storage is closed', async () => {
      const { hold, answered } = await turnInFlight();
      const order: string[] = [];
      closed = bot.app.close().then(() => {
        order.push('closed');
      });
      void answered.then(() => order.push('answered'));
      assert.equal(await bot.app.storage.store.ping(), true, 'storage must stay open while a turn is in flight');
      hold.release();
      const { status } = await answered;
      await closed;
      assert.equal(status, 200);
      assert.deepEqual(order, ['answered', 'closed']);
    });

    it('closes the embedded storage after the turn, with what the turn wrote flushed to disk', async () => {
      const { hold, answered } = await turnInFlight();
      closed = bot.app.close();
      hold.release();
      await answered;
      await closed;
      assert.equal(await bot.app.storage.store.ping(), false);
      assert.equal(fs.existsSync(path.join(dataDir, 'table-storage.lock.json')), false);

      const reopened = await openStorage({ tablesConnectionString: '', dataDir, tablePrefix: bot.config.tablePrefix }, 'bot');
      try {
        const stored = await reopened.repos.conversations.getPersonal(SAMPLE_COORDINATOR.aadObjectId);
        assert.equal(stored?.conversationId, `a:personal-${SAMPLE_COORDINATOR.id}`);
      } finally {
        await reopened.close();
      }
    });

    it('cuts off a turn that is still stuck after the drain timeout, closes storage and says so in the log', async () => {
      const { hold, answered } = await turnInFlight();
      const outcome = answered.then(
        () => 'answered',
        () => 'cut off',
      );
      closed = bot.app.close(200);
      await closed;
      assert.equal(await bot.app.storage.store.ping(), false);
      assert.equal(bot.logs.find('still in flight after the drain timeout').length, 1);
      assert.equal(await outcome, 'cut off');
      hold.release();
    });
  });
});
