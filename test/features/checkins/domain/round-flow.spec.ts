import assert from 'node:assert/strict';
import { isRoundWeek } from '../../../../src/features/checkins/domain/round-flow';

describe('round weeks', () => {
  const everySecond = { timezone: 'Europe/Berlin', everyWeeks: 2, anchorDate: '2026-01-05' };
  const roundWeek = (iso: string, cadence = everySecond) => isRoundWeek(new Date(iso), cadence);

  it('are the week of the anchor date and every second week from it, Monday to Sunday', () => {
    assert.equal(roundWeek('2026-01-05T08:00:00Z'), true);
    assert.equal(roundWeek('2026-01-11T20:00:00Z'), true, 'Sunday of the same week');
    assert.equal(roundWeek('2026-01-12T08:00:00Z'), false);
    assert.equal(roundWeek('2026-01-19T08:00:00Z'), true);
    assert.equal(roundWeek('2025-12-22T08:00:00Z'), true, 'weeks before the anchor count too');
    assert.equal(roundWeek('2025-12-29T08:00:00Z'), false);
  });

  it('keep their rhythm across a year with 53 ISO weeks, where ISO week parity would not', () => {
    // ISO week 52 of 2026 (21 December) is a round week; week 53 is not; week 1 of 2027 (4 January) is again.
    assert.equal(roundWeek('2026-12-21T08:00:00Z'), true);
    assert.equal(roundWeek('2026-12-28T08:00:00Z'), false);
    assert.equal(roundWeek('2027-01-04T08:00:00Z'), true);
  });

  it('are counted in local weeks of the time zone', () => {
    // Sunday 11 January 2026, 23:30 UTC is Monday 12 January, 00:30 in Berlin: the next week, not a round week.
    assert.equal(roundWeek('2026-01-11T23:30:00Z'), false);
    assert.equal(roundWeek('2026-01-11T23:30:00Z', { ...everySecond, timezone: 'UTC' }), true);
  });

  it('are every week with one, and every third week with three', () => {
    assert.equal(roundWeek('2026-01-12T08:00:00Z', { ...everySecond, everyWeeks: 1 }), true);
    const everyThird = { ...everySecond, everyWeeks: 3 };
    assert.deepEqual(
      ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26'].map((day) => roundWeek(`${day}T08:00:00Z`, everyThird)),
      [true, false, false, true],
    );
  });
});
