// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import path from 'node:path';
import { cardAction, cardElements, cardOf, cardTexts } from '../../support/cards';
import { runCli } from '../../../src/cli/main';
import { CheckinRig } from '../../support/checkin-rig';
import { importDirectoryFiles } from '../../support/cli-output';
import { checkinRepositories } from '../../../src/features/checkins/tables';

// Monday 30 November 2026, 09:00 in Berlin: reminder on Wednesday 2 December, 09:00, close on Monday 7 December, 17:00.
const MONDAY_9 = '2026-11-30T08:00:00.000Z';
const CLOSE = '2026-12-07T16:00:00.000Z';
const COORDINATOR = 'm.becker@kreis-coesfeld.example';
const ANNA = 'anna.schulte@duelmen.example';
const PETRA = 'p.huesing@duelmen.example';
const MARKUS = 'markus.terhorst@coesfeld.example';
const E_AKTE = 'E-Akte (digitale Verwaltungsakte)';

/** What Teams puts in `action.data` on submit: the card's data and every input, as strings. */
const INPUTS = { phase: 'implementation', light: 'red', progress: '40', happened: 'Pilot im Hauptamt läuft', next: 'Rollout Ordnungsamt', blockers: 'Scanner fehlen', funding: '' };

describe('check-in rounds, end to end through the outbox and the scheduler', function () {
  this.timeout(60_000);
  let rig: CheckinRig;

  afterEach(async () => {
    await rig?.close();
  });

  /** A message from a person of the directory in their 1:1 chat, and the bot's reply to it. */
  function say(text: string, email = COORDINATOR, locale = 'de-DE'): Promise<any> {
    return rig.bot.reply(rig.bot.teams.personalMessage(text, { user: rig.member(email), locale }));
  }

  /** Clicks an `Action.Execute` button of a card the person got, as Teams sends it; returns the card that replaces it. */
  const execute = (email: string, cardActivityId: string, verb: string, data: Record<string, unknown>) => rig.bot.invoke(verb, data, { user: rig.member(email), replyToId: cardActivityId });

  /** The prompt card a person got for a project, with its activity id. */
  function promptCard(email: string, projectTitle: string): { card: any; activityId: string } {
    const call = rig.sentTo(email).find((c) => cardTexts(cardOf(c.body) ?? { body: [] })[0] === `Statusmeldung: ${projectTitle}`);
    assert.ok(call, `no card for ${projectTitle} in the chat of ${email}`);
    return { card: cardOf(call.body), activityId: call.assignedId };
  }

  async function currentRound() {
    const { round } = await checkinRepositories(rig.bot.app.storage.store).checkinRounds.current();
    assert.ok(round);
    return round;
  }

  describe('a round started by a coordinator', () => {
    it("reaches every owner's personal chat, the deputy's for an owner who is away, none for done projects", async () => {
      rig = await CheckinRig.start(MONDAY_9);
      assert.equal((await say('abwesend bis 04.12.2026', ANNA)).text, 'Eingetragen: Sie sind abwesend bis einschließlich 04.12.2026. Bis dahin frage ich Ihre Vertretung.');
      assert.equal(
        (await say('Check-in starten')).text,
        'Runde gestartet: 19 Projekte, 13 Personen. Erinnerung am Mi., 02.12.2026, 09:00, Abschluss am Mo., 07.12.2026, 17:00. 1 Projekt hat niemanden, der gefragt werden kann. Die Karten gehen jetzt 1:1 an die Gefragten.',
      );
      await rig.settle(60_000);

      const round = await currentRound();
      const prompts = await checkinRepositories(rig.bot.app.storage.store).checkinRounds.prompts(round.id);
      const asked = prompts.filter((p) => p.askedEmail !== '');
      assert.equal(asked.length, 18);
      for (const prompt of asked) {
        const { card } = promptCard(prompt.askedEmail, prompt.projectTitle);
        assert.equal(card.version, '1.5');
        assert.equal(cardAction(card, 'checkin.submit').data.roundId, round.id);
        assert.equal(prompt.delivery.status, 'sent');
        assert.equal((await rig.bot.app.outbox.get(prompt.delivery.deliveryId))?.status, 'sent');
      }
      // One card per prompt and nothing else in the owners' chats: nobody gets a card twice or for a done project.
      const people = [...new Set(asked.map((p) => p.askedEmail))];
      assert.equal(people.length, 13);
      assert.equal(people.reduce((n, email) => n + rig.cardsTo(email).length, 0), 18);
      assert.deepEqual(rig.cardsTo(ANNA), []);
      assert.deepEqual(
        rig.cardsTo(PETRA).map((c) => cardTexts(c)[0]),
        [`Statusmeldung: ${E_AKTE}`],
      );
      assert.deepEqual(rig.cardsTo(MARKUS).map((c) => cardTexts(c)[0]).sort(), ['Statusmeldung: Bürger-App', 'Statusmeldung: Digitale Personalakte', 'Statusmeldung: Geodaten und 3D-Stadtmodell']);
      assert.ok(!rig.cardsTo('sabine.hoelscher@luedinghausen.example').some((c) => cardTexts(c)[0] === 'Statusmeldung: Digitales Ratsinformationssystem'), 'no card for a done project');
      assert.equal(rig.sentTo(MARKUS)[0]!.body.summary, 'Statusmeldung für Bürger-App: Bitte die Karte in Teams ausfüllen oder „Status melden Bürger-App“ schreiben.');
    });

    it('stores a card filled in and submitted the way Teams does, shows it in place of the card and with "Status <project>"', async () => {
      rig = await CheckinRig.start(MONDAY_9);
      await say('Check-in starten');
      await rig.settle(60_000);
      const round = await currentRound();
      const { card, activityId } = promptCard(ANNA, E_AKTE);

      await rig.until('2026-11-30T09:30:00.000Z');
      // A double click: both store the same one answer.
      const data = { ...cardAction(card, 'checkin.submit').data, ...INPUTS };
      const [summary] = await Promise.all([execute(ANNA, activityId, 'checkin.submit', data), execute(ANNA, activityId, 'checkin.submit', data)]);
      assert.equal(cardTexts(summary)[0], `Status gemeldet: ${E_AKTE}`);
      assert.equal((await checkinRepositories(rig.bot.app.storage.store).checkinAnswers.history('e-akte', 5)).length, 1);
      assert.equal(cardTexts(summary)[1], 'Anna Schulte, Mo., 30.11.2026, 10:30 · in der Check-in-Runde');
      const [stored] = await checkinRepositories(rig.bot.app.storage.store).checkinAnswers.history('e-akte', 5);
      assert.deepEqual(
        [stored?.roundId, stored?.authorEmail, stored?.light, stored?.progress, stored?.blockers, stored?.at.toISOString()],
        [round.id, ANNA, 'red', 40, 'Scanner fehlen', '2026-11-30T09:30:00.000Z'],
      );
      assert.equal((await checkinRepositories(rig.bot.app.storage.store).checkinRounds.prompt(round.id, 'e-akte'))?.answeredAt?.toISOString(), '2026-11-30T09:30:00.000Z');
      await rig.settle();
      assert.deepEqual(rig.updates(), [], 'the card answered is replaced by the invoke response, not updated again');

      // Anyone may read it: the latest status shows what the card showed after the submit.
      const status = cardOf(await say('Status E-Akte', MARKUS));
      // (Whichever click came second says it replaced the first; the answer is the same.)
      const shown = cardTexts(summary).filter((text: string) => text !== 'Die frühere Meldung dieser Runde wurde ersetzt.');
      assert.deepEqual(cardTexts(status), [`Aktueller Stand: ${E_AKTE}`, ...shown.slice(1)]);
      assert.ok(cardTexts(status).includes('Scanner fehlen'));
      assert.deepEqual(status.body[2].facts, summary.body[2].facts);
      assert.deepEqual(status.body[2].facts[0], { title: 'Ampel', value: '🔴 Rot' });
    });

    it('replaces the prompt card with the answer when the answer is given with "Status melden", and counts it for the round', async () => {
      rig = await CheckinRig.start(MONDAY_9);
      // A form opened before the round started …
      const early = cardOf(await say('Status melden E-Akte', ANNA));
      assert.equal(cardAction(early, 'checkin.submit').data.roundId, '');
      await say('Check-in starten');
      await rig.settle(60_000);
      const round = await currentRound();
      const prompt = promptCard(ANNA, E_AKTE);

      // … and submitted during the round counts as the round's answer.
      await rig.until('2026-11-30T08:05:00.000Z');
      const summary = await execute(ANNA, 'early-card', 'checkin.submit', { ...cardAction(early, 'checkin.submit').data, ...INPUTS });
      assert.equal(cardTexts(summary)[1], 'Anna Schulte, Mo., 30.11.2026, 09:05 · in der Check-in-Runde');
      assert.equal((await checkinRepositories(rig.bot.app.storage.store).checkinAnswers.history('e-akte', 5))[0]?.roundId, round.id);
      await rig.settle(60_000);
      const [update] = rig.updates();
      assert.equal(update?.activityId, prompt.activityId);
      assert.equal(cardTexts(cardOf(update!.body))[0], `Status gemeldet: ${E_AKTE}`);
      assert.equal(cardAction(cardOf(update!.body), 'checkin.edit').data.roundId, round.id);
    });
  });

  it("over another district's data, imported while the bot runs: a coordinator's round reaches every owner, a card submitted as Teams does is stored and shown", async () => {
    rig = await CheckinRig.start(MONDAY_9, { SAMPLE_DATA: 'false' }, { people: false });
    const env = { TABLES_CONNECTION_STRING: rig.bot.config.tablesConnectionString, TABLE_PREFIX: rig.bot.config.tablePrefix };
    await importDirectoryFiles(path.join(__dirname, '../ask/fixtures/lindenau'), env);
    await rig.addDirectoryMembers([]);
    const coordinator = 'g.pohlmann@landkreis-lindenau.example';
    assert.equal(
      (await say('Check-in starten', coordinator)).text,
      'Runde gestartet: 10 Projekte, 7 Personen. Erinnerung am Mi., 02.12.2026, 09:00, Abschluss am Mo., 07.12.2026, 17:00. 1 Projekt hat niemanden, der gefragt werden kann. Die Karten gehen jetzt 1:1 an die Gefragten.',
    );
    await rig.settle(60_000);
    const owners: Record<string, string[]> = {
      'joerg.strassburger@lindenau.example': ['Schulcloud Lindenau'],
      'm.kowalski@weissenstein.example': ['Intelligentes Parkleitsystem', 'KI-Übersetzung im Bürgerbüro'],
      'o.yildiz@landkreis-lindenau.example': ['Servicekonto für Bürgerinnen und Bürger', 'Glasfaser für Gewerbegebiete'],
      'b.muehlenkamp@gruenhagen.example': ['Klima-Dashboard'],
      'h.janssen@moorbach.example': ['Gästekarte digital'],
      'k.oelschlaeger@suederbrueck.example': ['Hochwasser-Frühwarnsystem'],
      's.brandt@eichenfeld.example': ['Videokonferenzen für Gremien'],
    };
    for (const [email, titles] of Object.entries(owners)) {
      assert.deepEqual(rig.cardsTo(email).map((c) => cardTexts(c)[0]).sort(), titles.map((t) => `Statusmeldung: ${t}`).sort(), email);
    }
    // The owner of a done project (E-Rechnung) and the deputies are not asked.
    for (const email of [coordinator, 'f.brandt@bergheide.example', 'l.nguyen@lindenau.example']) assert.deepEqual(rig.cardsTo(email), [], email);

    const owner = 'k.oelschlaeger@suederbrueck.example';
    const { card, activityId } = promptCard(owner, 'Hochwasser-Frühwarnsystem');
    const summary = await execute(owner, activityId, 'checkin.submit', { ...cardAction(card, 'checkin.submit').data, ...INPUTS, light: 'yellow', blockers: '' });
    assert.equal(cardTexts(summary)[0], 'Status gemeldet: Hochwasser-Frühwarnsystem');
    const [stored] = await checkinRepositories(rig.bot.app.storage.store).checkinAnswers.history('hochwasser', 5);
    assert.deepEqual([stored?.authorEmail, stored?.light, stored?.phase, stored?.progress], [owner, 'yellow', 'implementation', 40]);
    const status = cardOf(await say('Status Hochwasser', 'h.janssen@moorbach.example'));
    assert.deepEqual(cardTexts(status).slice(0, 2), ['Aktueller Stand: Hochwasser-Frühwarnsystem', `Klaus Ölschläger, Mo., 30.11.2026, 09:01 · in der Check-in-Runde`]);
    assert.deepEqual(status.body[2].facts[0], { title: 'Ampel', value: '🟡 Gelb' });
  });

  describe('chasing from the live state', () => {
    const texts = (email: string) => rig.sentTo(email).filter((c) => !cardOf(c.body)).map((c) => c.body.text as string);
    /** The live state of the round as the coordinator sees it. */
    async function liveState(): Promise<{ card: any; activityId: string }> {
      const reply = await say('Stand der Runde');
      return { card: reply.attachments[0].content, activityId: 'live-state-card' };
    }
    /** The buttons under the line that names a person. */
    function buttonsOf(card: any, person: string): any[] {
      const containers = cardElements(card).filter((e) => e.type === 'Container' && e.items?.[0]?.type === 'TextBlock' && String(e.items[0].text).startsWith(`${person}:`));
      assert.equal(containers.length, 1, `one line for ${person}`);
      return containers[0].items.find((i: any) => i.type === 'ActionSet')?.actions ?? [];
    }

    it('offers a chat link and „Erinnern“ beside each person who has not answered; a click reminds them once', async () => {
      rig = await CheckinRig.start(MONDAY_9);
      await say('Check-in starten');
      await rig.settle(60_000);
      const { card, activityId } = await liveState();
      const [chat, remind] = buttonsOf(card, 'Anna Schulte');
      assert.deepEqual([chat.type, chat.title, chat.url], ['Action.OpenUrl', 'Chat', 'https://teams.microsoft.com/l/chat/0/0?users=anna.schulte%40duelmen.example']);
      assert.deepEqual([remind.type, remind.verb, remind.title], ['Action.Execute', 'checkin.nudge', 'Erinnern']);

      const after = await execute(COORDINATOR, activityId, 'checkin.nudge', remind.data);
      assert.equal(cardTexts(after)[2], 'Erinnerung an Anna Schulte ist unterwegs.');
      await rig.settle(60_000);
      assert.deepEqual(texts(ANNA), [
        'Martina Becker bittet Sie um Ihre Statusmeldungen für 2 Projekte (Abschluss Mo., 07.12.2026, 17:00): „E-Akte (digitale Verwaltungsakte)“, „KI-Assistent für Bürgeranfragen“. Die Karten stehen weiter oben in diesem Chat – oder schreiben Sie „Status melden E-Akte (digitale Verwaltungsakte)“.',
      ]);

      const again = await execute(COORDINATOR, activityId, 'checkin.nudge', remind.data);
      assert.equal(cardTexts(again)[2], 'Anna Schulte wurde in dieser Runde schon einmal zusätzlich erinnert.');
      await rig.settle(60_000);
      assert.equal(texts(ANNA).length, 1, 'a second click sends nothing');
    });

    it('refuses the reminder button to anyone but a coordinator, and sends nothing', async () => {
      rig = await CheckinRig.start(MONDAY_9);
      await say('Check-in starten');
      await rig.settle(60_000);
      const [, remind] = buttonsOf((await liveState()).card, 'Anna Schulte');
      const { body } = await rig.bot.post(rig.bot.teams.adaptiveCardAction('checkin.nudge', remind.data, { user: rig.member(MARKUS) }));
      assert.equal((body as any).value, 'Den Stand der Runde sieht nur die Koordination.');
      await rig.settle(60_000);
      assert.deepEqual(texts(ANNA), []);
    });

    it('refuses card data that names no round or no person, and says the round is closed after its close', async () => {
      rig = await CheckinRig.start(MONDAY_9);
      await say('Check-in starten');
      await rig.settle(60_000);
      const [, remind] = buttonsOf((await liveState()).card, 'Anna Schulte');
      for (const data of [{}, { roundId: remind.data.roundId, email: 'not an e-mail' }, { roundId: 'x'.repeat(65), email: ANNA }, { roundId: 'unknown-round', email: ANNA }]) {
        const { body } = await rig.bot.post(rig.bot.teams.adaptiveCardAction('checkin.nudge', data, { user: rig.member(COORDINATOR) }));
        assert.equal((body as any).value, 'Diese Schaltfläche kann ich nicht mehr zuordnen. Bitte schreiben Sie „Stand der Runde“.');
      }
      await rig.until('2026-12-07T16:01:00.000Z');
      const closed = await execute(COORDINATOR, 'x', 'checkin.nudge', remind.data);
      assert.equal(cardTexts(closed)[2], 'Die Runde ist abgeschlossen; es wird niemand mehr erinnert.');
      assert.equal(buttonsOf(closed, 'Anna Schulte').some((a: any) => a.verb === 'checkin.nudge'), false);
      assert.deepEqual(texts(ANNA).filter((t) => t.startsWith('Martina')), []);
    });
  });

  describe('reminder and close', () => {
    /** Answers every prompt of a person from the cards they got. */
    async function answerAll(email: string): Promise<void> {
      for (const call of rig.sentTo(email)) {
        const card = cardOf(call.body);
        if (card) await execute(email, call.assignedId, 'checkin.submit', { ...cardAction(card, 'checkin.submit').data, ...INPUTS, light: 'green', blockers: '' });
      }
    }
    const texts = (email: string) => rig.sentTo(email).filter((c) => !cardOf(c.body)).map((c) => c.body.text as string);

    it('reminds each person who has not answered exactly once, after 2 working days, naming what is missing; a restart sends nothing again', async () => {
      rig = await CheckinRig.start(MONDAY_9);
      await say('Check-in starten');
      await rig.settle(60_000);
      const daniel = 'daniel.schroeder@olfen.example';
      await answerAll(daniel);
      const eAkte = promptCard(ANNA, E_AKTE);
      await execute(ANNA, eAkte.activityId, 'checkin.submit', { ...cardAction(eAkte.card, 'checkin.submit').data, ...INPUTS });

      await rig.until('2026-12-02T07:59:00.000Z');
      assert.deepEqual(texts(MARKUS), []);
      await rig.until('2026-12-02T08:01:00.000Z');
      assert.deepEqual(texts(MARKUS), [
        'Erinnerung: Für 3 Projekte fehlt noch Ihre Statusmeldung in der laufenden Check-in-Runde (Abschluss Mo., 07.12.2026, 17:00): „Bürger-App“, „Digitale Personalakte“, „Geodaten und 3D-Stadtmodell“. Die Karten stehen weiter oben in diesem Chat – oder schreiben Sie „Status melden Bürger-App“.',
      ]);
      assert.deepEqual(texts(ANNA), [
        'Erinnerung: Für „KI-Assistent für Bürgeranfragen“ fehlt noch Ihre Statusmeldung in der laufenden Check-in-Runde (Abschluss Mo., 07.12.2026, 17:00). Die Karte steht weiter oben in diesem Chat – oder schreiben Sie „Status melden KI-Assistent für Bürgeranfragen“.',
      ]);
      assert.deepEqual(texts(daniel), [], 'who answered everything is not reminded');
      const round = await currentRound();
      const prompts = await checkinRepositories(rig.bot.app.storage.store).checkinRounds.prompts(round.id);
      const reminded = new Set(prompts.filter((p) => p.delivery.remindedAt).map((p) => p.askedEmail));
      assert.equal(reminded.size, 12);
      for (const email of reminded) assert.equal(texts(email).length, 1, email);

      // The same bot restarted on the same tables catches up: nothing is due that was not done, nothing goes twice.
      const calls = () => rig.bot.connector.calls.filter((c) => c.kind === 'send' || c.kind === 'createConversation').length;
      const before = calls();
      await rig.restart();
      await rig.until('2026-12-04T12:00:00.000Z');
      assert.equal(calls(), before);
      for (const email of reminded) assert.equal(texts(email).length, 1, email);
    });

    it('closes after 5 working days with the digest to every coordinator 1:1 and as a new post in the home channel', async () => {
      // Julia Ahlers is not in the team: her card cannot be delivered, and the digest says so.
      rig = await CheckinRig.start(MONDAY_9, {}, { except: ['julia.ahlers@rosendahl.example'] });
      const reply = await rig.bot.reply(rig.bot.teams.channelMessage('hier posten', { user: rig.member(COORDINATOR) }));
      assert.equal(reply.text, 'Alles klar: Die Beiträge für die AG poste ich ab jetzt in diesem Kanal.');
      await say('Check-in starten');
      await rig.settle(60_000);
      const eAkte = promptCard(ANNA, E_AKTE);
      await execute(ANNA, eAkte.activityId, 'checkin.submit', { ...cardAction(eAkte.card, 'checkin.submit').data, ...INPUTS });

      await rig.until('2026-12-07T15:59:00.000Z');
      assert.equal(rig.channelPosts().length, 0);
      await rig.until('2026-12-07T16:01:00.000Z');
      const round = await currentRound();
      assert.equal(round.state, 'closed');
      assert.equal(round.closedAt?.toISOString(), CLOSE);
      const expected = [
        'Zusammenfassung der Check-in-Runde',
        'Gestartet Mo., 30.11.2026, 09:00, Abschluss Mo., 07.12.2026, 17:00',
        'Rückmeldungen: 1 von 18 (6 %)',
        'Rot',
        `${E_AKTE} – Anna Schulte`,
        'Hindernisse',
        `${E_AKTE} – Anna Schulte: Scanner fehlen`,
        'Noch keine Antwort',
      ];
      const [post] = rig.channelPosts();
      assert.deepEqual(cardTexts(cardOf(post!.body.activity)).slice(0, expected.length), expected);
      for (const coordinator of [COORDINATOR, 't.overbeck@kreis-coesfeld.example']) {
        const digests = rig.cardsTo(coordinator).filter((c) => cardTexts(c)[0] === 'Zusammenfassung der Check-in-Runde');
        assert.equal(digests.length, 1, coordinator);
        assert.deepEqual(cardTexts(digests[0]), cardTexts(cardOf(post!.body.activity)));
      }
      assert.ok(cardTexts(cardOf(post!.body.activity)).includes('Markus Terhorst: Bürger-App, Digitale Personalakte, Geodaten und 3D-Stadtmodell'));
      assert.ok(cardTexts(cardOf(post!.body.activity)).includes('Julia Ahlers (Karte nicht zustellbar): Digitale Dorfplattform'));

      // "Stand der Runde" shows the same, and answers are no longer taken.
      assert.deepEqual(cardTexts(cardOf(await say('Stand der Runde'))), cardTexts(cardOf(post!.body.activity)));
      const late = promptCard(MARKUS, 'Bürger-App');
      const refused = await execute(MARKUS, late.activityId, 'checkin.submit', { ...cardAction(late.card, 'checkin.submit').data, ...INPUTS });
      assert.equal(cardTexts(refused)[3], 'Diese Check-in-Runde ist abgeschlossen; nichts wurde gespeichert. Schreiben Sie „Status melden Bürger-App“ für eine neue Meldung.');
    });
  });

  it("a round started on the command line while the bot runs reaches every owner's personal chat", async () => {
    rig = await CheckinRig.start(MONDAY_9);
    const lines: string[] = [];
    const env = { TABLES_CONNECTION_STRING: rig.bot.config.tablesConnectionString, TABLE_PREFIX: rig.bot.config.tablePrefix, SCHEDULER_TICK_SECONDS: '3600' };
    const code = await runCli(['checkin', 'start'], env, { out: (l) => lines.push(l), err: (l) => lines.push(l) }, () => rig.clock.now());
    assert.equal(code, 0);
    assert.deepEqual(lines, [
      'Runde gestartet: 19 Projekte, 13 Personen. Erinnerung am Mi., 02.12.2026, 09:00, Abschluss am Mo., 07.12.2026, 17:00. 1 Projekt hat niemanden, der gefragt werden kann. Der Bot schickt die Karten 1:1 an die Gefragten, sobald er die Runde sieht (wenn er läuft, spätestens nach 3600 Sekunden).',
    ]);
    // The bot's scheduler finds the round's send job at its next look at the jobs.
    await rig.settle(3_600_000);
    const round = await currentRound();
    assert.deepEqual(round.startedBy, { kind: 'cli' });
    const asked = (await checkinRepositories(rig.bot.app.storage.store).checkinRounds.prompts(round.id)).filter((p) => p.askedEmail !== '');
    assert.equal(asked.length, 18);
    for (const prompt of asked) promptCard(prompt.askedEmail, prompt.projectTitle);
    assert.equal(new Set(asked.map((p) => p.askedEmail)).size, 13);
    assert.equal([...new Set(asked.map((p) => p.askedEmail))].reduce((n, email) => n + rig.cardsTo(email).length, 0), 18);
  });

  it('a round started on the command line while no bot runs is sent once when the bot starts', async () => {
    rig = await CheckinRig.start('2026-11-30T07:00:00.000Z');
    await rig.restart(async () => {
      const env = { TABLES_CONNECTION_STRING: rig.bot.config.tablesConnectionString, TABLE_PREFIX: rig.bot.config.tablePrefix };
      assert.equal(await runCli(['checkin', 'start'], env, { out: () => undefined, err: (l) => assert.fail(l) }, () => new Date(MONDAY_9)), 0);
      // An hour later the bot starts: it catches the round up and runs its send job (late, within the grace period).
      rig.clock.advanceTo(Date.parse('2026-11-30T09:00:00.000Z'));
    });
    await rig.settle(60_000);
    const round = await currentRound();
    const asked = (await checkinRepositories(rig.bot.app.storage.store).checkinRounds.prompts(round.id)).filter((p) => p.askedEmail !== '');
    assert.equal([...new Set(asked.map((p) => p.askedEmail))].reduce((n, email) => n + rig.cardsTo(email).length, 0), 18);
    for (const prompt of asked) promptCard(prompt.askedEmail, prompt.projectTitle);
    const runs = await rig.bot.app.storage.jobs.listRuns(`checkin.round:${round.id}:send`, 5);
    assert.deepEqual(runs.map((r) => r.status), ['succeeded']);
  });

  it('writes to each person in the language of their last message: cards, reminder, digest and the replaced card; the channel in the default', async () => {
    rig = await CheckinRig.start(MONDAY_9);
    const overbeck = 't.overbeck@kreis-coesfeld.example';
    await rig.bot.reply(rig.bot.teams.channelMessage('hier posten', { user: rig.member(COORDINATOR) }));
    // Markus and the second coordinator use Teams in English; Anna in German; Daniel never wrote to the bot.
    const daniel = 'daniel.schroeder@olfen.example';
    for (const email of [MARKUS, overbeck]) await say('help', email, 'en-US');
    await say('hilfe', ANNA);
    await say('Check-in starten');
    await rig.settle(60_000);
    const titles = (email: string) => rig.cardsTo(email).map((c) => cardTexts(c)[0]).sort();
    assert.deepEqual(titles(MARKUS), ['Status update: Bürger-App', 'Status update: Digitale Personalakte', 'Status update: Geodaten und 3D-Stadtmodell']);
    assert.deepEqual(titles(ANNA).slice(0, 1), ['Statusmeldung: E-Akte (digitale Verwaltungsakte)']);
    assert.ok(rig.cardsTo(daniel).length > 0 && rig.cardsTo(daniel).every((c) => cardTexts(c)[0]!.startsWith('Statusmeldung: ')), 'the default for who never wrote');

    // Markus reports on one project by command, in English: the round's card in his chat becomes the summary.
    const form = cardOf(await say('update Bürger-App', MARKUS, 'en-US'));
    const { status, body } = await rig.bot.post(rig.bot.teams.adaptiveCardAction('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS }, { user: rig.member(MARKUS), locale: 'en-US' }));
    assert.equal(status, 200);
    assert.equal(cardTexts((body as any).value)[0], 'Status reported: Bürger-App');
    await rig.settle(60_000);
    const prompt = rig.sentTo(MARKUS).find((c) => cardTexts(cardOf(c.body) ?? { body: [] })[0] === 'Status update: Bürger-App')!;
    const replaced = rig.updates().filter((u) => u.activityId === prompt.assignedId);
    assert.deepEqual(replaced.map((u) => cardTexts(cardOf(u.body))[0]), ['Status reported: Bürger-App']);

    await rig.until('2026-12-02T08:01:00.000Z');
    const reminder = rig.sentTo(MARKUS).filter((c) => !cardOf(c.body)).map((c) => c.body.text as string);
    assert.equal(reminder.length, 1);
    assert.match(reminder[0]!, /^Reminder: your status updates for 2 projects are still missing in the current check-in round \(closes Mon 7 Dec 2026, 17:00\)/);

    await rig.until('2026-12-07T16:01:00.000Z');
    const digestTitle = (email: string) => rig.cardsTo(email).map((c) => cardTexts(c)[0]).filter((t) => t === 'Check-in round summary' || t === 'Zusammenfassung der Check-in-Runde');
    assert.deepEqual(digestTitle(overbeck), ['Check-in round summary']);
    assert.deepEqual(digestTitle(COORDINATOR), ['Zusammenfassung der Check-in-Runde']);
    assert.deepEqual(rig.channelPosts().map((p) => cardTexts(cardOf(p.body.activity))[0]), ['Zusammenfassung der Check-in-Runde']);
  });

  describe('the schedule: every second Monday at 09:00 Europe/Berlin', () => {
    // The defaults, as a deployment without any CHECKIN_* variable has them.
    const SCHEDULED = { CHECKIN_SCHEDULE: '', CHECKIN_EVERY_WEEKS: '', CHECKIN_ANCHOR_DATE: '' };
    /** The rounds started so far by the schedule, by start time. */
    async function scheduledStarts(): Promise<string[]> {
      const runs = await rig.bot.app.storage.jobs.listRuns('checkin.schedule', 20);
      assert.ok(runs.every((r) => r.status === 'succeeded'), JSON.stringify(runs));
      return rig.bot.logs.lines.filter((l) => l.msg === 'scheduled check-in round started').map((l) => String(l.occurrence));
    }
    const occurrences = async () => (await rig.bot.app.storage.jobs.listRuns('checkin.schedule', 20)).map((r) => r.occurrence).reverse();

    it('sends the cards of a scheduled round to the owners, to the deputy of an owner who is away, none for done projects', async () => {
      // Friday 4 December 2026; Monday 7 December is in a round week (ISO week 50).
      rig = await CheckinRig.start('2026-12-04T08:00:00.000Z', SCHEDULED);
      await say('abwesend bis 09.12.2026', ANNA);
      await rig.until('2026-12-07T08:01:00.000Z');
      const round = await currentRound();
      assert.deepEqual([round.startedAt.toISOString(), round.startedBy], ['2026-12-07T08:00:00.000Z', { kind: 'schedule' }]);
      const asked = (await checkinRepositories(rig.bot.app.storage.store).checkinRounds.prompts(round.id)).filter((p) => p.askedEmail !== '');
      assert.equal(asked.length, 18);
      for (const prompt of asked) assert.equal(promptCard(prompt.askedEmail, prompt.projectTitle).card.version, '1.5');
      // One card per prompt and nothing else in the chats of the people asked.
      assert.equal([...new Set(asked.map((p) => p.askedEmail))].reduce((n, email) => n + rig.cardsTo(email).length, 0), 18);
      assert.deepEqual(rig.cardsTo(ANNA), []);
      assert.deepEqual(rig.cardsTo(PETRA).map((c) => cardTexts(c)[0]), [`Statusmeldung: ${E_AKTE}`]);
      assert.equal(rig.cardsTo('lena.krueger@wfc-kreis-coesfeld.example').length, 2, 'her own project and, as deputy, the KI-Assistent');
    });

    it('starts rounds only in round weeks, at 09:00 local time before and after the change to summer time', async () => {
      // Friday 20 March 2026; clocks spring forward on Sunday 29 March.
      rig = await CheckinRig.start('2026-03-20T12:00:00.000Z', SCHEDULED, { people: false });
      await rig.until('2026-04-14T00:00:00.000Z');
      assert.deepEqual(await occurrences(), ['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z', '2026-04-13T07:00:00.000Z']);
      assert.deepEqual(await scheduledStarts(), ['2026-03-30T07:00:00.000Z', '2026-04-13T07:00:00.000Z']);
      const round = await currentRound();
      assert.deepEqual([round.startedAt.toISOString(), round.startedBy], ['2026-04-13T07:00:00.000Z', { kind: 'schedule' }]);
    });

    it('keeps 09:00 local time across the change to winter time', async () => {
      // Saturday 10 October 2026; clocks fall back on Sunday 25 October.
      rig = await CheckinRig.start('2026-10-10T12:00:00.000Z', SCHEDULED, { people: false });
      await rig.until('2026-10-27T00:00:00.000Z');
      assert.deepEqual(await occurrences(), ['2026-10-12T07:00:00.000Z', '2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
      assert.deepEqual(await scheduledStarts(), ['2026-10-12T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
    });
  });
});
