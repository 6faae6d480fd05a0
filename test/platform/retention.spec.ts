import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import sinon from 'sinon';
import { newDelivery, type Delivery } from '../../src/platform/delivery/outbox';
import { TableDeliveryRepository } from '../../src/platform/delivery/delivery-repository';
import type { JobRun } from '../../src/platform/scheduler/jobs';
import { TableJobRepository } from '../../src/platform/scheduler/job-repository';
import { TABLES, type TableStore } from '../../src/platform/storage/table-store';
import { ManualClock, runFor } from '../support/clock';
import { runCliRecorded } from '../support/cli-output';
import { freshStore } from '../support/fresh-store';
import { testConnectionString, uniquePrefix } from '../support/hooks';
import { SAMPLE_COORDINATOR, startTestBot, type TestBot } from '../support/test-bot';

const DAY = 86_400_000;

function delivery(batch: string, key: string, at: string, fields: Partial<Delivery> = {}): Delivery {
  return { ...newDelivery({ batch, key, recipient: { kind: 'person', email: `${key}@example.org` }, payload: { type: 'message', text: 'Hallo' } }, at), ...fields };
}

function run(jobId: string, occurrence: string, status: JobRun['status'] = 'succeeded'): JobRun {
  return { jobId, occurrence, status, instance: 'host-1', attempt: 1, leaseUntil: '', startedAt: occurrence, finishedAt: occurrence, error: '' };
}

/** Every filter the Table Storage client was asked to list with, from now on. */
function listedFilters(): () => string[] {
  const spy = sinon.spy(TableClient.prototype, 'listEntities');
  return () => spy.getCalls().map((call) => String((call.args[0] as { queryOptions?: { filter?: string } } | undefined)?.queryOptions?.filter ?? '(the whole table)'));
}

/** A query of one partition, or of a range of index partitions (`~…`): never the whole table. */
const PARTITION_QUERY = /^PartitionKey eq '[^']*'( and .*)?$|^PartitionKey ge '~[^']*' and PartitionKey lt '~[^']*'$/;

