import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';
import { TABLES } from '../../../src/platform/storage/table-store';
import { cardActions, cardOf, cardReadout } from '../../support/cards';
import { TempDirs } from '../../support/temp-dirs';
import { startTestBot, STRANGER, type TestBot } from '../../support/test-bot';

/** The questions Ask suggests over the sample data when it cannot answer: built from the directory, one per kind. */
const EXAMPLES = [
  'Wer kümmert sich um das Projekt „Bürger-App“?',
  'Wer ist der CDO von Ascheberg?',
  'Welche Projekte hat Ascheberg?',
  'Welche Projekte gehören zum Handlungsfeld Bildung?',
  'Welche Projekte sind in der Phase „Idee“?',
];

describe('ask through the bot', () => {
  const temp = new TempDirs();
  after(() => temp.removeAll());
  let bot: TestBot;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-03-02T09:00:00Z');
    bot = await startTestBot({}, { now: () => clock });
  });
  afterEach(async () => {
    await bot.close();
  });

  async function ask(text: string, options: { locale?: string; channel?: boolean } = {}) {
    bot.connector.clear();
    const activity = options.channel ? bot.teams.channelMessage(text, { locale: options.locale }) : bot.teams.personalMessage(text, { locale: options.locale });
    await bot.post(activity);
    const [reply] = await bot.connector.waitForActivities(1);
    return reply!;
  }

  it('answers who takes care of a project with owner and deputy, their municipality, role, e-mail, chat and mail links', async () => {
    const reply = await ask('Wer ist für die Bürger-App zuständig?');
    const card = cardOf(reply.body);
    assert.equal(card.version, '1.5');
    assert.deepEqual(cardReadout(card), [
      'Verantwortlich für Bürger-App',
      'Federführung: Coesfeld · Phase: Umsetzung',
      'Verantwortlich',
      'Markus Terhorst',
      'Coesfeld · CDO · markus.terhorst@coesfeld.example',
      'Vertretung',
      'Katharina Vogt',
      'Billerbeck · CDO · katharina.vogt@billerbeck.example',
    ]);
    assert.deepEqual(
      cardActions(card).map((a) => [a.title, a.url]),
      [
        ['Chat', 'https://teams.microsoft.com/l/chat/0/0?users=markus.terhorst%40coesfeld.example'],
        ['E-Mail', 'mailto:markus.terhorst@coesfeld.example'],
        ['Chat', 'https://teams.microsoft.com/l/chat/0/0?users=katharina.vogt%40billerbeck.example'],
        ['E-Mail', 'mailto:katharina.vogt@billerbeck.example'],
      ],
    );
    assert.equal(
      card.fallbackText,
      'Verantwortlich für Bürger-App\nFederführung: Coesfeld · Phase: Umsetzung\nVerantwortlich: Markus Terhorst (Coesfeld · CDO · markus.terhorst@coesfeld.example)\nVertretung: Katharina Vogt (Billerbeck · CDO · katharina.vogt@billerbeck.example)',
    );
    assert.equal(reply.body.summary, card.fallbackText);
  });

  it('answers in English when asked in English in a channel, replying in the channel', async () => {
    const reply = await ask('who is responsible for the citizen app?', { locale: 'en-US', channel: true });
    assert.equal(reply.conversationId, '19:team-ag-digital@thread.tacv2');
    assert.deepEqual(cardReadout(cardOf(reply.body)).slice(0, 4), ['Owner of Bürger-App', 'Lead: Coesfeld · phase: Implementation', 'Owner', 'Markus Terhorst']);
  });

  it('says that nobody has taken on a project without an owner', async () => {
    const reply = await ask('Wer kümmert sich um den Online-Marktplatz?');
    assert.deepEqual(cardReadout(cardOf(reply.body)), [
      'Verantwortlich für Lokaler Online-Marktplatz für den Einzelhandel',
      'Federführung: Billerbeck · Phase: Idee',
      'Für „Lokaler Online-Marktplatz für den Einzelhandel“ hat noch niemand die Verantwortung übernommen.',
    ]);
  });

  it('lists the projects of a municipality with the ones it leads marked', async () => {
    const reply = await ask('Welche Projekte hat Olfen?');
    const texts = cardReadout(cardOf(reply.body));
    assert.equal(texts[0], 'Projekte von Olfen');
    assert.deepEqual(texts.slice(1, 3), ['LoRaWAN-Netz und Smart-City-Sensorik – Federführung', 'Umsetzung · Federführung: Olfen · Verantwortlich: Daniel Schröder']);
    assert.ok(texts.includes('Digitales Ratsinformationssystem – beteiligt'));
  });

  it('shows the first 10 of a longer list and the total', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `test-${i + 10},Testvorhaben ${i + 10},,Testfeld,Olfen,,,,idea,`);
    const file = temp.fileWith('projects.csv', `id,title,aliases,field,lead,participants,owner,deputy,phase,summary\n${rows.join('\n')}\n`);
    assert.equal(await runCli(['import', 'projects', file], { TABLES_CONNECTION_STRING: bot.config.tablesConnectionString, TABLE_PREFIX: bot.config.tablePrefix }, { out: () => undefined, err: () => undefined }), 0);
    clock = new Date(clock.getTime() + 60_000);
    const texts = cardReadout(cardOf((await ask('Welche Projekte gehören zum Handlungsfeld Testfeld?')).body));
    assert.equal(texts[0], 'Projekte im Handlungsfeld „Testfeld“');
    assert.equal(texts.filter((t) => t.startsWith('Testvorhaben')).length, 10);
    assert.equal(texts[texts.length - 1], '10 von 12 angezeigt.');
  });

  it('lists at most 10 people and says how many there are', async () => {
    const texts = cardReadout(cardOf((await ask('Wer sind die CDOs?')).body));
    assert.equal(texts[0], 'Digitalisierungsverantwortliche (CDOs) der Kommunen');
    assert.deepEqual(texts.slice(1, 3), ['Stefan Brüggemann', 'Ascheberg · CDO · s.brueggemann@ascheberg.example']);
    assert.equal(texts.filter((t) => t.includes(' · CDO · ')).length, 10);
    assert.equal(texts[texts.length - 1], '10 von 11 angezeigt.');
  });

  it('offers the candidates as buttons when a name fits several, and a click answers for the chosen one in place', async () => {
    const ambiguous = await ask('Wer ist für die Personalakte oder die Bauakte zuständig?');
    const card = cardOf(ambiguous.body);
    assert.equal(cardReadout(card)[0], 'Welche meinen Sie?');
    const buttons = cardActions(card);
    assert.deepEqual(
      buttons.map((b) => [b.type, b.title, b.verb, b.data]),
      [
        ['Action.Execute', 'Digitale Personalakte', 'ask.choose', { intent: 'owner', kind: 'project', id: 'digitale-personalakte' }],
        ['Action.Execute', 'Digitale Bauakte', 'ask.choose', { intent: 'owner', kind: 'project', id: 'digitale-bauakte' }],
      ],
    );
    const { status, body } = await bot.post(bot.teams.adaptiveCardAction('ask.choose', buttons[1].data, { replyToId: ambiguous.assignedId }));
    assert.equal(status, 200);
    const answer = body as { statusCode: number; type: string; value: unknown };
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(cardReadout(answer.value).slice(0, 4), ['Verantwortlich für Digitale Bauakte', 'Federführung: Senden · Phase: Planung', 'Verantwortlich', 'Michael Könning']);
  });

  it('answers a choice sent by an older client as Action.Submit, in place of the card clicked', async () => {
    await bot.post(bot.teams.submitAction({ verb: 'ask.choose', intent: 'municipalityContact', kind: 'municipality', id: 'Olfen' }, { replyToId: 'choice-card-1' }));
    const [update] = bot.connector.calls.filter((c) => c.kind === 'update');
    assert.equal(update!.activityId, 'choice-card-1');
    assert.deepEqual(cardReadout(cardOf(update!.body)).slice(0, 2), ['Ansprechpersonen für Digitalisierung in Olfen', 'Daniel Schröder']);
  });

  it('refuses a choice with tampered data with a clear message', async () => {
    const { body } = await bot.post(bot.teams.adaptiveCardAction('ask.choose', { intent: 'dropTables', kind: 'project', id: 'e-akte' }));
    assert.deepEqual(body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Diese Auswahl kann ich nicht mehr zuordnen. Bitte stellen Sie die Frage noch einmal.' });
  });

  it('says it does not know an unknown project, names no person and suggests questions from the data', async () => {
    const reply = await ask('Wer ist für das Projekt Wasserstoff zuständig?');
    const card = cardOf(reply.body);
    assert.deepEqual(cardReadout(card), [
      'Das Projekt „Wasserstoff“ kenne ich nicht.',
      'So können Sie mich zum Beispiel fragen:',
      ...EXAMPLES,
    ]);
    // Each example a tap target that sends the question into the chat (wrapped text: questions are longer than a
    // phone's button).
    assert.deepEqual(
      cardActions(card).map((a) => [a.type, a.title, a.data]),
      EXAMPLES.map((question) => ['Action.Submit', question, { msteams: { type: 'imBack', value: question } }]),
    );
    // Each of them is answered.
    const answers: string[] = [];
    for (const question of EXAMPLES) answers.push(cardReadout(cardOf((await ask(question)).body))[0]!);
    assert.deepEqual(answers, ['Verantwortlich für Bürger-App', 'Ansprechpersonen für Digitalisierung in Ascheberg', 'Projekte von Ascheberg', 'Projekte im Handlungsfeld „Bildung“', 'Projekte in der Phase „Idee“']);
  });

  it('keeps the not-understood answer for text that is not about the directory', async () => {
    const reply = await ask('Wie wird das Wetter morgen?');
    assert.equal(reply.body.text, 'Das habe ich leider nicht verstanden. Schreiben Sie „hilfe“, dann zeige ich Ihnen, was ich kann.');
  });

  it('sees an import made on the same tables after the check interval (5 s by default), without a restart', async () => {
    const before = await ask('Wer ist der CDO von Olfen?');
    assert.equal(cardReadout(cardOf(before.body))[1], 'Daniel Schröder');
    const file = temp.fileWith('people.csv', 'email,name,roles,municipality,aad_object_id\nneu.cdo@olfen.example,Nora Neumann,cdo,Olfen,\ndaniel.schroeder@olfen.example,Daniel Schröder,member,Olfen,\n');
    assert.equal(await runCli(['import', 'people', file], { TABLES_CONNECTION_STRING: bot.config.tablesConnectionString, TABLE_PREFIX: bot.config.tablePrefix }, { out: () => undefined, err: () => undefined }), 0);

    clock = new Date(clock.getTime() + 4_999);
    assert.equal(cardReadout(cardOf((await ask('Wer ist der CDO von Olfen?')).body))[1], 'Daniel Schröder', 'within the interval the index is not checked');
    clock = new Date(clock.getTime() + 1);
    assert.equal(cardReadout(cardOf((await ask('Wer ist der CDO von Olfen?')).body))[1], 'Nora Neumann');
  });

  describe('a conversation, not a lookup', () => {
    async function say(text: string, options: { locale?: string; channel?: boolean; user?: typeof STRANGER } = {}) {
      bot.connector.clear();
      const activity = options.channel ? bot.teams.channelMessage(text, { locale: options.locale, reply: true, user: options.user }) : bot.teams.personalMessage(text, { locale: options.locale });
      await bot.post(activity);
      const [reply] = await bot.connector.waitForActivities(1);
      return reply!.body;
    }

    it('reads „und die Vertretung?“ against the project asked about before', async () => {
      await say('Wer kümmert sich um LoRaWAN?');
      assert.deepEqual(cardReadout(cardOf(await say('und die Vertretung?'))).slice(0, 4), ['Vertretung für LoRaWAN-Netz und Smart-City-Sensorik', 'Federführung: Olfen · Phase: Umsetzung', 'Vertretung', 'Tobias Wessels']);
    });

    it('shares the conversation with another instance of the bot on the same tables', async () => {
      await say('Welche Projekte hat Olfen?');
      const other = await startTestBot({ TABLE_PREFIX: bot.config.tablePrefix }, { connector: bot.connector, now: () => clock });
      try {
        bot.connector.clear();
        await other.post(bot.teams.personalMessage('und Senden?'));
        const [reply] = await bot.connector.waitForActivities(1);
        assert.equal(cardReadout(cardOf(reply!.body))[0], 'Projekte von Senden');
      } finally {
        await other.close();
      }
    });

    it('forgets the last question after ASK_CONTEXT_MINUTES (10 by default)', async () => {
      await say('Wer kümmert sich um LoRaWAN?');
      clock = new Date(clock.getTime() + 10 * 60_000);
      assert.equal(cardReadout(cardOf(await say('und die Vertretung?')))[0], 'Ich habe nicht erkannt, welches Projekt Sie meinen.');
    });

    it('keeps one context per person and thread in a channel', async () => {
      await say('Wer ist der CDO von Olfen?', { channel: true });
      await say('Wer ist der CDO von Senden?', { channel: true, user: STRANGER });
      assert.deepEqual(cardReadout(cardOf(await say('Wie erreiche ich ihn?', { channel: true }))).slice(0, 2), ['Daniel Schröder', 'Olfen · CDO · daniel.schroeder@olfen.example']);
    });

    it('still answers when the question cannot be kept for follow-ups, and logs why', async () => {
      await bot.app.storage.store.table(TABLES.botState).deleteTable();
      assert.equal(cardReadout(cardOf(await say('Wer kümmert sich um LoRaWAN?')))[0], 'Verantwortlich für LoRaWAN-Netz und Smart-City-Sensorik');
      assert.equal(bot.logs.find('the question could not be kept for follow-ups').length, 1);
    });

    it('keeps a question answered through a choice card for follow-ups', async () => {
      await bot.post(bot.teams.adaptiveCardAction('ask.choose', { intent: 'owner', kind: 'project', id: 'digitale-bauakte' }));
      assert.equal(cardReadout(cardOf(await say('und die Vertretung?')))[0], 'Vertretung für Digitale Bauakte');
    });

    it('lists the projects of a municipality in a phase, saying both in the title', async () => {
      const texts = cardReadout(cardOf(await say('Welche Projekte in Coesfeld sind pausiert?')));
      assert.deepEqual(texts, ['Projekte von Coesfeld in der Phase „Pausiert“', 'Digitale Personalakte – Federführung', 'Pausiert · Federführung: Coesfeld · Verantwortlich: Markus Terhorst']);
    });

    it('answers how many with the number first, then the list', async () => {
      const texts = cardReadout(cardOf(await say('Wie viele Projekte leitet Dülmen?')));
      assert.deepEqual(texts, [
        '2 Projekte unter Federführung von Dülmen',
        'E-Akte (digitale Verwaltungsakte) – Federführung',
        'Umsetzung · Federführung: Dülmen · Verantwortlich: Anna Schulte',
        'KI-Assistent für Bürgeranfragen – Federführung',
        'Idee · Federführung: Dülmen · Verantwortlich: Anna Schulte',
      ]);
    });

    it('lists what two municipalities share', async () => {
      const texts = cardReadout(cardOf(await say('Welche Projekte haben Olfen und Senden gemeinsam?')));
      assert.deepEqual(texts.filter((_, i) => i % 2 === 1), [
        'Gemeinsames Rechenzentrum / Kommunale Cloud',
        'Kommunale Wärmeplanung digital',
        'LoRaWAN-Netz und Smart-City-Sensorik',
        'Online-Terminvergabe',
        'OZG-Umsetzung: Online-Dienste',
      ]);
      assert.equal(texts[0], 'Gemeinsame Projekte von Olfen und Senden');
    });

    it('lists the projects nobody has taken on', async () => {
      assert.deepEqual(cardReadout(cardOf(await say('Welche Projekte haben keinen Kümmerer?'))), [
        'Projekte ohne verantwortliche Person',
        'Lokaler Online-Marktplatz für den Einzelhandel',
        'Idee · Federführung: Billerbeck · noch niemand verantwortlich',
      ]);
    });

    it('names the trend scouts', async () => {
      assert.deepEqual(cardReadout(cardOf(await say('Wer ist Trendscout?'))), ['Trendscouts der AG', 'Lena Krüger', 'Kreis Coesfeld · Trendscout · lena.krueger@wfc-kreis-coesfeld.example']);
    });

    it('says which roles it knows for one it does not, names nobody and offers the municipality\'s CDO', async () => {
      const card = cardOf(await say('Wer ist der Bürgermeister von Olfen?'));
      assert.deepEqual(cardReadout(card), [
        'Wer „Bürgermeister“ ist, kann ich Ihnen nicht sagen: Diese Rolle führt das Verzeichnis der AG nicht.',
        'Im Verzeichnis stehen diese Rollen: CDO.',
        'Fragen Sie zum Beispiel:',
        'Wer sind die CDOs?',
      ]);
      assert.deepEqual(
        cardActions(card).map((a) => [a.title, a.data]),
        [
          ['CDO von Olfen', { intent: 'municipalityContact', kind: 'municipality', id: 'Olfen' }],
          ['Wer sind die CDOs?', { msteams: { type: 'imBack', value: 'Wer sind die CDOs?' } }],
        ],
      );
    });

    it('answers a German question in German although the Teams client is English', async () => {
      assert.equal(cardReadout(cardOf(await say('Wer kümmert sich um die E-Akte?', { locale: 'en-US' })))[0], 'Verantwortlich für E-Akte (digitale Verwaltungsakte)');
    });

    it('answers an English question in English although the Teams client is German', async () => {
      assert.equal(cardReadout(cardOf(await say('Who owns the E-Akte?')))[0], 'Owner of E-Akte (digitale Verwaltungsakte)');
    });

    it('adds questions built from the data to "not understood"', async () => {
      const reply = await say('Wie wird das Wetter morgen?');
      assert.equal(reply.text, 'Das habe ich leider nicht verstanden. Schreiben Sie „hilfe“, dann zeige ich Ihnen, was ich kann.');
      assert.deepEqual(cardReadout(cardOf(reply)), ['Fragen Sie mich zum Beispiel:', ...EXAMPLES]);
      assert.deepEqual(
        cardActions(cardOf(reply)).map((a) => a.data.msteams.value),
        EXAMPLES,
      );
    });
  });
});
