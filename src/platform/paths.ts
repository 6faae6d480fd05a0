import fs from 'node:fs';
import path from 'node:path';

/** The project root, from `src/` under tsx and from `dist/` when built: both sit one level below it. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const CARDS_DIR = path.join(PROJECT_ROOT, 'cards');
export const SAMPLE_DATA_DIR = path.join(PROJECT_ROOT, 'sample-data');

/** The version in package.json, for `/healthz`. */
export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
