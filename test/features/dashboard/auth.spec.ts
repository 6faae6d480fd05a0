import assert from 'node:assert/strict';
import type { ApiDue, ApiError, ApiOverview, ApiRound } from '../../../src/features/dashboard/api';
import { EntraIdentityProvider } from '../../support/entra-identity-provider';
import { SAMPLE_COORDINATOR, STRANGER, startTestBot, type TestBot } from '../../support/test-bot';

const APP_ID = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TENANT = '7d1e5f3a-2c4b-4a9e-8f10-1b2c3d4e5f60';
const OTHER_TENANT = '0b0b0b0b-2222-4333-8444-555555555555';
const BOT_DOMAIN = 'kuemmerer.example.org';
/** Markus Terhorst, CDO of Coesfeld in the sample data, linked by Entra object id. */
const CDO_OID = '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e02';

describe('Dashboard API with an app id (Teams SSO)', () => {
  let entra: EntraIdentityProvider;
  let bot: TestBot;
  before(async () => {
    entra = await EntraIdentityProvider.start(APP_ID);
    bot = await startTestBot({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-only-secret',
      MicrosoftAppTenantId: TENANT,
      ALLOWED_TENANTS: TENANT,
      BOT_DOMAIN,
      ...entra.dashboardEnvironment(),
    });
  });
  after(async () => {
    await bot?.close();
    await entra?.close();
  });

  async function get(path: string, token?: string): Promise<{ status: number; headers: Headers; text: string }> {
    const response = await fetch(`${bot.app.url}${path}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  async function assertRefused(token: string | undefined, authorization?: string): Promise<void> {
    const response = authorization === undefined ? await get('/api/tab/overview', token) : await fetch(`${bot.app.url}/api/tab/overview`, { headers: { authorization } }).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() }));
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    assert.deepEqual(JSON.parse(response.text), { error: 'unauthenticated', message: 'Bitte melden Sie sich an: Die Übersicht braucht eine gültige Anmeldung über Teams.' } satisfies ApiError);
    if (token) assert.equal(bot.logs.raw.some((line) => line.includes(token)), false, 'the token is never logged');
  }

  describe('refuses with 401', () => {
    it('a request without a token', async () => assertRefused(undefined));
    it('a malformed token', async () => assertRefused(undefined, 'Bearer not-a-jwt'));
    it('a token that is not a Bearer token', async () => assertRefused(undefined, `Basic ${Buffer.from(`${APP_ID}:x`).toString('base64')}`));
    it('a token for another audience', async () => assertRefused(await entra.token(TENANT, { audience: 'f0f0f0f0-1111-4222-8333-444444444444', oid: SAMPLE_COORDINATOR.aadObjectId })));
    it('a token from another issuer', async () => assertRefused(await entra.token(TENANT, { issuer: 'https://login.example.org/issuer', oid: SAMPLE_COORDINATOR.aadObjectId })));
    it('an expired token', async () => assertRefused(await entra.token(TENANT, { expiresIn: -600, oid: SAMPLE_COORDINATOR.aadObjectId })));
    it('a token whose signature the key set does not confirm', async () => assertRefused(await entra.token(TENANT, { foreignKey: true, oid: SAMPLE_COORDINATOR.aadObjectId })));
    it('a token without the access_as_user scope', async () => assertRefused(await entra.token(TENANT, { scope: 'User.Read', oid: SAMPLE_COORDINATOR.aadObjectId })));

    it('a token of a tenant not in ALLOWED_TENANTS, without fetching its keys', async () => {
      await assertRefused(await entra.token(OTHER_TENANT, { oid: SAMPLE_COORDINATOR.aadObjectId }));
      assert.equal(entra.fetched.some((path) => path.includes(OTHER_TENANT)), false);
    });
  });

  describe('accepts', () => {
    it('a v1 token, by Entra object id', async () => {
      const response = await get('/api/tab/overview', await entra.token(TENANT, { issuer: 'v1', oid: SAMPLE_COORDINATOR.aadObjectId }));
      assert.equal(response.status, 200);
      assert.deepEqual((JSON.parse(response.text) as ApiOverview).viewer, { name: 'Martina Becker', email: 'm.becker@kreis-coesfeld.example', coordinator: true });
      assert.ok(entra.fetched.every((path) => path === `/${TENANT}/discovery/v2.0/keys`));
    });

    it('a v2 token, by sign-in name when the object id is not linked', async () => {
      const response = await get('/api/tab/overview', await entra.token(TENANT, { issuer: 'v2', oid: '11111111-2222-4333-8444-555555555555', preferredUsername: 'T.Overbeck@Kreis-Coesfeld.example' }));
      assert.equal(response.status, 200);
      assert.deepEqual((JSON.parse(response.text) as ApiOverview).viewer, { name: 'Thomas Overbeck', email: 't.overbeck@kreis-coesfeld.example', coordinator: true });
    });

    it('the api:// audience of the tab', async () => {
      const response = await get('/api/tab/overview', await entra.token(TENANT, { audience: `api://${BOT_DOMAIN}/${APP_ID}`, oid: CDO_OID }));
      assert.equal(response.status, 200);
      assert.equal((JSON.parse(response.text) as ApiOverview).viewer.email, 'markus.terhorst@coesfeld.example');
    });
  });

  describe('roles', () => {
    it('gives a coordinator the open round, as a panel and on its own', async () => {
      const token = await entra.token(TENANT, { oid: SAMPLE_COORDINATOR.aadObjectId });
      const due = JSON.parse((await get('/api/tab/due', token)).text) as ApiDue;
      assert.deepEqual(due.panels.filter((p) => p.coordinatorOnly).map((p) => p.key), ['dashboard.round']);
      const round = await get('/api/tab/round', token);
      assert.equal(round.status, 200);
      assert.deepEqual(JSON.parse(round.text), { round: null } satisfies ApiRound);
    });

    it('leaves the round out for a CDO and refuses them /round with 403', async () => {
      const token = await entra.token(TENANT, { oid: CDO_OID });
      const due = JSON.parse((await get('/api/tab/due', token)).text) as ApiDue;
      assert.deepEqual(due.panels.filter((p) => p.coordinatorOnly || p.key === 'dashboard.round'), []);
      const round = await get('/api/tab/round', token);
      assert.equal(round.status, 403);
      assert.deepEqual(JSON.parse(round.text), { error: 'forbidden', message: 'Diesen Teil sieht nur die Koordination.' } satisfies ApiError);
    });

    it('refuses someone the directory does not know with 403 and no person data', async () => {
      const response = await get('/api/tab/overview?locale=en', await entra.token(TENANT, { oid: STRANGER.aadObjectId, preferredUsername: STRANGER.email! }));
      assert.equal(response.status, 403);
      assert.deepEqual(JSON.parse(response.text), { error: 'unknown-person', message: "You are not in the working group's directory. Please contact the coordinators." } satisfies ApiError);
    });
  });
});

