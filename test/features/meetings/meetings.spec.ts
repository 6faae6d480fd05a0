// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardAction, cardInput, cardOf, cardReadout, cardActions } from '../../support/cards';
import { meetingRepositories } from '../../../src/features/meetings/tables';
import { CDO, COORDINATOR, MeetingRig } from '../../support/meeting-rig';

// Monday 10 August 2026, 10:00 in Berlin (CEST).
const MONDAY = '2026-08-10T08:00:00.000Z';
const LINE = 'Sitzung am 18.08.2026 14:00 Kreishaus Coesfeld';
/** The form's inputs as Teams sends them on submit (strings), for a new meeting. */
const FORM = { meetingId: '', title: '', date: '2026-08-18', start: '14:00', end: '16:00', place: 'Kreishaus Coesfeld', link: '', repeat: 'none', until: '' };

describe('meetings, end to end through HTTP, the outbox and the scheduler', function () {
  this.timeout(90_000);
  let rig: MeetingRig;

  afterEach(async () => {
    await rig?.close();
  });

  /** The reminder keys of a meeting at its start, in the order 7d, 1d, 1h. */
  const reminderKeys = (meetingId: string, start: Date, labels = ['7d', '1d', '1h']) => labels.map((l) => `reminder:${meetingId}:${l}:${start.getTime()}`);

  describe('scheduling', () => {
    it('schedules a meeting written in one line and announces it as a new post in the home channel', async () => {
      rig = await MeetingRig.start(MONDAY);
      const reply = await rig.say(LINE);
      const series = await rig.onlySeries();
      assert.deepEqual(cardReadout(cardOf(reply)), [
        'Sitzung geplant',
        'Sitzung der AG Digitalisierung',
        'Wann: Dienstag, 18. August 2026, 14:00–16:00 Uhr',
        'Wo: Kreishaus Coesfeld',
        'Die Ankündigung geht in den Kanal der AG.',
      ]);
      assert.deepEqual([series.title, series.place, series.link, series.recurrence, series.firstDate, series.startTime, series.minutes], ['Sitzung der AG Digitalisierung', 'Kreishaus Coesfeld', '', 'none', '2026-08-18', '14:00', 120]);
      const [meeting] = await rig.meetings();
      assert.deepEqual([meeting!.startAt.toISOString(), meeting!.endAt.toISOString()], ['2026-08-18T12:00:00.000Z', '2026-08-18T14:00:00.000Z']);

      await rig.settle();
      const posts = rig.posts();
      assert.equal(posts.length, 1);
      assert.deepEqual(cardReadout(posts[0]!.body.activity.attachments[0].content).slice(0, 4), ['Neue Sitzung', 'Sitzung der AG Digitalisierung', 'Wann: Dienstag, 18. August 2026, 14:00–16:00 Uhr', 'Wo: Kreishaus Coesfeld']);
      const announcement = (await rig.bot.app.outbox.get(`meeting-${series.id}|announcement`))!;
      assert.equal(await rig.threadOf(series.id), `${posts[0]!.body.channelData.channel.id};messageid=${announcement.activityId}`);
    });

    it('reads the other one-line forms: day without year, end time and online link, tomorrow, English', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.say('Sitzung am 18.8. um 14 Uhr bis 16 Uhr online https://meet.example.org/ag');
      await rig.say('Sitzung morgen 9:30');
      await rig.say('meeting on 2026-08-20 14:00 at district hall', COORDINATOR, 'en-GB');
      const meetings = await rig.meetings();
      assert.deepEqual(
        meetings.map((m) => [m.startAt.toISOString(), m.endAt.toISOString(), m.place, m.link]),
        [
          ['2026-08-11T07:30:00.000Z', '2026-08-11T09:30:00.000Z', '', ''],
          ['2026-08-18T12:00:00.000Z', '2026-08-18T14:00:00.000Z', '', 'https://meet.example.org/ag'],
          ['2026-08-20T12:00:00.000Z', '2026-08-20T14:00:00.000Z', 'district hall', ''],
        ],
      );
    });

    it('schedules a meeting from the form and answers with the saved meeting and its buttons', async () => {
      rig = await MeetingRig.start(MONDAY);
      const form = cardOf(await rig.say('Sitzung planen'));
      assert.deepEqual(['title', 'date', 'start', 'end', 'place', 'link', 'repeat', 'until'].map((id) => cardInput(form, id).type), [
        'Input.Text',
        'Input.Date',
        'Input.Time',
        'Input.Time',
        'Input.Text',
        'Input.Text',
        'Input.ChoiceSet',
        'Input.Date',
      ]);
      assert.equal(cardAction(form, 'meeting.save').fallback.data.verb, 'meeting.save');
      const saved = await rig.execute('meeting.save', { ...FORM, title: 'Klausurtagung', link: 'https://meet.example.org/ag' });
      const [meeting] = await rig.meetings();
      assert.deepEqual(cardReadout(saved).slice(0, 5), ['Sitzung geplant', 'Klausurtagung', 'Wann: Dienstag, 18. August 2026, 14:00–16:00 Uhr', 'Wo: Kreishaus Coesfeld', 'Online: https://meet.example.org/ag']);
      assert.deepEqual(cardAction(saved, 'meeting.edit').data, { meetingId: meeting!.id });
      assert.deepEqual(cardAction(saved, 'meeting.cancel').data, { meetingId: meeting!.id });
    });

    it('opens the form filled in with the meeting to change it; for a meeting of a series, only that one', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.execute('meeting.save', { ...FORM, link: 'https://meet.example.org/ag', repeat: 'weekly', until: '2026-09-01' });
      const [, second] = await rig.meetings();
      const form = await rig.execute('meeting.edit', { meetingId: second!.id });
      assert.deepEqual(cardReadout(form).slice(0, 2), ['Sitzung ändern', 'Diese Sitzung gehört zur Serie „jeden Dienstag bis 01.09.2026“; geändert wird nur dieser Termin.']);
      assert.deepEqual(['title', 'date', 'start', 'end', 'place', 'link'].map((id) => cardInput(form, id).value), ['Sitzung der AG Digitalisierung', '2026-08-25', '14:00', '16:00', 'Kreishaus Coesfeld', 'https://meet.example.org/ag']);
      assert.equal(form.body.some((e: any) => e.type === 'ColumnSet' && JSON.stringify(e).includes('"repeat"')), false, 'the recurrence is not changed here');
      assert.deepEqual(cardAction(form, 'meeting.save').data, { meetingId: second!.id });
    });

    it('saves the form sent by a client without Universal Actions (Action.Submit) and puts the meeting in its place', async () => {
      rig = await MeetingRig.start(MONDAY);
      const member = rig.rig.member(COORDINATOR);
      await rig.bot.post(rig.bot.teams.submitAction({ ...FORM, verb: 'meeting.save' }, { user: member, replyToId: 'form-card-1' }));
      const [update] = rig.rig.updates();
      assert.equal(update!.activityId, 'form-card-1');
      assert.equal(cardReadout(cardOf(update!.body))[0], 'Sitzung geplant');
      assert.equal((await rig.meetings()).length, 1);
    });

    it('schedules a weekly series at the same Berlin time across the October change and announces it once', async () => {
      rig = await MeetingRig.start('2026-10-01T08:00:00.000Z');
      const saved = await rig.execute('meeting.save', { ...FORM, date: '2026-10-20', repeat: 'weekly', until: '2026-11-10' });
      assert.equal(cardReadout(saved)[0], 'Serie geplant: 4 Termine');
      const meetings = await rig.meetings();
      assert.deepEqual(
        meetings.map((m) => m.startAt.toISOString()),
        ['2026-10-20T12:00:00.000Z', '2026-10-27T13:00:00.000Z', '2026-11-03T13:00:00.000Z', '2026-11-10T13:00:00.000Z'],
      );
      await rig.settle();
      assert.equal(rig.posts().length, 1);
      assert.deepEqual(cardReadout(rig.posts()[0]!.body.activity.attachments[0].content).slice(0, 5), [
        'Neue Sitzungsreihe',
        'Sitzung der AG Digitalisierung',
        'Wann: Dienstag, 20. Oktober 2026, 14:00–16:00 Uhr',
        'Wo: Kreishaus Coesfeld',
        'Serie: jeden Dienstag bis 10.11.2026',
      ]);
    });

    it('schedules a monthly series on the same weekday of the month (every 3rd Tuesday)', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.execute('meeting.save', { ...FORM, repeat: 'monthly', until: '2026-12-31' });
      assert.deepEqual(
        (await rig.meetings()).map((m) => m.startAt.toISOString().slice(0, 10)),
        ['2026-08-18', '2026-09-15', '2026-10-20', '2026-11-17', '2026-12-15'],
      );
    });
  });

  describe('asking', () => {
    it('answers natural questions for the next meeting with the German date, place, agenda and calendar links', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.say(LINE);
      for (const question of ['Wann ist die nächste Sitzung?', 'Nächste Sitzung', 'naechste sitzung', 'Wann tagt die AG das nächste Mal?', 'Wo ist die nächste AG-Sitzung?']) {
        const card = cardOf(await rig.say(question, CDO));
        assert.deepEqual(cardReadout(card).slice(0, 6), ['Nächste Sitzung', 'Sitzung der AG Digitalisierung', 'Wann: Dienstag, 18. August 2026, 14:00–16:00 Uhr', 'Wo: Kreishaus Coesfeld', 'Tagesordnung', 'Noch keine Tagesordnungspunkte.'], question);
        assert.deepEqual(cardActions(card).filter((a: any) => a.type === 'Action.OpenUrl').map((a: any) => a.title), ['In den Kalender (.ics)', 'Alle Sitzungen abonnieren'], question);
        assert.equal(cardAction(card, 'meeting.edit'), undefined, 'only coordinators get the buttons');
      }
      const card = cardOf(await rig.inChannel('Wann ist die nächste Sitzung?', CDO));
      assert.equal(cardReadout(card)[2], 'Wann: Dienstag, 18. August 2026, 14:00–16:00 Uhr');
    });

    it('answers in English the English way', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.say(LINE);
      for (const question of ['next meeting', 'When is the next meeting?']) {
        const card = cardOf(await rig.say(question, CDO, 'en-GB'));
        assert.deepEqual(cardReadout(card).slice(0, 4), ['Next meeting', 'Sitzung der AG Digitalisierung', 'When: Tuesday, 18 August 2026, 2:00–4:00 pm', 'Where: Kreishaus Coesfeld'], question);
      }
    });

    it('lists the next five meetings', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.execute('meeting.save', { ...FORM, repeat: 'weekly', until: '2026-09-22' });
      for (const question of ['Sitzungen', 'Welche Sitzungen gibt es?', 'meetings']) {
        const card = cardOf(await rig.say(question, CDO));
        assert.deepEqual(cardReadout(card), [
          'Die nächsten 5 Sitzungen',
          'Di., 18.08.2026, 14:00–16:00 Uhr',
          'Sitzung der AG Digitalisierung · Kreishaus Coesfeld',
          'Di., 25.08.2026, 14:00–16:00 Uhr',
          'Sitzung der AG Digitalisierung · Kreishaus Coesfeld',
          'Di., 01.09.2026, 14:00–16:00 Uhr',
          'Sitzung der AG Digitalisierung · Kreishaus Coesfeld',
          'Di., 08.09.2026, 14:00–16:00 Uhr',
          'Sitzung der AG Digitalisierung · Kreishaus Coesfeld',
          'Di., 15.09.2026, 14:00–16:00 Uhr',
          'Sitzung der AG Digitalisierung · Kreishaus Coesfeld',
          '… und 1 weitere.',
        ], question);
      }
    });

    it('says that no meeting is scheduled', async () => {
      rig = await MeetingRig.start(MONDAY);
      assert.equal((await rig.say('Wann ist die nächste Sitzung?', CDO)).text, 'Zurzeit ist keine Sitzung geplant.');
    });
  });

  describe('reminders', () => {
    it('posts the reminders in the thread 7 days, 1 day and 1 hour before, with the agenda', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.say(LINE);
      const series = await rig.onlySeries();
      const [meeting] = await rig.meetings();
      await rig.until('2026-08-18T13:00:00.000Z');
      const keys = reminderKeys(meeting!.id, meeting!.startAt);
      assert.deepEqual(await rig.sentKeys(series.id), ['announcement', ...keys]);
      assert.deepEqual(await Promise.all(keys.map((k) => rig.sentAt(series.id, k))), ['2026-08-11T12:00:00.000Z', '2026-08-17T12:00:00.000Z', '2026-08-18T11:00:00.000Z']);
      const thread = rig.thread(await rig.threadOf(series.id));
      assert.deepEqual(thread.map((p) => p.text), ['Erinnerung: Sitzung in 7 Tagen', 'Erinnerung: Sitzung morgen', 'Erinnerung: Sitzung in einer Stunde']);
      assert.deepEqual(cardReadout(thread[2]!.card).slice(1), ['Sitzung der AG Digitalisierung', 'Wann: Dienstag, 18. August 2026, 14:00–16:00 Uhr', 'Wo: Kreishaus Coesfeld', 'Tagesordnung', 'Noch keine Tagesordnungspunkte.']);
      assert.equal(cardAction(thread[2]!.card, 'meeting.edit'), undefined);
    });

    it('with MEETING_REMINDERS=2m,1m posts both reminders of a meeting three minutes ahead, then the cancellation', async () => {
      rig = await MeetingRig.start(MONDAY, { MEETING_REMINDERS: '2m,1m' });
      await rig.inChannel('Sitzung heute 10:03 online https://meet.example.org/ag');
      const series = await rig.onlySeries();
      const [meeting] = await rig.meetings();
      await rig.until('2026-08-10T08:02:30.000Z');
      const keys = reminderKeys(meeting!.id, meeting!.startAt, ['2m', '1m']);
      assert.deepEqual(await Promise.all(keys.map((k) => rig.sentAt(series.id, k))), ['2026-08-10T08:01:00.000Z', '2026-08-10T08:02:00.000Z']);
      assert.deepEqual(rig.thread(await rig.threadOf(series.id)).map((p) => p.text), ['Erinnerung: Sitzung in 2 Minuten', 'Erinnerung: Sitzung in einer Minute']);
      await rig.execute('meeting.cancel', { meetingId: meeting!.id, confirm: 'meeting' });
      await rig.settle();
      assert.equal(rig.thread(await rig.threadOf(series.id)).at(-1)!.text, 'Abgesagt: Sitzung der AG Digitalisierung am Montag, 10. August 2026, 10:03–12:03 Uhr.');
    });

    it('reminds 7 days before at 09:00 CEST a meeting at 09:00 CET on the Monday after the October change', async () => {
      rig = await MeetingRig.start('2026-10-01T08:00:00.000Z');
      await rig.say('Sitzung am 26.10.2026 9:00 Kreishaus');
      const series = await rig.onlySeries();
      const [meeting] = await rig.meetings();
      assert.equal(meeting!.startAt.toISOString(), '2026-10-26T08:00:00.000Z');
      await rig.until('2026-10-26T08:00:00.000Z');
      assert.deepEqual(await Promise.all(reminderKeys(meeting!.id, meeting!.startAt).map((k) => rig.sentAt(series.id, k))), [
        '2026-10-19T07:00:00.000Z', // Monday 19 October, 09:00 CEST
        '2026-10-25T08:00:00.000Z', // Sunday 25 October, 09:00 CET (the day of the change)
        '2026-10-26T07:00:00.000Z',
      ]);
    });

    it('reminds 7 days before at 09:00 CET a meeting at 09:00 CEST on the Monday after the March change', async () => {
      rig = await MeetingRig.start('2027-03-10T08:00:00.000Z');
      await rig.say('Sitzung am 29.03.2027 9:00 Kreishaus');
      const series = await rig.onlySeries();
      const [meeting] = await rig.meetings();
      assert.equal(meeting!.startAt.toISOString(), '2027-03-29T07:00:00.000Z');
      await rig.until('2027-03-29T07:00:00.000Z');
      assert.deepEqual(await Promise.all(reminderKeys(meeting!.id, meeting!.startAt).map((k) => rig.sentAt(series.id, k))), [
        '2027-03-22T08:00:00.000Z', // Monday 22 March, 09:00 CET
        '2027-03-28T07:00:00.000Z', // Sunday 28 March, 09:00 CEST (the day of the change)
        '2027-03-29T06:00:00.000Z',
      ]);
    });

    it('sends each reminder once when the bot restarts between scheduling and the reminder', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.say(LINE);
      const series = await rig.onlySeries();
      const [meeting] = await rig.meetings();
      await rig.until('2026-08-11T11:00:00.000Z');
      // Down from an hour before the 7-day reminder to an hour after it.
      await rig.rig.restart(async () => rig.clock.advance(2 * 3_600_000));
      await rig.settle();
      await rig.until('2026-08-18T12:00:00.000Z');
      const keys = reminderKeys(meeting!.id, meeting!.startAt);
      assert.deepEqual(await rig.sentKeys(series.id), ['announcement', ...keys]);
      assert.equal(await rig.sentAt(series.id, keys[0]!), '2026-08-11T13:00:00.000Z');
      assert.deepEqual(rig.thread(await rig.threadOf(series.id)).map((p) => p.text), ['Erinnerung: Sitzung in 7 Tagen', 'Erinnerung: Sitzung morgen', 'Erinnerung: Sitzung in einer Stunde']);
    });

    it('skips a reminder missed by longer than the grace period while no bot ran, and logs it', async () => {
      rig = await MeetingRig.start(MONDAY, { SCHEDULER_GRACE_MINUTES: '60' });
      await rig.say(LINE);
      const series = await rig.onlySeries();
      const [meeting] = await rig.meetings();
      await rig.until('2026-08-11T11:00:00.000Z');
      await rig.rig.restart(async () => rig.clock.advance(3 * 3_600_000));
      await rig.until('2026-08-17T13:00:00.000Z');
      const [sevenDays, oneDay] = reminderKeys(meeting!.id, meeting!.startAt);
      assert.deepEqual(await rig.sentKeys(series.id), ['announcement', oneDay]);
      assert.equal(await rig.sentAt(series.id, sevenDays!), '');
      // Other features' jobs (the feeds' hourly check) may have missed occurrences too: count the meeting's.
      assert.equal(rig.bot.logs.find('missed job occurrence skipped').filter((l) => String(l.jobId).includes(meeting!.id)).length, 1);
    });
  });

  describe('changes and cancellations', () => {
    it('posts what changed in the thread, updates the announcement and moves the reminders', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.say(LINE);
      const series = await rig.onlySeries();
      const [before] = await rig.meetings();
      await rig.settle();
      const changed = await rig.execute('meeting.save', { ...FORM, meetingId: before!.id, date: '2026-08-19', start: '15:00', end: '17:00', place: '', link: 'https://meet.example.org/ag' });
      assert.deepEqual(cardReadout(changed).slice(0, 3), ['Sitzung geändert', 'Sitzung der AG Digitalisierung', 'Wann: Mittwoch, 19. August 2026, 15:00–17:00 Uhr']);
      await rig.until('2026-08-19T14:00:00.000Z');
      const [after] = await rig.meetings();
      assert.equal(after!.id, before!.id);
      assert.equal((await rig.onlySeries()).sequence, 1);
      const thread = rig.thread(await rig.threadOf(series.id));
      assert.deepEqual(thread.map((p) => p.text), [
        'Geändert: Sitzung der AG Digitalisierung am Dienstag, 18. August 2026, 14:00–16:00 Uhr – neue Zeit: Mittwoch, 19. August 2026, 15:00–17:00 Uhr (bisher Dienstag, 18. August 2026, 14:00–16:00 Uhr); neuer Ort: keiner (bisher Kreishaus Coesfeld); neuer Link: https://meet.example.org/ag.',
        'Erinnerung: Sitzung in 7 Tagen',
        'Erinnerung: Sitzung morgen',
        'Erinnerung: Sitzung in einer Stunde',
      ]);
      assert.deepEqual(await rig.sentKeys(series.id), ['announcement', `change:${before!.id}:1`, ...reminderKeys(after!.id, after!.startAt)]);
      assert.equal(await rig.sentAt(series.id, reminderKeys(after!.id, after!.startAt)[0]!), '2026-08-12T13:00:00.000Z');
      const update = rig.rig.updates().at(-1)!;
      assert.equal(cardReadout(cardOf(update.body))[2], 'Wann: Mittwoch, 19. August 2026, 15:00–17:00 Uhr');
    });

    it('asks before cancelling, then posts the cancellation and sends no more reminders', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.say(LINE);
      const series = await rig.onlySeries();
      const [meeting] = await rig.meetings();
      await rig.settle();
      const confirm = await rig.execute('meeting.cancel', { meetingId: meeting!.id });
      assert.deepEqual(cardReadout(confirm), [
        'Sitzung absagen?',
        'Soll „Sitzung der AG Digitalisierung“ am Dienstag, 18. August 2026, 14:00–16:00 Uhr abgesagt werden? Die Absage wird im Kanal gepostet, die Erinnerungen entfallen.',
      ]);
      assert.equal((await rig.meetings())[0]!.status, 'scheduled', 'nothing is cancelled before the confirmation');
      assert.deepEqual(cardActions(confirm).map((a: any) => [a.title, a.data]), [
        ['Ja, absagen', { meetingId: meeting!.id, confirm: 'meeting' }],
        ['Nicht absagen', { meetingId: meeting!.id }],
      ]);
      const cancelled = await rig.execute('meeting.cancel', { meetingId: meeting!.id, confirm: 'meeting' });
      assert.deepEqual(cardReadout(cancelled).slice(0, 2), ['Sitzung abgesagt', 'Sitzung der AG Digitalisierung']);
      await rig.until('2026-08-18T13:00:00.000Z');
      assert.deepEqual(rig.thread(await rig.threadOf(series.id)).map((p) => p.text), ['Abgesagt: Sitzung der AG Digitalisierung am Dienstag, 18. August 2026, 14:00–16:00 Uhr.']);
      assert.deepEqual(await rig.sentKeys(series.id), ['announcement', 'cancel:series:1']);
      assert.deepEqual((await rig.bot.app.scheduler.list()).filter((j) => j.id.includes(meeting!.id)), []);
      assert.equal(cardReadout(cardOf(rig.rig.updates().at(-1)!.body))[0], 'Abgesagt');
      assert.deepEqual([(await rig.onlySeries()).status, (await rig.meetings())[0]!.status], ['cancelled', 'cancelled']);
    });

    it('cancels one meeting of a series, or the whole series from now on', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.execute('meeting.save', { ...FORM, repeat: 'weekly', until: '2026-09-08' });
      const series = await rig.onlySeries();
      await rig.settle();
      const [first, second] = await rig.meetings();
      const confirm = await rig.execute('meeting.cancel', { meetingId: second!.id });
      assert.deepEqual(cardActions(confirm).map((a: any) => a.title), ['Nur diesen Termin', 'Ganze Serie', 'Nicht absagen']);
      await rig.execute('meeting.cancel', { meetingId: second!.id, confirm: 'meeting' });
      assert.deepEqual((await rig.meetings()).map((m) => m.status), ['scheduled', 'cancelled', 'scheduled', 'scheduled']);
      await rig.until('2026-08-19T08:00:00.000Z');
      const series2 = await rig.execute('meeting.cancel', { meetingId: first!.id, confirm: 'series' });
      assert.equal(cardReadout(series2)[0], 'Serie abgesagt: 2 Termine entfallen');
      assert.deepEqual((await rig.meetings()).map((m) => m.status), ['scheduled', 'cancelled', 'cancelled', 'cancelled']);
      await rig.settle();
      assert.deepEqual(rig.thread(await rig.threadOf(series.id)).map((p) => p.text).filter((t) => t.startsWith('Abgesagt')), [
        'Abgesagt: Sitzung der AG Digitalisierung am Dienstag, 25. August 2026, 14:00–16:00 Uhr. Die übrigen Termine der Serie bleiben.',
        'Abgesagt: die Serie „Sitzung der AG Digitalisierung“; alle 2 weiteren Termine entfallen.',
      ]);
    });
  });

  describe('after a failure', () => {
    it('announces at the next start a meeting that was stored but not announced (the process stopped in between)', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.say(LINE);
      await rig.settle();
      const series = await rig.onlySeries();
      // As if the process had stopped after storing the series and before handing its announcement to the outbox.
      const repos = meetingRepositories(rig.bot.app.storage.store);
      await rig.rig.restart(async () => {
        const stored = (await repos.meetings.series(series.id))!;
        const [meeting] = await rig.meetings();
        await repos.meetings.create({ ...stored.value, id: 'b1b2b3b4b5b6', announced: false }, [{ ...meeting!, id: 'b1b2b3b4b5b6-20260818', seriesId: 'b1b2b3b4b5b6' }]);
      });
      await rig.settle();
      assert.equal(rig.posts().length, 2);
      assert.equal((await repos.meetings.series('b1b2b3b4b5b6'))!.value.announced, true);
    });
  });

  describe('without a home channel', () => {
    it('keeps the announcement until the channel is set, and tells the coordinators about a reminder it could not post', async () => {
      rig = await MeetingRig.start(MONDAY, {}, { homeChannel: false });
      const reply = await rig.say(LINE);
      assert.equal(cardReadout(cardOf(reply)).at(-1), 'Es ist noch kein Kanal für die AG festgelegt: Die Ankündigung wird gepostet, sobald jemand aus der Koordination im Kanal „@Kümmerer hier posten“ schreibt.');
      await rig.until('2026-08-11T12:30:00.000Z');
      assert.deepEqual(rig.posts(), []);
      const told = rig.rig.sentTo(COORDINATOR).map((c) => c.body.text);
      assert.deepEqual(told, [
        'Die Erinnerung an „Sitzung der AG Digitalisierung“ am Dienstag, 18. August 2026, 14:00–16:00 Uhr konnte nicht gepostet werden: Für die AG ist noch kein Kanal festgelegt. Schreiben Sie im gewünschten Kanal „@Kümmerer hier posten“.',
      ]);
      assert.equal(rig.rig.sentTo('t.overbeck@kreis-coesfeld.example').length, 1);

      await rig.setHomeChannel();
      await rig.settle();
      assert.equal(rig.posts().length, 1);
      await rig.until('2026-08-17T13:00:00.000Z');
      const series = await rig.onlySeries();
      assert.deepEqual(rig.thread(await rig.threadOf(series.id)).map((p) => p.text), ['Erinnerung: Sitzung morgen']);
    });
  });
});
