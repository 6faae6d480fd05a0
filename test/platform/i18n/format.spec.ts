import assert from 'node:assert/strict';
import { formatEuro, formatNumber } from '../../../src/platform/i18n/format';

describe('number formats', () => {
  it('writes amounts in euros the German and the English way, cents only when there are any', () => {
    assert.deepEqual(
      [formatEuro(185000.5, { locale: 'de' }), formatEuro(25000, { locale: 'de' }), formatEuro(185000.5, { locale: 'en' }), formatEuro(25000, { locale: 'en' })],
      ['185.000,50\u00a0€', '25.000\u00a0€', '€185,000.50', '€25,000'],
    );
  });

  it('groups thousands and rounds to the decimals asked for', () => {
    assert.deepEqual([formatNumber(12345, { locale: 'de' }), formatNumber(12345, { locale: 'en' }), formatNumber(45.66, { locale: 'de' }, 1)], ['12.345', '12,345', '45,7']);
  });
});
