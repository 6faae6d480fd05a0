import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/app';
import type { DashboardSettings } from '../../../src/features/dashboard/settings';
import { problemsOf } from '../../support/config-problems';

describe('dashboard settings', () => {
  it('defaults to Entra\'s key sets and issuers, the first coordinator and 60 days', () => {
    assert.deepEqual(parseConfig({}).settings.dashboard as DashboardSettings, {
      jwksUrl: 'https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys',
      issuers: ['https://sts.windows.net/{tenant}/', 'https://login.microsoftonline.com/{tenant}/v2.0'],
      localUser: '',
      deadlineDays: 60,
    });
  });

  it('refuses a key set over http except on loopback, naming the variable', () => {
    assert.deepEqual(problemsOf({ DASHBOARD_JWKS_URL: 'http://keys.example.org/{tenant}' }), ['DASHBOARD_JWKS_URL must be an https address (http only on loopback), "{tenant}" standing for the tenant id, got "http://keys.example.org/{tenant}"']);
    assert.equal((parseConfig({ DASHBOARD_JWKS_URL: 'http://127.0.0.1:4000/{tenant}/keys' }).settings.dashboard as DashboardSettings).jwksUrl, 'http://127.0.0.1:4000/{tenant}/keys');
  });

  it('refuses an issuer that is not an address', () => {
    assert.deepEqual(problemsOf({ DASHBOARD_ISSUERS: 'https://sts.windows.net/{tenant}/,sts' }), ['DASHBOARD_ISSUERS must be comma-separated https addresses, "{tenant}" standing for the tenant id, got "https://sts.windows.net/{tenant}/,sts"']);
  });

  it('refuses a local user together with an app id', () => {
    const problems = problemsOf({ DASHBOARD_LOCAL_USER: 'anna@x.example', MicrosoftAppId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', MicrosoftAppTenantId: '7d1e5f3a-2c4b-4a9e-8f10-1b2c3d4e5f60', MicrosoftAppPassword: 'x', TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    assert.deepEqual(problems, ['DASHBOARD_LOCAL_USER is for local use without MicrosoftAppId: leave it empty when MicrosoftAppId is set']);
  });

  it('refuses a deadline horizon that is not a positive whole number', () => {
    assert.deepEqual(problemsOf({ DASHBOARD_DEADLINE_DAYS: '0' }), ['DASHBOARD_DEADLINE_DAYS must be a whole number from 1 to 366, got "0"']);
  });
});
