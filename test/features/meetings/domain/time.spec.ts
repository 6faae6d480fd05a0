import assert from 'node:assert/strict';
import { atLocal, reminderAt, seriesDates, weekdayOfMonth } from '../../../../src/features/meetings/domain/time';

const BERLIN = 'Europe/Berlin';

describe('meeting times in Europe/Berlin', () => {
  it('puts the meetings of a series on local dates: weekly, every two weeks, the same weekday of the month', () => {
    assert.deepEqual(seriesDates('2026-10-20', 'weekly', '2026-11-10', 99), ['2026-10-20', '2026-10-27', '2026-11-03', '2026-11-10']);
    assert.deepEqual(seriesDates('2026-10-20', 'biweekly', '2026-11-30', 99), ['2026-10-20', '2026-11-03', '2026-11-17']);
    assert.deepEqual(seriesDates('2026-08-18', 'monthly', '2026-12-31', 99), ['2026-08-18', '2026-09-15', '2026-10-20', '2026-11-17', '2026-12-15']);
    assert.deepEqual(seriesDates('2026-08-18', 'none', '', 99), ['2026-08-18']);
  });

  it('puts a series on a 5th weekday on the last one of each month', () => {
    assert.deepEqual(weekdayOfMonth('2026-09-29'), { weekday: 2, nth: -1 });
    assert.deepEqual(seriesDates('2026-09-29', 'monthly', '2026-12-31', 99), ['2026-09-29', '2026-10-27', '2026-11-24', '2026-12-29']);
  });

  it('stops a series at its maximum number of meetings', () => {
    assert.equal(seriesDates('2026-01-06', 'weekly', '2028-12-31', 99).length, 99);
  });

  it('reminds days before at the same local time across both changes, hours before as elapsed time', () => {
    const october = atLocal('2026-10-26', '09:00', BERLIN);
    assert.equal(reminderAt(october, { label: '7d', amount: 7, unit: 'd' }, BERLIN).toISOString(), '2026-10-19T07:00:00.000Z');
    assert.equal(reminderAt(october, { label: '1h', amount: 1, unit: 'h' }, BERLIN).toISOString(), '2026-10-26T07:00:00.000Z');
    const march = atLocal('2027-03-29', '09:00', BERLIN);
    assert.equal(reminderAt(march, { label: '7d', amount: 7, unit: 'd' }, BERLIN).toISOString(), '2027-03-22T08:00:00.000Z');
    assert.equal(reminderAt(march, { label: '30m', amount: 30, unit: 'm' }, BERLIN).toISOString(), '2027-03-29T06:30:00.000Z');
  });
});
