import type { Settings } from '../../platform/config';
import { cronProblem } from '../../platform/scheduler/schedule';
import { HOLIDAY_REGIONS, type HolidayRegion } from './domain/holidays';
import type { CheckinTiming } from './domain/model';
import type { RoundCadence } from './domain/round-flow';

/** When check-in rounds run and how long they stay open (`CHECKIN_*`). */
export interface CheckinSettings {
  /**
   * Cron expression (minute hour day-of-month month day-of-week) in the time zone for scheduled rounds, checked
   * with the scheduler's own parser; '' (`CHECKIN_SCHEDULE=off`) when rounds are only started by hand.
   */
  readonly schedule: string;
  /** Run on every Nth week the schedule matches (2: every second Monday). */
  readonly everyWeeks: number;
  /**
   * A local date (`yyyy-MM-dd`) whose week is a round week; with `everyWeeks` > 1 rounds run in that week and
   * every `everyWeeks` weeks before and after it. Cron cannot say "every second week".
   */
  readonly anchorDate: string;
  /** Working days (Monday–Friday) after the start when non-responders get their reminder. */
  readonly reminderWorkingDays: number;
  /** Working days after the start when the round closes. */
  readonly closeWorkingDays: number;
  /** German state whose public holidays do not count as working days; '' for none. */
  readonly holidayRegion: HolidayRegion | '';
  /** Local time (`HH:mm`) of the reminder (`CHECKIN_REMINDER_TIME`, default 09:00). */
  readonly reminderTime: string;
  /** Local time (`HH:mm`) on the last working day when answers are due (`CHECKIN_DUE_TIME`, default 17:00). */
  readonly dueTime: string;
}

/** Five cron fields of the usual characters; the scheduler's parser decides the rest. */
const CRON_SHAPE = /^([0-9*/,?LW#A-Za-z-]+\s+){4}[0-9*/,?LW#A-Za-z-]+$/;
/** The default anchor of the round weeks: Monday 5 January 2026 (with every second week: the even ISO weeks of 2026). */
const DEFAULT_ANCHOR_DATE = '2026-01-05';

/** Reads the check-in variables; problems go to `read`. */
export function checkinSettings(read: Settings): CheckinSettings {
  const rawSchedule = read.value('CHECKIN_SCHEDULE') || '0 9 * * 1';
  const schedule = rawSchedule.toLowerCase() === 'off' ? '' : rawSchedule;
  if (schedule !== '' && (!CRON_SHAPE.test(schedule) || cronProblem(schedule, 'UTC') !== undefined)) {
    read.problem(`CHECKIN_SCHEDULE must be a cron expression of five fields (minute hour day month weekday), e.g. "0 9 * * 1", or "off", got "${schedule}"`);
  }
  const anchorDate = read.localDate('CHECKIN_ANCHOR_DATE', DEFAULT_ANCHOR_DATE);
  const reminderWorkingDays = read.integer('CHECKIN_REMINDER_WORKING_DAYS', 2, 1, 20);
  const closeWorkingDays = read.integer('CHECKIN_CLOSE_WORKING_DAYS', 5, 1, 30);
  if (closeWorkingDays <= reminderWorkingDays) {
    read.problem(`CHECKIN_CLOSE_WORKING_DAYS (${closeWorkingDays}) must be greater than CHECKIN_REMINDER_WORKING_DAYS (${reminderWorkingDays})`);
  }
  return Object.freeze({
    schedule,
    everyWeeks: read.integer('CHECKIN_EVERY_WEEKS', 2, 1, 8),
    anchorDate,
    reminderWorkingDays,
    closeWorkingDays,
    holidayRegion: read.value('CHECKIN_HOLIDAYS') === '' ? '' : read.oneOf<HolidayRegion>('CHECKIN_HOLIDAYS', HOLIDAY_REGIONS, 'BUND'),
    reminderTime: timeOfDay(read, 'CHECKIN_REMINDER_TIME', '09:00'),
    dueTime: timeOfDay(read, 'CHECKIN_DUE_TIME', '17:00'),
  });
}

/** A local time of day written `HH:mm` (or `H:mm`), as `HH:mm`. */
function timeOfDay(read: Settings, name: string, fallback: string): string {
  const raw = read.value(name) || fallback;
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!match) {
    read.problem(`${name} must be a time of day written HH:mm, e.g. "${fallback}", got "${raw}"`);
    return fallback;
  }
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

/** When scheduled check-in rounds start, as the domain takes it. */
export function checkinCadence(settings: CheckinSettings, timezone: string): RoundCadence {
  const { schedule, everyWeeks, anchorDate } = settings;
  return { cron: schedule, timezone, everyWeeks, anchorDate };
}

/** The timing of check-in rounds as the domain takes it. */
export function checkinTiming(settings: CheckinSettings, timezone: string): CheckinTiming {
  const { reminderWorkingDays, closeWorkingDays, holidayRegion, reminderTime, dueTime } = settings;
  return { timezone, reminderWorkingDays, closeWorkingDays, holidayRegion, reminderTime, dueTime };
}
