import assert from 'node:assert/strict';
import { ANNA, DANIEL, PETRA } from '../../support/checkin-users';
import { cardAction, cardInput, cardTexts, textAfterInput } from '../../support/cards';
import { TestClock } from '../../support/checkin-context';
import { startTestBot, type TestBot } from '../../support/test-bot';
import type { TeamsMember } from '../../support/teams-connector';
import { checkinRepositories } from '../../../src/features/checkins/tables';

// Monday 30 November 2026, 09:00 in Berlin; the round closes on Monday 7 December, 17:00.
const MONDAY_9 = '2026-11-30T08:00:00.000Z';
const E_AKTE = 'E-Akte (digitale Verwaltungsakte)';

/** What Teams puts in `action.data` on submit: the card's data and every input, as strings. */
const INPUTS = { phase: 'implementation', light: 'yellow', progress: '40', happened: 'Pilot im Hauptamt läuft', next: 'Rollout Ordnungsamt', blockers: '', funding: '' };

describe('check-in cards', () => {
  let bot: TestBot;
  let clock: TestClock;

  beforeEach(async () => {
    clock = new TestClock(new Date(MONDAY_9));
    bot = await startTestBot({}, { now: clock.now });
  });
  afterEach(async () => {
    await bot.close();
  });

  /** Sends a message and returns what the bot answered (the last activity). */
  async function say(text: string, user?: TeamsMember, locale = 'de-DE') {
    return bot.reply(bot.teams.personalMessage(text, { user, locale }));
  }

  /** Opens the form for a project the way a user does, and returns the card. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function openForm(project: string, user?: TeamsMember): Promise<any> {
    const reply = await say(`Status melden ${project}`, user);
    assert.ok(reply.attachments, `expected a card, got: ${reply.text}`);
    assert.doesNotMatch(JSON.stringify(reply.attachments[0].content), /\$\{/, 'every template expression is bound');
    return reply.attachments[0].content;
  }

  /** Clicks an Action.Execute button and returns the card of the invoke response. */
  const execute = (verb: string, data: Record<string, unknown>, user?: TeamsMember) => bot.invoke(verb, data, { user });

  const history = (projectId = 'e-akte') => checkinRepositories(bot.app.storage.store).checkinAnswers.history(projectId, 10);

  async function startRound(): Promise<string> {
    await say('Check-in starten');
    const { round } = await checkinRepositories(bot.app.storage.store).checkinRounds.current();
    return round!.id;
  }

  describe('starting a round', () => {
    it('creates the round with a pending prompt per active project and says what it contains', async () => {
      const reply = await say('Check-in starten');
      assert.equal(
        reply.text,
        'Runde gestartet: 19 Projekte, 13 Personen. Erinnerung am Mi., 02.12.2026, 09:00, Abschluss am Mo., 07.12.2026, 17:00. 1 Projekt hat niemanden, der gefragt werden kann. Die Karten gehen jetzt 1:1 an die Gefragten.',
      );
      const { round } = await checkinRepositories(bot.app.storage.store).checkinRounds.current();
      assert.deepEqual(round?.startedBy, { kind: 'person', email: 'm.becker@kreis-coesfeld.example' });
      const prompts = await checkinRepositories(bot.app.storage.store).checkinRounds.prompts(round!.id);
      assert.equal(prompts.length, 19);
      assert.ok(prompts.every((p) => p.delivery.status === 'pending'));
      assert.equal(prompts.find((p) => p.projectId === 'ratsinfo'), undefined);
      assert.deepEqual(reply.suggestedActions.actions, [{ type: 'imBack', title: 'Stand der Runde', value: 'Stand der Runde' }]);
    });

    it('answers in English', async () => {
      const reply = await say('start check-in', undefined, 'en-US');
      assert.equal(reply.text, 'Round started: 19 projects, 13 people. Reminder on Wed 2 Dec 2026, 09:00, closes on Mon 7 Dec 2026, 17:00. 1 project has nobody to ask. The cards are going out 1:1 to the people asked now.');
      assert.deepEqual(reply.suggestedActions.actions, [{ type: 'imBack', title: 'round status', value: 'round status' }]);
    });

    it('says that a round is already open instead of starting a second', async () => {
      await say('Check-in starten');
      clock.set('2026-12-01T10:00:00.000Z');
      const reply = await say('Check-in starten');
      assert.equal(reply.text, 'Es läuft bereits eine Check-in-Runde (gestartet Mo., 30.11.2026, 09:00, Abschluss Mo., 07.12.2026, 17:00). Schreiben Sie „Stand der Runde“ für den aktuellen Stand.');
    });

    it('refuses a CDO and starts nothing', async () => {
      const reply = await say('Check-in starten', ANNA);
      assert.equal(reply.text, 'Nur die Koordination kann eine Check-in-Runde starten.');
      assert.equal((await checkinRepositories(bot.app.storage.store).checkinRounds.current()).round, undefined);
    });

    it('asks the deputy for the projects of an owner who is away', async () => {
      await say('abwesend bis 04.12.2026', ANNA);
      await startRound();
      const { round } = await checkinRepositories(bot.app.storage.store).checkinRounds.current();
      const prompt = await checkinRepositories(bot.app.storage.store).checkinRounds.prompt(round!.id, 'e-akte');
      assert.equal(prompt?.askedEmail, 'p.huesing@duelmen.example');
      assert.equal(prompt?.reason, 'deputy');
    });
  });

  describe('submitting', () => {
    it('opens the form in the round with the traffic light required and the phase prefilled', async () => {
      const roundId = await startRound();
      const card = await openForm('E-Akte', ANNA);
      assert.equal(card.version, '1.5');
      assert.deepEqual(cardTexts(card).slice(0, 3), [`Statusmeldung: ${E_AKTE}`, 'Check-in-Runde – bitte bis Mo., 07.12.2026, 17:00 ausfüllen.', 'Noch keine Statusmeldung – dies ist die erste.']);
      assert.equal(cardInput(card, 'light').isRequired, true);
      assert.equal(cardInput(card, 'light').value, '');
      assert.equal(cardInput(card, 'phase').value, 'implementation');
      assert.equal(cardInput(card, 'blockers').maxLength, 2000);
      const submit = cardAction(card, 'checkin.submit');
      assert.equal(submit.type, 'Action.Execute');
      assert.equal(submit.data.projectId, 'e-akte');
      assert.equal(submit.data.roundId, roundId);
      assert.deepEqual(submit.fallback, { type: 'Action.Submit', title: 'Absenden', data: { ...submit.data, verb: 'checkin.submit' } });
      assert.equal(cardAction(card, 'checkin.unchanged'), undefined);
      assert.equal(card.fallbackText, `Statusmeldung für ${E_AKTE}: Bitte die Karte in Teams ausfüllen oder „Status melden ${E_AKTE}“ schreiben.`);
    });

    it('stores a submission sent the way Teams sends it and replaces the card with the summary', async () => {
      const roundId = await startRound();
      clock.set('2026-12-01T09:30:00.000Z');
      const form = await openForm('E-Akte', ANNA);
      const summary = await execute('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS, blockers: 'Scanner fehlen' }, ANNA);
      assert.deepEqual(cardTexts(summary), [
        `Status gemeldet: ${E_AKTE}`,
        'Anna Schulte, Di., 01.12.2026, 10:30 · in der Check-in-Runde',
        'Was ist passiert?',
        'Pilot im Hauptamt läuft',
        'Nächste Schritte',
        'Rollout Ordnungsamt',
        'Hindernisse / Unterstützung nötig',
        'Scanner fehlen',
      ]);
      assert.deepEqual(summary.body[2].facts, [
        { title: 'Ampel', value: '🟡 Gelb' },
        { title: 'Phase', value: 'Umsetzung' },
        { title: 'Fortschritt', value: '40 %' },
      ]);
      assert.equal(cardAction(summary, 'checkin.edit').title, 'Bearbeiten');
      const [stored] = await history();
      assert.deepEqual(
        { ...stored, id: undefined, token: undefined },
        {
          id: undefined,
          token: undefined,
          projectId: 'e-akte',
          roundId,
          authorEmail: 'anna.schulte@duelmen.example',
          at: new Date('2026-12-01T09:30:00.000Z'),
          phase: 'implementation',
          light: 'yellow',
          progress: 40,
          happened: 'Pilot im Hauptamt läuft',
          next: 'Rollout Ordnungsamt',
          blockers: 'Scanner fehlen',
          funding: '',
          previousLight: '',
          unchanged: false,
        },
      );
    });

    it('edits: the form comes back prefilled and the new answer replaces the round answer', async () => {
      await startRound();
      const form = await openForm('E-Akte', ANNA);
      const data = cardAction(form, 'checkin.submit').data;
      const summary = await execute('checkin.submit', { ...data, ...INPUTS }, ANNA);
      const again = await execute('checkin.edit', cardAction(summary, 'checkin.edit').data, ANNA);
      assert.equal(cardInput(again, 'light').value, 'yellow');
      assert.equal(cardInput(again, 'progress').value, 40);
      assert.equal(cardInput(again, 'happened').value, 'Pilot im Hauptamt läuft');
      clock.set('2026-11-30T09:00:00.000Z');
      const edited = await execute('checkin.submit', { ...cardAction(again, 'checkin.submit').data, ...INPUTS, light: 'red', progress: '' }, ANNA);
      assert.ok(cardTexts(edited).includes('Die frühere Meldung dieser Runde wurde ersetzt.'));
      const stored = await history();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.light, 'red');
      assert.equal(stored[0]!.progress, undefined);
      assert.equal((await checkinRepositories(bot.app.storage.store).checkinAnswers.latest('e-akte'))?.light, 'red');
    });

    it('shows the status before this round as context when editing, not the answer being edited', async () => {
      const earlier = await openForm('E-Akte', ANNA);
      await execute('checkin.submit', { ...cardAction(earlier, 'checkin.submit').data, ...INPUTS, light: 'green', progress: '20' }, ANNA);
      clock.set('2026-12-14T08:00:00.000Z');
      await startRound();
      const form = await openForm('E-Akte', ANNA);
      const summary = await execute('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS, light: 'red' }, ANNA);
      const again = await execute('checkin.edit', cardAction(summary, 'checkin.edit').data, ANNA);
      assert.equal(cardTexts(again)[2], 'Letzter Stand (30.11.2026, Anna Schulte): 🟢 Grün, Umsetzung, 20 %');
      assert.equal(cardInput(again, 'light').value, 'red');
      const reopened = await openForm('E-Akte', ANNA);
      assert.equal(cardTexts(reopened)[2], 'Letzter Stand (30.11.2026, Anna Schulte): 🟢 Grün, Umsetzung, 20 %');
    });

    it('shows the answer read-only when edit is clicked after the round closed', async () => {
      await startRound();
      const form = await openForm('E-Akte', ANNA);
      const summary = await execute('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS }, ANNA);
      clock.set('2026-12-07T16:00:00.000Z');
      const card = await execute('checkin.edit', cardAction(summary, 'checkin.edit').data, ANNA);
      assert.equal(cardTexts(card)[0], 'Status gemeldet: E-Akte (digitale Verwaltungsakte)');
      assert.equal(cardTexts(card).at(-1), 'Die Runde ist abgeschlossen; diese Meldung kann nicht mehr geändert werden.');
      assert.equal(cardAction(card, 'checkin.edit'), undefined);
    });

    it('prefills "Status melden" with the answer already given in the open round', async () => {
      await startRound();
      const form = await openForm('E-Akte', ANNA);
      await execute('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS, next: 'Schulung planen' }, ANNA);
      const again = await openForm('E-Akte', ANNA);
      assert.equal(cardInput(again, 'next').value, 'Schulung planen');
      assert.equal(cardAction(again, 'checkin.submit').data.roundId, cardAction(form, 'checkin.submit').data.roundId);
    });

    it('stores one answer when the same card is submitted twice at once', async () => {
      await startRound();
      const form = await openForm('E-Akte', ANNA);
      const data = { ...cardAction(form, 'checkin.submit').data, ...INPUTS };
      await Promise.all([execute('checkin.submit', data, ANNA), execute('checkin.submit', data, ANNA)]);
      assert.equal((await history()).length, 1);
    });

    it('outside a round, a double submit of one card stores one answer and a new card a second', async () => {
      const form = await openForm('E-Akte', ANNA);
      const data = cardAction(form, 'checkin.submit').data;
      assert.equal(data.roundId, '');
      assert.match(data.token, /^[0-9a-f-]{36}$/);
      assert.equal(cardTexts(form)[1], 'Meldung außerhalb einer Check-in-Runde.');
      await execute('checkin.submit', { ...data, ...INPUTS }, ANNA);
      await execute('checkin.submit', { ...data, ...INPUTS }, ANNA);
      assert.equal((await history()).length, 1);
      const second = await openForm('E-Akte', ANNA);
      clock.set('2026-11-30T10:00:00.000Z');
      await execute('checkin.submit', { ...cardAction(second, 'checkin.submit').data, ...INPUTS, light: 'green' }, ANNA);
      assert.deepEqual((await history()).map((a) => a.light), ['green', 'yellow']);
      assert.equal((await history())[0]!.previousLight, 'yellow');
    });

    it('lets the deputy and a coordinator report too', async () => {
      const byDeputy = await openForm('eakte', PETRA);
      await execute('checkin.submit', { ...cardAction(byDeputy, 'checkin.submit').data, ...INPUTS }, PETRA);
      const byCoordinator = await openForm('Bürger-App');
      await execute('checkin.submit', { ...cardAction(byCoordinator, 'checkin.submit').data, ...INPUTS });
      assert.equal((await history('e-akte'))[0]?.authorEmail, 'p.huesing@duelmen.example');
      assert.equal((await history('buerger-app'))[0]?.authorEmail, 'm.becker@kreis-coesfeld.example');
    });

    it('copies the last status with "no change" as a new answer', async () => {
      const first = await openForm('E-Akte', ANNA);
      await execute('checkin.submit', { ...cardAction(first, 'checkin.submit').data, ...INPUTS, blockers: 'Scanner fehlen' }, ANNA);
      clock.set('2026-12-14T08:00:00.000Z');
      const roundId = await startRound();
      const form = await openForm('E-Akte', ANNA);
      assert.equal(cardTexts(form)[2], 'Letzter Stand (30.11.2026, Anna Schulte): 🟡 Gelb, Umsetzung, 40 %');
      assert.equal(cardInput(form, 'light').value, 'yellow');
      const unchanged = cardAction(form, 'checkin.unchanged');
      assert.equal(unchanged.associatedInputs, 'none');
      const summary = await execute('checkin.unchanged', unchanged.data, ANNA);
      assert.ok(cardTexts(summary).includes('Unverändert gegenüber dem letzten Stand.'));
      const [copy, original] = await history();
      assert.equal(copy!.roundId, roundId);
      assert.equal(copy!.unchanged, true);
      assert.equal(copy!.at.toISOString(), '2026-12-14T08:00:00.000Z');
      assert.deepEqual([copy!.light, copy!.phase, copy!.progress, copy!.happened, copy!.blockers], [original!.light, original!.phase, original!.progress, original!.happened, original!.blockers]);
    });

    it('says there is nothing to copy when a project has no status yet', async () => {
      const form = await openForm('E-Akte', ANNA);
      const card = await execute('checkin.unchanged', cardAction(form, 'checkin.submit').data, ANNA);
      assert.equal(cardTexts(card)[3], 'Es gibt noch keinen früheren Stand, den ich unverändert übernehmen kann. Bitte die Felder ausfüllen.');
      assert.deepEqual(await history(), []);
    });
  });

  describe('refusing bad input: the form comes back with the error next to the field, nothing stored', () => {
    async function refused(inputs: Record<string, unknown>, user = ANNA, dataOverride: Record<string, unknown> = {}) {
      await startRound();
      const form = await openForm('E-Akte', ANNA);
      const card = await execute('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS, ...inputs, ...dataOverride }, user);
      assert.deepEqual(await history(), []);
      assert.equal(cardTexts(card)[0], `Statusmeldung: ${E_AKTE}`);
      return card;
    }

    it('no traffic light', async () => {
      const card = await refused({ light: '' });
      assert.equal(textAfterInput(card, 'light'), 'Bitte ausfüllen.');
      assert.equal(cardInput(card, 'happened').value, 'Pilot im Hauptamt läuft');
    });

    it('a traffic light that is not offered', async () => {
      const card = await refused({ light: 'blau' });
      assert.equal(textAfterInput(card, 'light'), 'Bitte einen der angebotenen Werte wählen.');
      assert.equal(cardInput(card, 'light').value, 'blau');
    });

    it('progress that is not a number', async () => {
      const card = await refused({ progress: 'viel' });
      assert.equal(textAfterInput(card, 'progress'), 'Bitte eine ganze Zahl von 0 bis 100 eingeben.');
    });

    it('progress out of range', async () => {
      const card = await refused({ progress: '150' });
      assert.equal(textAfterInput(card, 'progress'), 'Bitte eine Zahl von 0 bis 100 eingeben.');
      assert.equal(cardInput(card, 'progress').value, 150);
    });

    it('a text over 2,000 characters, keeping what was typed', async () => {
      const long = 'ü'.repeat(2001);
      const card = await refused({ blockers: long });
      assert.equal(textAfterInput(card, 'blockers'), 'Zu lang: 2001 Zeichen, höchstens 2000.');
      assert.equal(cardInput(card, 'blockers').value, long);
      assert.equal(textAfterInput(card, 'happened'), undefined);
    });

    it('a wrong type', async () => {
      const card = await refused({ happened: { text: 'x' } });
      assert.equal(textAfterInput(card, 'happened'), 'Diese Eingabe kann ich nicht lesen. Bitte die Karte neu öffnen.');
    });

    it('a person who is neither owner, deputy nor coordinator', async () => {
      const card = await refused({}, DANIEL);
      assert.equal(cardTexts(card)[3], 'Den Status dieses Projekts dürfen nur die verantwortliche Person, die Vertretung und die Koordination melden; nichts wurde gespeichert.');
    });

    it('an unknown project', async () => {
      await startRound();
      const card = await execute('checkin.submit', { projectId: 'gibt-es-nicht', roundId: '', token: 'abcdefgh-1234', ...INPUTS }, ANNA);
      assert.deepEqual(cardTexts(card).slice(0, 4), [
        'Statusmeldung: gibt-es-nicht',
        'Meldung außerhalb einer Check-in-Runde.',
        'Noch keine Statusmeldung – dies ist die erste.',
        'Das Projekt „gibt-es-nicht“ kenne ich nicht; nichts wurde gespeichert.',
      ]);
    });

    it('ids longer than ours, without touching storage keys', async () => {
      const card = await execute('checkin.submit', { projectId: 'x'.repeat(5000), roundId: 'r'.repeat(5000), token: 't'.repeat(5000), ...INPUTS }, ANNA);
      assert.equal(cardTexts(card)[0], `Statusmeldung: ${'x'.repeat(64)}`);
      assert.equal(cardTexts(card)[3], `Das Projekt „${'x'.repeat(64)}“ kenne ich nicht; nichts wurde gespeichert.`);
    });

    it('a closed round', async () => {
      await startRound();
      const form = await openForm('E-Akte', ANNA);
      clock.set('2026-12-07T16:00:00.000Z');
      const card = await execute('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS }, ANNA);
      assert.equal(cardTexts(card)[3], `Diese Check-in-Runde ist abgeschlossen; nichts wurde gespeichert. Schreiben Sie „Status melden ${E_AKTE}“ für eine neue Meldung.`);
      assert.deepEqual(await history(), []);
    });

    it('several errors at once, in English', async () => {
      await startRound();
      const form = await openForm('E-Akte', ANNA);
      const { body } = await bot.post(bot.teams.adaptiveCardAction('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS, light: '', progress: '-3' }, { user: ANNA, locale: 'en-GB' }));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const card = (body as any).value;
      assert.equal(textAfterInput(card, 'light'), 'Please fill this in.');
      assert.equal(textAfterInput(card, 'progress'), 'Please enter a number from 0 to 100.');
      assert.deepEqual(await history(), []);
    });
  });

  describe('older clients (Action.Submit)', () => {
    it('validates and stores a submit message the same way and puts the summary in place of the card', async () => {
      await startRound();
      const form = await openForm('E-Akte', ANNA);
      const fallback = cardAction(form, 'checkin.submit').fallback;
      bot.connector.clear();
      await bot.post(bot.teams.submitAction({ ...fallback.data, ...INPUTS }, { user: ANNA, replyToId: 'card-activity-1' }));
      // The turn (and with it the update) is done before the HTTP response to the message. The round's prompt
      // card may be replaced through the outbox at the same time: pick the update of the submitted card.
      const update = bot.connector.calls.find((c) => c.kind === 'update' && c.activityId === 'card-activity-1');
      assert.ok(update, 'the submitted card was not updated');
      assert.equal(cardTexts(update.body.attachments[0].content)[0], `Status gemeldet: ${E_AKTE}`);
      assert.equal((await history()).length, 1);
    });

    it('returns the form with the errors for bad input', async () => {
      await startRound();
      const form = await openForm('E-Akte', ANNA);
      bot.connector.clear();
      await bot.post(bot.teams.submitAction({ ...cardAction(form, 'checkin.submit').fallback.data, ...INPUTS, light: '' }, { user: ANNA, replyToId: 'card-activity-2' }));
      // The turn (and with it the update) is done before the HTTP response to the message.
      const [update] = bot.connector.calls.filter((c) => c.kind === 'update');
      assert.equal(textAfterInput(update!.body.attachments[0].content, 'light'), 'Bitte ausfüllen.');
      assert.deepEqual(await history(), []);
    });
  });

  it('answers an unknown verb with a 400 error response', async () => {
    const { body } = await bot.post(bot.teams.adaptiveCardAction('checkin.explode', {}));
    assert.deepEqual(body, { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown verb "checkin.explode"' } });
  });
});
