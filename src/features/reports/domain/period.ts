import { TZDate } from '@date-fns/tz';
import { subYears } from 'date-fns';

/**
 * The start of a report's period: a date written `yyyy-MM-dd` or the German way (`1.12.2025`, `01.12.2025`), as the
 * start of that day in the time zone. Undefined when it is no date or not before `now`.
 */
export function parseSince(text: string, now: Date, timezone: string): Date | undefined {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]].map(Number) : german ? [german[3], german[2], german[1]].map(Number) : [];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const start = new TZDate(year, month - 1, day, 0, 0, 0, 0, timezone);
  // A day that does not exist (31.02.) rolls over in the Date arithmetic: refused.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) return undefined;
  const at = new Date(start.getTime());
  return at.getTime() < now.getTime() ? at : undefined;
}

/** The default period of a report: the year before `now`, from the start of that day a year ago. */
export function defaultSince(now: Date, timezone: string): Date {
  const local = subYears(new TZDate(now.getTime(), timezone), 1);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 0, 0, 0, 0, timezone).getTime());
}
