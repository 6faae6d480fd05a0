import assert from 'node:assert/strict';
import { isMeetingLine, parseMeetingLine } from '../../../../src/features/meetings/domain/one-line';

// Monday 10 August 2026, 10:00 in Berlin.
const NOW = new Date('2026-08-10T08:00:00.000Z');
const read = (text: string) => {
  const values = parseMeetingLine(text, NOW, 'Europe/Berlin');
  assert.ok(values, `"${text}" is a meeting line`);
  const { date, start, end, place, link } = values;
  return { date, start, end, place, link };
};

describe('a meeting in one line', () => {
  it('reads a German date with year, a time and a place', () => {
    assert.deepEqual(read('Sitzung am 18.08.2026 14:00 Kreishaus Coesfeld'), { date: '2026-08-18', start: '14:00', end: '', place: 'Kreishaus Coesfeld', link: '' });
  });

  it('reads a date without year as the next such day, „um 14 Uhr bis 16 Uhr“ and an online link', () => {
    assert.deepEqual(read('Sitzung am 18.8. um 14 Uhr bis 16 Uhr online https://meet.example.org/ag'), { date: '2026-08-18', start: '14:00', end: '16:00', place: '', link: 'https://meet.example.org/ag' });
    assert.equal(read('Sitzung am 3.8. 14:00').date, '2027-08-03');
  });

  it('reads today, tomorrow, the day after and weekdays', () => {
    assert.equal(read('Sitzung heute 16:00').date, '2026-08-10');
    assert.equal(read('Sitzung morgen 9:30').date, '2026-08-11');
    assert.equal(read('Sitzung übermorgen 9:30').date, '2026-08-12');
    assert.equal(read('Sitzung am Montag 9:30').date, '2026-08-17');
    assert.deepEqual(read('Sitzung am Dienstag 14–16 Uhr im Kreishaus'), { date: '2026-08-11', start: '14:00', end: '16:00', place: 'Kreishaus', link: '' });
  });

  it('reads English: ISO dates, month names, am and pm', () => {
    assert.deepEqual(read('meeting on 2026-08-18 14:00 at district hall'), { date: '2026-08-18', start: '14:00', end: '', place: 'district hall', link: '' });
    assert.deepEqual(read('schedule meeting on August 18 2pm-4pm'), { date: '2026-08-18', start: '14:00', end: '16:00', place: '', link: '' });
    assert.deepEqual(read('meeting on 18 September 2026 at 11am to 1pm room 2'), { date: '2026-09-18', start: '11:00', end: '13:00', place: 'room 2', link: '' });
  });

  it('keeps a number without a time word in the place, and an impossible date as written, for the error', () => {
    assert.deepEqual(read('Sitzung planen am 3. September 2026 um 10 Uhr Raum 204'), { date: '2026-09-03', start: '10:00', end: '', place: 'Raum 204', link: '' });
    assert.deepEqual(read('Sitzung am 18.08.2026 Raum 204'), { date: '2026-08-18', start: '', end: '', place: 'Raum 204', link: '' });
    assert.equal(read('Sitzung am 31.02.2026 14:00').date, '2026-02-31');
  });

  it('is no meeting line without a date right after the command', () => {
    for (const text of ['Sitzung', 'Sitzungen', 'Sitzung planen', 'Nächste Sitzung', 'Sitzung Kreishaus', 'Sitzungsunterlagen am 18.08.2026', 'Wer ist für die Hybridsitzungen zuständig?']) {
      assert.equal(isMeetingLine(text), false, text);
    }
  });
});
