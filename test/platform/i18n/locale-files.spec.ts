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

  it('address the reader formally in German: no du, dein, dich, dir, euch, nor the informal imperatives', () => {
    // Whole words only, outside the {{placeholders}}; the imperatives as they would open an informal request (not „Klick“
    // or „Tipp“, which are nouns too).
    const informal = /(?<![\p{L}-])(du|dein|deine|deinen|deinem|deiner|deines|dich|dir|euch|euer|eure|frag|schreib|wähl|gib|probier|schau)(?![\p{L}-])/iu;
    const flat = (messages: object, prefix = ''): [string, string][] =>
      Object.entries(messages).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? flat(value as object, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)] as [string, string]]));
    const found = flat(de).filter(([, text]) => informal.test(text.replace(/\{\{[^}]*\}\}/g, ''))).map(([key, text]) => `${key}: ${text}`);
    assert.deepEqual(found, []);
  });
});
