import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import sinon from 'sinon';
import { checkinRepositories } from '../../../src/features/checkins/tables';
import type { Person, Project } from '../../../src/platform/directory/model';
import { openStorage } from '../../../src/platform/storage';
import { addressOf } from '../../../src/platform/teams/conversation-address';
import { featureTables } from '../../../src/app';
import { TeamsActivities, TEST_TENANT } from '../../support/activities';
import { cardOf, cardTexts } from '../../support/cards';
import { ManualClock, runFor } from '../../support/clock';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { TeamsConnector, type ConnectorCall, type TeamsMember } from '../../support/teams-connector';
import { startTestBot, type TestBot } from '../../support/test-bot';

const OWNERS = 150;
const COORDINATOR: TeamsMember = { id: '29:kora', name: 'Kora Koordination', aadObjectId: '0c0c0c0c-0000-4000-8000-000000000001', email: 'kora@kreis.example', tenantId: TEST_TENANT };

/** Owner n of a project each, with a 1:1 chat with the bot. */
function owner(n: number): TeamsMember {
  const id = String(n).padStart(4, '0');
  return { id: `29:owner-${id}`, name: `Owner ${id}`, aadObjectId: `00000000-0000-4000-8000-00000000${id}`, email: `owner${id}@kommune.example`, tenantId: TEST_TENANT };
}

describe('a check-in round of many owners, as one batch', () => {
  let bot: TestBot;
  let clock: ManualClock;
  const owners = Array.from({ length: OWNERS }, (_, i) => owner(i));
  const chats = new Map(owners.map((o) => [`a:personal-${o.id}`, o.email!]));
  const isCard = (call: ConnectorCall) => call.kind === 'send' && chats.has(call.conversationId) && cardOf(call.body) !== undefined;

  beforeEach(async function () {
    this.timeout(60_000);
    // The directory, the owners' chats and the coordinator's, stored before the bot starts, as an operator's import leaves them.
    const prefix = uniquePrefix();
    const storage = await openStorage({ tablesConnectionString: testConnectionString(), dataDir: '', tablePrefix: prefix }, 'cli', featureTables());
    const connector = await TeamsConnector.start();
    try {
      const people: Person[] = [...owners, COORDINATOR].map((m) => ({ email: m.email!, name: m.name, roles: m === COORDINATOR ? ['coordinator'] : ['cdo'], municipality: 'Benchstadt', aadObjectId: m.aadObjectId }));
      await storage.repos.municipalities.upsert([{ name: 'Benchstadt', kind: 'municipality', website: '' }]);
      await storage.repos.people.upsert(people);
      const projects: Project[] = owners.map((o, i) => ({ id: `projekt-${i}`, title: `Projekt ${i}`, aliases: [], field: 'Verwaltung', lead: 'Benchstadt', participants: [], owner: o.email!, deputy: '', phase: 'implementation', summary: '' }));
      await storage.repos.projects.upsert(projects);
      const teams = new TeamsActivities(connector.serviceUrl, COORDINATOR);
      await Promise.all(owners.map((o) => storage.repos.conversations.add(addressOf(teams.personalMessage('hallo', { user: o }), new Date('2026-11-30T07:00:00Z')))));
    } finally {
      await storage.close();
    }
    clock = new ManualClock('2026-11-30T08:00:00.000Z');
    bot = await startTestBot({ TABLE_PREFIX: prefix, SAMPLE_DATA: 'false', CHECKIN_SCHEDULE: 'off', SCHEDULER_TICK_SECONDS: '3600', DELIVERY_SWEEP_SECONDS: '3600' }, { clock, connector });
    bot.connector.enforceLimits({ now: () => clock.now().getTime() });
    // The coordinator has written before: the bot knows the directory (in memory) and the coordinator.
    await bot.post(new TeamsActivities(bot.connector.serviceUrl, COORDINATOR).personalMessage('hilfe'));
  });
  afterEach(async () => {
    sinon.restore();
    await bot.close();
    await bot.connector.close();
  });

  function start() {
    return bot.post(new TeamsActivities(bot.connector.serviceUrl, COORDINATOR).personalMessage('Check-in starten'));
  }

  it('sends the first cards while the later ones are still being prepared, in chunks of 10, 40 and 100', async function () {
    this.timeout(90_000);
    const firstCard = bot.connector.waitForActivities(1, isCard, 60_000);
    await start();
    await firstCard;
    const handedOverAtFirstCard = bot.logs.find('check-in cards handed to the outbox').length;
    await runFor(clock, 60_000, bot.app.scheduler, bot.app.outbox);
    const chunks = bot.logs.find('check-in cards handed to the outbox').map((line) => line.cards);
    assert.deepEqual(chunks, [10, 40, 100]);
    assert.ok(handedOverAtFirstCard < chunks.length, `the first card left after ${handedOverAtFirstCard} of ${chunks.length} chunks were handed over`);
  });

  it('reaches every owner exactly once within the limits, and records each card on its prompt', async function () {
    this.timeout(90_000);
    await start();
    await runFor(clock, 60_000, bot.app.scheduler, bot.app.outbox);
    const cards = bot.connector.accepted('send').filter(isCard);
    assert.equal(cards.length, OWNERS);
    assert.deepEqual([...new Set(cards.map((c) => chats.get(c.conversationId)))].sort(), owners.map((o) => o.email).sort());
    assert.deepEqual(cardTexts(cardOf(cards.find((c) => c.conversationId === 'a:personal-29:owner-0007')!.body))[0], 'Statusmeldung: Projekt 7');
    assert.equal(bot.connector.violations, 0);
    const repos = checkinRepositories(bot.app.storage.store);
    const { round } = await repos.checkinRounds.current();
    const prompts = await repos.checkinRounds.prompts(round!.id);
    assert.equal(prompts.length, OWNERS);
    assert.deepEqual(prompts.filter((p) => p.delivery.status !== 'sent' || !p.delivery.deliveryId.startsWith(`checkin-${round!.id}|prompt:`)), []);
  });

  it('reads no people or projects table and no table as a whole for the round', async function () {
    this.timeout(90_000);
    const spy = sinon.spy(TableClient.prototype, 'listEntities');
    await start();
    await runFor(clock, 60_000, bot.app.scheduler, bot.app.outbox);
    const queries = spy.getCalls().map((call) => ({ table: (call.thisValue as TableClient).tableName, filter: String((call.args[0] as { queryOptions?: { filter?: string } } | undefined)?.queryOptions?.filter ?? '') }));
    const directoryTables = ['people', 'projects', 'municipalities'].map((t) => bot.app.storage.store.tableName(t));
    assert.deepEqual(queries.filter((q) => directoryTables.includes(q.table)), []);
    assert.deepEqual(queries.filter((q) => !/^PartitionKey (eq|ge) '/.test(q.filter)), []);
  });
});
