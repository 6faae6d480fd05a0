// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardAction, cardActions, cardInput, cardOf, cardReadout, cardTexts, textAfterInput } from '../../support/cards';
import { CheckinRig } from '../../support/checkin-rig';
import { fundingTables, invokeForText } from '../../support/funding';

const MARTINA = 'm.becker@kreis-coesfeld.example';
const ANNA = 'anna.schulte@duelmen.example';
const JUERGEN = 'juergen.weiss@havixbeck.example';

/** The form's inputs as Teams sends them (every input, as text). */
const INPUTS = {
  title: 'Digitale Schule 2027',
  programme: 'Gute Schule',
  funder: 'Land NRW',
  level: 'land',
  deadlineDate: '2027-01-15',
  deadlineTime: '',
  rolling: 'false',
  fields: 'Bildung',
  link: 'https://www.land.nrw/digitale-schule',
  eligible: 'Kommunen',
  rate: '80',
  max_amount: '200000',
  summary: '',
  keywords: 'Schule; WLAN',
};

describe("the coordinators' form for funding calls (sample data)", function () {
  this.timeout(60_000);
  let rig: CheckinRig;
  beforeEach(async () => {
    rig = await CheckinRig.start('2026-11-30T08:00:00.000Z');
  });
  afterEach(async () => rig?.close());

  const say = async (text: string, email = MARTINA) => rig.bot.reply(rig.bot.teams.personalMessage(text, { user: rig.member(email) }));
  const save = (form: any, inputs: Record<string, string>, email = MARTINA) => rig.bot.invoke('funding.save', { ...cardAction(form, 'funding.save').data, ...inputs }, { user: rig.member(email) });

  it('opens for a coordinator, offering the fields of action of the directory', async () => {
    const form = cardOf(await say('Förderaufruf erfassen'));
    assert.equal(cardTexts(form)[0], 'Neuer Förderaufruf');
    assert.deepEqual(cardInput(form, 'fields').choices.map((c: any) => c.value), ['Bildung', 'Bürgerservice', 'Infrastruktur', 'Smart Region', 'Verwaltung digital', 'Wirtschaft']);
    const english = await rig.bot.reply(rig.bot.teams.personalMessage('add funding call', { user: rig.member(MARTINA), locale: 'en-US' }));
    assert.equal(cardTexts(cardOf(english))[0], 'New funding call');
  });

  it('is refused to someone who is not a coordinator, and so is saving one', async () => {
    assert.equal((await say('Förderaufruf erfassen', ANNA)).text, 'Förderaufrufe erfasst und ändert die Koordination.');
    assert.equal(await invokeForText(rig, 'funding.save', { callId: '', ...INPUTS }, ANNA), 'Förderaufrufe erfasst und ändert die Koordination.');
    assert.deepEqual(await fundingTables(rig).fundingCalls.list(), []);
  });

  it('stores a call filled in the way Teams sends it, says how many projects fit, and offers it to their owners', async () => {
    const saved = await save(cardOf(await say('Förderaufruf erfassen')), INPUTS);
    assert.deepEqual(cardReadout(saved).slice(0, 3), ['Digitale Schule 2027', 'Land NRW · Land · Gute Schule', 'Gespeichert. 1 Projekt passt; die Verantwortlichen bekommen gleich eine Karte.']);
    const [call] = await fundingTables(rig).fundingCalls.list();
    assert.deepEqual(
      [call?.id, call?.deadline, call?.fields, call?.rate, call?.maxAmount, call?.keywords, call?.source, call?.updatedBy],
      ['digitale-schule-2027', { kind: 'date', date: '2027-01-15', time: '' }, ['Bildung'], 80, 200000, ['Schule', 'WLAN'], 'card', MARTINA],
    );
    await rig.settle();
    assert.deepEqual(rig.cardsTo(JUERGEN).map((c) => cardTexts(c)[0]), ['Förderaufruf: Digitale Schule 2027']);
  });

  it('shows each problem next to its input, keeps what was typed, and stores nothing', async () => {
    const form = cardOf(await say('Förderaufruf erfassen'));
    const refused = await save(form, { ...INPUTS, title: '', rate: '150', max_amount: '-1', link: 'ftp://land.nrw', deadlineDate: '2026-11-01', fields: 'Bildung,Sport' });
    assert.equal(textAfterInput(refused, 'title'), 'Pflichtfeld ist leer');
    assert.equal(textAfterInput(refused, 'rate'), '150 liegt nicht zwischen 0 und 100');
    assert.equal(textAfterInput(refused, 'max_amount'), '-1 liegt nicht zwischen 0 und 10000000000');
    assert.equal(textAfterInput(refused, 'link'), '„ftp://land.nrw“ ist keine gültige Web-Adresse (http oder https)');
    assert.equal(textAfterInput(refused, 'rolling'), '2026-11-01 liegt in der Vergangenheit');
    assert.equal(textAfterInput(refused, 'fields'), 'Handlungsfeld „Sport“ ist nicht bekannt (bekannt: Bildung, Bürgerservice, Infrastruktur, Smart Region, Verwaltung digital, Wirtschaft)');
    assert.equal(cardInput(refused, 'rate').value, '150');
    assert.deepEqual(await fundingTables(rig).fundingCalls.list(), []);
  });

  it('takes a rolling call without a date', async () => {
    await save(cardOf(await say('Förderaufruf erfassen')), { ...INPUTS, deadlineDate: '', rolling: 'true' });
    assert.deepEqual((await fundingTables(rig).fundingCalls.list())[0]?.deadline, { kind: 'rolling' });
  });

  it('comes filled in to change a call; a new deadline is stored as its next revision', async () => {
    await save(cardOf(await say('Förderaufruf erfassen')), INPUTS);
    const form = cardOf(await say('Förderaufruf ändern Digitale Schule 2027'));
    assert.equal(cardTexts(form)[0], 'Förderaufruf bearbeiten');
    assert.deepEqual([cardInput(form, 'deadlineDate').value, cardInput(form, 'fields').value, cardInput(form, 'keywords').value], ['2027-01-15', 'Bildung', 'Schule; WLAN']);
    const saved = await save(form, { ...INPUTS, deadlineDate: '2027-02-01', deadlineTime: '12:00' });
    assert.equal(cardReadout(saved)[2], 'Änderung gespeichert. 1 Projekt passt; Erinnerungen richten sich nach der aktuellen Frist.');
    const [call] = await fundingTables(rig).fundingCalls.list();
    assert.deepEqual([call?.id, call?.deadline, call?.revision], ['digitale-schule-2027', { kind: 'date', date: '2027-02-01', time: '12:00' }, 2]);
  });

  it('withdraws a call with the button on its form', async () => {
    await save(cardOf(await say('Förderaufruf erfassen')), INPUTS);
    const form = cardOf(await say('Förderaufruf ändern digitale-schule-2027'));
    const answer = await rig.bot.invoke('funding.withdraw', cardActions(form).find((a) => a.verb === 'funding.withdraw').data, { user: rig.member(MARTINA) });
    assert.ok(cardTexts(answer).includes('Zurückgezogen. Es gibt keine Erinnerungen mehr; im Kanal steht es im Thread des Aufrufs.'));
    assert.equal((await fundingTables(rig).fundingCalls.get('digitale-schule-2027'))?.status, 'withdrawn');
  });

  it('shows a call with the projects that fit it and their applications; an edit button for coordinators only', async () => {
    await save(cardOf(await say('Förderaufruf erfassen')), INPUTS);
    await say('Förderung Digitalkompetenz: Interesse', JUERGEN);
    const forJuergen = cardOf(await say('Förderaufruf Digitale Schule 2027', JUERGEN));
    assert.deepEqual(cardReadout(forJuergen).slice(-4), ['Anträge', 'Digitalkompetenz-Schulungen für Mitarbeitende (Interesse)', 'Passende Projekte', 'Digitalkompetenz-Schulungen für Mitarbeitende']);
    assert.deepEqual(cardActions(forJuergen).map((a) => a.title), ['Zum Aufruf']);
    const forMartina = cardOf(await say('Förderaufruf digitale-schule-2027'));
    assert.deepEqual(cardActions(forMartina).map((a) => [a.title, a.data?.msteams?.value]), [['Zum Aufruf', undefined], ['Bearbeiten', 'Förderaufruf ändern digitale-schule-2027']]);
  });

  it('answers „Förderaufruf …“ that names no call as a question, or says it knows no such call', async () => {
    await save(cardOf(await say('Förderaufruf erfassen')), INPUTS);
    assert.equal(cardTexts(cardOf(await say('Förderaufruf für Bildung')))[0], 'Förderprogramme für Bildung');
    assert.equal((await say('Förderaufruf Mondlandung')).text, 'Einen Förderaufruf „Mondlandung“ kenne ich nicht. Schreiben Sie „Welche Förderprogramme gibt es?“ für alle offenen Aufrufe.');
  });
});
