// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardAction, cardReadout } from '../../support/cards';
import { COORDINATOR, MeetingRig } from '../../support/meeting-rig';

// Monday 10 August 2026, 10:00 in Berlin (CEST).
const MONDAY = '2026-08-10T08:00:00.000Z';

describe('meetings, end to end through HTTP, the outbox and the scheduler', function () {
  this.timeout(60_000);
  let rig: MeetingRig;

  afterEach(async () => {
    await rig?.close();
  });

  describe('scheduling', () => {
    it('schedules a meeting written in one line and announces it as a new post in the home channel', async () => {
      rig = await MeetingRig.start(MONDAY);
      const reply = await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus Coesfeld');
      const series = await rig.onlySeries();
      assert.deepEqual(cardReadout(reply.attachments[0].content), [
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
      const [post] = rig.posts();
      assert.ok(post, 'the announcement is a new channel post');
      assert.deepEqual(cardReadout(post.body.activity.attachments[0].content).slice(0, 4), ['Neue Sitzung', 'Sitzung der AG Digitalisierung', 'Wann: Dienstag, 18. August 2026, 14:00–16:00 Uhr', 'Wo: Kreishaus Coesfeld']);
      assert.equal(await rig.threadOf(series.id), `${post.body.channelData.channel.id};messageid=${(await rig.bot.app.outbox.get(`meeting-${series.id}|announcement`))!.activityId}`);
    });
  });

  describe('reminders', () => {
    it('posts the reminders in the thread 7 days, 1 day and 1 hour before, with the agenda', async () => {
      rig = await MeetingRig.start(MONDAY);
      await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus Coesfeld');
      const series = await rig.onlySeries();
      const [meeting] = await rig.meetings();
      await rig.until('2026-08-18T13:00:00.000Z');
      const start = meeting!.startAt.getTime();
      assert.deepEqual(await rig.sentKeys(series.id), ['announcement', `reminder:${meeting!.id}:7d:${start}`, `reminder:${meeting!.id}:1d:${start}`, `reminder:${meeting!.id}:1h:${start}`]);
      assert.equal(await rig.sentAt(series.id, `reminder:${meeting!.id}:7d:${start}`), '2026-08-11T12:00:00.000Z');
      assert.equal(await rig.sentAt(series.id, `reminder:${meeting!.id}:1d:${start}`), '2026-08-17T12:00:00.000Z');
      assert.equal(await rig.sentAt(series.id, `reminder:${meeting!.id}:1h:${start}`), '2026-08-18T11:00:00.000Z');
      const thread = rig.thread(await rig.threadOf(series.id));
      assert.deepEqual(thread.map((p) => p.text), ['Erinnerung: Sitzung in 7 Tagen', 'Erinnerung: Sitzung morgen', 'Erinnerung: Sitzung in einer Stunde']);
      assert.deepEqual(cardReadout(thread[2]!.card).slice(1), ['Sitzung der AG Digitalisierung', 'Wann: Dienstag, 18. August 2026, 14:00–16:00 Uhr', 'Wo: Kreishaus Coesfeld', 'Tagesordnung', 'Noch keine Tagesordnungspunkte.']);
      assert.equal(cardAction(thread[2]!.card, 'meeting.edit'), undefined);
      void COORDINATOR;
    });
  });
});
