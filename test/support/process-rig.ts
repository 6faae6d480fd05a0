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

/** The first TextBlock of the Adaptive Card in an activity the bot sent (the welcome card's greeting). */
// The connector records the JSON the bot sent, untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function cardTitle(activityBody: any): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const find = (node: any): string | undefined => {
    if (Array.isArray(node)) return node.map(find).find((t) => t !== undefined);
    if (node && typeof node === 'object') return node.type === 'TextBlock' ? node.text : find(Object.values(node));
    return undefined;
  };
  return find(activityBody?.attachments?.[0]?.content?.body);
}
