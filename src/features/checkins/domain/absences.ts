import { TZDate } from '@date-fns/tz';
import { isValid } from 'date-fns';
import type { Person } from '../../../platform/directory/model';
import type { CheckinContext } from './context';
import { localDate } from './working-days';

export type AbsenceDateResult = { readonly ok: true; readonly until: string } | { readonly ok: false; readonly code: 'invalidDate' | 'pastDate' };

const GERMAN = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4})?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads the date of `abwesend bis …` / `away until …`: `15.08.` (or `15.08`), `15.08.2026` or `2026-08-15`. Without a
 * year it is the next such day (this year's, or next year's once it has passed). A day before today (in
 * the configured time zone) is refused; today is fine (away until the end of today).
 */
export function parseAbsenceDate(input: string, now: Date, timezone: string): AbsenceDateResult {
  const value = input.trim().replace(/\s+/g, '');
  const today = localDate(now, timezone);
  let day: number;
  let month: number;
  let year: number | undefined;
  const german = GERMAN.exec(value);
  const iso = ISO.exec(value);
  if (german) [day, month, year] = [Number(german[1]), Number(german[2]), german[3] ? Number(german[3]) : undefined];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return { ok: false, code: 'invalidDate' };

  const iso8601 = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const exists = (y: number) => {
    const date = new TZDate(y, month - 1, day, timezone);
    return isValid(date) && date.getMonth() === month - 1 && date.getDate() === day;
  };
  const thisYear = Number(today.slice(0, 4));
  if (year === undefined) {
    // 29.02. names the next year that has one.
    for (let y = thisYear; y <= thisYear + 8; y++) if (exists(y) && iso8601(y) >= today) return { ok: true, until: iso8601(y) };
    return { ok: false, code: 'invalidDate' };
  }
  if (!exists(year)) return { ok: false, code: 'invalidDate' };
  const until = iso8601(year);
  return until < today ? { ok: false, code: 'pastDate' } : { ok: true, until };
}

export type SetAbsenceResult =
  | { readonly kind: 'set'; readonly until: string }
  | { readonly kind: 'invalidDate' }
  | { readonly kind: 'pastDate' }
  | { readonly kind: 'unknownPerson' };

/** `abwesend bis …`: the writer is skipped in rounds starting up to and including that day. */
export async function setAbsence(ctx: CheckinContext, actor: Person | undefined, dateText: string): Promise<SetAbsenceResult> {
  if (!actor) return { kind: 'unknownPerson' };
  const now = ctx.now();
  const parsed = parseAbsenceDate(dateText, now, ctx.timing.timezone);
  if (!parsed.ok) return { kind: parsed.code };
  await ctx.repos.absences.set({ email: actor.email, until: parsed.until, setAt: now });
  return { kind: 'set', until: parsed.until };
}

/** `wieder da` / `back`: clears the writer's absence. */
export async function clearAbsence(ctx: CheckinContext, actor: Person | undefined): Promise<{ readonly kind: 'cleared' | 'notAway' | 'unknownPerson' }> {
  if (!actor) return { kind: 'unknownPerson' };
  return { kind: (await ctx.repos.absences.clear(actor.email)) ? 'cleared' : 'notAway' };
}
