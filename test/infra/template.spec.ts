import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/app';
import type { Env } from '../../src/platform/config';
import { PROJECT_ROOT } from '../../src/platform/paths';

const TEMPLATE = fs.readFileSync(path.join(PROJECT_ROOT, 'infra', 'main.bicep'), 'utf8');
const PARAMETERS = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'infra', 'main.parameters.json'), 'utf8')) as { parameters: Record<string, { value: unknown }> };

/** App Service's own settings the template may write: they configure the platform, not the bot. */
const APP_SERVICE_SETTINGS: Record<string, string> = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service builds the uploaded source (npm install, npm run build)',
};

const CLIENT_ID = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const TENANT = '66666666-7777-4888-9999-000000000000';

/**
 * What Azure puts in for each value expression the template's app settings use, as it would look after a
 * deployment. An expression the template uses and this table lacks fails the test: add what Azure gives for it.
 */
const DEPLOYED_VALUES: Record<string, string> = {
  'identity.properties.clientId': CLIENT_ID,
  'identity.properties.tenantId': TENANT,
  allowedTenantId: TENANT,
  'storage.properties.primaryEndpoints.table': 'https://kuemmerercoe4xkq2.table.core.windows.net/',
  botDomain: 'kuemmerer-coe-4xkq2m7tzq3a.azurewebsites.net',
  "enableApplicationInsights ? appInsights.properties.ConnectionString : ''":
    'InstrumentationKey=7f3e2d1c-0b9a-4876-9543-210fedcba987;IngestionEndpoint=https://germanywestcentral-1.in.applicationinsights.azure.com/;LiveEndpoint=https://germanywestcentral.livediagnostics.monitor.azure.com/',
};

/** The text of the block that starts at `start` (an opening bracket), up to its matching closing one; strings are skipped. */
function blockAt(text: string, start: number): string {
  const open = text[start]!;
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === "'") inString = false;
    } else if (c === "'") inString = true;
    else if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i);
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`no end of the block at ${start}`);
}

/** The body of `resource NAME 'TYPE' = … {…}`. */
function resource(name: string): string {
  const match = new RegExp(`^resource ${name} '([^']+)' = [^{\\n]*\\{`, 'm').exec(TEMPLATE);
  assert.ok(match, `the template declares the resource ${name}`);
  return blockAt(TEMPLATE, match.index + match[0].length - 1);
}

/** The app settings the template writes: name → value expression. */
function appSettings(): Map<string, string> {
  const match = /^var appSettings = \[/m.exec(TEMPLATE);
  assert.ok(match, 'the template declares its app settings as `var appSettings = [ … ]`');
  const block = blockAt(TEMPLATE, match.index + match[0].length - 1);
  const settings = new Map<string, string>();
  for (const entry of block.matchAll(/\{\s*name: '([^']+)'\s*value: (.+?)\s*\}/gs)) settings.set(entry[1]!, entry[2]!);
  return settings;
}

/** The environment the web app gets after a deployment (App Service's own settings left out). */
function deployedEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, expression] of appSettings()) {
    if (name in APP_SERVICE_SETTINGS) continue;
    const literal = /^'([^'$]*)'$/.exec(expression);
    const value = literal ? literal[1] : DEPLOYED_VALUES[expression];
    assert.ok(value !== undefined, `no deployed value known for ${name}'s expression ${expression}: add it to DEPLOYED_VALUES`);
    env[name] = value;
  }
  return env;
}

