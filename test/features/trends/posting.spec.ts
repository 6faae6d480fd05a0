import assert from 'node:assert/strict';
import { cardActions, cardReadout } from '../../support/cards';
import { ANNA, COORDINATOR, LENA, PETRA, startTrendRig, type TrendRig } from '../../support/trend-rig';

const LINE = 'Trend: https://example.org/ki-in-der-verwaltung KI-Assistenten in Bürgerbüros – erste Erfahrungen aus Kreis X #KI #Bürgerservice';
const TITLE = 'KI-Assistenten in Bürgerbüros – erste Erfahrungen aus Kreis X';

describe('trend notes: posting', function () {
  this.timeout(60_000);
  let rig: TrendRig;

  afterEach(async () => {
    await rig?.close();
  });

  it("posts a scout's one-line trend to the home channel as a card with title, link, tags, field, scout and the projects it concerns", async () => {
    rig = await startTrendRig();
    const reply = await rig.sayInChannel(LENA, LINE);
    assert.equal(reply.text, `Danke! Ihr Trend „${TITLE}“ wird im Kanal gepostet. Den Link zum Beitrag schicke ich Ihnen, sobald er dort steht. Er betrifft: KI-Assistent für Bürgeranfragen.`);
    await rig.settle();

    const [card, ...more] = rig.channelCards();
    assert.equal(more.length, 0);
    assert.equal(card.version, '1.5');
    assert.deepEqual(cardReadout(card), [
      'Trend-Notiz',
      TITLE,
      'Schlagworte: #KI #Bürgerservice',
      'Handlungsfeld: Bürgerservice',
      'Von: Lena Krüger, 30.11.2026',
      'Betrifft: KI-Assistent für Bürgeranfragen (Anna Schulte)',
      'Noch niemand hat das als relevant markiert.',
    ]);
    const note = await rig.onlyNote();
    assert.deepEqual(
      cardActions(card).map((a) => [a.type, a.title, a.url ?? a.verb, a.data]),
      [
        ['Action.OpenUrl', 'Öffnen', 'https://example.org/ki-in-der-verwaltung', undefined],
        ['Action.Execute', 'Relevant für uns', 'trend.relevant', { trendId: note.id, view: 'channel' }],
      ],
    );
    assert.deepEqual(
      [note.title, note.link, note.summary, note.tags, note.field, note.scoutEmail, note.source, note.projects],
      [TITLE, 'https://example.org/ki-in-der-verwaltung', '', ['KI', 'Bürgerservice'], 'Bürgerservice', LENA, 'line', [{ id: 'ki-assistent', title: 'KI-Assistent für Bürgeranfragen' }]],
    );
  });

  it('sends the scout the link to the post once it is in the channel', async () => {
    rig = await startTrendRig();
    await rig.sayInChannel(LENA, LINE);
    await rig.settle();
    const note = await rig.onlyNote();
    const postId = await rig.postIdOf(note);
    const texts = rig.base.sentTo(LENA).map((c) => c.body.text);
    assert.deepEqual(texts, [`Ihr Trend „${TITLE}“ steht jetzt im Kanal: https://teams.microsoft.com/l/message/19%3Ateam-ag-digital%40thread.tacv2/${postId}?parentMessageId=${postId}`]);
    assert.equal((await rig.onlyNote()).postId, postId);
  });

  it('splits a longer line into the title (first sentence) and the summary', async () => {
    rig = await startTrendRig();
    await rig.say(LENA, 'Trend: Der Kreis Borken testet die E-Akte in der Cloud. Erste Erfahrungen nach drei Monaten sind positiv, die Scan-Quote liegt bei 90 %. https://example.org/borken #E-Akte');
    const note = await rig.onlyNote();
    assert.deepEqual(
      [note.title, note.summary, note.link, note.tags, note.projects.map((p) => p.id)],
      ['Der Kreis Borken testet die E-Akte in der Cloud.', 'Erste Erfahrungen nach drei Monaten sind positiv, die Scan-Quote liegt bei 90 %.', 'https://example.org/borken', ['E-Akte'], ['e-akte', 'kommunale-cloud']],
    );
  });

  it('sends the note once, 1:1, to the owner of a concerned project, with „Nicht relevant“', async () => {
    rig = await startTrendRig();
    await rig.sayInChannel(LENA, LINE);
    await rig.settle();
    const cards = rig.base.cardsTo(ANNA);
    assert.equal(cards.length, 1);
    assert.deepEqual(cardReadout(cards[0]).slice(0, 3), ['Trend-Notiz für Ihr Projekt', TITLE, 'Dieser Trend betrifft KI-Assistent für Bürgeranfragen.']);
    assert.deepEqual(
      cardActions(cards[0]).map((a) => a.title),
      ['Öffnen', 'Relevant für uns', 'Nicht relevant'],
    );
    // A new message is a new note; Teams sending that message again (same activity id) posts nothing twice.
    const repeated = rig.bot.teams.channelMessage(LINE, { user: rig.base.member(LENA) });
    await rig.bot.post(repeated);
    await rig.bot.post(repeated);
    await rig.settle();
    assert.equal((await rig.stored()).length, 2);
    assert.equal(rig.base.cardsTo(ANNA).length, 2);
  });

  it("refuses a member's trend line, says who can post and posts nothing", async () => {
    rig = await startTrendRig();
    const reply = await rig.sayInChannel(PETRA, LINE);
    assert.equal(reply.text, 'Trends posten können die Trend-Beobachter (Lena Krüger) und die Koordination (Martina Becker, Thomas Overbeck). Ihr Text wurde nicht gepostet.');
    await rig.settle();
    assert.deepEqual(rig.channelCards(), []);
    assert.deepEqual(await rig.stored(), []);
  });

  it('lets a coordinator post too', async () => {
    rig = await startTrendRig();
    const reply = await rig.say(COORDINATOR, 'Trend: https://example.org/ozg OZG-Änderungsgesetz verabschiedet');
    assert.equal(
      reply.text,
      'Danke! Ihr Trend „OZG-Änderungsgesetz verabschiedet“ wird im Kanal gepostet. Den Link zum Beitrag schicke ich Ihnen, sobald er dort steht. Er betrifft: OZG-Umsetzung: Online-Dienste.',
    );
    await rig.settle();
    assert.equal(rig.channelCards().length, 1);
  });

  const refused: [string, string, string][] = [
    ['a link that is not http(s)', 'Trend: ftp://example.org/datei KI im Bürgerbüro', 'Der Link muss eine Webadresse sein, die mit http:// oder https:// beginnt.'],
    ['neither link nor title', 'Trend: #KI #Bürgerservice', 'Bitte geben Sie einen Link oder einen Titel an.'],
    ['more than ten tags', 'Trend: https://example.org Viele Schlagworte #a1 #a2 #a3 #a4 #a5 #a6 #a7 #a8 #a9 #a10 #a11', 'Höchstens 10 Schlagworte, nicht 11.'],
    ['a summary over 1,000 characters', `Trend: https://example.org Titel. ${'Sehr lang. '.repeat(100)}`, 'Die Zusammenfassung ist zu lang: 1099 Zeichen, erlaubt sind 1000.'],
  ];
  for (const [what, line, error] of refused) {
    it(`refuses a line with ${what}, says why, and stores and posts nothing`, async () => {
      rig = await startTrendRig();
      const reply = await rig.say(LENA, line);
      assert.equal(
        reply.text,
        `Der Trend wurde nicht gepostet: ${error} So geht es: „Trend: https://beispiel.de/artikel Titel. Zusammenfassung #KI #Bürgerservice“ – oder „Trend melden“ für das Formular.`,
      );
      await rig.settle();
      assert.deepEqual(await rig.stored(), []);
      assert.deepEqual(rig.channelCards(), []);
    });
  }

  it('answers in English to a scout whose Teams is English', async () => {
    rig = await startTrendRig();
    const reply = await rig.say(PETRA, LINE, 'en-US');
    assert.equal(reply.text, 'Trends can be posted by the trend scouts (Lena Krüger) and the coordinators (Martina Becker, Thomas Overbeck). Your text was not posted.');
  });

  it('keeps a note until a coordinator sets the home channel, then posts it', async () => {
    rig = await startTrendRig({}, { homeChannel: false });
    const reply = await rig.say(LENA, LINE);
    assert.equal(
      reply.text,
      `Danke! Ihr Trend „${TITLE}“ ist gespeichert. Für die AG ist noch kein Kanal festgelegt: Sobald die Koordination dort „@Kümmerer hier posten“ schreibt, poste ich ihn. Er betrifft: KI-Assistent für Bürgeranfragen.`,
    );
    await rig.settle();
    assert.deepEqual(rig.channelCards(), []);
    assert.deepEqual(rig.base.cardsTo(ANNA), []);
    await rig.setHomeChannel();
    await rig.settle();
    assert.deepEqual(
      rig.channelCards().map((c) => cardReadout(c)[1]),
      [TITLE],
    );
    assert.equal(rig.base.cardsTo(ANNA).length, 1);
  });
});
