// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import path from 'node:path';
import { fundingRepositories } from '../../../src/features/funding/tables';
import { cardOf, cardReadout, cardTexts } from '../../support/cards';
import type { CheckinRig } from '../../support/checkin-rig';
import { importDirectoryFiles } from '../../support/cli-output';
import { CALLS_HEADER, channelMessages, projectButtons, rigCli, setHomeChannel, startFundingRig } from '../../support/funding';
import { TempDirs } from '../../support/temp-dirs';

const temp = new TempDirs();
const OTHER_DISTRICT = path.join(__dirname, '../../fixtures/other-district');

/** Monday 30 November 2026, 09:00 in Berlin. */
const MONDAY_9 = '2026-11-30T08:00:00.000Z';

/** Imports funding calls with these rows through the CLI, returning what it said. */
function importCalls(rig: CheckinRig, ...rows: string[]) {
  return rigCli(rig, 'import', 'funding', temp.fileWith('calls.csv', [CALLS_HEADER, ...rows].join('\n')));
}

describe('the funding radar, end to end through the command line, the scheduler and the outbox', function () {
  this.timeout(90_000);
  after(() => temp.removeAll());

  describe("over another district's data with FUNDING_REMINDERS=2m (the issue's check, in order)", () => {
    let rig: CheckinRig;
    const COORDINATOR = 'b.hagedorn@kreis-warendorf.example';
    const OWNER = 's.lindemann@telgte.example';
    const CALL = 'Smart-Region-Förderung 2026';
    let card: { content: any; activityId: string };

    before(async () => {
      rig = await startFundingRig(MONDAY_9, { SAMPLE_DATA: 'false', FUNDING_REMINDERS: '2m' }, { people: false });
      await importDirectoryFiles(OTHER_DISTRICT, { TABLES_CONNECTION_STRING: rig.bot.config.tablesConnectionString, TABLE_PREFIX: rig.bot.config.tablePrefix });
      await rig.addDirectoryMembers([]);
      await setHomeChannel(rig, COORDINATOR);
    });
    after(async () => rig?.close());

    it('imports a call with a deadline minutes ahead through the CLI', async () => {
      const result = await importCalls(rig, `smart-region-2026,${CALL},Smart.Land,Land NRW,land,2026-11-30 09:10,https://www.land.nrw/smart-region,Smart Region,Kommunen,80,150000,,`);
      assert.deepEqual(result, { code: 0, stdout: ['Förderaufrufe: 1 neu, 0 geändert, 0 unverändert.'], stderr: [] });
    });

    it("sends a card to the owner of the project of the call's field of action, and to nobody else", async () => {
      await rig.settle(20_000);
      const sent = rig.sentTo(OWNER);
      assert.equal(sent.length, 1);
      card = { content: cardOf(sent[0]!.body), activityId: sent[0]!.assignedId };
      assert.deepEqual(cardReadout(card.content), [
        `Förderaufruf: ${CALL}`,
        'Land NRW · Land · Smart.Land',
        'Frist: Mo., 30.11.2026, 09:10',
        'Förderquote: 80 %',
        'Höchstbetrag: 150.000\u00a0€',
        'Antragsberechtigt: Kommunen',
        'Handlungsfelder: Smart Region',
        'Der Aufruf passt zu Ihrem Projekt:',
        'Smart Parking',
        'Passt, weil: Handlungsfeld Smart Region',
      ]);
      for (const email of ['k.rethmann@warendorf.example', 'f.oezdemir@ahlen.example', COORDINATOR]) assert.deepEqual(rig.sentTo(email), [], email);
    });

    it('stores the owner’s „Interesse“ and shows it in place of the buttons', async () => {
      const interest = projectButtons(card.content, 'Smart Parking')['funding.interest'];
      const answer = await rig.bot.invoke('funding.interest', interest.data, { user: rig.member(OWNER), replyToId: card.activityId });
      assert.ok(cardTexts(answer).includes('Interesse für „Smart Parking“ vermerkt. Sie bekommen Erinnerungen vor der Frist, bis der Antrag eingereicht ist.'));
      assert.ok(cardTexts(answer).includes('Antrag: Interesse'));
      assert.deepEqual(Object.keys(projectButtons(answer, 'Smart Parking')), ['funding.open']);
      const stored = await fundingRepositories(rig.bot.app.storage.store).applications.get('smart-parking', 'smart-region-2026');
      assert.deepEqual([stored?.application.status, stored?.application.updatedBy], ['interest', OWNER]);
    });

    it("shows the application in the project's details", async () => {
      const details = cardOf(await rig.bot.reply(rig.bot.teams.personalMessage('Details Smart Parking', { user: rig.member('k.rethmann@warendorf.example') })));
      assert.ok(cardReadout(details).includes(`Förderantrag: ${CALL}: Interesse (Frist Mo., 30.11.2026, 09:10)`), cardReadout(details).join('\n'));
    });

    it('lists the call among the deadlines that end soon', async () => {
      const answer = cardOf(await rig.bot.reply(rig.bot.teams.personalMessage('Welche Förderfristen laufen bald ab?', { user: rig.member(OWNER) })));
      assert.deepEqual(cardTexts(answer), ['Förderfristen in den nächsten 60 Tagen', CALL, 'Frist Mo., 30.11.2026, 09:10 · Land NRW · 80 % · 1 passendes Projekt']);
    });

    it('reminds the owner and the home channel 2 minutes before the deadline, not before', async () => {
      await rig.until('2026-11-30T08:07:59.000Z');
      assert.equal(rig.sentTo(OWNER).length, 1);
      assert.deepEqual(channelMessages(rig), []);
      await rig.until('2026-11-30T08:08:01.000Z');
      const reminder = rig.sentTo(OWNER)[1]?.body.text;
      assert.equal(
        reminder,
        `Erinnerung: Die Frist für „${CALL}“ endet in 2 Minuten (Mo., 30.11.2026, 09:10). Ihr Stand: Smart Parking (Interesse). Sobald der Antrag eingereicht ist, schreiben Sie „Förderung Smart Parking: eingereicht BETRAG“.`,
      );
      const [post, ...more] = channelMessages(rig);
      assert.equal(post?.kind, 'post');
      assert.deepEqual(cardTexts(cardOf(post!.body)).slice(0, 4), [`Förderfrist in 2 Minuten: ${CALL}`, 'Land NRW · Land · Smart.Land', 'Passende Projekte und Anträge', 'Smart Parking (Interesse)']);
      assert.deepEqual(more, []);
    });

    it('sends nothing more once the deadline has passed', async () => {
      const before = rig.bot.connector.calls.length;
      await rig.until('2026-11-30T09:00:00.000Z');
      assert.equal(rig.bot.connector.calls.length, before);
    });

    it('refuses a bad file whole, saying what is wrong where, and stores nothing', async () => {
      const result = await importCalls(
        rig,
        `neu-2027,Neuer Aufruf,,Bund,bund,2027-03-01,https://example.org/neu,Smart Region,,50,,,`,
        `kaputt-2027,Kaputter Aufruf,,Bund,bund,2026-11-01,ftp://example.org,Sport,,150,-5,,`,
      );
      assert.deepEqual(result, {
        code: 1,
        stdout: [],
        stderr: [
          'Import abgebrochen: 5 Probleme gefunden, nichts wurde gespeichert.',
          'Zeile 3, Spalte „deadline“: 2026-11-01 liegt in der Vergangenheit',
          'Zeile 3, Spalte „link“: „ftp://example.org“ ist keine gültige Web-Adresse (http oder https)',
          'Zeile 3, Spalte „fields“: Handlungsfeld „Sport“ ist nicht bekannt (bekannt: Infrastruktur, Smart Region, Verwaltung digital)',
          'Zeile 3, Spalte „rate“: 150 liegt nicht zwischen 0 und 100',
          'Zeile 3, Spalte „max_amount“: -5 liegt nicht zwischen 0 und 10000000000',
        ],
      });
      assert.deepEqual((await fundingRepositories(rig.bot.app.storage.store).fundingCalls.list()).map((c) => c.id), ['smart-region-2026']);
    });
  });
});
