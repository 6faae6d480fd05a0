import assert from 'node:assert/strict';
import de from '../../../src/platform/i18n/de.json';
import en from '../../../src/platform/i18n/en.json';

/** Every key path of a message file (`checkin.form.title`). */
function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

describe('locale files', () => {
  it('have the same keys in German and English', () => {
    assert.deepEqual(keys(en).sort(), keys(de).sort());
  });

  it('have no empty texts', () => {
    const flat = (messages: object): [string, unknown][] =>
      Object.entries(messages).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? flat(value as object).map(([k, v]) => [`${key}.${k}`, v] as [string, unknown]) : [[key, value] as [string, unknown]]));
    for (const [key, value] of [...flat(de), ...flat(en)]) assert.ok(typeof value === 'string' && value.trim() !== '', key);
  });
});
