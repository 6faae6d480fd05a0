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

/** The translation function for one locale. */
export function translator(locale: Locale): Translate {
  const t = engine().getFixedT(locale);
  return (key, params) => t(key, params ?? {}) as string;
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
