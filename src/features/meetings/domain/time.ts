import { TZDate } from '@date-fns/tz';
import { format, subDays } from 'date-fns';
import type { Recurrence, ReminderOffset } from './model';

/**
 * Local dates and times of the group's time zone. Meetings are planned in wall-clock time ("Tuesdays at 14:00"),
 * so dates are computed as local calendar dates and turned into instants only at the end: a weekly meeting stays
 * at 14:00 across a change of daylight-saving time, and so does a reminder "7 days before".
 */

const DAY_MS = 86_400_000;

/** `yyyy-MM-dd` → [year, month (1–12), day]. */
function parts(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

/** A local date as a UTC midnight, for calendar arithmetic that no time zone disturbs. */
function utcDay(date: string): Date {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day));
}

function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** True for a date written `yyyy-MM-dd` that exists in the calendar (no 31 February). */
export function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && isoDay(utcDay(date)) === date;
}

/** True for a time written `HH:mm` (00:00–23:59). */
export function isTime(time: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
}

/** The instant of a local date and time (`yyyy-MM-dd`, `HH:mm`) in the time zone. */
export function atLocal(date: string, time: string, timezone: string): Date {
  const [year, month, day] = parts(date);
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, day, hours, minutes, timezone).getTime());
}

/** The local date (`yyyy-MM-dd`) of an instant. */
export function localDate(at: Date, timezone: string): string {
  return format(new TZDate(at.getTime(), timezone), 'yyyy-MM-dd');
}

/** The local time (`HH:mm`) of an instant. */
export function localTime(at: Date, timezone: string): string {
  return format(new TZDate(at.getTime(), timezone), 'HH:mm');
}

/** A local date `days` later (or earlier). */
export function addDaysTo(date: string, days: number): string {
  return isoDay(new Date(utcDay(date).getTime() + days * DAY_MS));
}

/** Whole days from one local date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / DAY_MS);
}

/** The local dates of a series from its first date up to `until` (inclusive), at most `max` of them. */
export function seriesDates(firstDate: string, recurrence: Recurrence, until: string, max: number): string[] {
  if (recurrence === 'none') return [firstDate];
  const dates: string[] = [];
  for (let i = 0; dates.length < max; i++) {
    const date = recurrence === 'monthly' ? sameWeekdayOfMonth(firstDate, i) : addDaysTo(firstDate, i * (recurrence === 'weekly' ? 7 : 14));
    if (date > until) break;
    dates.push(date);
  }
  return dates;
}

/**
 * Which weekday of its month a date is: the weekday (0 = Sunday) and its number in the month (1–4, or -1 for
 * the 5th, which not every month has: a series on a 5th weekday falls on the last one).
 */
export function weekdayOfMonth(date: string): { weekday: number; nth: number } {
  const day = utcDay(date);
  const nth = Math.ceil(day.getUTCDate() / 7);
  return { weekday: day.getUTCDay(), nth: nth === 5 ? -1 : nth };
}

/** The date `months` months after `firstDate` on the same weekday of the month (see {@link weekdayOfMonth}). */
function sameWeekdayOfMonth(firstDate: string, months: number): string {
  const { weekday, nth } = weekdayOfMonth(firstDate);
  const [year, month] = parts(firstDate);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  if (nth > 0) {
    const offset = (weekday - first.getUTCDay() + 7) % 7;
    return isoDay(new Date(first.getTime() + (offset + (nth - 1) * 7) * DAY_MS));
  }
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  const back = (last.getUTCDay() - weekday + 7) % 7;
  return isoDay(new Date(last.getTime() - back * DAY_MS));
}

/**
 * When a reminder is due: days before at the same local wall-clock time (a meeting at 09:00 on the Monday after
 * the October change is reminded at 09:00 CEST the Monday before, 7 × 24 + 1 hours earlier); hours and minutes
 * before as elapsed time.
 */
export function reminderAt(startAt: Date, offset: ReminderOffset, timezone: string): Date {
  if (offset.unit === 'd') return new Date(subDays(new TZDate(startAt.getTime(), timezone), offset.amount).getTime());
  return new Date(startAt.getTime() - offset.amount * (offset.unit === 'h' ? 3_600_000 : 60_000));
}

/** How far ahead a reminder offset reaches, in milliseconds (a day counted as 25 hours, the longest there is). */
export function offsetReach(offset: ReminderOffset): number {
  return offset.amount * { d: 25 * 3_600_000, h: 3_600_000, m: 60_000 }[offset.unit];
}
