import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { de, enGB } from 'date-fns/locale';
import type { Locale } from '../config';
import { translator, type Translate } from './index';

/** How dates are shown to one user: their language, the group's time zone. */
export interface ViewContext {
  readonly t: Translate;
  readonly locale: Locale;
  readonly timezone: string;
}

/** The same view in another language (itself when the language is the same). */
export function viewIn(view: ViewContext, locale: Locale): ViewContext {
  return locale === view.locale ? view : { ...view, locale, t: translator(locale) };
}

const PATTERNS: Readonly<Record<Locale, { dateTime: string; date: string }>> = {
  de: { dateTime: 'EEEEEE., dd.MM.yyyy, HH:mm', date: 'dd.MM.yyyy' },
  en: { dateTime: 'EEE d MMM yyyy, HH:mm', date: 'd MMM yyyy' },
};

/** "Mo., 07.12.2026, 09:00" / "Mon 7 Dec 2026, 09:00" in the group's time zone. */
export function formatDateTime(at: Date, view: ViewContext): string {
  return format(at, PATTERNS[view.locale].dateTime, { locale: view.locale === 'de' ? de : enGB, in: tz(view.timezone) });
}

/** "07.12.2026" / "7 Dec 2026". */
export function formatDate(at: Date, view: ViewContext): string {
  return format(at, PATTERNS[view.locale].date, { locale: view.locale === 'de' ? de : enGB, in: tz(view.timezone) });
}

/** A local date `yyyy-MM-dd` as the user reads it. */
export function formatLocalDay(day: string, view: ViewContext): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return format(new Date(year, month - 1, date), PATTERNS[view.locale].date, { locale: view.locale === 'de' ? de : enGB });
}

const NUMBER_LOCALES: Readonly<Record<Locale, string>> = { de: 'de-DE', en: 'en-GB' };

/** "12.345" / "12,345"; with `fractionDigits`, that many decimals. */
export function formatNumber(value: number, view: Pick<ViewContext, 'locale'>, fractionDigits = 0): string {
  return new Intl.NumberFormat(NUMBER_LOCALES[view.locale], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** "12.000 €" / "€12,000" for whole euros, "12.000,50 €" / "€12,000.50" with cents. */
export function formatEuro(value: number, view: Pick<ViewContext, 'locale'>): string {
  const cents = Math.round(value * 100) % 100 !== 0;
  return new Intl.NumberFormat(NUMBER_LOCALES[view.locale], { style: 'currency', currency: 'EUR', minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: 2 }).format(value);
}

/** A fact sheet's month or date (`2027-03`, `2027-03-15`) as the reader writes it: `03/2027` or `15.03.2027`, `Mar 2027` or `15 Mar 2027`. */
export function formatPeriod(value: string, view: ViewContext): string {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number | undefined];
  if (day !== undefined) return formatDate(new Date(Date.UTC(year, month - 1, day, 12)), { ...view, timezone: 'UTC' });
  return view.locale === 'de' ? `${String(month).padStart(2, '0')}/${year}` : format(new Date(Date.UTC(year, month - 1, 15)), 'MMM yyyy', { in: tz('UTC') });
}
