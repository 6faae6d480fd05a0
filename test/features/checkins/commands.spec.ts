import assert from 'node:assert/strict';
import { ANNA, PETRA } from '../../support/checkin-users';
import { cardAction, cardActions, cardTexts } from '../../support/cards';
import { TestClock } from '../../support/checkin-context';
import { startTestBot, STRANGER, type TestBot } from '../../support/test-bot';
import type { TeamsMember } from '../../support/teams-connector';
import { checkinRepositories } from '../../../src/features/checkins/tables';

// Wednesday 25 November 2026, 11:00 in Berlin.
const NOW = '2026-11-25T10:00:00.000Z';
const INPUTS = { phase: 'implementation', light: 'green', progress: '', happened: '', next: '', blockers: '', funding: '' };

describe('check-in commands', () => {
  let bot: TestBot;
  let clock: TestClock;

  beforeEach(async () => {
    clock = new TestClock(new Date(NOW));
    bot = await startTestBot({}, { now: clock.now });
  });
  afterEach(async () => {
    await bot.close();
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function say(text: string, options: { user?: TeamsMember; locale?: string; channel?: boolean } = {}): Promise<any> {
    const activity = options.channel ? bot.teams.channelMessage(text, { user: options.user, locale: options.locale }) : bot.teams.personalMessage(text, { user: options.user, locale: options.locale });
    return bot.reply(activity);
  }

  /** Reports a status for E-Akte as Anna at the current clock time. */
  async function report(light: string, happened: string, blockers = ''): Promise<void> {
    const form = (await say('Status melden E-Akte', { user: ANNA })).attachments[0].content;
    const { body } = await bot.post(bot.teams.adaptiveCardAction('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS, light, happened, blockers }, { user: ANNA }));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    assert.equal((body as any).statusCode, 200);
  }

  describe('commands without a project, as the menu inserts them', () => {
    it('offers the projects of the person as buttons on "Status melden", and a button opens the form', async () => {
      const reply = await say('Status melden', { user: ANNA });
      const card = reply.attachments[0].content;
      assert.deepEqual(cardTexts(card), ['Für welches Projekt möchten Sie den Status melden?', 'Ihre Projekte:']);
      const buttons = cardActions(card).filter((a: { verb?: string }) => a.verb === 'checkin.choose');
      assert.ok(buttons.length > 0);
      const eAkte = buttons.find((b: { title: string }) => b.title === 'E-Akte (digitale Verwaltungsakte)');
      assert.deepEqual(eAkte.data, { intent: 'report', kind: 'project', id: 'e-akte' });
      const form = await bot.invoke('checkin.choose', eAkte.data, { user: ANNA });
      assert.equal(cardTexts(form)[0], 'Statusmeldung: E-Akte (digitale Verwaltungsakte)');
    });

    it('says how to name a project on "history" for someone without projects', async () => {
      assert.equal((await say('history', { user: STRANGER, locale: 'en-US' })).text, 'Which project’s history would you like to see? Please add the project’s name, for example “history of Breitbandausbau in den weißen Flecken”.');
    });

    it('asks until when on "abwesend bis" without a date, and records nothing', async () => {
      assert.equal((await say('abwesend bis', { user: ANNA })).text, 'Bis wann sind Sie abwesend? Schreiben Sie zum Beispiel „abwesend bis 15.08.“ – bis dahin frage ich Ihre Vertretung.');
      assert.deepEqual(await checkinRepositories(bot.app.storage.store).absences.list(), []);
    });
  });

  describe('reporting and reading the status', () => {
    it('opens the form with "update X" in English, finding the project by alias and umlaut spelling', async () => {
      const card = (await say('update Buerger-App', { locale: 'en-US' })).attachments[0].content;
      assert.equal(cardTexts(card)[0], 'Status update: Bürger-App');
      assert.equal(cardTexts(card)[1], 'Update outside a check-in round.');
    });

    it('says it does not know a project and that others may not report it', async () => {
      assert.equal((await say('Status melden Mondbasis')).text, 'Das Projekt „Mondbasis“ kenne ich nicht. Bitte schreiben Sie den Namen, die Kurzbezeichnung oder einen bekannten Alias des Projekts.');
      assert.equal((await say('Status melden LoRaWAN', { user: ANNA })).text, 'Den Status von LoRaWAN-Netz und Smart-City-Sensorik dürfen nur die verantwortliche Person, die Vertretung und die Koordination melden.');
    });

    it('shows the latest status with "Status X" once reported, and says when there is none', async () => {
      assert.equal((await say('Status E-Akte')).text, 'Für E-Akte (digitale Verwaltungsakte) liegt noch keine Statusmeldung vor.');
      await report('red', 'Server ausgefallen');
      const card = (await say('Status eAkte')).attachments[0].content;
      assert.deepEqual(cardTexts(card), ['Aktueller Stand: E-Akte (digitale Verwaltungsakte)', 'Anna Schulte, Mi., 25.11.2026, 11:00 · außerhalb einer Runde', 'Was ist passiert?', 'Server ausgefallen']);
      assert.deepEqual(card.body[2].facts, [
        { title: 'Ampel', value: '🔴 Rot' },
        { title: 'Phase', value: 'Umsetzung' },
      ]);
      assert.deepEqual(cardAction(card, 'checkin.edit').data, { projectId: 'e-akte' });
      const history = card.actions.find((a: { title: string }) => a.title === 'Verlauf');
      assert.deepEqual(history.data, { msteams: { type: 'imBack', value: 'Verlauf E-Akte (digitale Verwaltungsakte)' } });
      assert.equal(cardTexts((await say(history.data.msteams.value)).attachments[0].content)[0], 'Verlauf: E-Akte (digitale Verwaltungsakte)');
    });

    it('opens a fresh form from the button under the latest status', async () => {
      await report('red', 'Server ausgefallen');
      const card = (await say('Status E-Akte', { user: ANNA })).attachments[0].content;
      const { body } = await bot.post(bot.teams.adaptiveCardAction('checkin.edit', cardAction(card, 'checkin.edit').data, { user: ANNA }));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const form = (body as any).value;
      assert.equal(cardTexts(form)[0], 'Statusmeldung: E-Akte (digitale Verwaltungsakte)');
      assert.equal(cardTexts(form)[2], 'Letzter Stand (25.11.2026, Anna Schulte): 🔴 Rot, Umsetzung');
      assert.notEqual(cardAction(form, 'checkin.submit').data.token, '');
    });

    it('shows the last 5 of the history, newest first', async () => {
      for (let day = 0; day < 6; day++) {
        clock.set(`2026-11-${String(25 + day).padStart(2, '0')}T10:00:00.000Z`);
        await report(day % 2 === 0 ? 'green' : 'yellow', `Woche ${day + 1}`);
      }
      const card = (await say('Verlauf E-Akte')).attachments[0].content;
      const texts = cardTexts(card);
      assert.equal(texts[0], 'Verlauf: E-Akte (digitale Verwaltungsakte)');
      assert.equal(texts[1], 'Die letzten 5 Statusmeldungen, neueste zuerst');
      assert.deepEqual(
        card.body[2] ? cardTexts({ body: card.body.slice(2) }).filter((t: string) => /^\d\d\.\d\d\.2026/.test(t)) : [],
        ['30.11.2026 · 🟡 Gelb · Umsetzung', '29.11.2026 · 🟢 Grün · Umsetzung', '28.11.2026 · 🟡 Gelb · Umsetzung', '27.11.2026 · 🟢 Grün · Umsetzung', '26.11.2026 · 🟡 Gelb · Umsetzung'],
      );
      assert.ok(texts.includes('Was ist passiert?: Woche 6'));
      assert.ok(!texts.includes('Was ist passiert?: Woche 1'));
    });

    it('answers "history of X" in English, and says when there is none', async () => {
      assert.equal((await say('history of e-akte', { locale: 'en-US' })).text, 'There are no status updates for E-Akte (digitale Verwaltungsakte) yet.');
      await report('green', 'Started');
      const card = (await say('history of e-akte', { locale: 'en-US' })).attachments[0].content;
      assert.deepEqual(cardTexts(card), ['History: E-Akte (digitale Verwaltungsakte)', 'The last status update', '25 Nov 2026 · 🟢 Green · Implementation', 'by Anna Schulte', 'What happened?: Started']);
    });

    it('works in a channel when mentioned', async () => {
      await report('green', 'Läuft');
      const card = (await say('Verlauf E-Akte', { channel: true })).attachments[0].content;
      assert.equal(cardTexts(card)[0], 'Verlauf: E-Akte (digitale Verwaltungsakte)');
    });
  });

  describe('finding the project the way Ask does', () => {
    it('understands typos, aliases, umlauts written out and partial names after every command', async () => {
      assert.equal(cardTexts((await say('update e-file', { locale: 'en-US' })).attachments[0].content)[0], 'Status update: E-Akte (digitale Verwaltungsakte)');
      assert.equal(cardTexts((await say('Status melden Verwaltungsakte', { user: ANNA })).attachments[0].content)[0], 'Statusmeldung: E-Akte (digitale Verwaltungsakte)');
      assert.equal((await say('Verlauf Buerger App')).text, 'Für Bürger-App gibt es noch keine Statusmeldungen.');
      assert.equal((await say('history of the citizen app', { locale: 'en-US' })).text, 'There are no status updates for Bürger-App yet.');
      assert.equal((await say('Status glasfasr')).text, 'Für Breitbandausbau in den weißen Flecken liegt noch keine Statusmeldung vor.');
    });

    it('offers the projects a name fits about equally as buttons that run the same command', async () => {
      const card = (await say('Status melden Digitale')).attachments[0].content;
      assert.deepEqual(cardTexts(card), ['Welche meinen Sie?', 'Das passt zu mehreren Einträgen. Bitte wählen Sie einen aus:']);
      const buttons = cardActions(card);
      assert.ok(buttons.length >= 2);
      assert.ok(buttons.every((b: { verb: string; data: { intent: string; kind: string } }) => b.verb === 'checkin.choose' && b.data.intent === 'report' && b.data.kind === 'project'));
      const personalakte = buttons.find((b: { data: { id: string } }) => b.data.id === 'digitale-personalakte');
      assert.equal(personalakte.title, 'Digitale Personalakte');
      const { body } = await bot.post(bot.teams.adaptiveCardAction('checkin.choose', personalakte.data));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const answer = body as any;
      assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
      assert.equal(cardTexts(answer.value)[0], 'Statusmeldung: Digitale Personalakte');
    });

    it('answers a choice for a command whose answer is a text with that text, and refuses a tampered choice', async () => {
      const card = (await say('Verlauf App')).attachments[0].content;
      const app = cardActions(card).find((b: { data: { id: string } }) => b.data.id === 'buerger-app');
      assert.equal(app.data.intent, 'history');
      const chosen = await bot.post(bot.teams.adaptiveCardAction('checkin.choose', app.data));
      assert.deepEqual(chosen.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Für Bürger-App gibt es noch keine Statusmeldungen.' });
      const tampered = await bot.post(bot.teams.adaptiveCardAction('checkin.choose', { intent: 'delete', kind: 'project', id: 'buerger-app' }));
      assert.deepEqual(tampered.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Diese Auswahl kann ich nicht mehr zuordnen. Bitte stellen Sie die Frage noch einmal.' });
    });
  });

  describe('statuses in Ask', () => {
    it('shows the latest status in the project details, with its blockers', async () => {
      await report('red', 'Server ausgefallen', 'Ersatzserver fehlt');
      const card = (await say('Was ist der Stand bei der E-Akte?')).attachments[0].content;
      const facts = card.body.find((e: { type: string }) => e.type === 'FactSet').facts;
      assert.deepEqual(facts.slice(-2), [
        { title: 'Letzter Status', value: '🔴 Rot, Umsetzung – 25.11.2026, Anna Schulte' },
        { title: 'Hindernisse', value: 'Ersatzserver fehlt' },
      ]);
    });

    it('answers which projects are red, yellow or green from the latest statuses', async () => {
      await report('green', 'Läuft');
      clock.set('2026-11-26T10:00:00.000Z');
      await report('red', 'Server ausgefallen');
      assert.deepEqual(cardTexts((await say('Welche Projekte sind rot?')).attachments[0].content), [
        'Projekte auf Rot',
        'E-Akte (digitale Verwaltungsakte)',
        'Umsetzung · Federführung: Dülmen · Verantwortlich: Anna Schulte · Stand vom 26.11.2026',
      ]);
      assert.deepEqual(cardTexts((await say('which projects are green?', { locale: 'en-GB' })).attachments[0].content), ['Projects on green', 'No project is on green right now.']);
      assert.deepEqual(cardTexts((await say('Welche Projekte in Olfen sind rot?')).attachments[0].content), ['Projekte auf Rot – Olfen', 'Derzeit steht kein Projekt auf Rot.']);
    });

    it('takes the phase last reported for phase questions and the details, as the report and the dashboard do', async () => {
      const form = (await say('Status melden E-Akte', { user: ANNA })).attachments[0].content;
      await bot.post(bot.teams.adaptiveCardAction('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS, phase: 'paused', light: 'yellow', happened: 'Warten auf den Haushalt' }, { user: ANNA }));
      const paused = cardTexts((await say('Welche Projekte in Dülmen sind pausiert?')).attachments[0].content);
      assert.deepEqual(paused.slice(0, 3), [
        'Projekte von Dülmen in der Phase „Pausiert“',
        'E-Akte (digitale Verwaltungsakte) – Federführung',
        'Pausiert · Federführung: Dülmen · Verantwortlich: Anna Schulte · Stand vom 25.11.2026',
      ]);
      const implementing = cardTexts((await say('Welche Projekte in Dülmen sind in Umsetzung?')).attachments[0].content);
      assert.ok(implementing.length > 1 && !implementing.some((t) => t.startsWith('E-Akte')), `the directory says implementation, the owner said paused: ${implementing.join(' | ')}`);
      const facts = (await say('Was ist der Stand bei der E-Akte?')).attachments[0].content.body.find((e: { type: string }) => e.type === 'FactSet').facts;
      assert.deepEqual(facts.find((f: { title: string }) => f.title === 'Phase'), { title: 'Phase', value: 'Pausiert' });
    });

    it('lists the projects without an answer in the latest round as overdue', async () => {
      assert.deepEqual(cardTexts((await say('Welche Projekte sind überfällig?')).attachments[0].content), ['Projekte ohne Rückmeldung', 'Es gab noch keine Check-in-Runde.']);
      await say('Check-in starten');
      await report('green', 'Läuft');
      const texts = cardTexts((await say('Welche Projekte in Dülmen sind überfällig?')).attachments[0].content);
      assert.deepEqual(texts.slice(0, 4), [
        'Projekte ohne Rückmeldung – Dülmen',
        'Laufende Check-in-Runde, gestartet Mi., 25.11.2026, 11:00, Abschluss Mi., 02.12.2026, 17:00',
        'Digitale Personalakte',
        'Pausiert · Federführung: Coesfeld · Verantwortlich: Markus Terhorst',
      ]);
      assert.ok(texts.includes('KI-Assistent für Bürgeranfragen'));
      assert.ok(!texts.includes('E-Akte (digitale Verwaltungsakte)'), 'answered in the round');
      // 18 asked (a project without owner is asked of nobody), one answered.
      assert.equal(cardTexts((await say('which projects are overdue?', { locale: 'en-GB' })).attachments[0].content).at(-1), 'Showing 10 of 17.');
    });
  });

  it('names the check-in commands in the help', async () => {
    const card = (await say('hilfe')).attachments[0].content;
    assert.ok(cardTexts(card).includes('Status melden: „Status melden E-Akte“, aktueller Stand: „Status E-Akte“, Verlauf: „Verlauf E-Akte“, Ampeln: „Welche Projekte sind rot?“, Abwesenheit: „abwesend bis 15.08.“ und „wieder da“. Die Koordination startet Runden mit „Check-in starten“ und sieht den „Stand der Runde“.'));
  });

  describe('absences', () => {
    it('sets an absence until a date and clears it with "wieder da"', async () => {
      assert.equal((await say('abwesend bis 15.08.', { user: ANNA })).text, 'Eingetragen: Sie sind abwesend bis einschließlich 15.08.2027. Bis dahin frage ich Ihre Vertretung.');
      assert.equal((await checkinRepositories(bot.app.storage.store).absences.get('anna.schulte@duelmen.example'))?.until, '2027-08-15');
      assert.equal((await say('wieder da', { user: ANNA })).text, 'Willkommen zurück! Ab jetzt frage ich wieder Sie.');
      assert.equal(await checkinRepositories(bot.app.storage.store).absences.get('anna.schulte@duelmen.example'), undefined);
      assert.equal((await say('Wieder da!', { user: ANNA })).text, 'Sie waren nicht als abwesend eingetragen.');
    });

    it('understands English', async () => {
      assert.equal((await say('away until 2026-12-15', { user: ANNA, locale: 'en-US' })).text, 'Noted: you are away until 15 Dec 2026 inclusive. Until then I will ask your deputy.');
      assert.equal((await say('back', { user: ANNA, locale: 'en-US' })).text, 'Welcome back! From now on I will ask you again.');
    });

    it('cannot note an absence for someone outside the directory', async () => {
      bot.connector.addMember(STRANGER);
      assert.equal((await say('abwesend bis 15.08.2027', { user: STRANGER })).text, 'Ich finde Sie nicht im Verzeichnis der AG und kann daher keine Abwesenheit eintragen.');
      assert.deepEqual(await checkinRepositories(bot.app.storage.store).absences.list(), []);
    });

    it('refuses a date in the past and a date it cannot read, storing nothing', async () => {
      assert.equal((await say('abwesend bis 01.11.2026', { user: ANNA })).text, '„01.11.2026“ liegt in der Vergangenheit. Bitte ein Datum ab heute angeben.');
      assert.equal(
        (await say('abwesend bis nächsten Freitag', { user: ANNA })).text,
        'Das Datum „nächsten Freitag“ verstehe ich nicht. So geht es: „abwesend bis 15.08.“, „abwesend bis 15.08.2026“ oder „abwesend bis 2026-08-15“.',
      );
      assert.deepEqual(await checkinRepositories(bot.app.storage.store).absences.list(), []);
    });
  });

  describe('home channel', () => {
    it('is set by a coordinator writing "hier posten" in a channel', async () => {
      assert.equal((await say('hier posten', { channel: true })).text, 'Alles klar: Die Beiträge für die AG poste ich ab jetzt in diesem Kanal.');
      const home = await bot.app.storage.repos.groupSettings.homeChannel();
      assert.deepEqual([home?.conversationId, home?.teamId, home?.setBy], ['19:team-ag-digital@thread.tacv2', '19:team-ag-digital@thread.tacv2', 'm.becker@kreis-coesfeld.example']);
    });

    it('is refused for others and outside a channel', async () => {
      assert.equal((await say('post here', { channel: true, user: PETRA, locale: 'en-US' })).text, 'Only coordinators can choose the channel I post in.');
      assert.equal((await say('hier posten')).text, 'Schreiben Sie bitte „@Kümmerer hier posten“ in den Team-Kanal, in dem ich posten soll.');
      assert.equal(await bot.app.storage.repos.groupSettings.homeChannel(), undefined);
    });
  });

  describe('round status', () => {
    it('shows a coordinator the live digest of the round', async () => {
      assert.equal((await say('Stand der Runde')).text, 'Es gab noch keine Check-in-Runde. Schreiben Sie „Check-in starten“, um eine zu starten.');
      await report('green', 'Läuft');
      await say('Check-in starten');
      // The cards are sent (nobody shares a team with the bot here: none can be delivered).
      await bot.app.scheduler.whenIdle();
      await bot.app.outbox.whenIdle();
      clock.set('2026-11-26T10:00:00.000Z');
      await report('red', 'Server ausgefallen', 'Ersatzserver nicht finanziert');
      const card = (await say('Stand der Runde', { channel: true })).attachments[0].content;
      const texts = cardTexts(card);
      assert.deepEqual(texts.slice(0, 3), ['Stand der Check-in-Runde', 'Gestartet Mi., 25.11.2026, 11:00, Abschluss Mi., 02.12.2026, 17:00', 'Rückmeldungen: 1 von 18 (6 %)']);
      assert.deepEqual(texts.slice(3, 9), [
        'Rot',
        'E-Akte (digitale Verwaltungsakte) – Anna Schulte',
        'Schlechter als zuletzt',
        'E-Akte (digitale Verwaltungsakte): 🟢 Grün → 🔴 Rot',
        'Hindernisse',
        'E-Akte (digitale Verwaltungsakte) – Anna Schulte: Ersatzserver nicht finanziert',
      ]);
      assert.equal(texts[9], 'Noch keine Antwort');
      assert.ok(texts.includes('Markus Terhorst (Karte nicht zustellbar): Bürger-App, Digitale Personalakte, Geodaten und 3D-Stadtmodell'), texts.join('\n'));
      assert.deepEqual(texts.slice(-2), ['Niemand zu fragen (keine verantwortliche Person oder alle abwesend)', 'Lokaler Online-Marktplatz für den Einzelhandel']);
      assert.equal(card.fallbackText, 'Stand der Check-in-Runde: 1 von 18 Rückmeldungen, 1 rot.');
    });

    it('is refused to a CDO', async () => {
      await say('Check-in starten');
      assert.equal((await say('round status', { user: ANNA, locale: 'en-US' })).text, 'Only coordinators can see the round status.');
    });
  });
});
