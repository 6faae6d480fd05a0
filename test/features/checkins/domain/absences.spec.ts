import assert from 'node:assert/strict';
import { parseAbsenceDate } from '../../../../src/features/checkins/domain/absences';

const now = new Date('2026-11-25T10:00:00.000Z');
const parse = (text: string) => parseAbsenceDate(text, now, 'Europe/Berlin');

describe('absence dates', () => {
  it('reads a German date with year', () => {
    assert.deepEqual(parse('15.08.2027'), { ok: true, until: '2027-08-15' });
    assert.deepEqual(parse('3.12.2026'), { ok: true, until: '2026-12-03' });
  });

  it('reads an ISO date', () => {
    assert.deepEqual(parse('2026-12-15'), { ok: true, until: '2026-12-15' });
  });

  it('takes a German date without year as the next such day', () => {
    assert.deepEqual(parse('15.12.'), { ok: true, until: '2026-12-15' });
    assert.deepEqual(parse('15.08.'), { ok: true, until: '2027-08-15' });
    assert.deepEqual(parse('25.11.'), { ok: true, until: '2026-11-25' });
    assert.deepEqual(parse('15.12'), { ok: true, until: '2026-12-15' });
  });

  it('accepts today and refuses a day in the past', () => {
    assert.deepEqual(parse('25.11.2026'), { ok: true, until: '2026-11-25' });
    assert.deepEqual(parse('24.11.2026'), { ok: false, code: 'pastDate' });
    assert.deepEqual(parse('2025-08-15'), { ok: false, code: 'pastDate' });
  });

  it('refuses days that do not exist and other formats', () => {
    for (const text of ['31.02.2027', '2027-13-01', '15 Aug', 'morgen', '15/08/2027', '15.08.27', '15.082027', '']) {
      assert.deepEqual(parse(text), { ok: false, code: 'invalidDate' }, text);
    }
  });

  it('takes 29.02. without year as the next leap day', () => {
    assert.deepEqual(parse('29.02.'), { ok: true, until: '2028-02-29' });
  });
});
