import { TZDate } from '@date-fns/tz';
import { addDays, subDays } from 'date-fns';
import type { Deadline } from './model';

/** Words for a rolling call (no deadline), German and English. */
const ROLLING_WORDS = new Set(['laufend', 'fortlaufend', 'rolling', 'open', 'offen', 'jederzeit']);

/** The formats a deadline may be written in, as the import's problem message names them. */
export const DEADLINE_FORMATS = 'JJJJ-MM-TT [HH:MM], TT.MM.JJJJ [HH:MM], laufend/rolling';

/**
 * A deadline as people write it: `2027-01-15`, `15.01.2027`, `15.1.2027`, either with a time (`12:00`, after a
 * space, a `T` or „um“), or `laufend` / `rolling`. Undefined when it is none of these or names no real day.
 */
export function parseDeadline(text: string): Deadline | undefined {
  const value = text.trim().toLowerCase();
  if (ROLLING_WORDS.has(value)) return { kind: 'rolling' };
  const match = /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4}))(?:(?:\s+(?:um\s+)?|t)(\d{1,2}):(\d{2})(?::00)?(?:\s*uhr)?)?$/.exec(value);
  if (!match) return undefined;
  const [, isoYear, isoMonth, isoDay, day, month, year, hour, minute] = match;
  const y = Number(isoYear ?? year);
  const m = Number(isoMonth ?? month);
  const d = Number(isoDay ?? day);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return undefined;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59)) return undefined;
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { kind: 'date', date, time: hour === undefined ? '' : `${hour.padStart(2, '0')}:${minute}` };
}

/** A deadline as a file holds it (`2027-01-15`, `2027-01-15 12:00`, `laufend`): {@link parseDeadline} reads it back. */
export function deadlineText(deadline: Deadline): string {
  if (deadline.kind === 'rolling') return 'laufend';
  return deadline.time ? `${deadline.date} ${deadline.time}` : deadline.date;
}

/** True for the same deadline. */
export function sameDeadline(a: Deadline, b: Deadline): boolean {
  return deadlineText(a) === deadlineText(b);
}

/** A local date and time in the time zone as an instant (a time in the spring-forward gap is the first one after it). */
function localTime(date: string, time: string, timezone: string): TZDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return TZDate.tz(timezone, y, m - 1, d, hh, mm);
}

/**
 * When applications are due: the date's time in the group's time zone, or for a date alone the end of that day
 * (23:59). Undefined for a rolling call.
 */
export function deadlineInstant(deadline: Deadline, timezone: string): Date | undefined {
  if (deadline.kind === 'rolling') return undefined;
  return new Date(localTime(deadline.date, deadline.time || '23:59', timezone).getTime());
}

/** One offset of `FUNDING_REMINDERS`: how long before a deadline a reminder goes out. */
export interface ReminderOffset {
  readonly amount: number;
  /** `d`: calendar days (the same local time, across daylight-saving changes), `h`: hours, `m`: minutes. */
  readonly unit: 'd' | 'h' | 'm';
  /** As written in the configuration (`14d`): part of the reminder's job id and message key. */
  readonly label: string;
}

/** Reads `28d,14d,7d,2d`: 1–10 offsets of 1–9999 days, hours or minutes; undefined when malformed. Sorted, earliest reminder first. */
export function parseReminderOffsets(text: string): ReminderOffset[] | undefined {
  const parts = text.split(',').map((p) => p.trim().toLowerCase());
  if (parts.length === 0 || parts.length > 10) return undefined;
  const offsets: ReminderOffset[] = [];
  for (const part of parts) {
    const match = /^([1-9]\d{0,3})([dhm])$/.exec(part);
    if (!match) return undefined;
    offsets.push({ amount: Number(match[1]), unit: match[2] as ReminderOffset['unit'], label: `${Number(match[1])}${match[2]}` });
  }
  const minutes = (o: ReminderOffset) => o.amount * { d: 1440, h: 60, m: 1 }[o.unit];
  const unique = [...new Map(offsets.map((o) => [o.label, o])).values()];
  return unique.sort((a, b) => minutes(b) - minutes(a));
}

/**
 * When a reminder goes out. Days are calendar days in the time zone: 14 days before 12:00 is 12:00 fourteen
 * days earlier, whether or not the clocks changed in between; a deadline without a time is reminded of at
 * `reminderTime` (local) that many days before its date. Hours and minutes are exact durations before the
 * deadline's instant.
 */
export function reminderTime(deadline: Extract<Deadline, { kind: 'date' }>, offset: ReminderOffset, timezone: string, reminderTimeOfDay: string): Date {
  if (offset.unit === 'd') {
    const base = deadline.time ? localTime(deadline.date, deadline.time, timezone) : localTime(deadline.date, reminderTimeOfDay, timezone);
    return new Date(subDays(base, offset.amount).getTime());
  }
  const instant = deadlineInstant(deadline, timezone)!;
  return new Date(instant.getTime() - offset.amount * (offset.unit === 'h' ? 3_600_000 : 60_000));
}

/** A deadline's instant as it appears in job ids and message keys (`20270115T2259Z`). */
export function deadlineStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
}

/** The local date (`yyyy-MM-dd`) of an instant in the time zone. */
export function localDate(at: Date, timezone: string): string {
  const local = new TZDate(at.getTime(), timezone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
}

/** The instant `days` calendar days after `at`, in the time zone. */
export function daysAfter(at: Date, days: number, timezone: string): Date {
  return new Date(addDays(new TZDate(at.getTime(), timezone), days).getTime());
}
