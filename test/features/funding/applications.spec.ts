// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardAction, cardActions, cardOf, cardReadout, cardTexts, textAfterInput } from '../../support/cards';
import type { CheckinRig } from '../../support/checkin-rig';
import { fundingTables, importCalls, invokeForText, projectButtons, startFundingRig } from '../../support/funding';
import { TempDirs } from '../../support/temp-dirs';

const temp = new TempDirs();
const MONDAY_9 = '2026-11-30T08:00:00.000Z';
const ANNA = 'anna.schulte@duelmen.example';
const PETRA = 'p.huesing@duelmen.example';
const MARTINA = 'm.becker@kreis-coesfeld.example';
const DANIEL = 'daniel.schroeder@olfen.example';
const E_AKTE = 'E-Akte (digitale Verwaltungsakte)';
/** A call only the E-Akte fits (by its keyword). */
const AKTEN = 'akten-2027,Akten digital,,Bund,bund,2027-01-15,https://example.org/akten,,,,,,E-Akte';
/** A second one it fits (by its field), among others. */
const VERWALTUNG = 'verwaltung-2027,Verwaltung 4.0,,Land NRW,land,2027-02-15,,Verwaltung digital,,,,,';

describe('funding applications through their states (sample data)', function () {
  this.timeout(60_000);
  let rig: CheckinRig;
  afterEach(async () => rig?.close());
  after(() => temp.removeAll());

  async function start(...calls: string[]): Promise<void> {
    rig = await startFundingRig(MONDAY_9);
    await importCalls(rig, temp, ...calls);
    await rig.settle(20_000);
  }

  /** A line in the person's 1:1 chat and the bot's answer. */
  const say = async (text: string, email = ANNA, locale = 'de-DE') => (await rig.bot.reply(rig.bot.teams.personalMessage(text, { user: rig.member(email), locale }))).text as string;
  const stored = async (callId = 'akten-2027') => (await fundingTables(rig).applications.get('e-akte', callId))?.application;
  const history = async (callId = 'akten-2027') => (await fundingTables(rig).applications.history('e-akte', callId, 10)).map((c) => [c.from, c.to, c.appliedAmount, c.approvedAmount, c.note, c.by]);

  /** Presses „Interesse“ on the E-Akte's card and then „Antrag bearbeiten“: the application card. */
  async function applicationCard(): Promise<any> {
    const call = rig.sentTo(ANNA).find((c) => cardTexts(cardOf(c.body) ?? { body: [] })[0] === 'Förderaufruf: Akten digital')!;
    const offer = await rig.bot.invoke('funding.interest', projectButtons(cardOf(call.body), E_AKTE)['funding.interest'].data, { user: rig.member(ANNA), replyToId: call.assignedId });
    return rig.bot.invoke('funding.open', projectButtons(offer, E_AKTE)['funding.open'].data, { user: rig.member(ANNA) });
  }

  /** Submits the application card with these inputs, as Teams merges them into the card's data. */
  const submit = (card: any, inputs: Record<string, string>, email = ANNA) => rig.bot.invoke('funding.status', { ...cardAction(card, 'funding.status').data, appliedAmount: '', approvedAmount: '', note: '', ...inputs }, { user: rig.member(email) });

  describe('by card', () => {
    it('goes from „Interesse“ to „in Vorbereitung“, „eingereicht“ with the amount applied for, and „bewilligt“, keeping each change as history', async () => {
      await start(AKTEN);
      let card = await applicationCard();
      assert.ok(cardReadout(card).includes('Stand: Interesse'));
      card = await submit(card, { status: 'preparing' });
      assert.ok(cardTexts(card).includes('Gespeichert: in Vorbereitung.'));
      await rig.until('2026-11-30T09:00:00.000Z');
      card = await submit(card, { status: 'submitted', appliedAmount: '120000' });
      assert.ok(cardTexts(card).includes('Gespeichert: eingereicht: 120.000\u00a0€ beantragt.'));
      await rig.until('2026-11-30T10:00:00.000Z');
      card = await submit(card, { status: 'approved', appliedAmount: '120000', approvedAmount: '95000', note: 'Bescheid vom 26.02.2027' });
      assert.ok(cardTexts(card).includes('Gespeichert: bewilligt: 95.000\u00a0€ (beantragt: 120.000\u00a0€).'));
      const application = await stored();
      assert.deepEqual([application?.status, application?.appliedAmount, application?.approvedAmount, application?.note, application?.updatedAt.toISOString()], ['approved', 120000, 95000, 'Bescheid vom 26.02.2027', '2026-11-30T10:00:00.000Z']);
      assert.deepEqual(await history(), [
        ['submitted', 'approved', 120000, 95000, 'Bescheid vom 26.02.2027', ANNA],
        ['preparing', 'submitted', 120000, undefined, '', ANNA],
        ['interest', 'preparing', undefined, undefined, '', ANNA],
        ['', 'interest', undefined, undefined, '', ANNA],
      ]);
      assert.deepEqual(cardTexts(card).slice(-5), [
        'Verlauf',
        '30.11.2026 · Anna Schulte: eingereicht → bewilligt (95.000\u00a0€) – Bescheid vom 26.02.2027',
        '30.11.2026 · Anna Schulte: in Vorbereitung → eingereicht (120.000\u00a0€)',
        '30.11.2026 · Anna Schulte: Interesse → in Vorbereitung',
        '30.11.2026 · Anna Schulte: Interesse',
      ]);
    });

    it('shows a wrong amount next to its input and stores nothing', async () => {
      await start(AKTEN);
      const card = await submit(await applicationCard(), { status: 'submitted', appliedAmount: 'viel' });
      assert.equal(textAfterInput(card, 'appliedAmount'), 'Bitte eine Zahl angeben, z. B. 120000.');
      assert.equal((await stored())?.status, 'interest');
      assert.equal((await history()).length, 1);
    });

    it("refuses a card whose data names another person's project, and stores nothing", async () => {
      await start(AKTEN);
      await applicationCard();
      const text = await invokeForText(rig, 'funding.status', { projectId: 'buerger-app', callId: 'akten-2027', status: 'submitted', appliedAmount: '1', approvedAmount: '', note: '' }, ANNA);
      assert.equal(text, 'Förderanträge für „Bürger-App“ ändern die verantwortliche Person, ihre Vertretung und die Koordination.');
      assert.deepEqual((await fundingTables(rig).applications.list()).map((a) => a.projectId), ['e-akte']);
    });

    it('refuses a card whose data names a project of the same person without an application to that call', async () => {
      await start(AKTEN);
      await applicationCard();
      const text = await invokeForText(rig, 'funding.status', { projectId: 'ki-assistent', callId: 'akten-2027', status: 'submitted', appliedAmount: '', approvedAmount: '', note: '' }, ANNA);
      assert.equal(text, 'Für „KI-Assistent für Bürgeranfragen“ gibt es keinen Antrag auf „Akten digital“.');
      assert.deepEqual((await fundingTables(rig).applications.list()).map((a) => a.projectId), ['e-akte']);
    });

    it('says on the card why a jump is refused, and keeps what was entered', async () => {
      await start(AKTEN);
      const card = await submit(await applicationCard(), { status: 'approved', approvedAmount: '5000' });
      assert.ok(cardTexts(card).includes('Von „Interesse“ direkt zu „bewilligt“ geht es nicht. Korrekturen dieser Art macht die Koordination, mit einer Notiz zum Grund.'));
      assert.equal(card.body.find((e: any) => e.id === 'approvedAmount').value, 5000);
      assert.equal((await stored())?.status, 'interest');
    });
  });

  describe('in one line', () => {
    it('starts the application for the one open call the project fits, and changes it', async () => {
      await start(AKTEN);
      assert.equal(await say('Förderung E-Akte: Interesse'), `Gespeichert: Förderantrag „${E_AKTE}“ für „Akten digital“ – Interesse.`);
      assert.equal(await say('förderung eakte: eingereicht 120.000 €', PETRA), `Gespeichert: Förderantrag „${E_AKTE}“ für „Akten digital“ – eingereicht: 120.000\u00a0€ beantragt.`);
      assert.deepEqual(await history(), [
        ['interest', 'submitted', 120000, undefined, '', PETRA],
        ['', 'interest', undefined, undefined, '', ANNA],
      ]);
    });

    it('says when nothing changed', async () => {
      await start(AKTEN);
      await say('Förderung E-Akte: in Vorbereitung');
      assert.equal(await say('Förderung E-Akte: in Vorbereitung'), `Unverändert: Förderantrag „${E_AKTE}“ für „Akten digital“ – in Vorbereitung.`);
      assert.equal((await history()).length, 1);
    });

    it('lets the owner not approve before submitting; a coordinator may, with a note only', async () => {
      await start(AKTEN);
      await say('Förderung E-Akte: Interesse');
      assert.equal(await say('Förderung E-Akte: bewilligt 100000'), 'Von „Interesse“ direkt zu „bewilligt“ geht es nicht. Korrekturen dieser Art macht die Koordination, mit einer Notiz zum Grund.');
      assert.equal(await say('Förderung E-Akte: bewilligt 100000', MARTINA), 'Von „Interesse“ zu „bewilligt“ ist eine Korrektur: Bitte den Grund als Notiz angeben.');
      assert.equal((await stored())?.status, 'interest');
      assert.equal(await say('Förderung E-Akte: bewilligt 100000 Antrag lief auf Papier', MARTINA), `Gespeichert: Förderantrag „${E_AKTE}“ für „Akten digital“ – bewilligt: 100.000\u00a0€.`);
      assert.deepEqual((await history())[0], ['interest', 'approved', undefined, 100000, 'Antrag lief auf Papier', MARTINA]);
    });

    it("refuses someone who is neither owner, deputy nor coordinator, and stores nothing", async () => {
      await start(AKTEN);
      await say('Förderung E-Akte: Interesse');
      assert.equal(await say('Förderung E-Akte: eingereicht', DANIEL), `Förderanträge für „${E_AKTE}“ ändern die verantwortliche Person, ihre Vertretung und die Koordination.`);
      assert.equal((await stored())?.status, 'interest');
    });

    it('asks which call when the project fits several and has no application, and takes the call after a slash', async () => {
      await start(AKTEN, VERWALTUNG);
      assert.equal(
        await say('Förderung E-Akte: Interesse'),
        `Für „${E_AKTE}“ gibt es noch keinen Förderantrag, aber mehrere passende Aufrufe. Welchen meinen Sie? „Förderung ${E_AKTE} / akten-2027: …“, „Förderung ${E_AKTE} / verwaltung-2027: …“`,
      );
      assert.equal(await say('Förderung E-Akte / verwaltung-2027: Interesse'), `Gespeichert: Förderantrag „${E_AKTE}“ für „Verwaltung 4.0“ – Interesse.`);
      assert.equal(await say('Förderung E-Akte / Akten digital: in Vorbereitung'), `Gespeichert: Förderantrag „${E_AKTE}“ für „Akten digital“ – in Vorbereitung.`);
      assert.equal(
        await say('Förderung E-Akte: eingereicht'),
        `„${E_AKTE}“ hat mehrere Anträge. Welchen meinen Sie? „Förderung ${E_AKTE} / akten-2027: …“, „Förderung ${E_AKTE} / verwaltung-2027: …“`,
      );
    });

    it('refuses a negative amount and a note too long, and stores nothing', async () => {
      await start(AKTEN);
      await say('Förderung E-Akte: Interesse');
      assert.equal(await say('Förderung E-Akte: eingereicht -5000'), 'Der Betrag muss zwischen 0 und 10 Milliarden Euro liegen; nichts wurde gespeichert.');
      assert.equal(await say(`Förderung E-Akte: eingereicht 5000 ${'x'.repeat(501)}`), 'Die Notiz ist zu lang (höchstens 500 Zeichen); nichts wurde gespeichert.');
      assert.equal((await history()).length, 1);
    });

    it('says what is not a status, and which project it does not know', async () => {
      await start(AKTEN);
      assert.equal(await say('Förderung E-Akte: fertig'), '„fertig“ ist kein Stand. Möglich sind: Interesse, in Vorbereitung, eingereicht, bewilligt, abgelehnt, zurückgezogen – z. B. „Förderung E-Akte: eingereicht 120000“.');
      assert.equal(await say('Förderung Wasserstoffbus: Interesse'), 'Ein Projekt „Wasserstoffbus“ finde ich nicht.');
      assert.deepEqual(await fundingTables(rig).applications.list(), []);
    });

    it("is a button away from the check-in form's funding news", async () => {
      await start(AKTEN);
      await say('Förderung E-Akte: eingereicht 120000');
      const form = cardOf(await rig.bot.reply(rig.bot.teams.personalMessage('Status melden E-Akte', { user: rig.member(ANNA) })));
      const button = cardActions(form).find((a) => a.title === 'Förderanträge ansehen');
      assert.deepEqual([button?.type, button?.associatedInputs], ['Action.Submit', 'none']);
      // Teams posts the button's value as the user's message.
      const answer = cardOf(await rig.bot.reply(rig.bot.teams.personalMessage(button.data.msteams.value, { user: rig.member(ANNA) })));
      assert.deepEqual(cardTexts(answer).slice(0, 4), [`Fördermittel für ${E_AKTE}`, 'Anträge', 'Akten digital', 'eingereicht: 120.000\u00a0€ beantragt · Frist 15.01.2027']);
    });

    it('understands the English line and answers in English', async () => {
      await start(AKTEN);
      assert.equal(await say('Funding E-Akte: submitted 80,000 EUR', ANNA, 'en-US'), `Saved: funding application “${E_AKTE}” to “Akten digital” – submitted: €80,000 applied for.`);
      assert.deepEqual([(await stored())?.status, (await stored())?.appliedAmount], ['submitted', 80000]);
    });
  });

  describe("in the project's fact sheet", () => {
    it('are listed by call with their status and the sum applied for', async () => {
      await start(AKTEN);
      await say('Förderung E-Akte: Interesse');
      await rig.until('2026-12-01T09:00:00.000Z');
      await say('Förderung E-Akte: eingereicht 120000');
      const card = (await rig.bot.reply(rig.bot.teams.personalMessage('Steckbrief E-Akte', { user: rig.member(ANNA), locale: 'de-DE' }))).attachments[0].content;
      assert.deepEqual(cardTexts(card).slice(-2), ['Förderanträge', '- Akten digital: eingereicht, beantragt 120.000\u00a0€']);
    });
  });
});
