import type { Phase, Priority } from '../../../platform/directory/model';
import type { MessageKey } from '../../../platform/i18n';
import { formatEuro, formatLocalDay, formatPeriod, type ViewContext } from '../../../platform/i18n/format';
import type { FundingStatus, FundingTotals, LightOrNone, PersonName } from '../domain/model';

/** The words and marks the report's formats share, in the reader's language. */

/** Texts without parameters, looked up once per language: a report names a light or a phase some 100,000 times. */
const LOOKED_UP = new WeakMap<ViewContext['t'], Map<MessageKey, string>>();
export function text(view: ViewContext, key: MessageKey): string {
  let texts = LOOKED_UP.get(view.t);
  if (!texts) {
    texts = new Map();
    LOOKED_UP.set(view.t, texts);
  }
  let found = texts.get(key);
  if (found === undefined) {
    found = view.t(key);
    texts.set(key, found);
  }
  return found;
}

export const lightLabel = (light: LightOrNone, view: ViewContext): string => text(view, `reports.lights.${light}`);
export const phaseLabel = (phase: Phase, view: ViewContext): string => text(view, `kinds.phases.${phase}`);
export const priorityLabel = (priority: Priority, view: ViewContext): string => text(view, `reports.priorities.${priority}`);
export const fundingStatusLabel = (status: FundingStatus, view: ViewContext): string => text(view, `reports.fundingStatuses.${status}`);

/** A traffic light as a coloured mark (Markdown, cards); `·` for a round without one. */
export function lightMark(light: LightOrNone | undefined): string {
  return light === 'green' ? '🟢' : light === 'yellow' ? '🟡' : light === 'red' ? '🔴' : '·';
}

/** Start and end of a fact sheet, as far as they are given ('' when neither is). */
export function timeframeLabel(start: string | undefined, end: string | undefined, view: ViewContext): string {
  if (!start && !end) return '';
  return `${start ? formatPeriod(start, view) : '…'} – ${end ? formatPeriod(end, view) : '…'}`;
}

/** "Anna Schulte" for a known person, '' for nobody. */
export function personLabel(person: PersonName | undefined): string {
  return person?.name ?? '';
}

/** "beantragt 120.000 €, bewilligt 80.000 €" (3 Anträge). */
export function fundingLabel(funding: FundingTotals, view: ViewContext): string {
  return view.t('reports.funding.totals', { count: funding.applications.length, applied: formatEuro(funding.applied, view), approved: formatEuro(funding.approved, view) });
}

/** A share as a whole percentage: "83 %" / "83%". */
export function percentLabel(part: number, whole: number, view: ViewContext): string {
  return view.t('reports.percent', { percent: whole === 0 ? 0 : Math.round((part / whole) * 100) });
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
/** UTC offsets by time zone and quarter of an hour (offsets change at most on a quarter hour). */
const OFFSETS = new Map<string, Map<number, number>>();
const QUARTER = 900_000;

/** The time zone's offset from UTC at `ms`, in milliseconds. */
function offsetAt(ms: number, timezone: string): number {
  let offsets = OFFSETS.get(timezone);
  if (!offsets) {
    offsets = new Map();
    OFFSETS.set(timezone, offsets);
  }
  const quarter = Math.floor(ms / QUARTER);
  let offset = offsets.get(quarter);
  if (offset === undefined) {
    let formatter = FORMATTERS.get(timezone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      FORMATTERS.set(timezone, formatter);
    }
    const at = quarter * QUARTER;
    const parts: Record<string, number> = {};
    for (const part of formatter.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    offset = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!) - at;
    offsets.set(quarter, offset);
  }
  return offset;
}

/**
 * The local date and time of `at` in the time zone, as numbers. Intl's formatter, asked once per quarter of an hour:
 * a report has a date for every status update (52,000 in a year of 2,000 projects), and a time-zone date object or a
 * formatter for each would take seconds.
 */
export function localParts(at: Date, timezone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const local = new Date(at.getTime() + offsetAt(at.getTime(), timezone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

/**
 * Dates as the reader writes them ("24.11.2026" / "24 Nov 2026"), like `formatDate`, each local day formatted once:
 * for documents that show thousands of dates.
 */
export function dateFormatter(view: ViewContext): (at: Date) => string {
  const days = new Map<string, string>();
  return (at) => {
    const { year, month, day } = localParts(at, view.timezone);
    const key = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    let text = days.get(key);
    if (text === undefined) {
      text = formatLocalDay(key, view);
      days.set(key, text);
    }
    return text;
  };
}
