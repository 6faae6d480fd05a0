import assert from 'node:assert/strict';
import i18next from 'i18next';
import type { Locale } from '../../../src/platform/config';
import { translator, type MessageKey } from '../../../src/platform/i18n';
import de from '../../../src/platform/i18n/de.json';
import en from '../../../src/platform/i18n/en.json';

/** Every key path of a message file, plural forms by their base key. */
function keys(messages: object, prefix = ''): string[] {
  const all = Object.entries(messages).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
  return [...new Set(all.map((k) => k.replace(/_(one|other)$/, '')))];
}

/** i18next itself, set up as the platform sets it up: what the translator must agree with. */
function reference(locale: Locale): (key: string, params: Record<string, unknown>) => string {
  const instance = i18next.createInstance();
  void instance.init({ resources: { de: { translation: de }, en: { translation: en } }, lng: 'de', fallbackLng: false, initAsync: false, interpolation: { escapeValue: false }, returnNull: false });
  const t = instance.getFixedT(locale);
  return (key, params) => t(key, params) as string;
}

describe('translator', () => {
  for (const locale of ['de', 'en'] as const) {
    it(`fills every ${locale} text as i18next does, with values, numbers, counts, null and missing values`, () => {
      const t = translator(locale);
      const expected = reference(locale);
      for (const key of keys(locale === 'de' ? de : en)) {
        const placeholders = [...JSON.stringify(locale === 'de' ? de : en).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
        const params = Object.fromEntries(placeholders.map((name, i) => [name, i % 3 === 0 ? `Wert ${i}` : i % 3 === 1 ? i : null]));
        for (const given of [params, { ...params, count: 1 }, { ...params, count: 3 }, {}]) {
          assert.equal(t(key as MessageKey, given as Record<string, string | number>), expected(key, given), `${locale} ${key} ${JSON.stringify(given)}`);
        }
      }
    });
  }
});
