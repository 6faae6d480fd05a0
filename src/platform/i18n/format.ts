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
