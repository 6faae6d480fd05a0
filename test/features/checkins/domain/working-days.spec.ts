import assert from 'node:assert/strict';
import { workingCalendar } from '../../../../src/features/checkins/domain/holidays';
import { addWorkingDays, isWorkingDay, localDate } from '../../../../src/features/checkins/domain/working-days';

const berlin = { timezone: 'Europe/Berlin' };

describe('working days', () => {
  it('counts Monday to Friday: a Monday start reminds on Wednesday and closes on the next Monday, same local time', () => {
    const monday = new Date('2026-11-30T08:00:00.000Z'); // Mon 09:00 CET
    assert.equal(addWorkingDays(monday, 2, berlin).toISOString(), '2026-12-02T08:00:00.000Z');
    assert.equal(addWorkingDays(monday, 5, berlin).toISOString(), '2026-12-07T08:00:00.000Z');
  });

  it('skips the weekend: a Friday start with 2 working days reminds on Tuesday', () => {
    assert.equal(addWorkingDays(new Date('2026-12-04T08:00:00.000Z'), 2, berlin).toISOString(), '2026-12-08T08:00:00.000Z');
  });

  it('counts a weekend start from Monday', () => {
    assert.equal(addWorkingDays(new Date('2026-12-05T13:00:00.000Z'), 1, berlin).toISOString(), '2026-12-07T13:00:00.000Z');
  });

  it('keeps 09:00 local across the change to summer time (one hour less in UTC)', () => {
    // Fri 27 March 2026 09:00 CET; clocks go forward on Sunday 29 March.
    assert.equal(addWorkingDays(new Date('2026-03-27T08:00:00.000Z'), 2, berlin).toISOString(), '2026-03-31T07:00:00.000Z');
  });

  it('keeps 09:00 local across the change to winter time (one hour more in UTC)', () => {
    // Mon 19 October 2026 09:00 CEST; clocks go back on Sunday 25 October.
    assert.equal(addWorkingDays(new Date('2026-10-19T07:00:00.000Z'), 5, berlin).toISOString(), '2026-10-26T08:00:00.000Z');
  });

  it('takes the day in the configured time zone, not in UTC', () => {
    // Sunday 23:30 UTC is already Monday in Berlin.
    const late = new Date('2026-11-29T23:30:00.000Z');
    assert.equal(localDate(late, 'Europe/Berlin'), '2026-11-30');
    assert.equal(isWorkingDay(late, berlin), true);
    assert.equal(isWorkingDay(late, { timezone: 'UTC' }), false);
  });

  it('skips the public holidays of a German state: Corpus Christi in North Rhine-Westphalia, not in Berlin', () => {
    // Wednesday 3 June 2026, 09:00; Thursday 4 June is Fronleichnam in NW.
    const wednesday = new Date('2026-06-03T07:00:00.000Z');
    assert.equal(addWorkingDays(wednesday, 2, workingCalendar('Europe/Berlin', 'NW')).toISOString(), '2026-06-08T07:00:00.000Z');
    assert.equal(addWorkingDays(wednesday, 2, workingCalendar('Europe/Berlin', 'BE')).toISOString(), '2026-06-05T07:00:00.000Z');
    assert.equal(addWorkingDays(wednesday, 2, workingCalendar('Europe/Berlin', '')).toISOString(), '2026-06-05T07:00:00.000Z');
  });

  it('skips the nationwide holidays with BUND: Christmas', () => {
    // Wednesday 23 December 2026: 24th is a working day, 25th and 26th are holidays.
    assert.equal(addWorkingDays(new Date('2026-12-23T08:00:00.000Z'), 2, workingCalendar('Europe/Berlin', 'BUND')).toISOString(), '2026-12-28T08:00:00.000Z');
  });

  it('skips the holidays a calendar names', () => {
    const calendar = { timezone: 'Europe/Berlin', isHoliday: (day: string) => day === '2026-12-24' || day === '2026-12-25' };
    assert.equal(addWorkingDays(new Date('2026-12-23T08:00:00.000Z'), 2, calendar).toISOString(), '2026-12-29T08:00:00.000Z');
  });
});
