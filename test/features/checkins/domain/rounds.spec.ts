import assert from 'node:assert/strict';
import { submitStatus } from '../../../../src/features/checkins/domain/answers';
import type { CheckinContext } from '../../../../src/features/checkins/domain/context';
import type { Person } from '../../../../src/platform/directory/model';
import { digestOf, promptsToSend, recordDelivery, remindersDue, roundStatus, startRound } from '../../../../src/features/checkins/domain/rounds';
import { sampleCheckinContext, type TestClock } from '../../../support/checkin-context';

// Monday 30 November 2026, 09:00 in Berlin.
const MONDAY_9 = '2026-11-30T08:00:00.000Z';

describe('check-in rounds', () => {
  let ctx: CheckinContext;
  let clock: TestClock;
  let coordinator: Person;
  let anna: Person;

  beforeEach(async () => {
    ({ ctx, clock } = await sampleCheckinContext(MONDAY_9));
    coordinator = (await ctx.repos.people.get('m.becker@kreis-coesfeld.example'))!;
    anna = (await ctx.repos.people.get('anna.schulte@duelmen.example'))!;
  });

  async function started() {
    const result = await startRound(ctx, { kind: 'person', email: coordinator.email }, coordinator);
    assert.equal(result.kind, 'started');
    return result.kind === 'started' ? result.summary : assert.fail();
  }

  it('asks the owner of every project that is not done, once per project', async () => {
    const summary = await started();
    const asked = Object.fromEntries(summary.prompts.map((p) => [p.projectId, [p.askedEmail, p.reason]]));
    assert.equal(summary.projects, 19);
    assert.deepEqual(asked['e-akte'], ['anna.schulte@duelmen.example', 'owner']);
    assert.deepEqual(asked['kommunale-cloud'], ['r.tenhagen@kreis-coesfeld.example', 'owner']);
    for (const done of ['ratsinfo', 'breitband', 'digitalpakt-schule', 'terminvergabe', 'wlan-oeffentlich']) assert.equal(asked[done], undefined, done);
    assert.deepEqual(await ctx.repos.checkinRounds.prompts(summary.round.id).then((p) => p.length), 19);
  });

  it('records a project without owner as nobody to ask and counts the people asked', async () => {
    const summary = await started();
    assert.deepEqual(
      summary.prompts.filter((p) => p.reason === 'nobody').map((p) => p.projectId),
      ['online-marktplatz'],
    );
    assert.equal(summary.nobody, 1);
    assert.equal(summary.people, new Set(summary.prompts.map((p) => p.askedEmail).filter(Boolean)).size);
    assert.equal(summary.people, 13);
  });

  it('asks the deputy when the owner is away on the start date', async () => {
    await ctx.repos.absences.set({ email: anna.email, until: '2026-11-30', setAt: new Date() });
    const summary = await started();
    const eAkte = summary.prompts.find((p) => p.projectId === 'e-akte')!;
    assert.deepEqual([eAkte.askedEmail, eAkte.reason, eAkte.ownerEmail], ['p.huesing@duelmen.example', 'deputy', 'anna.schulte@duelmen.example']);
  });

  it('asks the owner again once the absence has ended', async () => {
    await ctx.repos.absences.set({ email: anna.email, until: '2026-11-29', setAt: new Date() });
    const summary = await started();
    assert.equal(summary.prompts.find((p) => p.projectId === 'e-akte')!.askedEmail, anna.email);
  });

  it('records nobody to ask when owner and deputy are both away, or the owner is away and there is no deputy', async () => {
    await ctx.repos.absences.set({ email: anna.email, until: '2026-12-31', setAt: new Date() });
    await ctx.repos.absences.set({ email: 'p.huesing@duelmen.example', until: '2026-12-01', setAt: new Date() });
    await ctx.repos.absences.set({ email: 't.overbeck@kreis-coesfeld.example', until: '2026-12-01', setAt: new Date() });
    const summary = await started();
    const reasons = Object.fromEntries(summary.prompts.map((p) => [p.projectId, p.reason]));
    assert.equal(reasons['e-akte'], 'nobody');
    assert.equal(reasons['open-data'], 'nobody');
    assert.equal(reasons['digitaler-bauantrag'], 'nobody');
    assert.equal(reasons['ki-assistent'], 'deputy');
  });

  it('sets the reminder 2 working days after the start at 09:00 and the close 5 working days after it at 17:00, stored as pending prompts', async () => {
    const summary = await started();
    assert.equal(summary.round.reminderDueAt.toISOString(), '2026-12-02T08:00:00.000Z');
    assert.equal(summary.round.closesAt.toISOString(), '2026-12-07T16:00:00.000Z');
    assert.deepEqual(await ctx.repos.checkinRounds.get(summary.round.id), summary.round);
    const stored = await ctx.repos.checkinRounds.prompt(summary.round.id, 'e-akte');
    assert.deepEqual(stored?.delivery, { status: 'pending', deliveryId: '' });
  });

  it('reminds in the morning and closes at the end of the working day when a round is started in the evening', async () => {
    // Monday 30 November 2026, 21:00 in Berlin.
    const evening = await sampleCheckinContext('2026-11-30T20:00:00.000Z');
    const result = await startRound(evening.ctx, { kind: 'schedule' });
    assert.equal(result.kind === 'started' && result.summary.round.reminderDueAt.toISOString(), '2026-12-02T08:00:00.000Z');
    assert.equal(result.kind === 'started' && result.summary.round.closesAt.toISOString(), '2026-12-07T16:00:00.000Z');
  });

  it('takes the reminder and due times from the timing', async () => {
    const early = await sampleCheckinContext(MONDAY_9);
    const ctxWithTimes = { ...early.ctx, timing: { ...early.ctx.timing, reminderTime: '07:30', dueTime: '12:00' } };
    const result = await startRound(ctxWithTimes, { kind: 'schedule' });
    assert.equal(result.kind === 'started' && result.summary.round.reminderDueAt.toISOString(), '2026-12-02T06:30:00.000Z');
    assert.equal(result.kind === 'started' && result.summary.round.closesAt.toISOString(), '2026-12-07T11:00:00.000Z');
  });

  it('skips the configured public holidays when timing the reminder and the close', async () => {
    // Wednesday 3 June 2026, 09:00; Thursday 4 June is Corpus Christi in North Rhine-Westphalia.
    const nw = await sampleCheckinContext('2026-06-03T07:00:00.000Z', 'NW');
    const result = await startRound(nw.ctx, { kind: 'schedule' });
    assert.equal(result.kind === 'started' && result.summary.round.reminderDueAt.toISOString(), '2026-06-08T07:00:00.000Z');
    assert.equal(result.kind === 'started' && result.summary.round.closesAt.toISOString(), '2026-06-11T15:00:00.000Z');
  });

  it('says a round is open instead of starting a second one, and starts again after the close time', async () => {
    const first = await started();
    clock.set('2026-12-04T10:00:00.000Z');
    assert.deepEqual(await startRound(ctx, { kind: 'schedule' }), { kind: 'alreadyOpen', round: first.round });
    clock.set('2026-12-07T15:59:00.000Z');
    assert.equal((await startRound(ctx, { kind: 'schedule' })).kind, 'alreadyOpen');
    clock.set('2026-12-07T16:00:00.000Z');
    const second = await startRound(ctx, { kind: 'schedule' });
    assert.equal(second.kind, 'started');
  });

  it('starts one round when two starts race', async () => {
    const results = await Promise.all([startRound(ctx, { kind: 'schedule' }), startRound(ctx, { kind: 'cli' })]);
    assert.deepEqual(results.map((r) => r.kind).sort(), ['alreadyOpen', 'started']);
  });

  it('lets only coordinators start a round in Teams', async () => {
    assert.deepEqual(await startRound(ctx, { kind: 'person', email: anna.email }, anna), { kind: 'notAllowed' });
    assert.deepEqual(await startRound(ctx, { kind: 'person', email: 'x@example.org' }, undefined), { kind: 'notAllowed' });
    assert.equal((await ctx.repos.checkinRounds.current()).round, undefined);
  });

  it('sums a closed round up in its digest; answers are refused afterwards', async () => {
    const { round } = await started();
    clock.set('2026-12-01T09:00:00.000Z');
    const data = { projectId: 'e-akte', roundId: round.id, token: 'tok-12345678', phase: 'implementation', light: 'red', progress: '', happened: '', next: '', blockers: 'Kein Scanner', funding: '' };
    assert.equal((await submitStatus(ctx, anna, data)).kind, 'saved');
    clock.set('2026-12-07T08:00:00.000Z');
    await ctx.repos.checkinRounds.close(round.id, clock.now());
    const digest = await digestOf(ctx, (await ctx.repos.checkinRounds.get(round.id))!);
    assert.equal(digest.open, false);
    assert.equal(digest?.answered, 1);
    assert.equal(digest?.asked, 18);
    assert.deepEqual(digest?.red.map((r) => r.projectId), ['e-akte']);
    assert.deepEqual(digest?.blockers, [{ projectId: 'e-akte', title: 'E-Akte (digitale Verwaltungsakte)', text: 'Kein Scanner', owner: { email: anna.email, name: 'Anna Schulte' } }]);
    assert.equal((await ctx.repos.checkinRounds.get(round.id))?.state, 'closed');
    const late = await submitStatus(ctx, anna, { ...data, light: 'green' });
    assert.equal(late.kind, 'invalid');
    assert.deepEqual(late.kind === 'invalid' && late.form.errors, { form: { code: 'roundClosed' } });
  });

  it('shows the live state of the round to coordinators only', async () => {
    assert.deepEqual(await roundStatus(ctx, coordinator), { kind: 'noRound' });
    await started();
    const status = await roundStatus(ctx, coordinator);
    assert.equal(status.kind === 'status' && status.digest.asked, 18);
    assert.deepEqual(await roundStatus(ctx, anna), { kind: 'notAllowed' });
  });

  describe('what is left to send', () => {
    it('hands out the pending prompts with somebody to ask, each with its form, until their delivery is recorded', async () => {
      const { round } = await started();
      const toSend = await promptsToSend(ctx, round.id);
      assert.equal(toSend.length, 18);
      const eAkte = toSend.find((p) => p.prompt.projectId === 'e-akte')!;
      assert.deepEqual([eAkte.form.roundId, eAkte.form.projectTitle, eAkte.form.closesAt?.toISOString()], [round.id, 'E-Akte (digitale Verwaltungsakte)', '2026-12-07T16:00:00.000Z']);
      assert.equal(eAkte.form.values.phase, 'implementation');
      await recordDelivery(ctx, eAkte.prompt, { status: 'sent', deliveryId: 'd-1' });
      assert.equal((await promptsToSend(ctx, round.id)).length, 17);
      assert.equal((await ctx.repos.checkinRounds.prompt(round.id, 'e-akte'))?.delivery.deliveryId, 'd-1');
    });

    it('names the reminders due after the reminder time: not answered, not reminded yet', async () => {
      const { round } = await started();
      clock.set('2026-12-01T10:00:00.000Z');
      assert.deepEqual(await remindersDue(ctx, round.id), []);
      const data = { projectId: 'e-akte', roundId: round.id, token: 'tok-12345678', phase: 'implementation', light: 'green', progress: '', happened: '', next: '', blockers: '', funding: '' };
      await submitStatus(ctx, anna, data);
      clock.set('2026-12-02T08:00:00.000Z');
      const due = await remindersDue(ctx, round.id);
      assert.equal(due.length, 17);
      assert.equal(due.find((p) => p.projectId === 'e-akte'), undefined);
      assert.ok((await ctx.repos.checkinRounds.prompt(round.id, 'e-akte'))?.answeredAt, 'the prompt knows it is answered');
      const first = due[0]!;
      await recordDelivery(ctx, first, { ...first.delivery, remindedAt: clock.now() });
      assert.equal((await remindersDue(ctx, round.id)).length, 16);
      clock.set('2026-12-07T16:00:00.000Z');
      assert.deepEqual(await remindersDue(ctx, round.id), []);
    });
  });
});
