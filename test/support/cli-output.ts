import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliOutput } from '../../src/platform/feature';

/** What a command run through {@link runCli} printed, line by line. */
export class CliRecorder implements CliOutput {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  out = (line: string) => void this.stdout.push(line);
  err = (line: string) => void this.stderr.push(line);
}

/** Runs a command in this process and resolves with its exit code and what it printed. */
export async function runCliRecorded(argv: readonly string[], env: Record<string, string>, now?: () => Date): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const output = new CliRecorder();
  const code = await runCli(argv, env, output, now);
  return { code, stdout: output.stdout, stderr: output.stderr };
}

/**
 * Imports `municipalities.csv`, `people.csv` and `projects.csv` from `dir` the way an operator does, with
 * `npm run cli -- import`; fails the test with what the command said if one of them is refused.
 */
export async function importDirectoryFiles(dir: string, env: Record<string, string>): Promise<void> {
  for (const kind of ['municipalities', 'people', 'projects']) {
    const { code, stderr } = await runCliRecorded(['import', kind, path.join(dir, `${kind}.csv`)], env);
    assert.deepEqual({ code, stderr }, { code: 0, stderr: [] }, `import ${kind}`);
  }
}
