import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { loadConfig, type Config } from '../src/app';
import { ConfigError } from '../src/platform/config';
import { validateLocalizationFile, validateTeamsManifest } from './manifest-schema';

/** The manifest template, its localization files and icons. */
export const MANIFEST_DIR = path.resolve(__dirname, '..', 'manifest');
/** Where `npm run package` writes the package that is uploaded to Teams. */
export const DEFAULT_PACKAGE_FILE = path.resolve(__dirname, '..', 'build', 'appPackage.zip');

/** The settings that differ per deployment and therefore stay placeholders in the committed template. */
export type PackageConfig = Pick<Config, 'microsoftAppId' | 'teamsAppId' | 'ssoAppId' | 'botDomain'>;

/** A packaged file does not match its Teams schema; `errors` holds one line per problem. */
export class ManifestValidationError extends Error {
  readonly code = 'MANIFEST_INVALID';
  constructor(
    readonly file: string,
    readonly errors: readonly string[],
  ) {
    super(`${file} does not match its Teams schema:\n${errors.map((e) => `  ${e}`).join('\n')}`);
    this.name = 'ManifestValidationError';
  }
}

type Json = Record<string, unknown>;

/**
 * Builds the Teams app package for one deployment: fills the template's placeholders from `config`,
 * validates the manifest and its localization files offline against the bundled schemas of its
 * `manifestVersion`, and writes a zip with the manifest, localization files and icons at its root.
 * Run it for every environment (dev tunnel, test tenant, production); nothing is written when a check fails.
 * Rejects with {@link ManifestValidationError} naming each schema path that failed.
 */
export async function buildAppPackage(config: PackageConfig, outFile: string): Promise<{ file: string; manifest: Json }> {
  const template = readJson('manifest.json');
  const manifest = fillPlaceholders(template, placeholderValues(config)) as Json;
  assertNoPlaceholders('manifest.json', manifest);

  const manifestErrors = await validateTeamsManifest(manifest);
  if (manifestErrors.length > 0) throw new ManifestValidationError('manifest.json', manifestErrors);

  const version = String(manifest['manifestVersion']);
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const name of localizationFiles(manifest)) {
    const localization = readJson(name);
    assertNoPlaceholders(name, localization);
    const errors = await validateLocalizationFile(localization, version);
    if (errors.length > 0) throw new ManifestValidationError(name, errors);
    zip.file(name, fs.readFileSync(packagedPath(name)));
  }
  for (const name of iconFiles(manifest)) zip.file(name, fs.readFileSync(packagedPath(name)));

  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  const file = path.resolve(outFile);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return { file, manifest };
}

function placeholderValues(config: PackageConfig): Readonly<Record<string, string>> {
  const values = { TEAMS_APP_ID: config.teamsAppId, MICROSOFT_APP_ID: config.microsoftAppId, SSO_APP_ID: config.ssoAppId, BOT_DOMAIN: config.botDomain };
  // The schema accepts an empty validDomains entry, so an unset value must be caught here, not by validation.
  const empty = Object.entries(values).filter(([, value]) => value.trim() === '');
  if (empty.length > 0) throw new Error(`Cannot package the Teams app: no value for ${empty.map(([name]) => name).join(', ')}`);
  return values;
}

/** Replaces `{{NAME}}` in every string value; filling the parsed JSON means a value can never break its syntax. */
function fillPlaceholders(node: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof node === 'string') {
    return node.replace(/\{\{([A-Z0-9_]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  }
  if (Array.isArray(node)) return node.map((item) => fillPlaceholders(item, values));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fillPlaceholders(value, values)]));
  }
  return node;
}

function assertNoPlaceholders(name: string, json: Json): void {
  const left = JSON.stringify(json).match(/\{\{[^}]*\}\}/g);
  if (left) throw new Error(`${name} still holds ${[...new Set(left)].join(', ')} after filling: buildAppPackage knows no value for it`);
}

function localizationFiles(manifest: Json): string[] {
  const info = asObject(manifest['localizationInfo']);
  const files = asArray(info['additionalLanguages']).map((language) => asObject(language)['file']);
  if (info['defaultLanguageFile'] !== undefined) files.push(info['defaultLanguageFile']);
  return files.map(packagedName);
}

function iconFiles(manifest: Json): string[] {
  const icons = asObject(manifest['icons']);
  return Object.values(icons).map(packagedName);
}

/** Teams resolves the manifest's relative paths inside the zip; everything we ship sits at its root. */
function packagedName(value: unknown): string {
  if (typeof value !== 'string' || value !== path.basename(value) || !fs.existsSync(path.join(MANIFEST_DIR, value))) {
    throw new Error(`manifest.json names ${JSON.stringify(value)}: expected a file name in ${MANIFEST_DIR}`);
  }
  return value;
}

function packagedPath(name: string): string {
  return path.join(MANIFEST_DIR, name);
}

function readJson(name: string): Json {
  const parsed: unknown = JSON.parse(fs.readFileSync(packagedPath(name), 'utf8'));
  return asObject(parsed);
}

function asObject(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

async function main(): Promise<number> {
  let config: Config;
  try {
    // Packaging needs the app's ids and host name, not its storage.
    config = loadConfig('package');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(problem);
    return 1;
  }
  const missing: string[] = [];
  if (!config.microsoftAppId) {
    missing.push("MicrosoftAppId must be set to package the Teams app: it is the manifest's bot id (the Azure Bot's app registration)");
  }
  if (!config.botDomain) {
    missing.push("BOT_DOMAIN must be set to package the Teams app: the bot's public host name, e.g. kuemmerer.example.org");
  }
  if (missing.length > 0) {
    for (const line of missing) console.error(line);
    return 1;
  }
  try {
    const { file } = await buildAppPackage(config, DEFAULT_PACKAGE_FILE);
    console.log(file);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
