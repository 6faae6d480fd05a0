import assert from 'node:assert/strict';
import { cardOf, cardTexts } from '../../support/cards';
import { CheckinRig } from '../../support/checkin-rig';
import { importCalls } from '../../support/funding';
import { TempDirs } from '../../support/temp-dirs';

const temp = new TempDirs();
const MARTINA = 'm.becker@kreis-coesfeld.example';
const ANNA = 'anna.schulte@duelmen.example';
const JUERGEN = 'juergen.weiss@havixbeck.example';
const E_AKTE = 'E-Akte (digitale Verwaltungsakte)';

describe('questions about funding (sample data, Monday 30 November 2026)', function () {
  this.timeout(60_000);
  let rig: CheckinRig;

  before(async () => {
    rig = await CheckinRig.start('2026-11-30T08:00:00.000Z');
    await importCalls(
      rig,
      temp,
      'akten-2027,Akten digital,,Bund,bund,2027-01-10 12:00,,,,,,,E-Akte',
      'bildung-2027,Digitale Bildung 2027,,Land NRW,land,2027-01-15,,Bildung,,80,,,',
      'gigabit-2027,Gigabit 2027,,Bund,bund,2027-05-01,,Infrastruktur;Verwaltung digital,,90,,,',
      'bildung-laufend,Bildung laufend,,Stiftung,other,laufend,,Bildung,,,,,',
    );
    const say = (text: string, email: string) => rig.bot.reply(rig.bot.teams.personalMessage(text, { user: rig.member(email) }));
    await say('Förderung E-Akte / akten-2027: eingereicht 120000', ANNA);
    await say('Förderung Digitalkompetenz / bildung-2027: eingereicht 60000', JUERGEN);
    await say('Förderung Digitalkompetenz: bewilligt 50000', JUERGEN);
    await say('Förderung ISMS / gigabit-2027: eingereicht 40000', MARTINA);
    await say('Förderung ISMS / gigabit-2027: bewilligt 30000', MARTINA);
  });
  after(async () => {
    await rig?.close();
    temp.removeAll();
  });

  /** The texts of the card the bot answers a question with. */
  async function ask(text: string, locale = 'de-DE'): Promise<string[]> {
    return cardTexts(cardOf(await rig.bot.reply(rig.bot.teams.personalMessage(text, { user: rig.member(ANNA), locale }))));
  }

  it('lists the deadlines of the next 60 days, soonest first', async () => {
    assert.deepEqual(await ask('Welche Förderfristen laufen bald ab?'), [
      'Förderfristen in den nächsten 60 Tagen',
      'Akten digital',
      'Frist So., 10.01.2027, 12:00 · Bund · 2 passende Projekte',
      'Digitale Bildung 2027',
      'Frist 15.01.2027 · Land NRW · 80 % · 1 passendes Projekt',
    ]);
  });

  it('lists them in English, also asked otherwise', async () => {
    assert.deepEqual(await ask('Which funding deadlines are coming up?', 'en-US'), [
      'Funding deadlines in the next 60 days',
      'Akten digital',
      'deadline Sun 10 Jan 2027, 12:00 · Bund · 2 projects fit',
      'Digitale Bildung 2027',
      'deadline 15 Jan 2027 · Land NRW · 80% · 1 project fits',
    ]);
    assert.equal((await ask('Wann enden die nächsten Förderfristen?'))[0], 'Förderfristen in den nächsten 60 Tagen');
  });

  it('answers in a channel when mentioned', async () => {
    const reply = await rig.bot.reply(rig.bot.teams.channelMessage('Welche Förderfristen laufen bald ab?', { user: rig.member(ANNA) }));
    assert.equal(cardTexts(cardOf(reply))[0], 'Förderfristen in den nächsten 60 Tagen');
  });

  it('lists the open calls of a field of action, rolling ones last', async () => {
    assert.deepEqual(await ask('Förderprogramme für Bildung'), [
      'Förderprogramme für Bildung',
      'Digitale Bildung 2027',
      'Frist 15.01.2027 · Land NRW · 80 % · 1 passendes Projekt',
      'Bildung laufend',
      'Frist laufend · Stiftung · 1 passendes Projekt',
    ]);
    assert.equal((await ask('funding programmes for bildung', 'en-US'))[0], 'Funding programmes for Bildung');
  });

  it("shows a project's applications and the open calls that fit it, best fit first", async () => {
    assert.deepEqual(await ask('Fördermittel für die E-Akte'), [
      `Fördermittel für ${E_AKTE}`,
      'Anträge',
      'Akten digital',
      'eingereicht: 120.000\u00a0€ beantragt · Frist So., 10.01.2027, 12:00',
      'Passende offene Aufrufe',
      'Gigabit 2027',
      'Frist 01.05.2027 · Bund · 90 % · 7 passende Projekte',
      'Akten digital',
      'Frist So., 10.01.2027, 12:00 · Bund · 2 passende Projekte',
    ]);
    assert.equal((await ask('Funding for the E-Akte', 'en-US'))[0], `Funding for ${E_AKTE}`);
  });

  it('lists the applications of a status', async () => {
    assert.deepEqual(await ask('Welche Anträge sind eingereicht?'), ['Förderanträge: eingereicht', `${E_AKTE} – Akten digital`, 'eingereicht: 120.000\u00a0€ beantragt · Frist So., 10.01.2027, 12:00 · Dülmen']);
    assert.deepEqual(await ask('Which applications are submitted?', 'en-US'), ['Funding applications: submitted', `${E_AKTE} – Akten digital`, 'submitted: €120,000 applied for · deadline Sun 10 Jan 2027, 12:00 · Dülmen']);
  });

  it('sums the funding approved, by lead municipality', async () => {
    assert.deepEqual(await ask('Wie viel Fördermittel wurden bewilligt?'), [
      'Bewilligte Fördermittel: 80.000\u00a0€',
      'aus 2 bewilligten Anträgen',
      'Nach federführender Kommune',
      'Havixbeck',
      '50.000\u00a0€ (1 Antrag)',
      'Kreis Coesfeld',
      '30.000\u00a0€ (1 Antrag)',
    ]);
    assert.deepEqual((await ask('How much funding was approved?', 'en-US')).slice(0, 2), ['Funding approved: €80,000', 'from 2 approved applications']);
  });

  it('says when it knows neither a field nor a project of that name', async () => {
    assert.deepEqual(await ask('Förderprogramme für Raumfahrt'), [
      'Zu „Raumfahrt“ kenne ich weder ein Handlungsfeld noch ein Projekt.',
      'Handlungsfelder: Bildung, Bürgerservice, Infrastruktur, Smart Region, Verwaltung digital, Wirtschaft. Oder fragen Sie „Welche Förderfristen laufen bald ab?“.',
    ]);
  });

  it('leaves the other questions to Ask', async () => {
    assert.equal((await ask('Wer ist für die E-Akte zuständig?'))[0], `Verantwortlich für ${E_AKTE}`);
  });
});
