import assert from 'node:assert/strict';
import { featureTables } from '../../../src/app';
import { openStorage, type OpenStorage } from '../../../src/platform/storage';
import { addressOf } from '../../../src/platform/teams/conversation-address';
import { TeamsActivities, TEST_TENANT } from '../../support/activities';
import { spawnBot, type BotProcess } from '../../support/bot-process';
import { runCliRecorded } from '../../support/cli-output';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { TeamsConnector, type TeamsMember } from '../../support/teams-connector';

const PEOPLE = 40;
const CONCURRENCY = 4;
const BATCH = 'crash-1';

describe('a bot process killed in the middle of a fan-out', function () {
  // Two bot processes, and the claims of the first one ending on the wall clock (DELIVERY_CLAIM_SECONDS).
  this.timeout(180_000);
  let connector: TeamsConnector;
  let storage: OpenStorage;
  let env: Record<string, string>;
  const bots: BotProcess[] = [];
  const members: TeamsMember[] = Array.from({ length: PEOPLE }, (_, i) => {
    const n = String(i).padStart(3, '0');
    return { id: `29:member-${n}`, name: `Mitglied ${n}`, aadObjectId: `eeeeeeee-0000-4000-8000-000000000${n}`, email: `mitglied${n}@kommune.example`, tenantId: TEST_TENANT };
  });
  const emailOfChat = new Map(members.map((m) => [`a:personal-${m.id}`, m.email!]));

  before(async () => {
    connector = await TeamsConnector.start();
    env = {
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: uniquePrefix(),
      SAMPLE_DATA: 'false',
      CHECKIN_SCHEDULE: 'off',
      DELIVERY_SWEEP_SECONDS: '1',
      DELIVERY_CONCURRENCY: String(CONCURRENCY),
      DELIVERY_CLAIM_SECONDS: '10',
    };
    storage = await openStorage({ tablesConnectionString: env.TABLES_CONNECTION_STRING!, dataDir: '', tablePrefix: env.TABLE_PREFIX! }, 'cli', featureTables());
    // Everyone has a 1:1 chat with the bot, as after writing to it once.
    await storage.repos.people.upsert(members.map((m) => ({ email: m.email!, name: m.name, roles: ['member' as const], municipality: '', aadObjectId: m.aadObjectId })));
    const teams = new TeamsActivities(connector.serviceUrl, members[0]!);
    for (const member of members) await storage.repos.conversations.add(addressOf(teams.personalMessage('hallo', { user: member }), new Date()));
  });
  after(async () => {
    for (const bot of bots) await bot.stop('SIGKILL');
    await storage?.close();
    await connector?.close();
  });

  it('sends every message after the restart, twice only those in flight at the kill, each logged and listed as uncertain', async () => {
    // Teams answers the first ten sends and then stops answering: the bot's requests stay in flight.
    const stalled = connector.holdAnswersAfter(10);
    const first = await spawnBot(env);
    bots.push(first);
    const queued = await runCliRecorded(['send', '--to', 'all', '--text', 'Die Sitzung beginnt um 10 Uhr.', '--batch', BATCH], env);
    assert.equal(queued.code, 0);
    await stalled.whenHeld(CONCURRENCY);
    await first.stop('SIGKILL');
    const inFlight = stalled.held.map((call) => emailOfChat.get(call.conversationId)!);
    stalled.release();
    assert.equal(inFlight.length, CONCURRENCY, 'no more requests in flight than DELIVERY_CONCURRENCY');
    const atKill = await storage.deliveries.listBatch(BATCH);
    const unsent = atKill.filter((d) => d.status !== 'sent');
    const claimed = atKill.filter((d) => d.status === 'sending').map((d) => d.key);
    assert.ok(unsent.length > 0 && unsent.length < PEOPLE, `killed in the middle: ${unsent.length} of ${PEOPLE} not sent`);

    const second = await spawnBot(env);
    bots.push(second);
    for (const delivery of unsent) await second.waitForLog((line) => line.msg === 'delivery sent' && line.deliveryId === delivery.id, 60_000);

    const cards = new Map<string, number>();
    for (const call of connector.accepted('send')) cards.set(emailOfChat.get(call.conversationId)!, (cards.get(emailOfChat.get(call.conversationId)!) ?? 0) + 1);
    assert.deepEqual(members.filter((m) => !cards.has(m.email!)), [], 'everyone got the message');
    assert.deepEqual([...cards].filter(([, count]) => count > 1).map(([email]) => email).sort(), [...inFlight].sort(), 'twice: only those in flight at the kill');
    assert.deepEqual([...cards.values()].filter((count) => count > 2), []);

    const logged = second.stdout.map((text) => JSON.parse(text) as Record<string, unknown>).filter((line) => String(line.msg).includes('uncertain: it may arrive twice'));
    for (const email of inFlight) assert.ok(logged.some((line) => line.deliveryId === `${BATCH}|${email}` && line.level === 40), `${email} logged as uncertain`);

    const report = await runCliRecorded(['deliveries'], { ...env, DEFAULT_LOCALE: 'en' });
    const listed = report.stdout.filter((line) => line.startsWith('uncertain: may have arrived twice  ')).map((line) => line.split('  ')[1]!.slice(BATCH.length + 1));
    for (const email of inFlight) assert.ok(listed.includes(email), `${email} listed as uncertain`);
    assert.deepEqual(listed.filter((email) => !claimed.includes(email)), [], 'only what was claimed at the kill is uncertain');
    assert.deepEqual((await storage.deliveries.listBatch(BATCH)).filter((d) => d.status !== 'sent'), []);
  });
});
