import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { buildAppPackage, ManifestValidationError } from '../scripts/package-app';
import { loadBundledTeamsSchema, validateLocalizationFile } from '../scripts/manifest-schema';
import { decodePng, readPngSize } from './support/png';

interface Command {
  title: string;
  description?: string;
}
interface PackagedManifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  validDomains: string[];
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  staticTabs: { entityId: string; name?: string; contentUrl?: string; scopes: string[] }[];
  configurableTabs: { configurationUrl: string; scopes: string[] }[];
  webApplicationInfo: { id: string; resource: string };
}

const SAMPLE = {
  microsoftAppId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  teamsAppId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d',
  ssoAppId: '6ec0c5c1-0f5d-4a39-9a5e-2f0b6f1d7a42',
  botDomain: 'kuemmerer.example.org',
};

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kuemmerer-'));
}

async function entryText(zip: JSZip, name: string): Promise<string> {
  const entry = zip.file(name);
  assert.ok(entry, `${name} is in the package`);
  return entry.async('string');
}

async function entryBytes(zip: JSZip, name: string): Promise<Buffer> {
  const entry = zip.file(name);
  assert.ok(entry, `${name} is in the package`);
  return entry.async('nodebuffer');
}

describe('Teams app package', () => {
  let dir: string;
  let zip: JSZip;
  let manifestText: string;
  let enText: string;
  let manifest: PackagedManifest;
  let en: Record<string, string>;

  before(async () => {
    dir = tempDir();
    const { file } = await buildAppPackage(SAMPLE, path.join(dir, 'appPackage.zip'));
    zip = await JSZip.loadAsync(fs.readFileSync(file));
    manifestText = await entryText(zip, 'manifest.json');
    enText = await entryText(zip, 'en.json');
    manifest = JSON.parse(manifestText) as PackagedManifest;
    en = JSON.parse(enText) as Record<string, string>;
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds exactly manifest.json, en.json, color.png and outline.png at the zip root', () => {
    const names = Object.keys(zip.files).sort();
    assert.deepEqual(names, ['color.png', 'en.json', 'manifest.json', 'outline.png']);
  });

  it('fills in the Teams app id, the bot id and the bot domain', () => {
    assert.equal(manifest.id, SAMPLE.teamsAppId);
    assert.equal(manifest.bots[0]?.botId, SAMPLE.microsoftAppId);
    assert.deepEqual(manifest.validDomains, [SAMPLE.botDomain]);
  });

  it('leaves no placeholder in manifest.json or en.json', () => {
    assert.ok(!manifestText.includes('{{'), 'manifest.json holds {{');
    assert.ok(!enText.includes('{{'), 'en.json holds {{');
  });

  it('passes the official schema of its manifestVersion, bundled with @microsoft/app-manifest', async () => {
    assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    const schema = loadBundledTeamsSchema(manifest.manifestVersion, 'manifest');
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
    assert.deepEqual(errors, []);
  });

  it('passes the localization schema of its manifestVersion with en.json', async () => {
    const schema = loadBundledTeamsSchema(manifest.manifestVersion, 'localization');
    const errors = await AppManifestUtils.validateAgainstSchema(en as unknown as AppManifest, schema);
    assert.deepEqual(errors, []);
  });

  it('rejects a localization key that the localization schema does not know', async () => {
    const errors = await validateLocalizationFile({ ...en, 'developer.name': 'AG' }, manifest.manifestVersion);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /^ must NOT have additional properties\. Details: \{"additionalProperty":"developer\.name"\}$/);
  });

  it('ships a 192×192 colour icon and a 32×32 outline icon', async () => {
    assert.deepEqual(readPngSize(await entryBytes(zip, 'color.png')), { width: 192, height: 192 });
    assert.deepEqual(readPngSize(await entryBytes(zip, 'outline.png')), { width: 32, height: 32 });
  });

  it('draws the outline icon only in white on a fully transparent background', async () => {
    const { rgba } = decodePng(await entryBytes(zip, 'outline.png'));
    const offending: number[] = [];
    let white = 0;
    for (let pixel = 0; pixel < rgba.length / 4; pixel++) {
      const [r, g, b, a] = rgba.subarray(pixel * 4, pixel * 4 + 4);
      if (a === 0) continue;
      if (r === 255 && g === 255 && b === 255 && a === 255) white++;
      else offending.push(pixel);
    }
    assert.deepEqual(offending, []);
    assert.ok(white > 0, 'the outline icon shows something');
  });

  it('offers the bot in exactly the personal, team and groupChat scopes', () => {
    assert.deepEqual([...(manifest.bots[0]?.scopes ?? [])].sort(), ['groupChat', 'personal', 'team']);
  });

  it('offers the overview as a personal tab and a configurable tab for channels and chats, on the bot\'s own server', () => {
    const tabs = manifest.staticTabs.filter((tab) => tab.contentUrl !== undefined);
    assert.deepEqual(tabs.map((tab) => [tab.entityId, tab.contentUrl, tab.scopes]), [['overview', 'https://kuemmerer.example.org/tab?scope=personal&locale={locale}&theme={theme}', ['personal']]]);
    assert.equal(en['staticTabs[1].name'], 'Overview');
    assert.equal(manifest.staticTabs[1]?.name, 'Übersicht');
    // The bot's chat stays the first tab of the personal app.
    assert.equal(manifest.staticTabs[0]?.entityId, 'conversations');
    assert.deepEqual(
      manifest.configurableTabs.map((tab) => [tab.configurationUrl, [...tab.scopes].sort()]),
      [['https://kuemmerer.example.org/tab/config?locale={locale}&theme={theme}', ['groupChat', 'team']]],
    );
  });

  it('names the app registration for Teams single sign-on in the tab (SSO_APP_ID) and its api:// URI', () => {
    assert.deepEqual(manifest.webApplicationInfo, { id: SAMPLE.ssoAppId, resource: `api://${SAMPLE.botDomain}/${SAMPLE.ssoAppId}` });
  });

  it('lists commands for each of its scopes', () => {
    const scopes = (manifest.bots[0]?.commandLists ?? []).flatMap((list) => list.scopes).sort();
    assert.deepEqual(scopes, ['groupChat', 'personal', 'team']);
  });

  it('translates the title and description of every command into English', () => {
    const missing: string[] = [];
    (manifest.bots[0]?.commandLists ?? []).forEach((list, l) =>
      list.commands.forEach((command, c) => {
        for (const field of ['title', 'description'] as const) {
          const key = `bots[0].commandLists[${l}].commands[${c}].${field}`;
          if (command[field] !== undefined && !en[key]) missing.push(key);
        }
      }),
    );
    assert.deepEqual(missing, []);
  });

  it('keeps command titles within 32 and descriptions within 128 characters in both languages', () => {
    // Teams cuts longer command texts; the v1.30 schema itself allows 128 and 4000.
    const german = (manifest.bots[0]?.commandLists ?? []).flatMap((list) => list.commands);
    const titles = [...german.map((c) => c.title), ...Object.entries(en).filter(([k]) => k.endsWith('.title')).map(([, v]) => v)];
    const descriptions = [
      ...german.map((c) => c.description ?? ''),
      ...Object.entries(en).filter(([k]) => k.endsWith('.description') && k.startsWith('bots[')).map(([, v]) => v),
    ];
    assert.deepEqual(titles.filter((t) => t.length > 32), []);
    assert.deepEqual(descriptions.filter((d) => d.length > 128), []);
  });
});