describe('retention of deliveries and job runs', () => {
  let store: TableStore;
  let deliveries: TableDeliveryRepository;
  let jobs: TableJobRepository;
  beforeEach(async () => {
    store = await freshStore();
    deliveries = new TableDeliveryRepository(store);
    jobs = new TableJobRepository(store);
  });
  afterEach(() => sinon.restore());

  describe('deliveries', () => {
    const OLD = '2025-01-02T08:00:00.000Z';
    const RECENT = '2025-04-01T08:00:00.000Z';
    const CUTOFF = new Date('2025-03-01T00:00:00.000Z');

    async function keysOf(batch: string): Promise<string[]> {
      return (await deliveries.listBatch(batch)).map((d) => d.key).sort();
    }

    it('deletes finished deliveries last changed before the cutoff, and keeps pending ones and newer ones', async () => {
      await deliveries.createMany(
        [
          delivery('round-1', 'sent', OLD, { status: 'sent', sentAt: OLD }),
          delivery('round-1', 'failed', OLD, { status: 'failed', errorCode: 'ConversationBlockedByUser' }),
          delivery('round-1', 'unreachable', OLD, { status: 'unreachable', errorCode: 'notInTeam' }),
          delivery('round-1', 'pending', OLD),
          delivery('round-1', 'updated', OLD, { status: 'sent', updatedAt: RECENT }),
        ],
        new Date(OLD),
      );
      await deliveries.createMany([delivery('round-2', 'sent', RECENT, { status: 'sent' })], new Date(RECENT));
      assert.equal(await deliveries.deleteFinishedBefore(CUTOFF), 3);
      assert.deepEqual(await keysOf('round-1'), ['pending', 'updated']);
      assert.deepEqual(await keysOf('round-2'), ['sent']);
    });

    it('deletes a whole old batch in transactions, and reports nothing of it any more', async () => {
      const many = Array.from({ length: 230 }, (_, i) => delivery('broadcast-1', `p${String(i).padStart(3, '0')}`, OLD, { status: i % 10 === 0 ? 'failed' : 'sent', uncertain: i % 50 === 0 }));
      await deliveries.createMany(many, new Date(OLD));
      // 23 failed (every tenth), among them the 5 uncertain ones (every fiftieth).
      assert.equal((await deliveries.listForReport(500)).length, 23);
      assert.equal(await deliveries.deleteFinishedBefore(CUTOFF), 230);
      assert.deepEqual(await keysOf('broadcast-1'), []);
      assert.deepEqual(await deliveries.listForReport(500), []);
      // Nothing is left of the batch: not even the marks that led to it.
      const left: string[] = [];
      for await (const entity of store.table(TABLES.deliveries).listEntities()) left.push(`${entity.partitionKey}/${entity.rowKey}`);
      assert.deepEqual(left, ['~meta/indexes-1']);
    });

    it('finds old deliveries stored before the outbox kept its day and flag partitions', async () => {
      // Written as an older version stored them: the delivery only, in its batch's partition.
      const table = store.table(TABLES.deliveries);
      for (const [key, status] of [['a', 'sent'], ['b', 'failed']] as const) {
        await table.createEntity({ partitionKey: 'legacy', rowKey: key, batch: 'legacy', key, recipient: JSON.stringify({ kind: 'person', email: `${key}@example.org` }), status, attempts: 1, createdAt: OLD, updatedAt: OLD, errorCode: status === 'failed' ? 'ConversationNotFound' : '', payloadChunks: 1, payload0: '{"type":"message","text":"alt"}' });
      }
      assert.deepEqual((await deliveries.listForReport(10)).map((d) => [d.id, d.status]), [['legacy|b', 'failed']]);
      assert.equal(await deliveries.deleteFinishedBefore(CUTOFF), 2);
      assert.deepEqual(await keysOf('legacy'), []);
    });

    it('lists deliveries for the report by partition only, never the whole table', async () => {
      await deliveries.createMany([delivery('round-1', 'a', OLD, { status: 'failed' }), delivery('round-1', 'b', OLD)], new Date(OLD));
      await deliveries.listForReport(1); // builds the indexes once
      const filters = listedFilters();
      const env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: store.tableName('') };
      const listed = await runCliRecorded(['deliveries'], env);
      assert.equal(listed.stdout.length, 3);
      assert.deepEqual(filters().filter((filter) => !PARTITION_QUERY.test(filter)), []);
    });

    it('deletes by partition only, never reading the whole table', async () => {
      await deliveries.createMany([delivery('round-1', 'a', OLD, { status: 'sent' })], new Date(OLD));
      await deliveries.listForReport(1);
      const filters = listedFilters();
      await deliveries.deleteFinishedBefore(CUTOFF);
      assert.ok(filters().length > 0);
      assert.deepEqual(filters().filter((filter) => !PARTITION_QUERY.test(filter)), []);
    });
  });

  describe('job runs', () => {
    it('deletes the runs before the cutoff that are not running, of every job, deleted jobs included', async () => {
      for (const r of [
        run('checkin.schedule', '2025-01-06T08:00:00.000Z'),
        run('checkin.schedule', '2025-01-20T08:00:00.000Z', 'failed'),
        run('checkin.schedule', '2025-03-03T08:00:00.000Z'),
        run('reminder:gone', '2025-01-07T08:00:00.000Z', 'skipped'),
        run('stuck', '2025-01-08T08:00:00.000Z', 'running'),
      ]) {
        await jobs.createRun(r);
      }
      assert.equal(await jobs.deleteRunsBefore(new Date('2025-03-01T00:00:00.000Z')), 3);
      assert.deepEqual((await jobs.listRuns('checkin.schedule', 10)).map((r) => r.occurrence), ['2025-03-03T08:00:00.000Z']);
      assert.deepEqual(await jobs.listRuns('reminder:gone', 10), []);
      assert.deepEqual((await jobs.listRuns('stuck', 10)).map((r) => r.status), ['running']);
    });

    it('finds runs stored before the day partitions existed, and deletes by partition only', async () => {
      await store.table(TABLES.jobs).createEntity({ ...run('legacy', '2025-01-06T08:00:00.000Z'), partitionKey: 'run|legacy', rowKey: String(9_999_999_999_999 - Date.parse('2025-01-06T08:00:00.000Z')).padStart(13, '0') });
      assert.equal(await jobs.deleteRunsBefore(new Date('2025-03-01T00:00:00.000Z')), 1);
      assert.deepEqual(await jobs.listRuns('legacy', 10), []);
      await jobs.createRun(run('later', '2025-01-06T08:00:00.000Z'));
      const filters = listedFilters();
      assert.equal(await jobs.deleteRunsBefore(new Date('2025-03-01T00:00:00.000Z')), 1);
      assert.deepEqual(filters().filter((filter) => !PARTITION_QUERY.test(filter)), []);
    });
  });

  describe('the daily job of the running bot', () => {
    let bot: TestBot;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = new ManualClock('2025-03-10T08:00:00.000Z');
      bot = await startTestBot({ DELIVERY_RETENTION_DAYS: '1', SCHEDULER_RETENTION_DAYS: '1', SCHEDULER_TICK_SECONDS: '3600', DELIVERY_SWEEP_SECONDS: '3600', CHECKIN_SCHEDULE: 'off', TABLE_PREFIX: uniquePrefix() }, { clock });
    });
    afterEach(async () => bot.close());

    it('deletes a sent message and old job runs once they are older than the retention, and keeps the newer ones', async () => {
      await bot.post(bot.teams.personalMessage('hallo'));
      const sent = await bot.app.outbox.enqueue({ batch: 'notice-1', key: SAMPLE_COORDINATOR.email!, recipient: { kind: 'person', email: SAMPLE_COORDINATOR.email! }, payload: { type: 'message', text: 'Die Sitzung beginnt um 10 Uhr.' } });
      await runFor(clock, 0, bot.app.scheduler, bot.app.outbox);
      assert.equal((await bot.app.outbox.get(sent.id))?.status, 'sent');

      // 11 March, 03:30 in Berlin: the message is less than a day old.
      await runFor(clock, DAY, bot.app.scheduler, bot.app.outbox);
      assert.equal((await bot.app.outbox.get(sent.id))?.status, 'sent');
      // 12 March, 03:30: it is more than a day old.
      await runFor(clock, DAY, bot.app.scheduler, bot.app.outbox);
      assert.equal(await bot.app.outbox.get(sent.id), undefined);
      // 13 March, 03:30: the run of 11 March is more than a day old.
      await runFor(clock, DAY, bot.app.scheduler, bot.app.outbox);
      assert.deepEqual(
        (await bot.app.storage.jobs.listRuns('platform.retention', 10)).map((r) => [r.occurrence, r.status]),
        [
          ['2025-03-13T02:30:00.000Z', 'succeeded'],
          ['2025-03-12T02:30:00.000Z', 'succeeded'],
        ],
      );
      const lines = bot.logs.find('old deliveries and job runs deleted');
      assert.deepEqual(lines.map((l) => l.deliveries), [0, 1, 0]);
      // The features' own recurring jobs (an hourly feed check, daily planning) leave runs too: on the first day
      // none is old yet; from the third, the runs of the first day go, the retention job's own among them.
      assert.equal(lines[0]!.runs, 0);
      assert.ok(Number(lines[2]!.runs) >= 1);
    });
  });
});
