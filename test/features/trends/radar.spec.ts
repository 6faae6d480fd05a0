// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardActions, cardReadout } from '../../support/cards';
import { runCliRecorded } from '../../support/cli-output';
import { atom, FeedServer, jsonFeed, rss, xmlBomb, type TestItem } from '../../support/feed-server';
import { LENA, PETRA, startTrendRig, type TrendRig } from '../../support/trend-rig';

const HOUR = 3_600_000;
const CHATBOT: TestItem = { id: 'a-1', title: 'Landkreis testet KI-Chatbot im Bürgerservice', link: 'https://example.org/a-1', summary: 'Ein Chatbot beantwortet Fragen rund um die Uhr.', date: '2026-11-29T10:00:00Z' };
const BIKES: TestItem = { id: 'a-2', title: 'Neues Förderprogramm für Radwege', link: 'https://example.org/a-2', summary: 'Radwege werden gefördert.', date: '2026-11-28T10:00:00Z' };
const FILES: TestItem = { id: 'a-3', title: 'Landratsamt führt die E-Akte ein', link: 'https://example.org/a-3', summary: 'Alle Ämter arbeiten papierlos.', date: '2026-11-30T09:30:00Z' };

describe('trend radar: feeds checked on a schedule, digests to the scouts', function () {
  this.timeout(90_000);
  let rig: TrendRig;
  let server: FeedServer;

  beforeEach(async () => {
    server = await FeedServer.start();
    rig = await startTrendRig({ FEEDS_ALLOW_PRIVATE: 'true' });
  });

  afterEach(async () => {
    await rig?.close();
    await server?.close();
  });

  /** `npm run cli -- feeds …` on the bot's tables. */
  const cli = (...argv: string[]) => runCliRecorded(['feeds', ...argv], { TABLES_CONNECTION_STRING: rig.bot.config.tablesConnectionString, TABLE_PREFIX: rig.bot.config.tablePrefix, FEEDS_ALLOW_PRIVATE: 'true' });

  /** The digest cards the scout got, in order. */
  const digests = () => rig.base.cardsTo(LENA).filter((card: any) => cardReadout(card)[0]!.startsWith('Neu auf dem Radar'));
  /** The titles of the entries of a digest card. */
  const entryTitles = (card: any) => cardReadout(card).filter((line) => [CHATBOT, BIKES, FILES].some((i) => i.title === line));

  async function addFeed(items: TestItem[], etag = 'v1'): Promise<void> {
    const added = await cli('add', server.serve('/feed', { body: rss('Digitale Verwaltung aktuell', items), etag }), '--keywords', 'KI', '--tags', 'Radar');
    assert.equal(added.code, 0, added.stderr.join('\n'));
  }

  it('offers the matching entries of a new feed to the scout in one digest, with why they match', async () => {
    await addFeed([CHATBOT, BIKES]);
    await rig.settle(HOUR);
    const [digest, ...more] = digests();
    assert.equal(more.length, 0);
    assert.deepEqual(cardReadout(digest), [
      'Neu auf dem Radar: 1 Treffer',
      'Aus den beobachteten Feeds, passend zu Projekten, Handlungsfeldern oder Stichworten. „Teilen“ postet den Eintrag als Trend in Ihrem Namen.',
      CHATBOT.title,
      'Digitale Verwaltung aktuell · 29.11.2026',
      'Passt zu: Projekt KI-Assistent für Bürgeranfragen, Handlungsfeld Bürgerservice, Stichwort KI',
    ]);
    assert.deepEqual(
      cardActions(digest).map((a) => a.title),
      ['Öffnen', 'Teilen', 'Ignorieren'],
    );
    assert.deepEqual(rig.base.cardsTo(PETRA), [], 'only scouts get the digest');
  });

  it('offers each entry once, across a check answered 304 and a restart', async () => {
    await addFeed([CHATBOT, BIKES]);
    await rig.settle(HOUR);
    await rig.settle(HOUR);
    const requests = server.requestsFor('/feed');
    assert.equal(requests.at(-1)!.headers['if-none-match'], 'v1');
    assert.equal(requests.at(-1)!.status, 304);
    assert.equal(digests().length, 1);

    server.serve('/feed', { body: rss('Digitale Verwaltung aktuell', [FILES, CHATBOT, BIKES]), etag: 'v2' });
    await rig.base.restart();
    await rig.settle(HOUR);
    assert.deepEqual(
      digests().map(entryTitles),
      [[CHATBOT.title], [FILES.title]],
    );
    const listed = (await cli('list')).stdout;
    assert.match(listed[3]!, /^ {2}zuletzt abgerufen: .* · Status: in Ordnung · Einträge gesehen: 3$/);
  });

  it('marks a feed that fails with its error, keeps checking the others, and tries it again', async () => {
    await addFeed([CHATBOT]);
    const other = await cli('add', server.serve('/other', { body: rss('Zweiter Feed', [FILES]) }));
    assert.equal(other.code, 0);
    server.serve('/feed', { body: '<rss><channel><title>kaputt', etag: 'broken' });
    await rig.settle(HOUR);
    assert.deepEqual(digests().map(entryTitles), [[FILES.title]]);
    const listed = (await cli('list')).stdout;
    assert.match(listed[3]!, /Status: Fehler: not an RSS, Atom or JSON feed \(.*\) · Einträge gesehen: 0$/);

    server.serve('/feed', { body: rss('Digitale Verwaltung aktuell', [CHATBOT]), etag: 'fixed' });
    await rig.settle(HOUR);
    assert.equal(server.requestsFor('/feed').length, 3, 'the add, the check of the broken feed, the check after the repair');
    assert.deepEqual(digests().map(entryTitles), [[FILES.title], [CHATBOT.title]]);
  });

  it('reads Atom and JSON feeds as well, and asks with If-Modified-Since where the feed gives Last-Modified', async () => {
    const lastModified = 'Mon, 30 Nov 2026 07:00:00 GMT';
    assert.equal((await cli('add', server.serve('/atom', { body: atom('Atom-Radar', [CHATBOT]), contentType: 'application/atom+xml', lastModified }))).code, 0);
    assert.equal((await cli('add', server.serve('/json', { body: jsonFeed('JSON-Radar', [FILES]), contentType: 'application/feed+json' }))).code, 0);
    await rig.settle(HOUR);
    assert.deepEqual(digests().map(entryTitles), [[FILES.title, CHATBOT.title]]);
    await rig.settle(HOUR);
    const atomRequests = server.requestsFor('/atom');
    assert.deepEqual([atomRequests.at(-1)!.headers['if-modified-since'], atomRequests.at(-1)!.status], [lastModified, 304]);
    assert.equal(digests().length, 1);
  });

  it('records an XML bomb and an oversized feed as errors and goes on with the others', async () => {
    await addFeed([CHATBOT]);
    assert.equal((await cli('add', server.serve('/bomb', { body: rss('Bald eine Bombe', [BIKES]) }))).code, 0);
    assert.equal((await cli('add', server.serve('/huge', { body: rss('Bald zu groß', [BIKES]) }))).code, 0);
    server.serve('/bomb', { body: xmlBomb() });
    server.serve('/huge', { body: rss('Zu groß', [{ ...BIKES, summary: 'x'.repeat(6 * 1024 * 1024) }]) });
    await rig.settle(HOUR);
    assert.deepEqual(digests().map(entryTitles), [[CHATBOT.title]]);
    const listed = (await cli('list')).stdout.filter((line) => line.includes('Status'));
    assert.deepEqual(
      listed.map((line) => line.split(' · Status: ')[1]),
      ['in Ordnung · Einträge gesehen: 1', 'Fehler: the document declares XML entities, which are refused · Einträge gesehen: 0', 'Fehler: the answer is larger than 5242880 bytes · Einträge gesehen: 0'],
    );
  });

  it('posts an entry the scout shares as a trend note in the channel, in their name', async () => {
    await addFeed([CHATBOT]);
    await rig.settle(HOUR);
    const call = rig.base.sentTo(LENA).find((c) => c.body.attachments);
    const share = cardActions(digests()[0]).find((a) => a.verb === 'trend.share');
    const answer = await rig.click(LENA, 'trend.share', share.data, call!.assignedId);
    assert.deepEqual(cardReadout(answer).slice(2, 6), [CHATBOT.title, 'Digitale Verwaltung aktuell · 29.11.2026', 'Passt zu: Projekt KI-Assistent für Bürgeranfragen, Handlungsfeld Bürgerservice, Stichwort KI', 'Geteilt von Lena Krüger.']);
    assert.deepEqual(
      cardActions(answer).map((a) => a.title),
      ['Öffnen'],
    );
    await rig.settle();
    assert.deepEqual(cardReadout(rig.channelCards()[0]).slice(1, 6), [
      CHATBOT.title,
      'Ein Chatbot beantwortet Fragen rund um die Uhr.',
      'Schlagworte: #Radar #KI',
      'Handlungsfeld: Bürgerservice',
      'Von: Lena Krüger, 30.11.2026',
    ]);
    const note = await rig.onlyNote();
    assert.deepEqual([note.source, note.link, note.scoutEmail], ['feed', CHATBOT.link, LENA]);
    // A second click (or another scout) posts nothing twice.
    await rig.click(LENA, 'trend.share', share.data);
    await rig.settle();
    assert.equal(rig.channelCards().length, 1);
  });

  it('sets an entry aside on „Ignorieren“', async () => {
    await addFeed([CHATBOT]);
    await rig.settle(HOUR);
    const ignore = cardActions(digests()[0]).find((a) => a.verb === 'trend.ignore');
    const answer = await rig.click(LENA, 'trend.ignore', ignore.data);
    assert.equal(cardReadout(answer)[5], 'Ignoriert.');
    await rig.settle();
    assert.deepEqual(rig.channelCards(), []);
  });

  it('refuses a share by someone who may not post, and card data that names no entry', async () => {
    await addFeed([CHATBOT]);
    await rig.settle(HOUR);
    const share = cardActions(digests()[0]).find((a) => a.verb === 'trend.share');
    const refused = await rig.invokeActivity(rig.bot.teams.adaptiveCardAction('trend.share', share.data, { user: rig.base.member(PETRA) }));
    assert.equal(refused, 'Trends posten können die Trend-Beobachter (Lena Krüger) und die Koordination (Martina Becker, Thomas Overbeck). Ihr Text wurde nicht gepostet.');
    const unknown = await rig.invokeActivity(rig.bot.teams.adaptiveCardAction('trend.share', { ...share.data, entry: 'f'.repeat(32) }, { user: rig.base.member(LENA) }));
    assert.equal(unknown, 'Diesen Eintrag kenne ich nicht (mehr).');
    await rig.settle();
    assert.deepEqual(await rig.stored(), []);
  });
});

