// Cards and connector calls are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { fundingRepositories } from '../../src/features/funding/tables';
import { TEAM } from './activities';
import { cardElements } from './cards';
import { CheckinRig } from './checkin-rig';
import { runCliRecorded } from './cli-output';
import { TempDirs } from './temp-dirs';

/** The header of a file of funding calls. */
export const CALLS_HEADER = 'id,title,programme,funder,level,deadline,link,fields,eligible,rate,max_amount,summary,keywords';

/**
 * The whole bot on a driven clock (see {@link CheckinRig}) with the scheduler looking for jobs every 15 s, as by
 * default: the command line stores the jobs the bot's scheduler runs.
 */
export function startFundingRig(at: string, env: Record<string, string> = {}, options: { people?: boolean } = {}): Promise<CheckinRig> {
  return CheckinRig.start(at, { SCHEDULER_TICK_SECONDS: '15', ...env }, options);
}

/** Runs `npm run cli -- …` on the rig's storage at the rig's time. */
export function rigCli(rig: CheckinRig, ...argv: string[]) {
  const env = { TABLES_CONNECTION_STRING: rig.bot.config.tablesConnectionString, TABLE_PREFIX: rig.bot.config.tablePrefix };
  return runCliRecorded(argv, env, () => rig.clock.now());
}

/** Imports funding calls from a CSV file with these rows through the CLI; fails the test if it is refused. */
export async function importCalls(rig: CheckinRig, temp: TempDirs, ...rows: string[]): Promise<void> {
  const result = await rigCli(rig, 'import', 'funding', temp.fileWith('calls.csv', [CALLS_HEADER, ...rows].join('\n')));
  assert.deepEqual(result.stderr, [], 'import funding');
}

/** The funding repositories of the rig's bot. */
export function fundingTables(rig: CheckinRig) {
  return fundingRepositories(rig.bot.app.storage.store);
}

/** The messages posted into the home channel: new posts (cards) and replies in their threads, in order. */
export function channelMessages(rig: CheckinRig): { kind: 'post' | 'reply'; thread: string; body: any }[] {
  return rig.bot.connector.calls
    .filter((c) => c.status < 300 && ((c.kind === 'createConversation' && c.body?.channelData?.channel?.id === TEAM.id) || (c.kind === 'send' && c.conversationId.startsWith(`${TEAM.id};messageid=`))))
    .map((c) => (c.kind === 'send' ? { kind: 'reply', thread: c.conversationId, body: c.body } : { kind: 'post', thread: '', body: c.body.activity }));
}

/** The Action.Execute buttons under a project of an owner's call card, by verb. */
export function projectButtons(card: any, title: string): Record<string, any> {
  const container = cardElements(card).find((e) => e.type === 'Container' && e.items?.[0]?.text === title);
  assert.ok(container, `no project ${title} on the card`);
  return Object.fromEntries(cardElements({ body: container.items }).filter((e) => e.type === 'Action.Execute').map((a) => [a.verb, a]));
}

/** Presses a card button whose answer is a text (a refusal), not a card; returns the text. */
export async function invokeForText(rig: CheckinRig, verb: string, data: Record<string, unknown>, email: string): Promise<string> {
  const { status, body } = await rig.bot.post(rig.bot.teams.adaptiveCardAction(verb, data, { user: rig.member(email) }));
  assert.equal(status, 200);
  const answer = body as { statusCode: number; type: string; value: unknown };
  assert.deepEqual([answer.statusCode, answer.type], [200, 'application/vnd.microsoft.activity.message']);
  return answer.value as string;
}

/** Sets the group's home channel, as a coordinator does with `@Kümmerer hier posten`. */
export async function setHomeChannel(rig: CheckinRig, coordinator: string): Promise<void> {
  const reply = await rig.bot.reply(rig.bot.teams.channelMessage('hier posten', { user: rig.member(coordinator) }));
  assert.equal(reply.text, 'Alles klar: Die Beiträge für die AG poste ich ab jetzt in diesem Kanal.');
}
