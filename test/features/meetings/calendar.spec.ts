// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardOf, cardActions } from '../../support/cards';
import { runCliRecorded } from '../../support/cli-output';
import { testConnectionString } from '../../support/hooks';
import { MeetingRig } from '../../support/meeting-rig';

const MONDAY = '2026-08-10T08:00:00.000Z';
const FORM = { meetingId: '', title: '', date: '2026-08-18', start: '14:00', end: '16:00', place: 'Kreishaus Coesfeld', link: '', repeat: 'none', until: '' };

/** ical.js (Mozilla's parser) is an ES module: loaded once with import(). */
type Ical = typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;

describe('calendar files of meetings', function () {
  this.timeout(60_000);
  let rig: MeetingRig;
  let ICAL: Ical;

  before(async () => {
    ICAL = (await import('ical.js')).default;
  });

  afterEach(async () => {
    await rig?.close();
  });

  /** The link buttons of a card by title. */
  function links(card: any): Record<string, string> {
    return Object.fromEntries(cardActions(card).filter((a: any) => a.type === 'Action.OpenUrl').map((a: any) => [a.title, a.url]));
  }

  /** GETs a calendar link (its path and query) from the running bot. */
  async function get(link: string): Promise<{ status: number; type: string; text: string }> {
    const url = new URL(link);
    const response = await fetch(`${rig.bot.app.url}${url.pathname}${url.search}`);
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  }

  /** The VEVENTs of a calendar file, parsed with ical.js. */
  function events(text: string): InstanceType<Ical['Event']>[] {
    return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  }

  it('serves a meeting as RFC 5545 with a stable UID, Berlin times with a VTIMEZONE, CRLF and folded lines', async () => {
    rig = await MeetingRig.start(MONDAY);
    const saved = await rig.execute('meeting.save', { ...FORM, title: `Sitzung der AG Digitalisierung – Schwerpunkt Glasfaser, Breitbandförderung und Ausbau in Dülmen, Lüdinghausen und Nordkirchen` });
    const series = await rig.onlySeries();
    const link = links(saved)['In den Kalender (.ics)']!;
    assert.match(link, new RegExp(`/meetings/${series.id}\\.ics\\?key=${series.calendarKey}$`));
    const file = await get(link);
    assert.equal(file.status, 200);
    assert.equal(file.type, 'text/calendar; charset=utf-8');
    assert.ok(file.text.endsWith('END:VCALENDAR'));
    assert.doesNotMatch(file.text.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends in CRLF');
    const lines = file.text.split('\r\n');
    assert.ok(lines.every((l) => Buffer.byteLength(l) <= 75), 'lines are folded at 75 octets');
    assert.ok(lines.some((l) => l.startsWith(' ')), 'the long title is folded');
    assert.ok(lines.includes('BEGIN:VTIMEZONE') && lines.includes('TZID:Europe/Berlin'));
    assert.ok(lines.includes('DTSTART;TZID=Europe/Berlin:20260818T140000'));
    const [event] = events(file.text);
    assert.equal(event!.uid, `${series.id}@kuemmerer`);
    assert.equal(event!.sequence, 0);
    assert.equal(event!.summary, 'Sitzung der AG Digitalisierung – Schwerpunkt Glasfaser, Breitbandförderung und Ausbau in Dülmen, Lüdinghausen und Nordkirchen');
    assert.equal(event!.location, 'Kreishaus Coesfeld');
    assert.equal(event!.startDate.toJSDate().toISOString(), '2026-08-18T12:00:00.000Z');
    assert.equal(event!.endDate.toJSDate().toISOString(), '2026-08-18T14:00:00.000Z');
    assert.equal(event!.startDate.zone.tzid, 'Europe/Berlin');
  });

  it('raises the SEQUENCE on every change and marks a cancelled meeting CANCELLED, under the same UID', async () => {
    rig = await MeetingRig.start(MONDAY);
    const saved = await rig.execute('meeting.save', FORM);
    const link = links(saved)['In den Kalender (.ics)']!;
    const [meeting] = await rig.meetings();
    await rig.execute('meeting.save', { ...FORM, meetingId: meeting!.id, start: '15:00', end: '17:00' });
    let [event] = events((await get(link)).text);
    assert.deepEqual([event!.sequence, event!.startDate.toJSDate().toISOString(), event!.component.getFirstPropertyValue('status')], [1, '2026-08-18T13:00:00.000Z', 'CONFIRMED']);
    await rig.execute('meeting.cancel', { meetingId: meeting!.id, confirm: 'meeting' });
    [event] = events((await get(link)).text);
    assert.deepEqual([event!.uid, event!.sequence, event!.component.getFirstPropertyValue('status')], [`${meeting!.seriesId}@kuemmerer`, 2, 'CANCELLED']);
  });

  it('writes a series as RRULE with its cancelled dates excluded and its moved ones as exceptions, at Berlin times', async () => {
    rig = await MeetingRig.start('2026-10-01T08:00:00.000Z');
    const saved = await rig.execute('meeting.save', { ...FORM, date: '2026-10-20', repeat: 'weekly', until: '2026-11-10' });
    const [, second, third] = await rig.meetings();
    await rig.execute('meeting.cancel', { meetingId: second!.id, confirm: 'meeting' });
    await rig.execute('meeting.save', { ...FORM, meetingId: third!.id, date: '2026-11-04', start: '10:00', end: '12:00' });
    const file = await get(links(saved)['Serie in den Kalender (.ics)']!);
    assert.ok(file.text.split('\r\n').includes('RRULE:FREQ=WEEKLY;UNTIL=20261110T225900Z'));
    const [master, moved] = events(file.text);
    assert.equal(master!.sequence, 2);
    assert.ok(master!.isRecurring());
    assert.equal(moved!.recurrenceId.toJSDate().toISOString(), '2026-11-03T13:00:00.000Z');
    assert.equal(moved!.startDate.toJSDate().toISOString(), '2026-11-04T09:00:00.000Z');
    const occurrences: string[] = [];
    const iterator = master!.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const details = master!.getOccurrenceDetails(next);
      const exception = details.recurrenceId.toJSDate().getTime() === moved!.recurrenceId.toJSDate().getTime() ? moved! : undefined;
      occurrences.push((exception?.startDate ?? details.startDate).toJSDate().toISOString());
    }
    // 14:00 in Berlin on the 20th (CEST) and after the change (CET); the 27th cancelled; the 3rd moved to the 4th.
    assert.deepEqual(occurrences, ['2026-10-20T12:00:00.000Z', '2026-11-04T09:00:00.000Z', '2026-11-10T13:00:00.000Z']);
  });

  it('serves the group’s feed of every meeting, and 404 without the key, with a wrong key or for an unknown meeting', async () => {
    rig = await MeetingRig.start(MONDAY);
    await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus');
    const card = cardOf(await rig.say('Sitzung am 15.09.2026 14:00 online https://meet.example.org/ag'));
    const feed = links(card)['Alle Sitzungen abonnieren']!;
    const file = await get(feed);
    assert.equal(file.status, 200);
    assert.deepEqual(events(file.text).map((e) => e.startDate.toJSDate().toISOString()), ['2026-08-18T12:00:00.000Z', '2026-09-15T12:00:00.000Z']);
    assert.ok(file.text.split('\r\n').includes('REFRESH-INTERVAL;VALUE=DURATION:PT1H'));
    const series = await rig.series();
    const url = new URL(feed);
    for (const wrong of ['/calendar.ics', '/calendar.ics?key=', `/calendar.ics?key=${url.searchParams.get('key')!.slice(1)}`, `/meetings/${series[0]!.id}.ics`, `/meetings/${series[0]!.id}.ics?key=${series[1]!.calendarKey}`, `/meetings/000000000000.ics?key=${series[0]!.calendarKey}`, `/meetings/${series[0]!.id}?key=${series[0]!.calendarKey}`]) {
      const response = await get(`http://x${wrong}`);
      assert.deepEqual([response.status, response.text], [404, 'Not found\n'], wrong);
    }
  });

  it('rotates the feed key and a series key from the command line: the old links stop working', async () => {
    rig = await MeetingRig.start(MONDAY);
    const card = cardOf(await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus'));
    const oldFeed = links(card)['Alle Sitzungen abonnieren']!;
    const oldMeeting = links(card)['In den Kalender (.ics)']!;
    const series = await rig.onlySeries();
    const env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: rig.bot.config.tablePrefix, LOG_LEVEL: 'silent', MEETING_CALENDAR_URL: 'https://kuemmerer.example.org' };
    const now = () => rig.clock.now();
    assert.deepEqual(await runCliRecorded(['meetings', 'feed'], env, now), { code: 0, stdout: [`Kalender-Abo der AG: https://kuemmerer.example.org${new URL(oldFeed).pathname}${new URL(oldFeed).search}`], stderr: [] });
    const rotated = await runCliRecorded(['meetings', 'rotate-key'], env, now);
    assert.equal(rotated.code, 0);
    const newFeed = /Neuer Link: (\S+)$/.exec(rotated.stdout[0]!)![1]!;
    assert.equal((await get(oldFeed)).status, 404);
    assert.equal((await get(newFeed)).status, 200);

    const rotatedSeries = await runCliRecorded(['meetings', 'rotate-key', series.id], env, now);
    const newMeeting = /Neuer Link: (\S+)$/.exec(rotatedSeries.stdout[0]!)![1]!;
    assert.equal((await get(oldMeeting)).status, 404);
    assert.equal((await get(newMeeting)).status, 200);
    assert.deepEqual(await runCliRecorded(['meetings', 'rotate-key', 'ffffffffffff'], env, now), { code: 1, stdout: [], stderr: ['Eine Serie „ffffffffffff“ gibt es nicht.'] });
    const list = await runCliRecorded(['meetings', 'list'], env, now);
    assert.deepEqual(list.stdout, [`Di., 18.08.2026, 14:00–16:00 Uhr  Sitzung der AG Digitalisierung  (Serie ${series.id})  ${newMeeting}`]);
    assert.equal((await runCliRecorded(['meetings', 'drop'], env, now)).code, 2);
  });
});