describe('Dashboard API of a bot on a managed identity, with its own app registration for Teams SSO (SSO_APP_ID)', () => {
  const SSO_APP_ID = '6ec0c5c1-0f5d-4a39-9a5e-2f0b6f1d7a42';
  let entra: EntraIdentityProvider;
  let bot: TestBot;
  before(async () => {
    entra = await EntraIdentityProvider.start(SSO_APP_ID);
    bot = await startTestBot({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, ALLOWED_TENANTS: TENANT, BOT_DOMAIN, SSO_APP_ID, ...entra.dashboardEnvironment() });
  });
  after(async () => {
    await bot?.close();
    await entra?.close();
  });

  const status = async (token: string) => (await fetch(`${bot.app.url}/api/tab/overview`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('accepts tokens for the SSO registration and its api:// URI', async () => {
    assert.equal(await status(await entra.token(TENANT, { oid: CDO_OID })), 200);
    assert.equal(await status(await entra.token(TENANT, { audience: `api://${BOT_DOMAIN}/${SSO_APP_ID}`, oid: CDO_OID })), 200);
  });

  it("refuses tokens for the identity's own id, which Teams never asks for the tab", async () => {
    assert.equal(await status(await entra.token(TENANT, { audience: APP_ID, oid: CDO_OID })), 401);
  });
});