/** Every variable the configuration reads (the platform's and every feature's): the names it looks up. */
function variablesTheConfigurationKnows(): Set<string> {
  const read = new Set<string>();
  const recording = new Proxy<Env>(deployedEnvironment(), {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  parseConfig(recording);
  return read;
}

describe('the Azure template (infra/main.bicep) against the configuration', () => {
  it('writes only app settings that are variables the configuration knows, or App Service\'s own', () => {
    const known = variablesTheConfigurationKnows();
    const unknown = [...appSettings().keys()].filter((name) => !known.has(name) && !(name in APP_SERVICE_SETTINGS));
    assert.deepEqual(unknown, []);
  });

  it('writes a configuration the bot accepts as it is', () => {
    assert.doesNotThrow(() => parseConfig(deployedEnvironment()));
  });

  it('writes what production requires: authenticated, with the managed identity, tables by token, one tenant, telemetry', () => {
    const config = parseConfig(deployedEnvironment());
    assert.deepEqual(
      {
        appType: config.microsoftAppType,
        appId: config.microsoftAppId,
        tenant: config.microsoftAppTenantId,
        password: config.microsoftAppPassword,
        tablesEndpoint: config.tablesEndpoint,
        tablesIdentity: config.tablesIdentityClientId,
        connectionString: config.tablesConnectionString,
        allowedTenants: config.allowedTenants,
        sampleData: config.sampleData,
        telemetry: config.applicationInsightsConnectionString !== '',
        botDomain: config.botDomain,
      },
      {
        appType: 'UserAssignedMSI',
        appId: CLIENT_ID,
        tenant: TENANT,
        password: '',
        tablesEndpoint: 'https://kuemmerercoe4xkq2.table.core.windows.net',
        tablesIdentity: CLIENT_ID,
        connectionString: '',
        allowedTenants: [TENANT],
        sampleData: false,
        telemetry: true,
        botDomain: 'kuemmerer-coe-4xkq2m7tzq3a.azurewebsites.net',
      },
    );
  });

  it('gives the managed identity the role "Storage Table Data Contributor" on the storage account', () => {
    const role = resource('tableRole');
    assert.match(TEMPLATE, /^var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'$/m);
    assert.match(role, /^\s*scope: storage$/m);
    assert.match(role, /roleDefinitionId: subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', storageTableDataContributor\)/);
    assert.match(role, /principalId: identity\.properties\.principalId/);
    assert.match(role, /principalType: 'ServicePrincipal'/);
  });

  it('keeps the storage account to TLS 1.2 and https, without public blob access or shared keys', () => {
    const storage = resource('storage');
    for (const line of ["minimumTlsVersion: 'TLS1_2'", 'supportsHttpsTrafficOnly: true', 'allowBlobPublicAccess: false', 'allowSharedKeyAccess: false']) assert.ok(storage.includes(line), line);
  });

  it('runs the web app on Node.js 20 or 22 with node dist/index.js, always on, health check on /healthz, with the identity', () => {
    const engines = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    assert.equal(engines, '>=20.19 <21 || >=22');
    assert.match(TEMPLATE, /@allowed\(\[\s*'20-lts'\s*'22-lts'\s*\]\)\s*param nodeVersion string = '22-lts'/);
    for (const line of ["linuxFxVersion: 'NODE|${nodeVersion}'", "appCommandLine: 'node dist/index.js'", 'alwaysOn: true', "healthCheckPath: '/healthz'"]) assert.ok(TEMPLATE.includes(line), line);
    assert.match(resource('webApp'), /userAssignedIdentities: \{\s*'\$\{identity\.id\}': \{\}\s*\}/);
    assert.match(resource('webApp'), /httpsOnly: true/);
    assert.match(resource('webApp'), /siteConfig: siteConfig/);
    assert.match(resource('stagingSlot'), /siteConfig: siteConfig/);
  });

  it('registers the Azure Bot on that identity, with its endpoint on the web app and the Teams channel', () => {
    const bot = resource('bot');
    assert.match(bot, /msaAppType: 'UserAssignedMSI'/);
    assert.match(bot, /msaAppId: identity\.properties\.clientId/);
    assert.match(bot, /msaAppMSIResourceId: identity\.id/);
    assert.match(bot, /endpoint: 'https:\/\/\$\{botDomain\}\/api\/messages'/);
    assert.match(resource('teamsChannel'), /channelName: 'MsTeamsChannel'/);
    assert.match(TEMPLATE, /^output botEndpoint string = 'https:\/\/\$\{botDomain\}\/api\/messages'$/m);
    assert.match(TEMPLATE, /^output microsoftAppId string = identity\.properties\.clientId$/m);
    assert.match(TEMPLATE, /^output botDomain string = botDomain$/m);
  });

  it('has an example parameters file that sets only parameters the template declares, and every one without a default', () => {
    const declared = new Map([...TEMPLATE.matchAll(/^param (\w+) \w+( = .+)?$/gm)].map((m) => [m[1]!, m[2] !== undefined]));
    assert.deepEqual(
      Object.keys(PARAMETERS.parameters).filter((name) => !declared.has(name)),
      [],
    );
    assert.deepEqual(
      [...declared].filter(([name, hasDefault]) => !hasDefault && !(name in PARAMETERS.parameters)).map(([name]) => name),
      [],
    );
  });
});
