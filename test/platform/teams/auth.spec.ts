import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sinon from 'sinon';
import { TeamsActivities } from '../../support/activities';
import { spawnBot, turnDone, type BotProcess } from '../../support/bot-process';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { CHANNEL_SCOPE, IdentityProvider } from '../../support/identity-provider';
import { TeamsConnector } from '../../support/teams-connector';
import { SAMPLE_COORDINATOR, startTestBot, type TestBot } from '../../support/test-bot';
import { canConnect, storedConversations } from '../../support/inspect';

const REGISTRATION = {
  appId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  tenantId: '7d1e5f3a-2c4b-4a9e-8f10-1b2c3d4e5f60',
  clientSecret: 'test-only-secret-Zq8~kP2vL5',
};
const OTHER_APP_ID = 'f0f0f0f0-1111-4222-8333-444444444444';


describe('Bot Framework authentication', () => {
  let idp: IdentityProvider;
  before(async () => {
    // One provider for the whole file: botbuilder caches its keys per metadata URL for the life of the process.
    idp = await IdentityProvider.start(REGISTRATION);
  });
  after(async () => idp.close());
  afterEach(() => sinon.restore());

  describe('with an app id, in process', () => {
    let bot: TestBot;
    beforeEach(async () => {
      // botbuilder writes every refused token to console.error besides our log; keep the test output readable.
      sinon.stub(console, 'error');
      bot = await startTestBot(idp.botEnvironment());
    });
    afterEach(async () => bot.close());

    const storedAll = () => storedConversations(bot.app.storage.repos.conversations);

    /** Posts a personal "hilfe" with the given Authorization header value (none when undefined). */
    async function postWith(authorization: string | undefined) {
      return bot.post(bot.teams.personalMessage('hilfe'), authorization === undefined ? {} : { authorization });
    }

    async function assertRefused(response: { status: number }): Promise<void> {
      assert.equal(response.status, 401);
      assert.deepEqual(bot.connector.calls, []);
      assert.deepEqual(await storedAll(), []);
      assert.equal(idp.tokenRequests.length, 0);
    }

    it('refuses a request without a token with 401 and processes nothing', async () => {
      await assertRefused(await postWith(undefined));
    });

    it('refuses a token that is not a Bearer token with 401', async () => {
      await assertRefused(await postWith(`Basic ${Buffer.from(`${REGISTRATION.appId}:${REGISTRATION.clientSecret}`).toString('base64')}`));
    });

    it('refuses a token for another app id with 401', async () => {
      await assertRefused(await postWith(`Bearer ${await idp.channelToken(bot.connector.serviceUrl, { audience: OTHER_APP_ID })}`));
    });

    it('refuses an expired token with 401', async () => {
      // Ten minutes past: beyond the five minutes of clock skew botbuilder allows.
      await assertRefused(await postWith(`Bearer ${await idp.channelToken(bot.connector.serviceUrl, { expiresIn: -600 })}`));
    });

    it('refuses a token that is not valid yet with 401', async () => {
      await assertRefused(await postWith(`Bearer ${await idp.channelToken(bot.connector.serviceUrl, { notBefore: 600 })}`));
    });

    it('refuses a token whose signature does not match the published key with 401', async () => {
      await assertRefused(await postWith(`Bearer ${await idp.channelToken(bot.connector.serviceUrl, { foreignKey: true })}`));
    });

    it('refuses a token signed with a key the key set does not list with 401', async () => {
      await assertRefused(await postWith(`Bearer ${await idp.channelToken(bot.connector.serviceUrl, { kid: 'unknown-key' })}`));
    });

    it('refuses a token signed with a published key that is endorsed for another channel only with 401', async () => {
      await assertRefused(await postWith(`Bearer ${await idp.channelToken(bot.connector.serviceUrl, { otherChannelKey: true })}`));
    });

    it('says in the log that the key is not endorsed for the channel', async () => {
      await postWith(`Bearer ${await idp.channelToken(bot.connector.serviceUrl, { otherChannelKey: true })}`);
      const [line] = bot.logs.find('request refused: no valid Bot Framework token');
      assert.match(String(line!.reason), /^Could not validate endorsement for key: kuemmerer-test-webchat-[0-9a-f-]+ with endorsements: webchat$/);
    });

    it('refuses a token from another issuer with 401', async () => {
      await assertRefused(await postWith(`Bearer ${await idp.channelToken(bot.connector.serviceUrl, { issuer: 'https://issuer.example.org' })}`));
    });

    it('refuses a token issued for another service URL with 401', async () => {
      await assertRefused(await postWith(`Bearer ${await idp.channelToken(bot.connector.serviceUrl, { serviceUrl: 'https://smba.trafficmanager.net/emea/' })}`));
    });

    it('logs a refused request as a warning, without the token', async () => {
      const token = await idp.channelToken(bot.connector.serviceUrl, { audience: OTHER_APP_ID });
      await postWith(`Bearer ${token}`);
      const lines = bot.logs.find('request refused: no valid Bot Framework token');
      assert.equal(lines.length, 1);
      assert.equal(lines[0]!.level, 40);
      assert.ok(!bot.logs.raw.join('\n').includes(token.split('.')[2]!), 'the token signature is in the log');
    });

    it('listens on every interface', async () => {
      assert.equal(await canConnect('127.0.0.1', bot.app.port), true);
      assert.equal(await canConnect('127.0.0.2', bot.app.port), true);
    });

    it('logs that requests must carry a Bot Framework token', async () => {
      const [line] = bot.logs.find('requests must carry a Bot Framework token');
      assert.equal(line?.msg, 'listening on every interface; requests must carry a Bot Framework token');
      assert.equal(line?.appType, 'SingleTenant');
    });

    it('answers /healthz without a token', async () => {
      assert.equal((await fetch(`${bot.app.url}/healthz`)).status, 200);
    });
  });

  describe('with an identity provider that cannot be reached', () => {
    let bot: TestBot;
    afterEach(async () => bot.close());

    it('answers 500, not 401, so that the channel retries', async () => {
      sinon.stub(console, 'error');
      const unreachable = await IdentityProvider.start(REGISTRATION);
      const env = unreachable.botEnvironment();
      await unreachable.close();
      bot = await startTestBot(env);
      const { status } = await bot.post(bot.teams.personalMessage('hilfe'), { authorization: `Bearer ${await idp.channelToken(bot.connector.serviceUrl)}` });
      assert.equal(status, 500);
      assert.deepEqual(bot.connector.calls, []);
      assert.equal(bot.logs.find('could not check the Bot Framework token').length, 1);
    });
  });

  it('needs no setting that .env.example does not document', () => {
    const documented = new Set([...fs.readFileSync(path.join(__dirname, '..', '..', '..', '.env.example'), 'utf8').matchAll(/^([A-Za-z_]+)=/gm)].map((m) => m[1]));
    assert.deepEqual(Object.keys(idp.botEnvironment()).filter((name) => !documented.has(name)), []);
  });

  it('explains in .env.example that a private certificate authority is trusted through NODE_EXTRA_CA_CERTS', () => {
    assert.match(fs.readFileSync(path.join(__dirname, '..', '..', '..', '.env.example'), 'utf8'), /^# .*NODE_EXTRA_CA_CERTS/m);
  });

  describe('a bot process with an app id', () => {
    let connector: TeamsConnector;
    let bot: BotProcess;
    let teams: TeamsActivities;
    before(async function () {
      this.timeout(60_000);
      connector = await TeamsConnector.start();
      // NODE_EXTRA_CA_CERTS is read once when Node starts: the bot that must trust the https token
      // endpoint's certificate runs as a process of its own.
      bot = await spawnBot({
        ...idp.botEnvironment(),
        NODE_EXTRA_CA_CERTS: idp.caFile,
        TABLES_CONNECTION_STRING: testConnectionString(),
        TABLE_PREFIX: uniquePrefix(),
        SAMPLE_DATA: 'true',
      });
      teams = new TeamsActivities(connector.serviceUrl, SAMPLE_COORDINATOR);
    });
    after(async () => {
      await bot?.stop();
      await connector?.close();
    });
    beforeEach(() => connector.clear());

    async function post(authorization: string | undefined, activity = teams.personalMessage('hilfe')): Promise<number> {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity),
      });
      return response.status;
    }

    it('answers an activity with a valid channel token; the reply carries the token from the token endpoint', async () => {
      assert.equal(await post(`Bearer ${await idp.channelToken(connector.serviceUrl)}`), 200);
      assert.equal(connector.activities.length, 1);
      const [reply] = connector.activities;
      assert.equal(reply!.conversationId, `a:personal-${SAMPLE_COORDINATOR.id}`);
      assert.equal(reply!.body.attachments[0].content.version, '1.5');
      assert.ok(idp.issuedTokens.length >= 1);
      assert.equal(reply!.headers.authorization, `Bearer ${idp.issuedTokens.at(-1)}`);
    });

    it('asks the token endpoint with its app id, its secret and the channel scope', async () => {
      await post(`Bearer ${await idp.channelToken(connector.serviceUrl)}`);
      const request = idp.tokenRequests.at(-1);
      assert.equal(request?.form.grant_type, 'client_credentials');
      assert.equal(request?.form.client_id, REGISTRATION.appId);
      assert.equal(request?.form.client_secret, REGISTRATION.clientSecret);
      assert.equal(request?.form.scope, `${CHANNEL_SCOPE}/.default`);
    });

    it('refuses a request without a token with 401 and sends nothing', async () => {
      assert.equal(await post(undefined), 401);
      assert.deepEqual(connector.calls, []);
    });

    it('never writes its secret or a token it was given or got to its output', async () => {
      const channelToken = await idp.channelToken(connector.serviceUrl);
      const activity = teams.personalMessage('hilfe');
      assert.equal(await post(`Bearer ${channelToken}`, activity), 200);
      // The child's log reaches us after the HTTP answer: wait for the turn's last line before reading it.
      await turnDone(bot, activity.id);
      const output = [...bot.stdout, ...bot.stderr].join('\n');
      for (const secret of [REGISTRATION.clientSecret, channelToken, ...idp.issuedTokens]) assert.ok(!output.includes(secret), 'secret in the output');
    });
  });
});
