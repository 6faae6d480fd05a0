import assert from 'node:assert/strict';
import path from 'node:path';
import { parseConfig } from '../../src/app';
import { problemsOf } from '../support/config-problems';
import { runBotExpectingFailure } from '../support/bot-process';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '66666666-7777-4888-9999-000000000000';
/** A storage account reached with a token: with an app id (production) storage must be configured. */
const ENDPOINT = 'https://kuemmerercoe.table.core.windows.net';
const IDENTITY = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

describe('configuration', () => {
  it('starts with defaults when nothing is set', () => {
    const config = parseConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.microsoftAppId, '');
    assert.equal(config.microsoftAppType, 'SingleTenant');
    assert.equal(config.tablesConnectionString, '');
    assert.equal(config.dataDir, path.resolve('.data'));
    assert.equal(config.tablePrefix, '');
    assert.deepEqual(config.allowedTenants, []);
    assert.equal(config.defaultLocale, 'de');
    assert.equal(config.timezone, 'Europe/Berlin');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.sampleData, true);
    assert.deepEqual(config.botFramework, {});
    assert.ok(Object.isFrozen(config));
  });

  it("follows the client's language unless FORCE_LOCALE names one, and refuses another", () => {
    assert.equal(parseConfig({}).forceLocale, '');
    assert.equal(parseConfig({ FORCE_LOCALE: 'DE' }).forceLocale, 'de');
    assert.deepEqual(problemsOf({ FORCE_LOCALE: 'fr' }), ['FORCE_LOCALE must be one of de, en, got "fr"']);
  });

  it('turns sample data off by default when a storage account is configured', () => {
    const config = parseConfig({ TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=b;EndpointSuffix=core.windows.net' });
    assert.equal(config.sampleData, false);
  });

  it('accepts a complete SingleTenant registration', () => {
    const config = parseConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw', MicrosoftAppType: 'singletenant', MicrosoftAppTenantId: TENANT, TABLES_ENDPOINT: ENDPOINT });
    assert.equal(config.microsoftAppType, 'SingleTenant');
    assert.equal(config.teamsAppId, APP_ID);
    assert.equal(config.ssoAppId, APP_ID, 'Teams SSO tokens for the bot\'s own registration by default');
  });

  it('takes the app registration for Teams single sign-on from SSO_APP_ID, refusing one that is not a GUID', () => {
    const sso = '6ec0c5c1-0f5d-4a39-9a5e-2f0b6f1d7a42';
    assert.equal(parseConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, TABLES_ENDPOINT: ENDPOINT, SSO_APP_ID: sso }).ssoAppId, sso);
    assert.equal(problemsOf({ SSO_APP_ID: 'tab-app' }).some((p) => p.startsWith('SSO_APP_ID')), true);
  });

  it('accepts a user-assigned managed identity without a password', () => {
    const config = parseConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, TABLES_ENDPOINT: ENDPOINT });
    assert.equal(config.microsoftAppType, 'UserAssignedMSI');
  });

  it('passes Bot Framework authentication settings through unchanged, only those that are set', () => {
    const config = parseConfig({ ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/meta', ToBotFromChannelTokenIssuer: 'https://api.botframework.com', OAuthUrl: '' });
    assert.deepEqual(config.botFramework, { ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/meta', ToBotFromChannelTokenIssuer: 'https://api.botframework.com' });
  });

  it('parses the tenant allow-list', () => {
    const config = parseConfig({ ALLOWED_TENANTS: `${TENANT}, ${APP_ID.toUpperCase()}` });
    assert.deepEqual(config.allowedTenants, [TENANT, APP_ID]);
  });

  it('reaches the tables at TABLES_ENDPOINT with a managed identity, without a connection string', () => {
    const config = parseConfig({ TABLES_ENDPOINT: `${ENDPOINT}/`, TABLES_IDENTITY_CLIENT_ID: IDENTITY.toUpperCase() });
    assert.equal(config.tablesEndpoint, ENDPOINT);
    assert.equal(config.tablesIdentityClientId, IDENTITY);
    assert.equal(config.tablesConnectionString, '');
    assert.equal(config.sampleData, false);
  });

  it("takes the bot's user-assigned managed identity for the tables unless another one is named", () => {
    const bot = { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, TABLES_ENDPOINT: ENDPOINT };
    assert.equal(parseConfig(bot).tablesIdentityClientId, APP_ID);
    assert.equal(parseConfig({ ...bot, TABLES_IDENTITY_CLIENT_ID: IDENTITY }).tablesIdentityClientId, IDENTITY);
  });

  it('leaves the identity to DefaultAzureCredential when none is named and the bot has a secret', () => {
    const config = parseConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT, TABLES_ENDPOINT: ENDPOINT });
    assert.equal(config.tablesIdentityClientId, '');
  });

  it('keeps the embedded Table Storage without an app id when neither storage variable is set', () => {
    const config = parseConfig({});
    assert.equal(config.tablesEndpoint, '');
    assert.equal(config.tablesConnectionString, '');
  });

  it('builds the Teams app package with an app id and no storage configured', () => {
    const config = parseConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT, BOT_DOMAIN: 'bot.example.org' }, 'package');
    assert.equal(config.microsoftAppId, APP_ID);
  });

  const cases: [string, Record<string, string>, string][] = [
    [
      'both TABLES_CONNECTION_STRING and TABLES_ENDPOINT',
      { TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=b;EndpointSuffix=core.windows.net', TABLES_ENDPOINT: ENDPOINT },
      'TABLES_CONNECTION_STRING and TABLES_ENDPOINT are both set: set TABLES_ENDPOINT (with a managed identity) or the connection string, not both',
    ],
    [
      'an app id with neither TABLES_ENDPOINT nor TABLES_CONNECTION_STRING',
      { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT },
      'TABLES_ENDPOINT (or TABLES_CONNECTION_STRING) is required when MicrosoftAppId is set: the embedded Table Storage is for local use only',
    ],
    [
      'a table endpoint over http',
      { TABLES_ENDPOINT: 'http://kuemmerercoe.table.core.windows.net' },
      'TABLES_ENDPOINT must be the https address of a Table service without credentials or query, e.g. https://ACCOUNT.table.core.windows.net, got "http://kuemmerercoe.table.core.windows.net/"',
    ],
    [
      'a table endpoint with a SAS token, without repeating it',
      { TABLES_ENDPOINT: `${ENDPOINT}/?sv=2019-02-02&sig=s3cret-value` },
      'TABLES_ENDPOINT must be the https address of a Table service without credentials or query, e.g. https://ACCOUNT.table.core.windows.net, got "https://kuemmerercoe.table.core.windows.net/"',
    ],
    [
      'a table endpoint that is not an address',
      { TABLES_ENDPOINT: 'kuemmerercoe' },
      'TABLES_ENDPOINT must be the https address of a Table service without credentials or query, e.g. https://ACCOUNT.table.core.windows.net, got "kuemmerercoe"',
    ],
    ['an identity client id that is not a GUID', { TABLES_ENDPOINT: ENDPOINT, TABLES_IDENTITY_CLIENT_ID: 'kuemmerer-id' }, 'TABLES_IDENTITY_CLIENT_ID must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)'],
    [
      'an identity client id without an endpoint',
      { TABLES_IDENTITY_CLIENT_ID: IDENTITY },
      'TABLES_IDENTITY_CLIENT_ID is only used with TABLES_ENDPOINT: set TABLES_ENDPOINT too, or leave it empty',
    ],
    ['a port that is not a number', { PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535, got "abc"'],
    ['a port out of range', { PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    ['an app id that is not a GUID', { MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT, TABLES_ENDPOINT: ENDPOINT }, 'MicrosoftAppId must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)'],
    ['an app id without tenant', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', TABLES_ENDPOINT: ENDPOINT }, 'MicrosoftAppTenantId is required when MicrosoftAppId is set (SingleTenant)'],
    ['a SingleTenant app without password', { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, TABLES_ENDPOINT: ENDPOINT }, 'MicrosoftAppPassword is required for a SingleTenant bot (or CertificateThumbprint and CertificatePrivateKey)'],
    ['a managed identity with a password', { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: 's3cret-value', TABLES_ENDPOINT: ENDPOINT }, 'MicrosoftAppPassword must be empty for UserAssignedMSI: the managed identity has no secret'],
    ['a multi-tenant registration', { MicrosoftAppType: 'MultiTenant' }, 'MicrosoftAppType MultiTenant is not supported: register the bot as SingleTenant or UserAssignedMSI'],
    ['an unknown app type', { MicrosoftAppType: 'Other' }, 'MicrosoftAppType must be one of SingleTenant, UserAssignedMSI, got "Other"'],
    ['a password without app id', { MicrosoftAppPassword: 'abc' }, 'MicrosoftAppId is required when MicrosoftAppPassword is set'],
    ['a malformed connection string', { TABLES_CONNECTION_STRING: 'hello' }, 'TABLES_CONNECTION_STRING is not a storage connection string (expected AccountName=… or TableEndpoint=…)'],
    ['a table prefix with symbols', { TABLE_PREFIX: 'my-prefix' }, 'TABLE_PREFIX must start with a letter and hold at most 30 letters and digits, got "my-prefix"'],
    ['a tenant list with a non-GUID', { ALLOWED_TENANTS: 'contoso.com' }, 'ALLOWED_TENANTS must be a comma-separated list of tenant GUIDs, got "contoso.com"'],
    ['an unknown locale', { DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE must be one of de, en, got "fr"'],
    ['an unknown time zone', { TIMEZONE: 'Mars/Olympus' }, 'TIMEZONE must be an IANA time zone such as Europe/Berlin, got "Mars/Olympus"'],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    ['a sample-data flag that is not boolean', { SAMPLE_DATA: 'maybe' }, 'SAMPLE_DATA must be true or false, got "maybe"'],
    ['a body limit that is too small', { MAX_REQUEST_BYTES: '10' }, 'MAX_REQUEST_BYTES must be a whole number from 1024 to 10485760, got "10"'],
    ['a bot domain with a scheme', { BOT_DOMAIN: 'https://bot.example.org' }, 'BOT_DOMAIN must be a host name without scheme or path, got "https://bot.example.org"'],
  ];
  for (const [what, env, problem] of cases) {
    it(`refuses ${what}, naming the variable`, () => {
      assert.deepEqual(problemsOf(env), [problem]);
    });
  }

  it('reports every problem at once, one line each', () => {
    assert.deepEqual(problemsOf({ PORT: 'x', LOG_LEVEL: 'loud' }), [
      'PORT must be a whole number from 0 to 65535, got "x"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ]);
  });

  it('never repeats a secret in a problem', () => {
    const problems = problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: 's3cret-value' });
    assert.ok(problems.every((p) => !p.includes('s3cret-value')));
  });

  it('stops the start with one line per problem and exit code 1', async () => {
    const result = await runBotExpectingFailure({ PORT: 'x', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret-value', MicrosoftAppTenantId: TENANT, TABLES_ENDPOINT: ENDPOINT, TIMEZONE: 'Nowhere' });
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      'Configuration error: PORT must be a whole number from 0 to 65535, got "x"\n' +
        'Configuration error: TIMEZONE must be an IANA time zone such as Europe/Berlin, got "Nowhere"\n',
    );
    assert.equal(result.stdout, '');
  });

  it('reads values from a .env file in the working directory, the environment winning', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuemmerer-env-'));
    fs.writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=loud\nPORT=nope\n');
    const result = await runBotExpectingFailure({ PORT: '0' }, { cwd: dir });
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'Configuration error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"\n');
  });
});
