import path from 'node:path';
import type { TeamsActivity } from './activities';
import { runToEnd, type CommandResult } from './bot-process';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'src/cli/main.ts');

/**
 * Runs `npm run cli -- …` the way npm does (`node --import tsx src/cli/main.ts …`) as its own process, with
 * exactly the given environment (plus PATH and HOME) in the given working directory, so no developer `.env`
 * leaks in. Killed after `timeoutMs` so a hanging command fails the test instead of the run.
 */
export async function runCliProcess(args: readonly string[], env: Record<string, string>, cwd: string, timeoutMs = 60_000): Promise<CommandResult> {
  return runToEnd([CLI, ...args], env, cwd, timeoutMs);
}

/** Posts an activity to a running bot's `/api/messages` as the Teams service does; resolves with the status. */
export async function postActivity(baseUrl: string, activity: TeamsActivity): Promise<number> {
  const response = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await response.text();
  return response.status;
}