describe('trend radar: private addresses', function () {
  this.timeout(60_000);
  let rig: TrendRig;
  let server: FeedServer;

  beforeEach(async () => {
    server = await FeedServer.start();
  });

  afterEach(async () => {
    await rig?.close();
    await server?.close();
  });

  it('does not fetch a feed on a private address unless FEEDS_ALLOW_PRIVATE is set, and says why in the list', async () => {
    rig = await startTrendRig();
    const env = { TABLES_CONNECTION_STRING: rig.bot.config.tablesConnectionString, TABLE_PREFIX: rig.bot.config.tablePrefix };
    // Added while intranet feeds were allowed; the bot runs with the default.
    const url = server.serve('/feed', { body: rss('Intern', [CHATBOT]) });
    assert.equal((await runCliRecorded(['feeds', 'add', url], { ...env, FEEDS_ALLOW_PRIVATE: 'true' })).code, 0);
    await rig.settle(HOUR);
    assert.equal(server.requestsFor('/feed').length, 1, 'only the add asked');
    const listed = (await runCliRecorded(['feeds', 'list'], env)).stdout;
    assert.match(listed[3]!, /Status: Fehler: 127\.0\.0\.1 is not a public address · Einträge gesehen: 0$/);
    assert.deepEqual(rig.base.cardsTo(LENA), []);
  });

  it('takes the title of a link-only trend line from the page, only where it may ask', async () => {
    const page = server.serve('/artikel', { body: '<html><head><title>Smarte Parkplätze in Olfen &amp; Umgebung</title></head><body></body></html>', contentType: 'text/html' });
    rig = await startTrendRig();
    await rig.say(LENA, `Trend: ${page}`);
    assert.equal((await rig.onlyNote()).title, '127.0.0.1/artikel');
    assert.deepEqual(server.requests, [], 'a private address is not asked');
    await rig.close();

    rig = await startTrendRig({ FEEDS_ALLOW_PRIVATE: 'true' });
    const reply = await rig.say(LENA, `Trend: ${page}`);
    assert.equal(reply.text, 'Danke! Ihr Trend „Smarte Parkplätze in Olfen & Umgebung“ wird im Kanal gepostet. Den Link zum Beitrag schicke ich Ihnen, sobald er dort steht.');
  });
});
