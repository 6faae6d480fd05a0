import assert from 'node:assert/strict';
import { parseConfig } from '../../src/app';
import { ConfigError } from '../../src/platform/config';

/** The problems `parseConfig` names for an environment it must refuse. */
export function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail('expected a ConfigError');
}
