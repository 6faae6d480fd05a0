import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/** The schema argument of `AppManifestUtils.validateAgainstSchema` (an ajv `JSONSchemaType`). */
export type TeamsSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/** Which of the schemas published with each manifest version. */
export type TeamsSchemaKind = 'manifest' | 'localization';

const SCHEMA_FILES: Readonly<Record<TeamsSchemaKind, string>> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

/**
 * Path of the Teams schema that `@microsoft/app-manifest` bundles for a manifest version. Reading the file
 * ourselves keeps validation offline: given only a `$schema` URL, the library falls back to downloading it.
 */
export function bundledSchemaPath(manifestVersion: string, kind: TeamsSchemaKind): string {
  // The library keeps its schemas beside its build output, under json-schemas/teams/v<version>/.
  const root = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
  return path.join(root, `v${manifestVersion}`, SCHEMA_FILES[kind]);
}

/**
 * Loads the bundled Teams schema of a manifest version, ready for `AppManifestUtils.validateAgainstSchema`.
 * Throws when the installed `@microsoft/app-manifest` does not ship that version: bump the package (or pick
 * a version it ships) rather than validating against a different one.
 */
export function loadBundledTeamsSchema(manifestVersion: string, kind: TeamsSchemaKind): TeamsSchema {
  if (!/^\d+\.\d+$/.test(manifestVersion)) {
    throw new Error(`manifestVersion must look like 1.30, got "${manifestVersion}"`);
  }
  const file = bundledSchemaPath(manifestVersion, kind);
  if (!fs.existsSync(file)) {
    throw new Error(`@microsoft/app-manifest bundles no Teams ${kind} schema for manifestVersion ${manifestVersion} (looked for ${file})`);
  }
  const schema: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  return (kind === 'localization' ? escapeLoneBrackets(schema) : schema) as TeamsSchema;
}

/**
 * Validates a Teams app manifest offline against the bundled schema of its own `manifestVersion`.
 * Returns one line per problem (`/bots/0/botId must match pattern …`), empty when valid.
 */
export async function validateTeamsManifest(manifest: Readonly<Record<string, unknown>>): Promise<string[]> {
  const version = manifest['manifestVersion'];
  if (typeof version !== 'string') return ['/manifestVersion must be a string such as "1.30"'];
  const declared = manifest['$schema'];
  const expected = `/v${version}/${SCHEMA_FILES.manifest}`;
  if (typeof declared === 'string' && !declared.endsWith(expected)) {
    // Editors and the Developer Portal follow $schema; a stale one would check against another version.
    return [`/$schema must end with ${expected} to match manifestVersion ${version}, got "${declared}"`];
  }
  const schema = loadBundledTeamsSchema(version, 'manifest');
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
}

/**
 * Validates a localization file (e.g. `en.json`) offline against the bundled localization schema of the
 * manifest version it belongs to. Returns one line per problem, empty when valid.
 */
export async function validateLocalizationFile(
  localization: Readonly<Record<string, unknown>>,
  manifestVersion: string,
): Promise<string[]> {
  const schema = loadBundledTeamsSchema(manifestVersion, 'localization');
  return AppManifestUtils.validateAgainstSchema(localization as unknown as AppManifest, schema);
}

/**
 * The localization schemas from v1.8 on hold patterns such as `^activities.activityTypes\[\b(…)\b]\.description$`.
 * The unescaped `]` is a literal in JavaScript's legacy regex syntax but a syntax error under the `u` flag
 * that ajv compiles patterns with, so the library throws "Invalid regular expression" before it validates
 * anything. Escaping a `]` that closes no character class keeps each pattern's meaning.
 */
function escapeLoneBrackets(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(escapeLoneBrackets);
  if (node === null || typeof node !== 'object') return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') {
      result[key] = escapeLoneBracketsInPattern(value);
    } else if (key === 'patternProperties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      result[key] = Object.fromEntries(
        Object.entries(value).map(([pattern, subschema]) => [escapeLoneBracketsInPattern(pattern), escapeLoneBrackets(subschema)]),
      );
    } else {
      result[key] = escapeLoneBrackets(value);
    }
  }
  return result;
}

function escapeLoneBracketsInPattern(pattern: string): string {
  let result = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '\\') {
      result += char + pattern.charAt(i + 1);
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
      result += char;
    } else if (char === '[') {
      inClass = true;
      result += char;
    } else {
      result += char === ']' ? '\\]' : char;
    }
  }
  return result;
}
