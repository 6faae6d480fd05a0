// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardOf, cardReadout, textAfterInput } from '../../support/cards';
import { MEMBER, MeetingRig } from '../../support/meeting-rig';

const MONDAY = '2026-08-10T08:00:00.000Z';
const FORM = { meetingId: '', title: '', date: '2026-08-18', start: '14:00', end: '16:00', place: 'Kreishaus Coesfeld', link: '', repeat: 'none', until: '' };
const ONLY_COORDINATORS = 'Das kann nur die Koordination (Martina Becker, Thomas Overbeck). Bitte wenden Sie sich an sie.';

describe('meetings refuse bad input and people without the role, storing and posting nothing', function () {
  this.timeout(60_000);
  let rig: MeetingRig;

  before(async () => {
    rig = await MeetingRig.start(MONDAY);
  });
  after(async () => {
    await rig?.close();
  });

  /** Nothing was stored and nothing reached the channel. */
  async function nothingHappened(): Promise<void> {
    assert.deepEqual(await rig.meetings(), []);
    await rig.settle();
    assert.deepEqual(rig.posts(), []);
  }

  const cases: [string, Record<string, string>, string, string][] = [
    ['a date in the past', { date: '2026-08-09' }, 'date', 'Dieser Zeitpunkt liegt in der Vergangenheit. Bitte einen späteren wählen.'],
    ['an impossible date', { date: '2026-02-31' }, 'date', 'Den 31.02.2026 gibt es nicht. Bitte ein gültiges Datum wählen.'],
    ['an end before the start', { end: '13:00' }, 'end', 'Das Ende muss nach dem Beginn liegen.'],
    ['a time that is none', { start: '25:00' }, 'start', '„25:00“ ist keine Uhrzeit. Bitte z. B. 14:00 eingeben.'],
    ['a link that is not http(s)', { link: 'ftp://files.example.org/ag' }, 'link', 'Bitte einen Link angeben, der mit https:// oder http:// beginnt.'],
    ['a title over 200 characters', { title: 'T'.repeat(201) }, 'title', 'Zu lang: 201 Zeichen, höchstens 200.'],
    ['an until before the date', { repeat: 'weekly', until: '2026-08-17' }, 'until', 'Das Ende der Serie liegt vor der ersten Sitzung.'],
    ['a series without an end', { repeat: 'weekly' }, 'until', 'Bitte ausfüllen.'],
    ['a series over two years', { repeat: 'monthly', until: '2029-01-01' }, 'until', 'Eine Serie reicht höchstens zwei Jahre weit und hat höchstens 99 Termine.'],
    ['a recurrence that is none', { repeat: 'daily' }, 'repeat', 'Bitte einen der angebotenen Werte wählen.'],
  ];
  for (const [what, change, input, message] of cases) {
    it(`shows the form again for ${what}, with the error next to the field`, async () => {
      const card = await rig.execute('meeting.save', { ...FORM, ...change });
      assert.equal(cardReadout(card)[0], 'Sitzung planen');
      assert.equal(textAfterInput(card, input), message);
      await nothingHappened();
    });
  }

  it('keeps what was typed in the form it shows again', async () => {
    const card = await rig.execute('meeting.save', { ...FORM, title: 'Klausur', link: 'ftp://x.example.org' });
    const values = Object.fromEntries(card.body.flatMap((e: any) => (e.type === 'Input.Text' ? [[e.id, e.value]] : [])));
    assert.deepEqual(values, { title: 'Klausur', place: 'Kreishaus Coesfeld', link: 'ftp://x.example.org' });
  });

  it('answers a line with an impossible date or without a time with the form and the error next to the field', async () => {
    let card = cardOf(await rig.say('Sitzung am 31.02.2027 14:00 Kreishaus'));
    assert.equal(textAfterInput(card, 'date'), 'Den 31.02.2027 gibt es nicht. Bitte ein gültiges Datum wählen.');
    card = cardOf(await rig.say('Sitzung am 18.08.2026 im Kreishaus'));
    assert.equal(textAfterInput(card, 'start'), 'Bitte ausfüllen.');
    assert.equal(card.body.find((e: any) => e.id === 'place')?.value, 'Kreishaus');
    await nothingHappened();
  });

  it('refuses scheduling, changing and cancelling to a member without the coordinator role', async () => {
    assert.equal((await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus', MEMBER)).text, ONLY_COORDINATORS);
    assert.equal((await rig.say('Sitzung planen', MEMBER)).text, ONLY_COORDINATORS);
    const card = await rig.execute('meeting.save', FORM, MEMBER);
    assert.equal(cardReadout(card)[2], 'Sitzungen planen und ändern kann nur die Koordination; nichts wurde gespeichert.');
    await nothingHappened();
    await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus');
    const [meeting] = await rig.meetings();
    assert.equal(await rig.executeText('meeting.cancel', { meetingId: meeting!.id, confirm: 'meeting' }, MEMBER), ONLY_COORDINATORS);
    assert.equal(await rig.executeText('meeting.edit', { meetingId: meeting!.id }, MEMBER), ONLY_COORDINATORS);
    const edited = await rig.execute('meeting.save', { ...FORM, meetingId: meeting!.id, start: '09:00' }, MEMBER);
    assert.deepEqual(cardReadout(edited).slice(0, 2), ['Sitzung ändern', 'Sitzungen planen und ändern kann nur die Koordination; nichts wurde gespeichert.']);
    assert.deepEqual((await rig.meetings()).map((m) => [m.status, m.startAt.toISOString()]), [['scheduled', '2026-08-18T12:00:00.000Z']]);
  });

  it('refuses unknown meeting ids in card data', async () => {
    const unknown = 'Diese Sitzung kenne ich nicht; nichts wurde geändert.';
    for (const meetingId of ['000000000000-20260818', '../../etc', 'x'.repeat(100), 42]) {
      assert.equal(await rig.executeText('meeting.cancel', { meetingId, confirm: 'meeting' }), unknown, String(meetingId));
      assert.equal(await rig.executeText('meeting.edit', { meetingId }), unknown, String(meetingId));
    }
    const card = await rig.execute('meeting.save', { ...FORM, meetingId: '000000000000-20260818' });
    assert.equal(cardReadout(card)[1], 'Diese Sitzung kenne ich nicht; nichts wurde gespeichert.');
  });

  it('refuses to cancel or change a meeting that is over', async () => {
    await rig.say('Sitzung am 11.08.2026 14:00 Kreishaus');
    const meeting = (await rig.meetings()).find((m) => m.startAt.toISOString() === '2026-08-11T12:00:00.000Z')!;
    await rig.until('2026-08-11T15:00:00.000Z');
    assert.equal(await rig.executeText('meeting.cancel', { meetingId: meeting.id, confirm: 'meeting' }), 'Diese Sitzung ist vorbei und kann nicht mehr geändert werden.');
    const card = await rig.execute('meeting.save', { ...FORM, meetingId: meeting.id });
    assert.deepEqual(cardReadout(card).slice(0, 2), ['Sitzung ändern', 'Diese Sitzung ist vorbei und kann nicht mehr geändert werden.']);
    assert.equal((await rig.meetings()).find((m) => m.id === meeting.id)!.status, 'scheduled');
  });
});
