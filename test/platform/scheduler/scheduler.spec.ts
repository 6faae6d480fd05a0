import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { Clock } from '../../../src/platform/clock';
import { createLogger } from '../../../src/platform/logger';
import { Scheduler, type JobContext } from '../../../src/platform/scheduler/scheduler';
import { TableJobRepository } from '../../../src/platform/scheduler/job-repository';
import { TableStore } from '../../../src/platform/storage/table-store';
import { ManualClock, runFor } from '../../support/clock';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { LogCapture } from '../../support/test-bot';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Storage of its own and a log; schedulers made here share the tables, as bot instances do. */
class SchedulerRig {
  readonly jobs: TableJobRepository;
  readonly logs = new LogCapture();
  readonly ran: { instance: string; jobId: string; occurrence: string; payload: unknown; attempt: number }[] = [];
  private readonly schedulers: Scheduler[] = [];

  constructor(readonly clock: ManualClock) {
    const store = new TableStore(testConnectionString(), uniquePrefix());
    this.jobs = new TableJobRepository(store);
    this.ready = store.ensureTables();
  }

  readonly ready: Promise<void>;

  /** A scheduler instance whose `demo` handler records what it ran (and may be replaced). */
  async instance(name: string, options: { clock?: Clock; graceMs?: number; tickMs?: number; handler?: (c: JobContext) => Promise<void> } = {}): Promise<Scheduler> {
    await this.ready;
    const scheduler = new Scheduler({
      jobs: this.jobs,
      clock: options.clock ?? this.clock,
      logger: createLogger('debug', this.logs).child({ instance: name }),
      instanceId: name,
      // Ticks every 6 hours unless told otherwise: occurrences wake the scheduler anyway, and long test spans stay quick.
      options: { timezone: 'Europe/Berlin', graceMs: options.graceMs ?? HOUR, leaseMs: MINUTE, tickMs: options.tickMs ?? 6 * HOUR },
    });
    scheduler.register('demo', async (context) => {
      this.ran.push({ instance: name, jobId: context.jobId, occurrence: context.occurrence.toISOString(), payload: context.payload, attempt: context.attempt });
      await options.handler?.(context);
    });
    this.schedulers.push(scheduler);
    await scheduler.start();
    return scheduler;
  }

  async close(): Promise<void> {
    await Promise.all(this.schedulers.map((s) => s.stop()));
  }
}

