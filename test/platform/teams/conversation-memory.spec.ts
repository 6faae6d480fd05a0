import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { TableBotStateStorage } from '../../../src/platform/storage/table-bot-state-storage';
import { TableStore } from '../../../src/platform/storage/table-store';
import { conversationKey, StoredConversationMemory } from '../../../src/platform/teams/conversation-memory';
import { TEAM, TeamsActivities } from '../../support/activities';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { SAMPLE_COORDINATOR, STRANGER } from '../../support/test-bot';

interface Note {
  readonly text: string;
}

const parseNote = (stored: unknown): Note | undefined =>
  stored && typeof stored === 'object' && typeof (stored as { text?: unknown }).text === 'string' ? { text: (stored as Note).text } : undefined;

const teams = new TeamsActivities('http://127.0.0.1:1/', SAMPLE_COORDINATOR);
const turn = (activity: Record<string, unknown>) => ({ activity: activity as Partial<Activity> });

/** Two bot instances' memories on the same tables. */
async function twoInstances(name = 'notes'): Promise<[StoredConversationMemory<Note>, StoredConversationMemory<Note>]> {
  const prefix = uniquePrefix();
  const store = new TableStore(testConnectionString(), prefix);
  await store.ensureTables();
  return [
    new StoredConversationMemory(new TableBotStateStorage(store), name, parseNote),
    new StoredConversationMemory(new TableBotStateStorage(new TableStore(testConnectionString(), prefix)), name, parseNote),
  ];
}

describe('conversation memory', () => {
  it('gives what one instance wrote to another instance reading the same conversation', async () => {
    const [first, second] = await twoInstances();
    await first.write(turn(teams.personalMessage('eins')), { text: 'Bürger-App' });
    assert.deepEqual(await second.read(turn(teams.personalMessage('zwei'))), { text: 'Bürger-App' });
  });

  it('keeps one memory per person in a channel and per thread, and the 1:1 chat apart', async () => {
    const [memory] = await twoInstances();
    await memory.write(turn(teams.channelMessage('a')), { text: 'channel, coordinator' });
    await memory.write(turn(teams.channelMessage('b', { user: STRANGER })), { text: 'channel, stranger' });
    await memory.write(turn(teams.channelMessage('c', { reply: true })), { text: 'thread, coordinator' });
    assert.deepEqual(await memory.read(turn(teams.channelMessage('d'))), { text: 'channel, coordinator' });
    assert.deepEqual(await memory.read(turn(teams.channelMessage('e', { user: STRANGER }))), { text: 'channel, stranger' });
    assert.deepEqual(await memory.read(turn(teams.channelMessage('f', { reply: true }))), { text: 'thread, coordinator' });
    assert.equal(await memory.read(turn(teams.personalMessage('g'))), undefined);
  });

  it('keeps the memories of two names apart', async () => {
    const prefix = uniquePrefix();
    const store = new TableStore(testConnectionString(), prefix);
    await store.ensureTables();
    const storage = new TableBotStateStorage(store);
    await new StoredConversationMemory(storage, 'one', parseNote).write(turn(teams.personalMessage('x')), { text: 'one' });
    assert.equal(await new StoredConversationMemory(storage, 'two', parseNote).read(turn(teams.personalMessage('x'))), undefined);
  });

  it('replaces what was stored and forgets it on request', async () => {
    const [memory] = await twoInstances();
    const context = turn(teams.personalMessage('x'));
    await memory.write(context, { text: 'old' });
    await memory.write(context, { text: 'new' });
    assert.deepEqual(await memory.read(context), { text: 'new' });
    await memory.forget(context);
    assert.equal(await memory.read(context), undefined);
  });

  it('returns nothing for a stored value the feature does not accept', async () => {
    const store = new TableStore(testConnectionString(), uniquePrefix());
    await store.ensureTables();
    const storage = new TableBotStateStorage(store);
    const context = turn(teams.personalMessage('x'));
    await new StoredConversationMemory<{ count: number }>(storage, 'notes', () => undefined).write(context, { count: 1 });
    assert.equal(await new StoredConversationMemory(storage, 'notes', parseNote).read(context), undefined);
  });

  it('keys a channel thread by its thread id and the person', () => {
    const thread = teams.channelMessage('x', { reply: true });
    assert.equal(conversationKey(thread as Partial<Activity>), `channel|${TEAM.id};messageid=1700000000000|${SAMPLE_COORDINATOR.aadObjectId}`);
    assert.equal(conversationKey(teams.personalMessage('x') as Partial<Activity>), `personal|a:personal-${SAMPLE_COORDINATOR.id}`);
  });
});
