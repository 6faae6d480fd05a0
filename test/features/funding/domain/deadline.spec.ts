import assert from 'node:assert/strict';
import { deadlineInstant, deadlineText, parseDeadline, parseReminderOffsets, reminderTime } from '../../../../src/features/funding/domain/deadline';

const BERLIN = 'Europe/Berlin';

describe('funding deadlines', () => {
  describe('as written in files and cards', () => {
    for (const [text, expected] of [
      ['2027-01-15', { kind: 'date', date: '2027-01-15', time: '' }],
      ['15.01.2027', { kind: 'date', date: '2027-01-15', time: '' }],
      ['5.1.2027', { kind: 'date', date: '2027-01-05', time: '' }],
      ['2027-01-15 12:00', { kind: 'date', date: '2027-01-15', time: '12:00' }],
      ['2027-01-15T09:30', { kind: 'date', date: '2027-01-15', time: '09:30' }],
      ['15.01.2027 um 9:30 Uhr', { kind: 'date', date: '2027-01-15', time: '09:30' }],
      ['laufend', { kind: 'rolling' }],
      ['Rolling', { kind: 'rolling' }],
    ] as const) {
      it(`reads "${text}"`, () => assert.deepEqual(parseDeadline(text), expected));
    }

    for (const text of ['2027-02-30', '31.04.2027', '2027-01-15 24:00', '15.01.27', 'morgen', '2027-1-5', '']) {
      it(`refuses "${text}"`, () => assert.equal(parseDeadline(text), undefined));
    }

    it('writes what it reads', () => {
      for (const text of ['2027-01-15', '2027-01-15 12:00', 'laufend']) assert.equal(deadlineText(parseDeadline(text)!), text);
    });
  });

  it('is due at the time given in Berlin, or at the end of the day', () => {
    assert.equal(deadlineInstant(parseDeadline('2027-01-15 12:00')!, BERLIN)?.toISOString(), '2027-01-15T11:00:00.000Z');
    assert.equal(deadlineInstant(parseDeadline('2027-07-15 12:00')!, BERLIN)?.toISOString(), '2027-07-15T10:00:00.000Z');
    assert.equal(deadlineInstant(parseDeadline('2027-01-15')!, BERLIN)?.toISOString(), '2027-01-15T22:59:00.000Z');
    assert.equal(deadlineInstant({ kind: 'rolling' }, BERLIN), undefined);
  });

  describe('reminder offsets', () => {
    it('reads the default, earliest reminder first', () => {
      assert.deepEqual(parseReminderOffsets('28d,14d,7d,2d')?.map((o) => o.label), ['28d', '14d', '7d', '2d']);
    });

    it('sorts mixed units and drops repeats', () => {
      assert.deepEqual(parseReminderOffsets(' 2h, 1d ,30m,2h ')?.map((o) => o.label), ['1d', '2h', '30m']);
    });

    for (const text of ['', '14', '14w', '0d', '-2d', '10000d', '1d,2d,3d,4d,5d,6d,7d,8d,9d,10d,11d']) {
      it(`refuses "${text}"`, () => assert.equal(parseReminderOffsets(text), undefined));
    }
  });

  describe('reminder times across daylight-saving changes', () => {
    const at = (deadline: string, offset: string) => reminderTime(parseDeadline(deadline) as never, parseReminderOffsets(offset)![0]!, BERLIN, '09:00').toISOString();

    it('keeps the local time for days: 14 days before 12:00 CET is 12:00 CEST (10:00 UTC), not 11:00', () => {
      assert.equal(at('2026-11-03 12:00', '14d'), '2026-10-20T10:00:00.000Z');
    });

    it('keeps the local time in spring too: 7 days before 12:00 CEST is 12:00 CET', () => {
      assert.equal(at('2027-04-01 12:00', '7d'), '2027-03-25T11:00:00.000Z');
    });

    it('reminds of a deadline without a time at 09:00 local, that many days before its date', () => {
      assert.equal(at('2026-11-03', '14d'), '2026-10-20T07:00:00.000Z');
    });

    it('counts hours as exact durations: 3 hours before 02:00 CET on the night clocks go back is 00:00 CEST', () => {
      assert.equal(at('2026-10-25 02:00', '3h'), '2026-10-24T22:00:00.000Z');
    });

    it('counts minutes before the end of a day without a time', () => {
      assert.equal(at('2026-12-01', '2m'), '2026-12-01T22:57:00.000Z');
    });
  });
});