describe('buildAppPackage with invalid settings', () => {
  let dir: string;

  beforeEach(() => {
    dir = tempDir();
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rejects an app id that is not a GUID, naming the schema paths, and writes no package', async () => {
    const outFile = path.join(dir, 'appPackage.zip');
    await assert.rejects(buildAppPackage({ ...SAMPLE, microsoftAppId: 'not-a-guid', teamsAppId: 'not-a-guid', ssoAppId: 'not-a-guid' }, outFile), (error: unknown) => {
      assert.ok(error instanceof ManifestValidationError);
      assert.equal(error.file, 'manifest.json');
      assert.deepEqual(
        error.errors.map((line) => line.replace(/ Details: .*$/, '')),
        [
          '/id must match pattern "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$".',
          '/bots/0/botId must match pattern "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$".',
          '/webApplicationInfo/id must match pattern "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$".',
        ],
      );
      assert.match(error.message, /^manifest\.json does not match its Teams schema:\n {2}\/id must match pattern/);
      return true;
    });
    assert.equal(fs.existsSync(outFile), false);
  });

  it('rejects an empty bot domain, which the schema would accept', async () => {
    await assert.rejects(buildAppPackage({ ...SAMPLE, botDomain: '' }, path.join(dir, 'appPackage.zip')), {
      message: 'Cannot package the Teams app: no value for BOT_DOMAIN',
    });
  });
});
