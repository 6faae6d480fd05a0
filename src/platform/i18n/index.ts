import i18next, { type i18n } from 'i18next';
import type { Locale } from '../config';
import de from './de.json';
import en from './en.json';

type Messages = typeof de;
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];
type StripPlural<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

/** A key of the German message file (the reference locale); plural forms are addressed by their base key. */
export type MessageKey = StripPlural<Leaves<Messages>>;
export type MessageParams = Record<string, string | number>;
/** Looks a message up in one locale and fills its `{{placeholders}}`; `count` selects a plural form. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

// English must offer every German key: the compiler checks it here, a test checks the reverse.
const english: Messages = en;

let instance: i18n | undefined;
function engine(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    // initAsync false: resources are in memory, so initialisation completes synchronously.
    void instance.init({
      resources: { de: { translation: de }, en: { translation: english } },
      lng: 'de',
      fallbackLng: false,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return instance;
}

/** A text split at its `{{placeholders}}`: the text between them, and their names. */
interface Template {
  readonly parts: readonly string[];
  readonly names: readonly string[];
}

/** Templates by locale and key; null where i18next must answer (plural forms, objects, missing keys). */
const templates = new Map<string, Template | null>();

function template(locale: Locale, key: string): Template | null {
  const cacheKey = `${locale}|${key}`;
  let found = templates.get(cacheKey);
  if (found === undefined) {
    const text: unknown = engine().getResource(locale, 'translation', key);
    if (typeof text === 'string') {
      const pieces = text.split(/\{\{(\w+)\}\}/);
      found = { parts: pieces.filter((_, i) => i % 2 === 0), names: pieces.filter((_, i) => i % 2 === 1) };
    } else found = null;
    templates.set(cacheKey, found);
  }
  return found;
}

/**
 * The translation function for one locale. Texts without a plural form are filled in directly from the message
 * file, as i18next fills them (a missing value keeps its placeholder, null is empty): a card calls this a dozen
 * times per turn, and i18next's general path costs more than the rest of the card. Plurals (`count`) and anything
 * else go through i18next.
 */
export function translator(locale: Locale): Translate {
  const t = engine().getFixedT(locale);
  return (key, params) => {
    const fast = params?.count === undefined ? template(locale, key) : null;
    if (!fast) return t(key, params ?? {}) as string;
    let text = fast.parts[0]!;
    fast.names.forEach((name, i) => {
      const value = params?.[name] as unknown;
      text += (value === undefined ? `{{${name}}}` : value === null ? '' : String(value)) + fast.parts[i + 1]!;
    });
    return text;
  };
}

/**
 * The user's language from the Teams locale (`de-DE`, `en-US`, …): German unless Teams says English,
 * and the configured default when Teams says nothing or names another language.
 */
export function resolveLocale(teamsLocale: string | undefined, fallback: Locale): Locale {
  const language = (teamsLocale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (language === 'en' || language === 'de') return language;
  return fallback;
}

/**
 * Every text under `prefix` in one locale, flattened to keys relative to it (`page.title` under `dashboard` is
 * `page.title`): for a page that takes its texts in one piece. Empty when there is nothing under the prefix.
 */
export function messagesUnder(locale: Locale, prefix: string): Record<string, string> {
  const root: unknown = engine().getResource(locale, 'translation', prefix);
  const result: Record<string, string> = {};
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') result[path] = value;
    else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
  };
  if (root && typeof root === 'object') walk(root, '');
  return result;
}
