import assert from 'node:assert/strict';
import { checkDraft, parseSendAt, readValues, type DraftRules } from '../../../../src/features/broadcasts/domain/draft';
import { AUDIENCES } from '../../../../src/features/broadcasts/domain/model';

const BERLIN = 'Europe/Berlin';
const RULES: DraftRules = { now: new Date('2026-11-30T08:00:00.000Z'), timezone: BERLIN, municipalities: ['Dülmen', 'Olfen'], audiences: AUDIENCES, hasHomeChannel: true };
const iso = (result: ReturnType<typeof parseSendAt>) => ('error' in result ? result.error.code : result.at?.toISOString());

describe('broadcast drafts', () => {
  describe('the time to send at, local in the time zone', () => {
    it('reads the date and time inputs as Teams sends them, in winter and in summer time', () => {
      assert.equal(iso(parseSendAt('2026-12-01', '09:00', BERLIN)), '2026-12-01T08:00:00.000Z');
      assert.equal(iso(parseSendAt('2026-07-01', '09:00', BERLIN)), '2026-07-01T07:00:00.000Z');
    });

    it('reads a date with its time in one input, ISO or German', () => {
      assert.equal(iso(parseSendAt('2026-12-01T09:30', '', BERLIN)), '2026-12-01T08:30:00.000Z');
      assert.equal(iso(parseSendAt('2026-12-01 09:30:00', '', BERLIN)), '2026-12-01T08:30:00.000Z');
      assert.equal(iso(parseSendAt('01.12.2026 9:30', '', BERLIN)), '2026-12-01T08:30:00.000Z');
    });

    it('is now when both are empty, and refuses half of it or a day that does not exist', () => {
      assert.deepEqual(parseSendAt('', '', BERLIN), {});
      assert.equal(iso(parseSendAt('', '09:00', BERLIN)), 'sendAtDateMissing');
      assert.equal(iso(parseSendAt('2026-12-01', '', BERLIN)), 'sendAtTimeMissing');
      assert.equal(iso(parseSendAt('2026-02-29', '09:00', BERLIN)), 'sendAtInvalid');
      assert.equal(iso(parseSendAt('2026-12-01', '25:00', BERLIN)), 'sendAtInvalid');
      assert.equal(iso(parseSendAt('morgen', '09:00', BERLIN)), 'sendAtInvalid');
    });
  });

  it('reads the inputs whatever arrives: strings trimmed, the multi-select split, the toggle, numbers and junk', () => {
    const values = readValues({ title: '  Titel ', text: '  eingerückt\n\n', audience: 'municipalities', municipalities: 'Dülmen, Olfen,', ack: 'true', link: 42, linkTitle: { x: 1 }, sendAt: ['2026'] });
    assert.deepEqual(values, { title: 'Titel', text: '  eingerückt', audience: 'municipalities', municipalities: ['Dülmen', 'Olfen'], linkTitle: '', link: '42', ack: true, sendAtDate: '', sendAtTime: '' });
  });

  it('takes municipalities in any case and stores them as the directory names them', () => {
    const checked = checkDraft(readValues({ title: 'T', text: 'x', audience: 'municipalities', municipalities: 'DÜLMEN,olfen,Dülmen' }), RULES);
    assert.ok(checked.ok);
    assert.deepEqual(checked.fields.municipalities, ['Dülmen', 'Olfen']);
  });

  it('forgets chosen municipalities when the audience is another', () => {
    const checked = checkDraft(readValues({ title: 'T', text: 'x', audience: 'cdos', municipalities: 'Dülmen' }), RULES);
    assert.ok(checked.ok);
    assert.deepEqual(checked.fields.municipalities, []);
  });

  it('reports every problem at once, each next to its input', () => {
    const checked = checkDraft(readValues({ title: '', text: 'x'.repeat(20_001), audience: 'municipalities', link: 'www.example.org', sendAt: '2026-11-30', sendAtTime: '08:00' }), RULES);
    assert.ok(!checked.ok);
    assert.deepEqual(checked.errors, {
      title: { code: 'required' },
      text: { code: 'tooLong', params: { max: 20_000, length: 20_001 } },
      link: { code: 'linkInvalid' },
      municipalities: { code: 'noMunicipality' },
      sendAt: { code: 'sendAtPast' },
    });
  });
});
