// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardAction, cardOf, cardReadout, cardTexts } from '../../support/cards';
import { ANNA, BroadcastDriver, CDOS, DANIEL, MARKUS, OTHER_COORDINATOR, PETRA, type AuthorCard } from './driver';

describe('broadcasts: read confirmation, reminder and correction', function () {
  this.timeout(120_000);
  let driver: BroadcastDriver;
  afterEach(async () => driver?.close());

  /** A broadcast with read confirmation, sent to all CDOs and done. */
  async function sentWithAck(): Promise<AuthorCard & { broadcastId: string }> {
    const sent = await driver.send({ ack: 'true' });
    await driver.settle(10_000);
    return sent;
  }

  /** The recipient's copy and its activity id. */
  function copyOf(email: string): { card: any; activityId: string } {
    const [call] = driver.copiesTo(email);
    assert.ok(call, `no copy for ${email}`);
    return { card: cardOf(call.body), activityId: call.assignedId };
  }

  /** The recipient clicks „Gelesen ✓“ on their copy; the card that replaces it. */
  function confirm(email: string, broadcastId: string): Promise<any> {
    return driver.click('broadcast.ack', { broadcastId }, copyOf(email), email);
  }

  it('lets each recipient confirm reading on their copy, once, and counts it on the author card', async () => {
    driver = await BroadcastDriver.start();
    const sent = await sentWithAck();
    const { card } = copyOf(ANNA);
    const ack = cardAction(card.body[0].items.find((i: any) => i.type === 'ActionSet' && i.actions[0].verb === 'broadcast.ack'), 'broadcast.ack');
    assert.deepEqual([ack.title, ack.isEnabled, ack.data, ack.fallback.data], ['Gelesen ✓', true, { broadcastId: sent.broadcastId }, { broadcastId: sent.broadcastId, verb: 'broadcast.ack' }]);

    await driver.rig.until('2026-11-30T09:15:00.000Z');
    const confirmed = await confirm(ANNA, sent.broadcastId);
    assert.deepEqual(cardReadout(confirmed), ['Haushaltsansätze 2027', 'Rundschreiben von Martina Becker', 'Bitte bis **Freitag** die Haushaltsansätze melden.', 'Gelesen bestätigt am Mo., 30.11.2026, 10:15.']);
    assert.equal(JSON.stringify(confirmed).includes('broadcast.ack'), false, 'the button is gone');
    await driver.rig.until('2026-11-30T09:20:00.000Z');
    assert.equal(cardTexts(await confirm(ANNA, sent.broadcastId)).at(-1), 'Gelesen bestätigt am Mo., 30.11.2026, 10:15.', 'a second click keeps the first time');
    await confirm(DANIEL, sent.broadcastId);
    await driver.settle(10_000);

    const report = cardReadout(driver.latest(sent));
    assert.equal(report.find((t: string) => t.startsWith('Gelesen')), 'Gelesen: 2 von 11');
    assert.equal(report[report.indexOf('Noch nicht bestätigt (9)') + 1], 'Christina Lammers');
    assert.ok(!report.includes('Anna Schulte') && !report.includes('Daniel Schröder'));
  });

  it('refuses a read confirmation from someone the broadcast did not go to', async () => {
    driver = await BroadcastDriver.start();
    const sent = await sentWithAck();
    assert.equal(await driver.clickForText('broadcast.ack', { broadcastId: sent.broadcastId }, { activityId: 'x' }, PETRA), 'Dieses Rundschreiben ging nicht an Sie – es gibt nichts zu bestätigen.');
    assert.equal(await driver.clickForText('broadcast.ack', { broadcastId: 'nonsense' }, { activityId: 'x' }, ANNA), 'Dieses Rundschreiben gibt es nicht (mehr).');
    await driver.settle(10_000);
    assert.equal(cardReadout(driver.latest(sent)).find((t: string) => t.startsWith('Gelesen')), 'Gelesen: 0 von 11');
  });

  it('reminds those who have not confirmed, once, with the message and its button again', async () => {
    driver = await BroadcastDriver.start();
    const sent = await sentWithAck();
    await confirm(ANNA, sent.broadcastId);
    await driver.settle(10_000);
    assert.ok(cardAction(driver.latest(sent), 'broadcast.remind'));

    await driver.rig.until('2026-12-01T08:00:00.000Z');
    const answer = await driver.click('broadcast.remind', { broadcastId: sent.broadcastId }, sent);
    assert.ok(cardTexts(answer).includes('Erinnert am Di., 01.12.2026, 09:00 (10 Personen). Die Erinnerung geht jetzt an 10 Personen.'));
    assert.equal(cardAction(answer, 'broadcast.remind'), undefined);
    await driver.settle(10_000);
    const again = await driver.click('broadcast.remind', { broadcastId: sent.broadcastId }, sent);
    assert.ok(cardTexts(again).includes('Erinnert am Di., 01.12.2026, 09:00 (10 Personen). Die Erinnerung ist schon verschickt (Di., 01.12.2026, 09:00); eine weitere gibt es nicht.'));
    await driver.settle(10_000);

    assert.equal(driver.copiesTo(ANNA).length, 1, 'who confirmed gets no reminder');
    for (const email of CDOS.filter((e) => e !== ANNA)) assert.equal(driver.copiesTo(email).length, 2, `${email}: the message and one reminder`);
    const reminder = cardOf(driver.copiesTo(MARKUS)[1]!.body);
    assert.deepEqual(cardTexts(reminder).slice(0, 2), ['Erinnerung: Bitte bestätigen Sie, dass Sie dieses Rundschreiben gelesen haben.', 'Haushaltsansätze 2027']);
    assert.equal(cardAction(reminder.body[1].items.find((i: any) => i.type === 'ActionSet'), 'broadcast.ack').data.broadcastId, sent.broadcastId);
  });

  it('corrects every delivered copy in place, marked as corrected, keeping who confirmed', async () => {
    driver = await BroadcastDriver.start();
    await driver.greet([MARKUS], 'en-US');
    const sent = await sentWithAck();
    await confirm(ANNA, sent.broadcastId);
    await driver.settle(10_000);

    await driver.rig.until('2026-11-30T11:00:00.000Z');
    const form = await driver.click('broadcast.correct', { broadcastId: sent.broadcastId }, sent);
    assert.deepEqual([cardTexts(form)[0], form.body.find((e: any) => e.id === 'text').value], ['Rundschreiben korrigieren', 'Bitte bis **Freitag** die Haushaltsansätze melden.']);
    assert.equal(form.body.find((e: any) => e.id === 'audience'), undefined, 'a correction changes the text only');
    const corrected = 'Bitte bis **Donnerstag** die Haushaltsansätze melden.';
    const report = await driver.click('broadcast.correct', { ...cardAction(form, 'broadcast.correct').data, title: 'Haushaltsansätze 2027', text: corrected, linkTitle: '', link: '' }, sent);
    assert.ok(cardTexts(report).includes('Korrigiert am Mo., 30.11.2026, 12:00. Die Korrektur wird jetzt in jedem zugestellten Exemplar eingesetzt.'));
    await driver.settle(30_000);

    const copyUpdates = driver.rig.updates().filter((u) => u.activityId !== sent.activityId);
    assert.equal(copyUpdates.length, 11, 'each copy once');
    for (const email of CDOS) {
      const [update] = copyUpdates.filter((u) => u.activityId === copyOf(email).activityId);
      assert.ok(update, `${email}: copy updated in place`);
      const texts = cardTexts(cardOf(update.body));
      assert.equal(texts.includes(corrected), true, email);
    }
    const anna = cardReadout(cardOf(copyUpdates.find((u) => u.activityId === copyOf(ANNA).activityId)!.body));
    assert.deepEqual(anna, ['Korrigiert am Mo., 30.11.2026, 12:00.', 'Haushaltsansätze 2027', 'Rundschreiben von Martina Becker', corrected, 'Gelesen bestätigt am Mo., 30.11.2026, 09:00.']);
    const markus = cardOf(copyUpdates.find((u) => u.activityId === copyOf(MARKUS).activityId)!.body);
    assert.equal(cardTexts(markus)[0], 'Corrected on Mon 30 Nov 2026, 12:00.');
    assert.ok(JSON.stringify(markus).includes('"Read ✓"'), 'who has not confirmed keeps the button');
    assert.equal(driver.copiesTo(ANNA).length, 1, 'nothing new is sent');
    assert.ok(cardReadout(driver.latest(sent)).includes('Korrigiert am Mo., 30.11.2026, 12:00.'));
  });

  it('keeps the copies as they are when the correction has an empty text, and says so next to it', async () => {
    driver = await BroadcastDriver.start();
    const sent = await sentWithAck();
    const form = await driver.click('broadcast.correct', { broadcastId: sent.broadcastId, title: 'Haushaltsansätze 2027', text: '   ', linkTitle: '', link: '' }, sent);
    const textInput = form.body.findIndex((e: any) => e.id === 'text');
    assert.equal(form.body[textInput + 1].text, 'Bitte ausfüllen.');
    await driver.settle(30_000);
    assert.equal(driver.rig.updates().filter((u) => u.activityId !== sent.activityId).length, 0);
  });

  it('lets only the author remind and correct', async () => {
    driver = await BroadcastDriver.start();
    const sent = await sentWithAck();
    for (const verb of ['broadcast.remind', 'broadcast.correct']) {
      assert.equal(
        await driver.clickForText(verb, { broadcastId: sent.broadcastId }, sent, OTHER_COORDINATOR),
        '„Haushaltsansätze 2027“ hat Martina Becker geschrieben; nur die Verfasserin oder der Verfasser kann es ändern oder senden.',
      );
    }
    assert.equal(
      await driver.clickForText('broadcast.remind', { broadcastId: sent.broadcastId }, sent, ANNA),
      'Rundschreiben verschickt die Koordination (Martina Becker, Thomas Overbeck). Bitte wenden Sie sich an sie.',
    );
    await driver.settle(10_000);
    assert.equal(driver.copiesTo(MARKUS).length, 1, 'no reminder went out');
    assert.equal(driver.rig.updates().filter((u) => u.activityId !== sent.activityId).length, 0, 'no copy was changed');
  });
});
