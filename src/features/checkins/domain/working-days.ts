import { TZDate } from '@date-fns/tz';
import { addDays, format, isWeekend } from 'date-fns';

/** Which days count as working days: Monday to Friday in a time zone, less optional holidays. */
export interface WorkingCalendar {
  readonly timezone: string;
  /** True for a public holiday, given its local date `yyyy-MM-dd`. */
  readonly isHoliday?: (localDate: string) => boolean;
}

/** The local date (`yyyy-MM-dd`) of an instant in a time zone. */
export function localDate(at: Date, timezone: string): string {
  return format(new TZDate(at.getTime(), timezone), 'yyyy-MM-dd');
}

/** True when the local day of `at` is Monday–Friday and not a holiday. */
export function isWorkingDay(at: Date, calendar: WorkingCalendar): boolean {
  const local = new TZDate(at.getTime(), calendar.timezone);
  return !isWeekend(local) && !(calendar.isHoliday?.(format(local, 'yyyy-MM-dd')) ?? false);
}

/** The instant at the local wall-clock time `time` (`HH:mm`) on the local date of `day`, in the calendar's time zone. */
export function atLocalTime(day: Date, time: string, timezone: string): Date {
  const local = new TZDate(day.getTime(), timezone);
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), hours, minutes, 0, 0, timezone).getTime());
}

/**
 * The instant `days` working days after `start`, at the same local wall-clock time: a round started on a
 * Friday at 09:00 with a delay of 2 working days reminds on Tuesday at 09:00, also across a change of
 * daylight-saving time (when the same wall-clock time is an hour more or less away). A start on a weekend
 * counts from the next working day.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  let day = new TZDate(start.getTime(), calendar.timezone);
  let counted = 0;
  while (counted < days) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) counted += 1;
  }
  return new Date(day.getTime());
}
