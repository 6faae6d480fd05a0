import assert from 'node:assert/strict';
import { newDelivery, type Delivery } from '../../src/platform/delivery/outbox';
import { TableDeliveryRepository } from '../../src/platform/delivery/delivery-repository';
import { TableJobRepository } from '../../src/platform/scheduler/job-repository';
import { TableStore } from '../../src/platform/storage/table-store';
import { runCliRecorded } from '../support/cli-output';
import { freshStore } from '../support/fresh-store';
import { testConnectionString, uniquePrefix } from '../support/hooks';
import { startTestBot } from '../support/test-bot';

function delivery(key: string, fields: Partial<Delivery>): Delivery {
  return { ...newDelivery({ batch: 'round-3', key, recipient: { kind: 'person', email: `${key}@example.org` }, payload: { type: 'message', text: 'Hallo' } }, '2025-03-10T08:00:00.000Z'), ...fields };
}

describe('operator commands of the proactive engine', () => {
  let env: Record<string, string>;
  let store: TableStore;
  const run = (...argv: string[]) => runCliRecorded(argv, env);

  beforeEach(async () => {
    env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
    store = await freshStore(env.TABLE_PREFIX);
  });

  it('lists pending and failed deliveries with their next attempt and reason, in German', async () => {
    await new TableDeliveryRepository(store).createMany(
      [
        delivery('anna', { status: 'pending', attempts: 2, nextAttemptAt: '2025-03-10T08:00:30.000Z', lastError: '503 ServiceUnavailable: busy' }),
        delivery('ben', { status: 'failed', attempts: 1, errorCode: 'ConversationBlockedByUser', lastError: '403 ConversationBlockedByUser: blocked', createdAt: '2025-03-10T08:00:01.000Z' }),
        delivery('carla', { status: 'unreachable', errorCode: 'notInTeam', lastError: 'notInTeam', createdAt: '2025-03-10T08:00:02.000Z' }),
        delivery('dora', { status: 'sent', attempts: 1, createdAt: '2025-03-10T08:00:03.000Z' }),
      ],
      new Date('2025-03-10T08:00:00Z'),
    );
    const { code, stdout } = await run('deliveries');
    assert.equal(code, 0);
    assert.deepEqual(stdout, [
      '3 offene oder fehlgeschlagene Zustellungen:',
      'wartet  round-3|anna  an anna@example.org  (Versuche: 2); nächster Versuch 10.03.2025 09:00:30; letzter Fehler: 503 ServiceUnavailable: busy',
      'fehlgeschlagen  round-3|ben  an ben@example.org  (Versuche: 1); Grund: die Person hat Kümmerer blockiert; letzter Fehler: 403 ConversationBlockedByUser: blocked',
      'nicht erreichbar  round-3|carla  an carla@example.org  (Versuche: 0); Grund: kein 1:1-Chat und kein gemeinsames Team mit Kümmerer',
    ]);
  });

  it('lists the deliveries sent again after a crash as uncertain, after the open ones', async () => {
    await new TableDeliveryRepository(store).createMany(
      [
        delivery('anna', { status: 'sent', attempts: 1, uncertain: true, sentAt: '2025-03-10T08:00:40.000Z' }),
        delivery('ben', { status: 'pending', attempts: 1, uncertain: true, nextAttemptAt: '2025-03-10T08:01:00.000Z', lastError: '500 InjectedFault: injected 500', createdAt: '2025-03-10T08:00:01.000Z' }),
        delivery('carla', { status: 'sent', attempts: 1, createdAt: '2025-03-10T08:00:02.000Z' }),
      ],
      new Date('2025-03-10T08:00:00Z'),
    );
    env.DEFAULT_LOCALE = 'en';
    const { code, stdout } = await run('deliveries');
    assert.equal(code, 0);
    assert.deepEqual(stdout, [
      '1 pending or failed delivery:',
      'pending  round-3|ben  to ben@example.org  (attempts: 1); next attempt 10.03.2025 09:01:00; last error: 500 InjectedFault: injected 500; uncertain: may have arrived twice',
      '1 delivery was sent again after a crash and is uncertain:',
      'uncertain: may have arrived twice  round-3|anna  to anna@example.org  (attempts: 1); sent 10.03.2025 09:00:40',
    ]);
  });

  it('says so when nothing is pending or failed, in English when that is the default language', async () => {
    env.DEFAULT_LOCALE = 'en';
    const { code, stdout } = await run('deliveries');
    assert.equal(code, 0);
    assert.deepEqual(stdout, ['No pending or failed deliveries.']);
  });

  it('lists jobs with their schedule, next run and latest runs', async () => {
    const jobs = new TableJobRepository(store);
    await jobs.createJob({ id: 'checkin.round', handler: 'checkin.round', schedule: { kind: 'cron', cron: '0 9 * * 1' }, payload: {}, createdAt: '2025-03-01T00:00:00.000Z', cursor: '2025-03-10T08:00:00.000Z', completedAt: '' });
    await jobs.createJob({ id: 'digest:round-3', handler: 'checkin.digest', schedule: { kind: 'once', at: '2025-03-14T15:00:00.000Z' }, payload: {}, createdAt: '2025-03-10T08:00:00.000Z', cursor: '1970-01-01T00:00:00.000Z', completedAt: '' });
    const base = { jobId: 'checkin.round', instance: 'host-1', attempt: 1, leaseUntil: '', error: '' };
    await jobs.createRun({ ...base, occurrence: '2025-03-03T08:00:00.000Z', status: 'skipped', startedAt: '', finishedAt: '2025-03-10T07:00:00.000Z', error: 'missed while no instance was running; older than the grace period' });
    await jobs.createRun({ ...base, occurrence: '2025-03-10T08:00:00.000Z', status: 'succeeded', startedAt: '2025-03-10T08:00:00.000Z', finishedAt: '2025-03-10T08:00:02.000Z' });

    const { code, stdout } = await run('jobs');
    assert.equal(code, 0);
    assert.deepEqual(stdout, [
      'checkin.round (checkin.round): Cron „0 9 * * 1“ (Europe/Berlin); nächste Ausführung: 17.03.2025 09:00:00',
      '  10.03.2025 09:00:00  erfolgreich  host-1',
      '  03.03.2025 09:00:00  übersprungen  host-1  – missed while no instance was running; older than the grace period',
      'digest:round-3 (checkin.digest): einmalig am 14.03.2025 16:00:00; nächste Ausführung: 14.03.2025 16:00:00',
      '  noch nicht gelaufen',
    ]);
  });

  it('names the new commands in the usage', async () => {
    const { code, stderr } = await run('frobnicate');
    assert.equal(code, 2);
    assert.equal(stderr[0], 'Unbekannter Befehl „frobnicate“.');
    const usage = stderr[1]!.split('\n');
    assert.ok(usage.some((line) => line.startsWith('  npm run cli -- deliveries ') && line.endsWith('offene und fehlgeschlagene Zustellungen mit Grund')));
    assert.ok(usage.some((line) => line.startsWith('  npm run cli -- jobs ') && line.endsWith('geplante Aufgaben, nächste Ausführung und letzte Läufe')));
    assert.ok(usage.some((line) => line.startsWith('  npm run cli -- send --to all|ROLLE|E-MAIL[,E-MAIL…] --text TEXT')));
  });

  it('queues a text for people of the directory, which the running bot then sends, and never twice', async () => {
    const bot = await startTestBot({ DELIVERY_SWEEP_SECONDS: '1' });
    try {
      await bot.post(bot.teams.personalMessage('hallo'));
      await bot.connector.waitForActivities(1);
      env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: bot.config.tablePrefix };
      const args = ['send', '--to', 'm.becker@kreis-coesfeld.example', '--text', 'Die Sitzung beginnt um 10 Uhr.', '--batch', 'notice-1'];
      const first = await run(...args);
      assert.deepEqual(first, { code: 0, stdout: ['1 Nachricht im Stapel notice-1 zum Senden vorgemerkt; der laufende Bot sendet sie spätestens in 30 s.'], stderr: [] });
      const [, sent] = await bot.connector.waitForActivities(2);
      assert.equal(sent!.body.text, 'Die Sitzung beginnt um 10 Uhr.');
      assert.equal(sent!.conversationId, 'a:personal-29:martina-becker');

      const again = await run(...args);
      assert.deepEqual(again.stdout, ['0 Nachrichten im Stapel notice-1 zum Senden vorgemerkt; der laufende Bot sendet sie spätestens in 30 s.', '1 davon waren schon vorgemerkt oder gesendet und werden nicht noch einmal gesendet.']);
    } finally {
      await bot.close();
    }
  });

  it('queues nothing when an address is not in the directory or the text is missing', async () => {
    const unknown = await run('send', '--to', 'nobody@example.org', '--text', 'Hallo');
    assert.deepEqual(unknown, { code: 1, stdout: [], stderr: ['Nicht im Verzeichnis: nobody@example.org. Nichts wurde vorgemerkt.'] });
    const noText = await run('send', '--to', 'all');
    assert.deepEqual(noText, { code: 2, stdout: [], stderr: ['Bitte den Text mit --text angeben (höchstens 4000 Zeichen).'] });
    assert.deepEqual(await new TableDeliveryRepository(store).listForReport(10), []);
  });
});
