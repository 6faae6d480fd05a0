import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/app';
import type { CheckinSettings } from '../../../src/features/checkins/settings';
import { problemsOf } from '../../support/config-problems';

describe('check-in configuration', () => {
  it('defaults to every second Monday at 09:00, a reminder after 2 working days at 09:00 and the close after 5 at 17:00', () => {
    assert.deepEqual(parseConfig({}).settings.checkins, { schedule: '0 9 * * 1', everyWeeks: 2, anchorDate: '2026-01-05', reminderWorkingDays: 2, closeWorkingDays: 5, holidayRegion: '', reminderTime: '09:00', dueTime: '17:00' });
  });

  it('takes the schedule and delays from the environment', () => {
    const config = parseConfig({
      CHECKIN_SCHEDULE: '30 8 * * MON',
      CHECKIN_EVERY_WEEKS: '3',
      CHECKIN_ANCHOR_DATE: '2027-02-01',
      CHECKIN_REMINDER_WORKING_DAYS: '3',
      CHECKIN_CLOSE_WORKING_DAYS: '7',
      CHECKIN_HOLIDAYS: 'nw',
      CHECKIN_REMINDER_TIME: '8:30',
      CHECKIN_DUE_TIME: '16:00',
    });
    assert.deepEqual(config.settings.checkins, { schedule: '30 8 * * MON', everyWeeks: 3, anchorDate: '2027-02-01', reminderWorkingDays: 3, closeWorkingDays: 7, holidayRegion: 'NW', reminderTime: '08:30', dueTime: '16:00' });
  });

  it('turns scheduled rounds off with "off"', () => {
    assert.equal((parseConfig({ CHECKIN_SCHEDULE: 'Off' }).settings.checkins as CheckinSettings).schedule, '');
  });

  it('refuses a schedule that is not five cron fields, or that the scheduler cannot read', () => {
    const problem = (value: string) => `CHECKIN_SCHEDULE must be a cron expression of five fields (minute hour day month weekday), e.g. "0 9 * * 1", or "off", got "${value}"`;
    assert.deepEqual(problemsOf({ CHECKIN_SCHEDULE: 'montags 9 Uhr' }), [problem('montags 9 Uhr')]);
    assert.deepEqual(problemsOf({ CHECKIN_SCHEDULE: '0 25 * * 1' }), [problem('0 25 * * 1')]);
  });

  it('refuses an anchor date that is not a real date written yyyy-MM-dd', () => {
    assert.deepEqual(problemsOf({ CHECKIN_ANCHOR_DATE: '05.01.2026' }), ['CHECKIN_ANCHOR_DATE must be a date written yyyy-MM-dd, e.g. "2026-01-05", got "05.01.2026"']);
    assert.deepEqual(problemsOf({ CHECKIN_ANCHOR_DATE: '2026-02-30' }), ['CHECKIN_ANCHOR_DATE must be a date written yyyy-MM-dd, e.g. "2026-01-05", got "2026-02-30"']);
  });

  it('refuses reminder and due times that are not a time of day written HH:mm', () => {
    assert.deepEqual(problemsOf({ CHECKIN_REMINDER_TIME: '9 Uhr', CHECKIN_DUE_TIME: '24:00' }), [
      'CHECKIN_REMINDER_TIME must be a time of day written HH:mm, e.g. "09:00", got "9 Uhr"',
      'CHECKIN_DUE_TIME must be a time of day written HH:mm, e.g. "17:00", got "24:00"',
    ]);
  });

  it('refuses a holiday region that is not a German state code', () => {
    assert.deepEqual(problemsOf({ CHECKIN_HOLIDAYS: 'Coesfeld' }), ['CHECKIN_HOLIDAYS must be one of BW, BY, BE, BB, HB, HE, HH, MV, NI, NW, RP, SL, SN, ST, SH, TH, BUND, got "Coesfeld"']);
  });

  it('refuses delays that are not whole numbers in range, and a close before the reminder', () => {
    assert.deepEqual(problemsOf({ CHECKIN_REMINDER_WORKING_DAYS: 'zwei', CHECKIN_EVERY_WEEKS: '0' }), [
      'CHECKIN_REMINDER_WORKING_DAYS must be a whole number from 1 to 20, got "zwei"',
      'CHECKIN_EVERY_WEEKS must be a whole number from 1 to 8, got "0"',
    ]);
    assert.deepEqual(problemsOf({ CHECKIN_REMINDER_WORKING_DAYS: '5', CHECKIN_CLOSE_WORKING_DAYS: '5' }), [
      'CHECKIN_CLOSE_WORKING_DAYS (5) must be greater than CHECKIN_REMINDER_WORKING_DAYS (5)',
    ]);
  });
});
