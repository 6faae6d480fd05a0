import assert from 'node:assert/strict';
import { cardOf, cardReadout, cardTexts } from '../../support/cards';
import type { CheckinRig } from '../../support/checkin-rig';
import { fundingTables, importCalls, invokeForText, projectButtons, startFundingRig } from '../../support/funding';
import { TempDirs } from '../../support/temp-dirs';

const temp = new TempDirs();
const MONDAY_9 = '2026-11-30T08:00:00.000Z';
const MARKUS = 'markus.terhorst@coesfeld.example';
const ANNA = 'anna.schulte@duelmen.example';
const JUERGEN = 'juergen.weiss@havixbeck.example';
/** Fits the projects of two fields of action: of Markus Terhorst the Bürger-App and the 3D city model. */
const SERVICE_CALL = 'service-2027,Service digital 2027,,Land NRW,land,2027-01-15,https://example.org/service,Bürgerservice;Smart Region,Kommunen,80,,,';

describe("the owners' cards of a funding call (sample data)", function () {
  this.timeout(60_000);
  let rig: CheckinRig;
  afterEach(async () => rig?.close());
  after(() => temp.removeAll());

  /** The call cards a person got, with their activity ids. */
  const offers = (email: string) => rig.sentTo(email).map((c) => ({ card: cardOf(c.body), activityId: c.assignedId })).filter((o) => o.card && cardTexts(o.card)[0]?.startsWith('Förderaufruf: '));

  it('sends each owner one card listing all of their projects that fit, and nobody a card for a project that is done', async () => {
    rig = await startFundingRig(MONDAY_9);
    await importCalls(rig, temp, SERVICE_CALL);
    await rig.settle(20_000);
    const [offer, ...more] = offers(MARKUS);
    assert.deepEqual(more, []);
    assert.deepEqual(cardReadout(offer!.card).slice(-5), ['Der Aufruf passt zu 2 Ihrer Projekte:', 'Bürger-App', 'Passt, weil: Handlungsfeld Bürgerservice', 'Geodaten und 3D-Stadtmodell', 'Passt, weil: Handlungsfeld Smart Region']);
    // Owners of projects of these fields: one card each. Online-Terminvergabe (Bürgerservice) is done: Michael Könning gets none.
    const owners = ['m.becker@kreis-coesfeld.example', 't.overbeck@kreis-coesfeld.example', 'daniel.schroeder@olfen.example', ANNA, 't.wessels@nordkirchen.example', 'julia.ahlers@rosendahl.example', 'sabine.hoelscher@luedinghausen.example'];
    for (const email of owners) assert.equal(offers(email).length, 1, email);
    assert.deepEqual(offers('m.koenning@senden-westfalen.example'), []);
  });

  it('sends no second card when the call changes, but one to the owner of a project that fits only now', async () => {
    rig = await startFundingRig(MONDAY_9);
    await importCalls(rig, temp, SERVICE_CALL);
    await rig.settle(20_000);
    await importCalls(rig, temp, SERVICE_CALL.replace('2027-01-15', '2027-02-01').replace('Bürgerservice;Smart Region', 'Bürgerservice;Smart Region;Bildung'));
    await rig.settle(20_000);
    assert.equal(offers(MARKUS).length, 1);
    assert.deepEqual(offers(JUERGEN).map((o) => cardReadout(o.card).slice(-2)), [['Digitalkompetenz-Schulungen für Mitarbeitende', 'Passt, weil: Handlungsfeld Bildung']]);
  });

  it('names the keywords that made a project fit, and where they were found', async () => {
    rig = await startFundingRig(MONDAY_9);
    await importCalls(rig, temp, 'akten-2027,Akten digital,,Bund,bund,2027-01-15,,,,,,,E-Akte;Dokumentenmanagement');
    await rig.settle(20_000);
    assert.deepEqual(offers(ANNA).map((o) => cardReadout(o.card).slice(-2)), [['E-Akte (digitale Verwaltungsakte)', 'Passt, weil: „E-Akte“ im Titel; „Dokumentenmanagement“ in der Beschreibung']]);
  });

  it('records „Passt nicht“: the card says so, and the project is not counted as fitting any more', async () => {
    rig = await startFundingRig(MONDAY_9);
    await importCalls(rig, temp, SERVICE_CALL);
    await rig.settle(20_000);
    const [offer] = offers(MARKUS);
    const dismiss = projectButtons(offer!.card, 'Bürger-App')['funding.dismiss'];
    const answer = await rig.bot.invoke('funding.dismiss', dismiss.data, { user: rig.member(MARKUS), replyToId: offer!.activityId });
    assert.ok(cardTexts(answer).includes('Vermerkt: Der Aufruf passt nicht zu „Bürger-App“. Dazu kommen keine Erinnerungen mehr.'));
    assert.ok(cardTexts(answer).includes('Vermerkt: passt nicht'));
    // The other project keeps its buttons.
    assert.deepEqual(Object.keys(projectButtons(answer, 'Geodaten und 3D-Stadtmodell')), ['funding.interest', 'funding.dismiss']);
    assert.deepEqual([...(await fundingTables(rig).fundingCalls.dismissed('service-2027'))], ['buerger-app']);
    const details = cardOf(await rig.bot.reply(rig.bot.teams.personalMessage('Förderaufruf service-2027', { user: rig.member(MARKUS) })));
    assert.ok(!cardReadout(details).includes('Bürger-App'));
    assert.ok(cardReadout(details).includes('Geodaten und 3D-Stadtmodell'));
  });

  it('takes „Interesse“ from clients that send Action.Submit, and updates the card they clicked', async () => {
    rig = await startFundingRig(MONDAY_9);
    await importCalls(rig, temp, SERVICE_CALL);
    await rig.settle(20_000);
    const [offer] = offers(MARKUS);
    const interest = projectButtons(offer!.card, 'Bürger-App')['funding.interest'];
    await rig.bot.post(rig.bot.teams.submitAction(interest.fallback.data, { user: rig.member(MARKUS), replyToId: offer!.activityId }));
    assert.equal((await fundingTables(rig).applications.get('buerger-app', 'service-2027'))?.application.status, 'interest');
    const [update] = rig.bot.connector.calls.filter((c) => c.kind === 'update' && c.activityId === offer!.activityId);
    assert.ok(cardTexts(cardOf(update!.body)).includes('Antrag: Interesse'));
  });

  describe('card data that does not fit', () => {
    beforeEach(async () => {
      rig = await startFundingRig(MONDAY_9);
      await importCalls(rig, temp, SERVICE_CALL);
      await rig.settle(20_000);
    });

    it("refuses „Interesse“ for another person's project, and stores nothing", async () => {
      const text = await invokeForText(rig, 'funding.interest', { callId: 'service-2027', projectId: 'buerger-app', projectIds: 'buerger-app' }, ANNA);
      assert.equal(text, 'Förderanträge für „Bürger-App“ ändern die verantwortliche Person, ihre Vertretung und die Koordination.');
      assert.deepEqual(await fundingTables(rig).applications.list(), []);
    });

    it('refuses „Interesse“ for a project the call does not fit, and stores nothing', async () => {
      const text = await invokeForText(rig, 'funding.interest', { callId: 'service-2027', projectId: 'digitale-personalakte', projectIds: '' }, MARKUS);
      assert.equal(text, 'Der Aufruf passt nicht zu „Digitale Personalakte“: Dafür kann ich kein Interesse vermerken.');
      assert.deepEqual(await fundingTables(rig).applications.list(), []);
    });

    it('refuses data that names no project or call it could be', async () => {
      assert.equal(await invokeForText(rig, 'funding.interest', { callId: 'service-2027', projectId: '../people' }, MARKUS), 'Diese Karte ist nicht mehr gültig. Schreiben Sie „Fördermittel für PROJEKT“, dann zeige ich den aktuellen Stand.');
      assert.equal(await invokeForText(rig, 'funding.dismiss', { callId: 'gibt-es-nicht', projectId: 'buerger-app' }, MARKUS), 'Diesen Förderaufruf kenne ich nicht (mehr).');
      assert.deepEqual(await fundingTables(rig).applications.list(), []);
      assert.deepEqual([...(await fundingTables(rig).fundingCalls.dismissed('service-2027'))], []);
    });
  });
});
