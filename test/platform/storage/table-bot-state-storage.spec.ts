import assert from 'node:assert/strict';
import { ConversationState, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { StateConflictError, TableBotStateStorage } from '../../../src/platform/storage/table-bot-state-storage';
import { TableStore } from '../../../src/platform/storage/table-store';
import { testConnectionString, uniquePrefix } from '../../support/hooks';

async function twoInstances(): Promise<[TableBotStateStorage, TableBotStateStorage]> {
  const prefix = uniquePrefix();
  const a = new TableStore(testConnectionString(), prefix);
  await a.ensureTables();
  return [new TableBotStateStorage(a), new TableBotStateStorage(new TableStore(testConnectionString(), prefix))];
}

describe('bot state storage on a table', () => {
  it('reads back what was written, with an eTag, and nothing for unknown keys', async () => {
    const [storage] = await twoInstances();
    await storage.write({ 'msteams/conversations/19:a@thread/b': { count: 1, name: 'Zoë' } });
    const items = await storage.read(['msteams/conversations/19:a@thread/b', 'missing']);
    assert.deepEqual(Object.keys(items), ['msteams/conversations/19:a@thread/b']);
    assert.equal(items['msteams/conversations/19:a@thread/b'].count, 1);
    assert.equal(items['msteams/conversations/19:a@thread/b'].name, 'Zoë');
    assert.match(items['msteams/conversations/19:a@thread/b'].eTag, /^W\/"/);
  });

  it('refuses a write with a stale eTag and keeps the newer value', async () => {
    const [first, second] = await twoInstances();
    await first.write({ k: { v: 1 } });
    const readByFirst = (await first.read(['k'])).k;
    const readBySecond = (await second.read(['k'])).k;
    await second.write({ k: { ...readBySecond, v: 2 } });
    await assert.rejects(first.write({ k: { ...readByFirst, v: 3 } }), StateConflictError);
    assert.equal((await first.read(['k'])).k.v, 2);
  });

  it('overwrites with eTag "*"', async () => {
    const [storage] = await twoInstances();
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    assert.equal((await storage.read(['k'])).k.v, 2);
  });

  it('stores state larger than one table property', async () => {
    const [storage] = await twoInstances();
    const big = 'ä'.repeat(100_000);
    await storage.write({ big: { big } });
    assert.equal((await storage.read(['big'])).big.big, big);
  });

  it('handles keys longer than a table key may be', async () => {
    const [storage] = await twoInstances();
    const key = `conversation/${'x'.repeat(2000)}`;
    await storage.write({ [key]: { v: 'long' } });
    assert.equal((await storage.read([key]))[key].v, 'long');
  });

  it('deletes, and deleting a missing key is not an error', async () => {
    const [storage] = await twoInstances();
    await storage.write({ k: { v: 1 } });
    await storage.delete(['k', 'never-written']);
    assert.deepEqual(await storage.read(['k']), {});
  });

  it('lets conversation state written by one bot instance be read by another', async () => {
    const [first, second] = await twoInstances();
    const activity: Partial<Activity> = { type: 'message', channelId: 'msteams', conversation: { id: '19:conv@thread.v2' } as Activity['conversation'], from: { id: 'u' } as Activity['from'], recipient: { id: 'b' } as Activity['recipient'] };
    const stateA = new ConversationState(first);
    const contextA = new TurnContext(new TestAdapter(), activity);
    await stateA.createProperty<number>('answers').set(contextA, 42);
    await stateA.saveChanges(contextA);

    const stateB = new ConversationState(second);
    const contextB = new TurnContext(new TestAdapter(), activity);
    assert.equal(await stateB.createProperty<number>('answers').get(contextB), 42);
  });
});