describe('scheduler', () => {
  let rig: SchedulerRig;
  afterEach(async () => {
    sinon.restore();
    await rig.close();
  });

  it('runs a recurring job at each occurrence in Berlin time and records every run', async () => {
    rig = new SchedulerRig(new ManualClock('2025-03-07T12:00:00Z'));
    const scheduler = await rig.instance('one');
    await scheduler.scheduleRecurring({ id: 'checkin.round', handler: 'demo', cron: '0 9 * * 1', payload: { round: 'biweekly' } });
    await runFor(rig.clock, 10 * 24 * HOUR, scheduler);

    assert.deepEqual(rig.ran, [
      { instance: 'one', jobId: 'checkin.round', occurrence: '2025-03-10T08:00:00.000Z', payload: { round: 'biweekly' }, attempt: 1 },
      { instance: 'one', jobId: 'checkin.round', occurrence: '2025-03-17T08:00:00.000Z', payload: { round: 'biweekly' }, attempt: 1 },
    ]);
    const runs = await rig.jobs.listRuns('checkin.round', 5);
    assert.deepEqual(runs.map((r) => [r.occurrence, r.status, r.instance, r.startedAt]), [
      ['2025-03-17T08:00:00.000Z', 'succeeded', 'one', '2025-03-17T08:00:00.000Z'],
      ['2025-03-10T08:00:00.000Z', 'succeeded', 'one', '2025-03-10T08:00:00.000Z'],
    ]);
    assert.equal((await rig.jobs.getJob('checkin.round'))!.value.cursor, '2025-03-17T08:00:00.000Z');
    const succeeded = rig.logs.find('job run succeeded');
    assert.equal(succeeded.length, 2);
    assert.ok(succeeded.every((l) => l.jobId === 'checkin.round' && typeof l.occurrence === 'string'));
  });

  it('runs each occurrence once when two instances share the tables', async () => {
    rig = new SchedulerRig(new ManualClock('2025-03-10T06:00:00Z'));
    const one = await rig.instance('one', { tickMs: 10 * MINUTE });
    const two = await rig.instance('two', { tickMs: 10 * MINUTE });
    await one.scheduleRecurring({ id: 'reminder', handler: 'demo', cron: '*/30 * * * *' });
    await runFor(rig.clock, 3 * HOUR, one, two);

    const occurrences = rig.ran.map((r) => r.occurrence);
    assert.equal(occurrences.length, 6);
    assert.equal(new Set(occurrences).size, 6);
    const runs = await rig.jobs.listRuns('reminder', 10);
    assert.equal(runs.length, 6);
    assert.ok(runs.every((r) => r.status === 'succeeded' && r.attempt === 1));
  });

  it('takes over an occurrence whose instance died while running it, once the lease has expired', async () => {
    rig = new SchedulerRig(new ManualClock('2025-03-10T07:59:00Z'));
    // The first instance's clock stops with it: no more lease renewals, as in a crash.
    const frozen = new ManualClock('2025-03-10T07:59:00Z');
    let hang: () => void = () => {};
    const dying = await rig.instance('dying', { clock: frozen, handler: () => new Promise<void>((resolve) => (hang = resolve)) });
    await dying.scheduleOnce({ id: 'digest', handler: 'demo', at: new Date('2025-03-10T08:00:00Z') });
    await runFor(frozen, 0, dying);
    frozen.advance(MINUTE);
    await dying.whenQuiet();
    assert.equal((await rig.jobs.getRun('digest', '2025-03-10T08:00:00.000Z'))!.value.instance, 'dying');

    rig.clock.advance(MINUTE);
    const survivor = await rig.instance('survivor');
    await runFor(rig.clock, 30_000, survivor);
    assert.equal(rig.ran.length, 1, 'not while the lease holds');
    await runFor(rig.clock, 60_000, survivor);
    assert.deepEqual(rig.ran.map((r) => [r.instance, r.attempt]), [
      ['dying', 1],
      ['survivor', 2],
    ]);
    const run = (await rig.jobs.getRun('digest', '2025-03-10T08:00:00.000Z'))!.value;
    assert.equal(run.status, 'succeeded');
    assert.equal(run.instance, 'survivor');
    assert.equal((await rig.jobs.getJob('digest'))!.value.completedAt !== '', true);

    hang();
    await dying.whenIdle();
    assert.equal((await rig.jobs.getRun('digest', '2025-03-10T08:00:00.000Z'))!.value.instance, 'survivor');
    assert.equal(rig.logs.find('job lease lost before the outcome was recorded').length, 1);
  });

  it('renews the lease of a long run so that no other instance takes it over', async () => {
    rig = new SchedulerRig(new ManualClock('2025-03-10T07:59:00Z'));
    let finish: () => void = () => {};
    const busy = await rig.instance('busy', { handler: () => new Promise<void>((resolve) => (finish = resolve)) });
    const other = await rig.instance('other');
    await busy.scheduleOnce({ id: 'export', handler: 'demo', at: new Date('2025-03-10T08:00:00Z') });
    await runFor(rig.clock, 0, busy, other);
    for (let i = 0; i < 12; i++) {
      rig.clock.advance(20_000);
      await Promise.all([busy.whenQuiet(), other.whenIdle()]);
    }
    const running = (await rig.jobs.getRun('export', '2025-03-10T08:00:00.000Z'))!.value;
    assert.equal(running.status, 'running');
    // Started at 08:00 with a one-minute lease, renewed every 20 s: at 08:03 it runs until 08:04.
    assert.equal(running.leaseUntil, '2025-03-10T08:04:00.000Z');
    assert.deepEqual(rig.ran.map((r) => r.instance), ['busy']);
    finish();
    await busy.whenIdle();
    assert.equal((await rig.jobs.getRun('export', '2025-03-10T08:00:00.000Z'))!.value.status, 'succeeded');
  });

  describe('daylight-saving days in Europe/Berlin', () => {
    it('runs a 02:30 job once on the spring-forward day, at 03:00 when 02:30 does not exist', async () => {
      rig = new SchedulerRig(new ManualClock('2025-03-29T00:00:00Z'));
      const scheduler = await rig.instance('one');
      await scheduler.scheduleRecurring({ id: 'nightly', handler: 'demo', cron: '30 2 * * *' });
      await runFor(rig.clock, 3 * 24 * HOUR, scheduler);
      assert.deepEqual(rig.ran.map((r) => r.occurrence), ['2025-03-29T01:30:00.000Z', '2025-03-30T01:00:00.000Z', '2025-03-31T00:30:00.000Z']);
    });

    it('runs a 02:30 job once on the fall-back day, although 02:30 happens twice', async () => {
      rig = new SchedulerRig(new ManualClock('2025-10-25T00:00:00Z'));
      const scheduler = await rig.instance('one');
      await scheduler.scheduleRecurring({ id: 'nightly', handler: 'demo', cron: '30 2 * * *' });
      await runFor(rig.clock, 3 * 24 * HOUR, scheduler);
      assert.deepEqual(rig.ran.map((r) => r.occurrence), ['2025-10-25T00:30:00.000Z', '2025-10-26T00:30:00.000Z', '2025-10-27T01:30:00.000Z']);
    });
  });

  describe('occurrences missed while every instance was down', () => {
    it('runs a missed occurrence on start when it is within the grace period', async () => {
      rig = new SchedulerRig(new ManualClock('2025-03-10T07:00:00Z'));
      const before = await rig.instance('before');
      await before.scheduleRecurring({ id: 'checkin.round', handler: 'demo', cron: '0 9 * * 1' });
      await before.stop();
      rig.clock.advance(HOUR + 45 * MINUTE); // back at 09:45, 45 minutes after the occurrence
      const after = await rig.instance('after');
      await runFor(rig.clock, 0, after);
      assert.deepEqual(rig.ran.map((r) => [r.instance, r.occurrence]), [['after', '2025-03-10T08:00:00.000Z']]);
      assert.equal((await rig.jobs.getRun('checkin.round', '2025-03-10T08:00:00.000Z'))!.value.startedAt, '2025-03-10T08:45:00.000Z');
    });

    it('records missed occurrences older than the grace period as skipped and runs the next one', async () => {
      rig = new SchedulerRig(new ManualClock('2025-03-10T05:00:00Z'));
      const before = await rig.instance('before');
      await before.scheduleRecurring({ id: 'morning', handler: 'demo', cron: '0 7 * * *' });
      await before.stop();
      rig.clock.advance(2 * 24 * HOUR + 3 * HOUR); // back on Wednesday 08:00 (Berlin 09:00), two hours after 07:00
      const after = await rig.instance('after', { graceMs: HOUR });
      await runFor(rig.clock, 24 * HOUR, after);
      const runs = (await rig.jobs.listRuns('morning', 10)).reverse();
      assert.deepEqual(runs.map((r) => [r.occurrence, r.status]), [
        ['2025-03-10T06:00:00.000Z', 'skipped'],
        ['2025-03-11T06:00:00.000Z', 'skipped'],
        ['2025-03-12T06:00:00.000Z', 'skipped'],
        ['2025-03-13T06:00:00.000Z', 'succeeded'],
      ]);
      assert.equal(runs[0]!.error, 'missed while no instance was running; older than the grace period');
      assert.deepEqual(rig.ran.map((r) => r.occurrence), ['2025-03-13T06:00:00.000Z']);
    });
  });

  it('runs a one-off job once at its time and keeps it done when it is scheduled again', async () => {
    rig = new SchedulerRig(new ManualClock('2025-03-10T07:00:00Z'));
    const scheduler = await rig.instance('one');
    await scheduler.scheduleOnce({ id: 'reminder:round-1', handler: 'demo', at: new Date('2025-03-12T08:00:00Z'), payload: { person: 'anna' } });
    await runFor(rig.clock, 5 * 24 * HOUR, scheduler);
    const again = await scheduler.scheduleOnce({ id: 'reminder:round-1', handler: 'demo', at: new Date('2025-03-20T08:00:00Z') });
    await runFor(rig.clock, 20 * 24 * HOUR, scheduler);
    assert.deepEqual(rig.ran.map((r) => [r.occurrence, r.payload]), [['2025-03-12T08:00:00.000Z', { person: 'anna' }]]);
    assert.deepEqual(again.schedule, { kind: 'once', at: '2025-03-12T08:00:00.000Z' });
    assert.equal(scheduler.nextDue(again), undefined);
  });

  it('records a failing run with its error and runs the next occurrence', async () => {
    rig = new SchedulerRig(new ManualClock('2025-03-10T07:00:00Z'));
    let calls = 0;
    const scheduler = await rig.instance('one', {
      handler: async () => {
        if (calls++ === 0) throw new Error('Speicher nicht erreichbar');
      },
    });
    await scheduler.scheduleRecurring({ id: 'hourly', handler: 'demo', cron: '0 * * * *' });
    await runFor(rig.clock, 2 * HOUR, scheduler);
    const runs = (await rig.jobs.listRuns('hourly', 5)).reverse();
    assert.deepEqual(runs.map((r) => [r.occurrence, r.status, r.error]), [
      ['2025-03-10T08:00:00.000Z', 'failed', 'Speicher nicht erreichbar'],
      ['2025-03-10T09:00:00.000Z', 'succeeded', ''],
    ]);
  });

  it('refuses an invalid cron expression or time zone and leaves storage unchanged', async () => {
    rig = new SchedulerRig(new ManualClock('2025-03-10T07:00:00Z'));
    const scheduler = await rig.instance('one');
    await assert.rejects(scheduler.scheduleRecurring({ id: 'bad', handler: 'demo', cron: '0 25 * * *' }), /cron "0 25 \* \* \*" of job bad/);
    await assert.rejects(scheduler.scheduleRecurring({ id: 'bad', handler: 'demo', cron: '0 9 * * 1', timezone: 'Mars/Olympus' }), /unknown time zone "Mars\/Olympus"/);
    await assert.rejects(scheduler.scheduleOnce({ id: 'bad id!', handler: 'demo', at: new Date() }), /job id "bad id!"/);
    assert.deepEqual(await scheduler.list(), []);
  });
});
