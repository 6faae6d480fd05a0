// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardAction, cardOf, cardReadout, cardTexts } from '../../support/cards';
import { TEAM } from '../../support/activities';
import { runFor } from '../../support/clock';
import { teamsError } from '../../support/teams-connector';
import { startTestBot, type TestBot } from '../../support/test-bot';
import { broadcastRepositories } from '../../../src/features/broadcasts/tables';
import { ANNA, BroadcastDriver, CDOS, COORDINATOR, DANIEL, JULIA, JUERGEN, MARKUS, OTHER_COORDINATOR, PETRA } from './driver';

const FINAL_CDOS = (delivered: number, failed: number, unreachable: number) => [
  'Empfänger: 11',
  `Zugestellt: ${delivered}`,
  'Ausstehend: 0',
  `Fehlgeschlagen: ${failed}`,
  `Nicht erreichbar: ${unreachable}`,
];

/** The engine's timers a second instance needs, as the rig sets them for the first. */
const TWO_INSTANCES = { SCHEDULER_TICK_SECONDS: '3600', DELIVERY_SWEEP_SECONDS: '3600', LOG_LEVEL: 'info', CHECKIN_SCHEDULE: 'off' };

describe('broadcasts: sending through the outbox', function () {
  this.timeout(120_000);
  let driver: BroadcastDriver;
  afterEach(async () => driver?.close());

  it('reaches every CDO exactly once and turns the author card into the report', async () => {
    driver = await BroadcastDriver.start();
    const sent = await driver.send();
    assert.deepEqual(cardReadout(sent.card), [
      'Rundschreiben „Haushaltsansätze 2027“',
      'Wird gesendet … · Alle CDOs (1:1)',
      '░░░░░░░░░░░░░░░░░░░░ 0 %',
      'Empfänger: 11',
      'Zugestellt: 0',
      'Ausstehend: 11',
      'Fehlgeschlagen: 0',
      'Nicht erreichbar: 0',
    ]);
    await driver.settle(30_000);

    for (const email of CDOS) assert.equal(driver.copiesTo(email).length, 1, email);
    assert.equal(driver.copiesTo(COORDINATOR).length, 0, 'the author is no CDO');
    const copy = cardOf(driver.copiesTo(ANNA)[0]!.body);
    assert.deepEqual(cardReadout(copy), ['Haushaltsansätze 2027', 'Rundschreiben von Martina Becker', 'Bitte bis **Freitag** die Haushaltsansätze melden.']);
    assert.equal(cardAction(copy, 'broadcast.ack'), undefined);
    assert.equal(driver.copiesTo(ANNA)[0]!.body.summary, 'Rundschreiben von Martina Becker: Haushaltsansätze 2027');

    assert.deepEqual(cardReadout(driver.latest(sent)), [
      'Rundschreiben „Haushaltsansätze 2027“',
      'Gesendet, abgeschlossen am Mo., 30.11.2026, 09:00 · Alle CDOs (1:1)',
      '████████████████████ 100 %',
      ...FINAL_CDOS(11, 0, 0),
    ]);
    assert.deepEqual(
      driver.latest(sent).actions.map((a: any) => [a.verb, a.title]),
      [['broadcast.correct', 'Korrigieren']],
    );
    const stored = await broadcastRepositories(driver.rig.bot.app.storage.store).broadcasts.get(sent.broadcastId);
    assert.deepEqual([stored?.value.state, stored?.value.recipientCount, stored?.value.finishedAt?.toISOString()], ['sent', 11, '2026-11-30T08:00:03.000Z']);
  });

  it('resolves each audience to the right people: coordinators, everyone, selected municipalities, the home channel', async () => {
    driver = await BroadcastDriver.start();
    await driver.setHomeChannel();
    const people = (await driver.rig.bot.app.storage.repos.people.list()).map((p) => p.email);
    const audiences: [Record<string, string>, string[]][] = [
      [{ audience: 'coordinators', title: 'An die Koordination' }, [COORDINATOR, OTHER_COORDINATOR]],
      [{ audience: 'everyone', title: 'An alle' }, people],
      // The CDOs and members of Dülmen and Olfen: Anna and Petra (Dülmen), Daniel (Olfen).
      [{ audience: 'municipalities', municipalities: 'Dülmen,Olfen', title: 'An Dülmen und Olfen' }, [ANNA, DANIEL, PETRA]],
    ];
    for (const [values] of audiences) await driver.send(values);
    await driver.send({ audience: 'channel', title: 'In den Kanal' });
    await driver.settle(60_000);

    for (const [values, expected] of audiences) {
      assert.deepEqual(people.filter((email) => driver.copiesTo(email, values.title!).length > 0).sort(), [...expected].sort(), values.audience);
      for (const email of expected) assert.equal(driver.copiesTo(email, values.title!).length, 1, `${values.audience}: ${email} once`);
    }
    assert.equal(people.length, 18);
    const posts = driver.rig.channelPosts().filter((c) => cardTexts(cardOf(c.body.activity)).includes('In den Kanal'));
    assert.equal(posts.length, 1);
    assert.equal(posts[0]!.body.channelData.channel.id, TEAM.id);
    assert.ok(people.every((email) => driver.copiesTo(email, 'In den Kanal').length === 0), 'the channel broadcast goes to nobody 1:1');
  });

  it('delivers through 429s and 500s, records 403 and 404 refusals and people it cannot reach, and reports them', async () => {
    // Markus is in no team the bot shares and never wrote to it; the others write to the bot first.
    driver = await BroadcastDriver.start({}, { except: [MARKUS] });
    await driver.greet(CDOS.filter((e) => e !== MARKUS));
    driver.connector.injectFault({ conversationId: driver.chatOf(DANIEL), status: 429, headers: { 'retry-after': '2' }, body: teamsError('Throttled'), times: 2 });
    driver.connector.injectFault({ conversationId: driver.chatOf(ANNA), status: 500, times: 2 });
    driver.connector.injectFault({ conversationId: driver.chatOf(JUERGEN), status: 403, body: teamsError('ConversationBlockedByUser', 'User blocked the conversation with the bot.') });
    driver.connector.injectFault({ conversationId: driver.chatOf(JULIA), status: 404, body: teamsError('ConversationNotFound', 'Conversation not found.') });
    const sent = await driver.send();
    await driver.settle(60_000);

    for (const email of CDOS.filter((e) => ![JUERGEN, JULIA, MARKUS].includes(e))) assert.equal(driver.copiesTo(email).length, 1, email);
    const sends = (email: string) => driver.connector.calls.filter((c) => c.kind === 'send' && c.conversationId === driver.chatOf(email)).map((c) => c.status);
    assert.deepEqual(sends(DANIEL), [429, 429, 200]);
    assert.deepEqual(sends(ANNA), [500, 500, 200]);
    assert.deepEqual(sends(JUERGEN), [403]);
    assert.deepEqual(sends(JULIA), [404]);
    assert.equal(driver.connector.calls.filter((c) => c.kind === 'send' && c.status < 300 && c.body.recipient?.id === driver.rig.member(MARKUS).id).length, 0);

    assert.deepEqual(cardReadout(driver.latest(sent)), [
      'Rundschreiben „Haushaltsansätze 2027“',
      'Gesendet, abgeschlossen am Mo., 30.11.2026, 09:00 · Alle CDOs (1:1)',
      '████████████████████ 100 %',
      ...FINAL_CDOS(8, 2, 1),
      'Nicht erreicht (3)',
      'Jürgen Weiß – hat den Bot blockiert',
      'Julia Ahlers – nicht (mehr) im Team',
      'Markus Terhorst – nicht (mehr) im Team',
    ]);
  });

  it('after a restart in the middle of sending, reaches everyone still waiting once and finishes the report on the same card', async () => {
    driver = await BroadcastDriver.start();
    await driver.greet(CDOS);
    // Three chats throttle the first try: those messages wait 5 s while the bot restarts.
    for (const email of [ANNA, DANIEL, JULIA]) driver.connector.injectFault({ conversationId: driver.chatOf(email), status: 429, headers: { 'retry-after': '5' }, body: teamsError('Throttled') });
    const sent = await driver.send();
    await driver.settle(1_000);
    const status = await driver.rig.bot.app.outbox.status(`broadcast-${sent.broadcastId}`);
    assert.equal(status.counts.pending, 3, 'three wait for their retry');

    await driver.rig.restart();
    await driver.settle(60_000);
    for (const email of CDOS) assert.equal(driver.copiesTo(email).length, 1, email);
    assert.deepEqual(cardReadout(driver.latest(sent)).slice(1), [
      'Gesendet, abgeschlossen am Mo., 30.11.2026, 09:00 · Alle CDOs (1:1)',
      '████████████████████ 100 %',
      ...FINAL_CDOS(11, 0, 0),
    ]);
  });

  it('updates the author card while sending, at most every 3 seconds, and only when something changed', async () => {
    driver = await BroadcastDriver.start();
    await driver.greet(CDOS);
    // Sending stretches over 13 s: four chats are throttled once, for 4, 7, 10 and 13 s.
    [ANNA, DANIEL, JULIA, JUERGEN].forEach((email, i) => driver.connector.injectFault({ conversationId: driver.chatOf(email), status: 429, headers: { 'retry-after': String(4 + 3 * i) }, body: teamsError('Throttled') }));
    const sent = await driver.send();
    const start = driver.rig.clock.now().getTime();
    await driver.settle(120_000);

    const updates = driver.cardUpdates(sent);
    const times = updates.map((u) => u.at - start);
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 3_000, `updates ${i - 1} and ${i} at ${times[i - 1]} and ${times[i]} ms`);
    // 7 of 11 are sent at once, the others at 4, 7, 10 and 13 s: each shown at the next update, 3 s apart.
    assert.deepEqual(
      updates.map((u) => cardReadout(cardOf(u.body)).find((t: string) => t.startsWith('Zugestellt'))),
      ['Zugestellt: 7', 'Zugestellt: 8', 'Zugestellt: 9', 'Zugestellt: 10', 'Zugestellt: 11'],
    );
    assert.deepEqual(times, [3_000, 6_000, 9_000, 12_000, 15_000]);
    assert.equal(cardTexts(cardOf(updates.at(-1)!.body))[1], 'Gesendet, abgeschlossen am Mo., 30.11.2026, 09:00 · Alle CDOs (1:1)');
  });

  it('sends a scheduled broadcast at its time, also across a restart, and not before', async () => {
    driver = await BroadcastDriver.start();
    const sent = await driver.send({ sendAt: '2026-12-01', sendAtTime: '09:00' });
    assert.deepEqual(cardReadout(sent.card), ['Rundschreiben „Haushaltsansätze 2027“', 'Geplant für Di., 01.12.2026, 09:00 · Alle CDOs (1:1)', 'Empfänger: 11']);
    assert.deepEqual(sent.card.actions.map((a: any) => [a.verb, a.title]), [['broadcast.cancel', 'Geplanten Versand abbrechen']]);

    await driver.rig.until('2026-12-01T07:59:00.000Z');
    assert.equal(CDOS.reduce((n, email) => n + driver.copiesTo(email).length, 0), 0, 'nothing before its time');
    await driver.rig.restart();
    await driver.rig.until('2026-12-01T08:01:00.000Z');
    for (const email of CDOS) assert.equal(driver.copiesTo(email).length, 1, email);
    assert.deepEqual(cardReadout(driver.latest(sent)).slice(1, 3), ['Gesendet, abgeschlossen am Di., 01.12.2026, 09:00 · Alle CDOs (1:1)', '████████████████████ 100 %']);
  });

  it('cancels a scheduled broadcast: nothing is sent, and the draft is kept to send later', async () => {
    driver = await BroadcastDriver.start();
    const sent = await driver.send({ sendAt: '2026-12-01', sendAtTime: '09:00' });
    const preview = await driver.click('broadcast.cancel', { broadcastId: sent.broadcastId }, sent);
    assert.equal(cardTexts(preview)[3], 'Der geplante Versand ist abgebrochen; der Entwurf bleibt erhalten.');
    assert.ok(cardAction(preview, 'broadcast.send'));
    assert.ok(!(await driver.rig.bot.app.scheduler.list()).some((job) => job.id === `broadcast.send:${sent.broadcastId}`), 'the send job is gone');

    await driver.rig.until('2026-12-02T08:00:00.000Z');
    assert.equal(CDOS.reduce((n, email) => n + driver.copiesTo(email).length, 0), 0);
    const drafts = cardOf(await driver.say('Entwürfe'));
    assert.deepEqual(cardTexts(drafts).slice(0, 2), ['Ihre Entwürfe', 'Haushaltsansätze 2027']);

    // Sent again from the same card, after its time has passed: the time must be changed first.
    const again = await driver.click('broadcast.send', { broadcastId: sent.broadcastId }, sent);
    assert.equal(cardTexts(again)[0], 'Rundschreiben bearbeiten');
    assert.ok(cardTexts(again).includes('Dieser Zeitpunkt ist schon vorbei.'));
  });

  it('sends once when two bot instances on the same tables each get a click on Send', async () => {
    driver = await BroadcastDriver.start();
    const { rig } = driver;
    const other = await startTestBot({ ...TWO_INSTANCES, TABLE_PREFIX: rig.bot.config.tablePrefix }, { clock: rig.clock, connector: rig.bot.connector });
    try {
      const preview = await driver.preview({ ack: 'true' });
      const click = (bot: TestBot) => bot.invoke('broadcast.send', { broadcastId: preview.broadcastId }, { user: rig.member(COORDINATOR), replyToId: preview.activityId });
      await Promise.all([click(rig.bot), click(other)]);
      await runFor(rig.clock, 30_000, rig.bot.app.scheduler, rig.bot.app.outbox, other.app.scheduler, other.app.outbox);
      for (const email of CDOS) assert.equal(driver.copiesTo(email).length, 1, email);
      // A confirmation on the other instance shows on the author's card all the same.
      const [copy] = driver.copiesTo(ANNA);
      await other.invoke('broadcast.ack', { broadcastId: preview.broadcastId }, { user: rig.member(ANNA), replyToId: copy!.assignedId });
      await runFor(rig.clock, 30_000, rig.bot.app.scheduler, rig.bot.app.outbox, other.app.scheduler, other.app.outbox);
      assert.equal(cardReadout(driver.latest(preview)).find((t: string) => t.startsWith('Gelesen')), 'Gelesen: 1 von 11');
    } finally {
      await other.app.close();
    }
  });

  it('sends nothing twice when Send is clicked twice at once, and the second click shows where it stands', async () => {
    driver = await BroadcastDriver.start();
    const preview = await driver.preview();
    const [first, second] = await Promise.all([
      driver.click('broadcast.send', { broadcastId: preview.broadcastId }, preview),
      driver.click('broadcast.send', { broadcastId: preview.broadcastId }, preview),
    ]);
    await driver.settle(30_000);
    for (const email of CDOS) assert.equal(driver.copiesTo(email).length, 1, email);
    const notices = [first, second].map((card) => cardTexts(card).find((t: string) => t.startsWith('Dieses Rundschreiben ist bereits')));
    assert.deepEqual(notices.filter(Boolean), ['Dieses Rundschreiben ist bereits geplant oder verschickt; es geht kein zweites Mal hinaus.']);
  });
});
