import assert from 'node:assert/strict';
import { buildDigest } from '../../../../src/features/checkins/domain/digest';
import type { CheckinPrompt, CheckinRound, StatusAnswer } from '../../../../src/features/checkins/domain/model';

const round: CheckinRound = {
  id: 'r1',
  startedAt: new Date('2026-11-30T08:00:00.000Z'),
  startedBy: { kind: 'schedule' },
  reminderDueAt: new Date('2026-12-02T08:00:00.000Z'),
  closesAt: new Date('2026-12-07T08:00:00.000Z'),
  state: 'open',
};
const prompt = (projectId: string, askedEmail: string, ownerEmail = askedEmail): CheckinPrompt => ({
  roundId: 'r1',
  projectId,
  projectTitle: projectId.toUpperCase(),
  ownerEmail,
  askedEmail,
  reason: askedEmail ? 'owner' : 'nobody',
  delivery: { status: 'pending', deliveryId: '' },
});
const answer = (projectId: string, light: StatusAnswer['light'], previousLight: StatusAnswer['previousLight'], blockers = ''): StatusAnswer => ({
  id: projectId,
  projectId,
  roundId: 'r1',
  token: '',
  authorEmail: 'x@example.org',
  at: new Date('2026-12-01T08:00:00.000Z'),
  phase: 'implementation',
  light,
  happened: '',
  next: '',
  blockers,
  funding: '',
  previousLight,
  unchanged: false,
});
const names: Record<string, string> = { 'a@x': 'Anna', 'b@x': 'Bernd', 'c@x': 'Clara', 'd@x': 'Dora' };
const person = (email: string) => ({ email, name: names[email] ?? email });

describe('check-in digest', () => {
  const prompts = [prompt('p1', 'a@x'), prompt('p2', 'b@x'), prompt('p3', 'c@x'), prompt('p4', 'd@x', 'a@x'), prompt('p5', '', '')];
  const answers = [answer('p1', 'red', 'yellow', 'Kein Personal'), answer('p2', 'yellow', 'green'), answer('p3', 'green', 'red')];

  it('counts the response rate over the people asked', () => {
    const digest = buildDigest(round, prompts, answers, person, new Date('2026-12-03T08:00:00.000Z'));
    assert.equal(digest.asked, 4);
    assert.equal(digest.answered, 3);
    assert.equal(digest.responseRate, 0.75);
    assert.equal(digest.open, true);
  });

  it('lists red projects, projects worse than before and blockers with their owner', () => {
    const digest = buildDigest(round, prompts, answers, person, new Date('2026-12-03T08:00:00.000Z'));
    assert.deepEqual(digest.red, [{ projectId: 'p1', title: 'P1', owner: { email: 'a@x', name: 'Anna' } }]);
    assert.deepEqual(digest.worse, [
      { projectId: 'p1', title: 'P1', from: 'yellow', to: 'red' },
      { projectId: 'p2', title: 'P2', from: 'green', to: 'yellow' },
    ]);
    assert.deepEqual(digest.blockers, [{ projectId: 'p1', title: 'P1', text: 'Kein Personal', owner: { email: 'a@x', name: 'Anna' } }]);
  });

  it('lists who did not answer, marking cards that could not be delivered, and projects with nobody to ask', () => {
    const digest = buildDigest(round, prompts, answers, person, new Date('2026-12-08T08:00:00.000Z'));
    assert.deepEqual(digest.notAnswered, [{ projectId: 'p4', title: 'P4', person: { email: 'd@x', name: 'Dora' }, undelivered: false }]);
    const undelivered = buildDigest(round, prompts, answers, person, new Date('2026-12-08T08:00:00.000Z'), new Set(['p4']));
    assert.equal(undelivered.notAnswered[0]?.undelivered, true);
    assert.deepEqual(digest.nobodyToAsk, [{ projectId: 'p5', title: 'P5' }]);
    assert.equal(digest.open, false);
  });

  it('has a rate of 0 when nobody was asked', () => {
    assert.equal(buildDigest(round, [prompt('p5', '', '')], [], person, round.startedAt).responseRate, 0);
  });
});
