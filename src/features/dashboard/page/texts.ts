import type { ApiLocale } from '../api';

/** The page's texts (`dashboard.page.*` of the locale files, without the prefix) by locale. */
export type TextTable = Readonly<Record<string, string>>;

/**
 * The page's texts in one language. The HTML carries both languages' texts (so that a failure before the
 * overview arrives still speaks the user's language); the overview's own texts take precedence once loaded.
 */
export class Texts {
  constructor(
    readonly locale: ApiLocale,
    private readonly table: TextTable,
  ) {}

  with(table: TextTable): Texts {
    return new Texts(this.locale, { ...this.table, ...table });
  }

  /** The text under `key` with its `{{placeholders}}` filled; the key itself when a text is missing. */
  t(key: string, params: Readonly<Record<string, string | number>> = {}): string {
    const text = this.table[key] ?? key;
    return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
  }

  /** A date (and its time, when given) as people read it in the locale, in the group's time zone. */
  date(iso: string, withTime = false): string {
    const value = new Date(iso);
    if (Number.isNaN(value.getTime())) return iso;
    // A bare date (2026-03-01) is a calendar day: shown as it is, not shifted by a time zone.
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
    return new Intl.DateTimeFormat(this.locale === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'medium',
      ...(withTime && !dateOnly ? { timeStyle: 'short' } : {}),
      timeZone: dateOnly ? 'UTC' : 'Europe/Berlin',
    }).format(value);
  }
}

/** Both languages' texts, from the JSON block the server put into the page. */
export function embeddedTexts(): Readonly<Record<ApiLocale, TextTable>> {
  const block = document.getElementById('kuemmerer-texts');
  const parsed = JSON.parse(block?.textContent ?? '{}') as Partial<Record<ApiLocale, TextTable>>;
  return { de: parsed.de ?? {}, en: parsed.en ?? {} };
}
