// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardAction, cardOf, cardReadout } from '../../support/cards';
import { BroadcastDriver, CDOS, COORDINATOR } from './driver';

describe('broadcasts: sending through the outbox', function () {
  this.timeout(90_000);
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
    const copy = cardOf(driver.copiesTo(CDOS[0]!)[0]!.body);
    assert.deepEqual(cardReadout(copy), ['Haushaltsansätze 2027', 'Rundschreiben von Martina Becker', 'Bitte bis **Freitag** die Haushaltsansätze melden.']);
    assert.equal(cardAction(copy, 'broadcast.ack'), undefined);
    assert.equal(driver.copiesTo(CDOS[0]!)[0]!.body.summary, 'Rundschreiben von Martina Becker: Haushaltsansätze 2027');

    assert.deepEqual(cardReadout(driver.latest(sent)), [
      'Rundschreiben „Haushaltsansätze 2027“',
      'Gesendet, abgeschlossen am Mo., 30.11.2026, 09:00 · Alle CDOs (1:1)',
      '████████████████████ 100 %',
      'Empfänger: 11',
      'Zugestellt: 11',
      'Ausstehend: 0',
      'Fehlgeschlagen: 0',
      'Nicht erreichbar: 0',
    ]);
    assert.deepEqual(
      driver.latest(sent).actions.map((a: any) => [a.verb, a.title]),
      [['broadcast.correct', 'Korrigieren']],
    );
  });
});
