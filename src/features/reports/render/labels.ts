import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Phase, Priority } from '../../../platform/directory/model';
import { formatDate, formatEuro, type ViewContext } from '../../../platform/i18n/format';
import type { FundingStatus, FundingTotals, LightOrNone, PersonName } from '../domain/model';

/** The words and marks the report's formats share, in the reader's language. */

export const lightLabel = (light: LightOrNone, view: ViewContext): string => view.t(`reports.lights.${light}`);
export const phaseLabel = (phase: Phase, view: ViewContext): string => view.t(`reports.phases.${phase}`);
export const priorityLabel = (priority: Priority, view: ViewContext): string => view.t(`reports.priorities.${priority}`);
export const fundingStatusLabel = (status: FundingStatus, view: ViewContext): string => view.t(`reports.fundingStatuses.${status}`);

/** A traffic light as a coloured mark (Markdown, cards); `·` for a round without one. */
export function lightMark(light: LightOrNone | undefined): string {
  return light === 'green' ? '🟢' : light === 'yellow' ? '🟡' : light === 'red' ? '🔴' : '·';
}

/** A fact sheet's month or date as the reader writes it: `03/2027` or `15.03.2027`, `Mar 2027` or `15 Mar 2027`. */
export function periodLabel(value: string, view: ViewContext): string {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number | undefined];
  if (day !== undefined) return formatDate(new Date(Date.UTC(year, month - 1, day, 12)), { ...view, timezone: 'UTC' });
  return view.locale === 'de' ? `${String(month).padStart(2, '0')}/${year}` : format(new Date(Date.UTC(year, month - 1, 15)), 'MMM yyyy', { in: tz('UTC') });
}

/** Start and end of a fact sheet, as far as they are given ('' when neither is). */
export function timeframeLabel(start: string | undefined, end: string | undefined, view: ViewContext): string {
  if (!start && !end) return '';
  return `${start ? periodLabel(start, view) : '…'} – ${end ? periodLabel(end, view) : '…'}`;
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
