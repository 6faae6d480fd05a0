import assert from 'node:assert/strict';
import { cardOf, cardTexts } from '../../support/cards';
import { CheckinRig } from '../../support/checkin-rig';
import { channelMessages, fundingTables, importCalls, rigCli, setHomeChannel } from '../../support/funding';
import { TempDirs } from '../../support/temp-dirs';

const temp = new TempDirs();
const MARTINA = 'm.becker@kreis-coesfeld.example';
const JUERGEN = 'juergen.weiss@havixbeck.example';
const PROJECT = 'Digitalkompetenz-Schulungen für Mitarbeitende';
/** A call for the field of action Bildung: of the sample's projects, Jürgen Weiß's Digitalkompetenz fits (the DigitalPakt is done). */
const bildung = (deadline: string) => `bildung-2027,Digitale Bildung 2027,,Land NRW,land,${deadline},https://example.org/bildung,Bildung,,,,,`;

/**
 * Reminders on a driven clock over weeks: the scheduler looks for new jobs once an hour (the rig's default) and wakes
 * at each reminder's time by itself; a call imported through the CLI is worked through at the next hourly look.
 */
describe('reminders before funding deadlines (sample data, driven clock)', function () {
  this.timeout(120_000);
  let rig: CheckinRig;
  afterEach(async () => rig?.close());
  after(() => temp.removeAll());

  async function start(at: string, env: Record<string, string> = {}, ...calls: string[]): Promise<void> {
    rig = await CheckinRig.start(at, env);
    await setHomeChannel(rig, MARTINA);
    await importCalls(rig, temp, ...calls);
    await rig.settle(3_600_000);
  }
  const say = async (text: string, email = JUERGEN) => (await rig.bot.reply(rig.bot.teams.personalMessage(text, { user: rig.member(email) }))).text as string;
  /** The texts (not cards) a person got 1:1. */
  const texts = (email: string) => rig.sentTo(email).filter((c) => !cardOf(c.body)).map((c) => c.body.text as string);
  /** The reminder jobs planned, with their times. */
  const reminderJobs = async () =>
    (await rig.bot.app.scheduler.list())
      .filter((j) => j.handler === 'funding.remind')
      .map((j) => [j.id, j.schedule.kind === 'once' ? j.schedule.at : ''])
      .sort();

  it('plans FUNDING_REMINDERS (default 28, 14, 7 and 2 days) at 09:00 Berlin before a deadline without a time', async () => {
    await start('2026-11-30T08:00:00.000Z', {}, bildung('2027-01-15'));
    assert.deepEqual(await reminderJobs(), [
      ['funding.remind:bildung-2027:20270115T2259Z:14d', '2027-01-01T08:00:00.000Z'],
      ['funding.remind:bildung-2027:20270115T2259Z:28d', '2026-12-18T08:00:00.000Z'],
      ['funding.remind:bildung-2027:20270115T2259Z:2d', '2027-01-13T08:00:00.000Z'],
      ['funding.remind:bildung-2027:20270115T2259Z:7d', '2027-01-08T08:00:00.000Z'],
    ]);
  });

  it('reminds the owner with „Interesse“ 1:1 and posts in the home channel at the time, later reminders in the post’s thread; none 1:1 once submitted', async () => {
    await start('2026-12-17T08:00:00.000Z', { FUNDING_REMINDERS: '28d,14d,7d' }, bildung('2027-01-15'));
    assert.equal(await say('Förderung Digitalkompetenz: Interesse'), `Gespeichert: Förderantrag „${PROJECT}“ für „Digitale Bildung 2027“ – Interesse.`);
    await rig.until('2026-12-18T07:59:00.000Z');
    assert.deepEqual([texts(JUERGEN), channelMessages(rig)], [[], []]);

    await rig.until('2026-12-18T08:01:00.000Z');
    assert.deepEqual(texts(JUERGEN), [
      `Erinnerung: Die Frist für „Digitale Bildung 2027“ endet in 28 Tagen (15.01.2027). Ihr Stand: ${PROJECT} (Interesse). Sobald der Antrag eingereicht ist, schreiben Sie „Förderung ${PROJECT}: eingereicht BETRAG“.`,
    ]);
    const [post] = channelMessages(rig);
    assert.equal(post?.kind, 'post');
    assert.deepEqual(cardTexts(cardOf(post!.body)), ['Förderfrist in 28 Tagen: Digitale Bildung 2027', 'Land NRW · Land', 'Passende Projekte und Anträge', `${PROJECT} (Interesse)`]);

    await rig.until('2027-01-01T08:01:00.000Z');
    const [, reply] = channelMessages(rig);
    // The thread is the first post's: Teams gave that post an id, which the outbox recorded.
    const { threadDeliveryId } = await fundingTables(rig).fundingCalls.state('bildung-2027');
    const firstPost = await rig.bot.app.outbox.get(threadDeliveryId);
    assert.deepEqual([reply?.kind, reply?.thread], ['reply', `19:team-ag-digital@thread.tacv2;messageid=${firstPost?.activityId}`]);
    assert.equal(cardTexts(cardOf(reply!.body))[0], 'Förderfrist in 14 Tagen: Digitale Bildung 2027');
    assert.equal(texts(JUERGEN).length, 2);

    await say('Förderung Digitalkompetenz: eingereicht 50000');
    await rig.until('2027-01-08T08:01:00.000Z');
    assert.equal(texts(JUERGEN).length, 2, 'no 1:1 reminder after the submission');
    const third = channelMessages(rig)[2];
    assert.deepEqual([third?.kind, cardTexts(cardOf(third!.body))[0], cardTexts(cardOf(third!.body))[3]], ['reply', 'Förderfrist in 7 Tagen: Digitale Bildung 2027', `${PROJECT} (eingereicht)`]);
    assert.equal(third!.thread, reply!.thread);
  });

  it('keeps the local time across the change from summer to winter time: 14 days before Tuesday 12:00 CET is Tuesday 12:00 CEST', async () => {
    await start('2026-10-19T08:00:00.000Z', { FUNDING_REMINDERS: '14d' }, bildung('2026-11-03 12:00'));
    await say('Förderung Digitalkompetenz: Interesse');
    assert.deepEqual(await reminderJobs(), [['funding.remind:bildung-2027:20261103T1100Z:14d', '2026-10-20T10:00:00.000Z']]);
    await rig.until('2026-10-20T09:59:30.000Z');
    assert.deepEqual(texts(JUERGEN), []);
    await rig.until('2026-10-20T10:00:30.000Z');
    assert.deepEqual(texts(JUERGEN), [
      `Erinnerung: Die Frist für „Digitale Bildung 2027“ endet in 14 Tagen (Di., 03.11.2026, 12:00). Ihr Stand: ${PROJECT} (Interesse). Sobald der Antrag eingereicht ist, schreiben Sie „Förderung ${PROJECT}: eingereicht BETRAG“.`,
    ]);
  });

  it('moves the reminders when the deadline changes, and says so in the thread', async () => {
    await start('2027-01-07T08:00:00.000Z', { FUNDING_REMINDERS: '7d,2d' }, bildung('2027-01-15'));
    await rig.until('2027-01-08T08:01:00.000Z');
    assert.equal(channelMessages(rig).length, 1);
    await importCalls(rig, temp, bildung('2027-01-29'));
    await rig.settle(3_600_000);
    const [, notice] = channelMessages(rig);
    assert.deepEqual([notice?.kind, notice?.body.text], ['reply', 'Die Frist für „Digitale Bildung 2027“ wurde geändert: neu 29.01.2027. Die Erinnerungen richten sich nach der neuen Frist.']);
    assert.deepEqual(await reminderJobs(), [
      ['funding.remind:bildung-2027:20270129T2259Z:2d', '2027-01-27T08:00:00.000Z'],
      ['funding.remind:bildung-2027:20270129T2259Z:7d', '2027-01-22T08:00:00.000Z'],
    ]);
    await rig.until('2027-01-21T08:00:00.000Z');
    assert.equal(channelMessages(rig).length, 2, 'nothing at the old deadline’s 2 days');
    await rig.until('2027-01-22T08:01:00.000Z');
    const [, , reminder] = channelMessages(rig);
    assert.deepEqual([reminder?.kind, reminder?.thread, cardTexts(cardOf(reminder!.body))[0]], ['reply', notice!.thread, 'Förderfrist in 7 Tagen: Digitale Bildung 2027']);
    assert.ok(channelMessages(rig).every((m, i) => i === 0 || m.thread === notice!.thread));
  });

  it('removes the reminders of a withdrawn call, and says so in the thread', async () => {
    await start('2027-01-07T08:00:00.000Z', { FUNDING_REMINDERS: '7d,2d' }, bildung('2027-01-15'));
    await say('Förderung Digitalkompetenz: Interesse');
    await rig.until('2027-01-08T08:01:00.000Z');
    assert.deepEqual(await rigCli(rig, 'funding', 'withdraw', 'bildung-2027'), { code: 0, stdout: ['Zurückgezogen: „Digitale Bildung 2027“. Der laufende Bot entfernt die Erinnerungen.'], stderr: [] });
    await rig.settle(3_600_000);
    assert.equal(channelMessages(rig)[1]?.body.text, 'Der Förderaufruf „Digitale Bildung 2027“ wurde zurückgezogen. Es gibt keine weiteren Erinnerungen.');
    assert.deepEqual(await reminderJobs(), []);
    const sent = rig.bot.connector.calls.length;
    await rig.until('2027-01-16T08:00:00.000Z');
    assert.equal(rig.bot.connector.calls.length, sent);
  });

  it('plans none for a rolling call, and posts none for a call no project fits', async () => {
    await start('2027-01-07T08:00:00.000Z', { FUNDING_REMINDERS: '7d,2d' }, 'laufend-1,Laufender Aufruf,,Bund,bund,laufend,,Bildung,,,,,', 'keiner-1,Aufruf für niemanden,,Bund,bund,2027-01-15,,,,,,,Raumfahrt');
    assert.deepEqual(await reminderJobs(), [
      ['funding.remind:keiner-1:20270115T2259Z:2d', '2027-01-13T08:00:00.000Z'],
      ['funding.remind:keiner-1:20270115T2259Z:7d', '2027-01-08T08:00:00.000Z'],
    ]);
    await rig.until('2027-01-16T08:00:00.000Z');
    assert.deepEqual(channelMessages(rig), []);
  });
});
