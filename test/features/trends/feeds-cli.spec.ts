import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseOpml } from 'feedsmith';
import { runCliRecorded } from '../../support/cli-output';
import { atom, FeedServer, jsonFeed, rss, xmlBomb, type TestItem } from '../../support/feed-server';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { TempDirs } from '../../support/temp-dirs';

const ITEMS: TestItem[] = [
  { id: 'a-1', title: 'Landkreis testet KI-Chatbot im Bürgerservice', link: 'https://example.org/a-1', summary: 'Ein Chatbot beantwortet Fragen.', date: '2026-11-29T10:00:00Z' },
  { id: 'a-2', title: 'Neues Förderprogramm für Radwege', link: 'https://example.org/a-2', summary: 'Radwege werden gefördert.', date: '2026-11-28T10:00:00Z' },
];
const temp = new TempDirs();

describe('trend radar: feeds on the command line', function () {
  this.timeout(30_000);
  let server: FeedServer;
  let env: Record<string, string>;
  const run = (...argv: string[]) => runCliRecorded(['feeds', ...argv], env);

  beforeEach(async () => {
    server = await FeedServer.start();
    env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix(), FEEDS_ALLOW_PRIVATE: 'true' };
  });

  afterEach(async () => {
    await server.close();
  });

  after(() => temp.removeAll());

  it('adds an RSS, an Atom and a JSON feed and lists them with keywords, tags and status', async () => {
    const urls = [server.serve('/rss', { body: rss('Digitale Verwaltung aktuell', ITEMS) }), server.serve('/atom', { body: atom('Atom-Radar', ITEMS), contentType: 'application/atom+xml' }), server.serve('/json', { body: jsonFeed('JSON-Radar', ITEMS), contentType: 'application/feed+json' })];
    const added = await run('add', urls[0]!, '--keywords', 'KI, Chatbot', '--tags', 'KI');
    assert.equal(added.code, 0);
    assert.match(added.stdout[0]!, /^Feed [0-9a-f]{10} hinzugefügt: „Digitale Verwaltung aktuell“ mit 2 Einträgen\. Der laufende Bot prüft ihn alle 60 Minuten\.$/);
    assert.equal((await run('add', urls[1]!)).code, 0);
    assert.equal((await run('add', urls[2]!)).code, 0);
    const listed = await run('list');
    assert.equal(listed.code, 0);
    assert.equal(listed.stdout[0], '3 Feeds:');
    assert.deepEqual(listed.stdout.slice(1, 4).map((l) => l.replace(/^[0-9a-f]{10}/, 'ID')), [`ID  ${urls[0]}  „Digitale Verwaltung aktuell“`, '  Stichworte: KI, Chatbot · Schlagworte: KI', '  zuletzt abgerufen: noch nie · Status: neu, noch nicht geprüft · Einträge gesehen: 0']);
    assert.deepEqual(
      listed.stdout.filter((l) => /^[0-9a-f]{10} /.test(l)).map((l) => l.split('  ')[2]),
      ['„Digitale Verwaltung aktuell“', '„Atom-Radar“', '„JSON-Radar“'],
    );
  });

  it('says how many entries a feed has and how often it is checked, in the singular too', async () => {
    env.FEEDS_CHECK_MINUTES = '1';
    const added = await run('add', server.serve('/one', { body: rss('Eins', ITEMS.slice(0, 1)) }));
    assert.match(added.stdout[0]!, /^Feed [0-9a-f]{10} hinzugefügt: „Eins“ mit 1 Eintrag\. Der laufende Bot prüft ihn jede Minute\.$/);
  });

  it('refuses the same address twice', async () => {
    const url = server.serve('/rss', { body: rss('R', ITEMS) });
    await run('add', url);
    const again = await run('add', url);
    assert.equal(again.code, 1);
    assert.match(again.stderr[0]!, /^Den Feed http:\/\/127\.0\.0\.1:\d+\/rss gibt es schon \(ID [0-9a-f]{10}\)\.$/);
  });

  const refused: [string, () => string, RegExp][] = [
    ['a page that is not a feed', () => server.serve('/page', { body: '<html><head><title>Seite</title></head><body>Hallo</body></html>', contentType: 'text/html' }), /ist kein Feed \(RSS, Atom oder JSON Feed\): not an RSS, Atom or JSON feed \(Unrecognized feed format\)\. Nichts wurde gespeichert\.$/],
    ['a broken feed', () => server.serve('/broken', { body: '<rss version="2.0"><channel><title>Kaputt' }), /ist kein Feed \(RSS, Atom oder JSON Feed\)/],
    ['an XML bomb', () => server.serve('/bomb', { body: xmlBomb() }), /ist kein Feed \(RSS, Atom oder JSON Feed\): the document declares XML entities, which are refused\. Nichts wurde gespeichert\.$/],
    ['a feed over 5 MB', () => server.serve('/huge', { body: rss('Riesig', [{ ...ITEMS[0]!, summary: 'x'.repeat(5 * 1024 * 1024) }]) }), /ist nicht abrufbar: the answer is larger than 5242880 bytes\. Nichts wurde gespeichert\.$/],
    ['an address that answers 404', () => `${server.base}/missing`, /ist nicht abrufbar: HTTP 404\. Nichts wurde gespeichert\.$/],
  ];
  for (const [what, serve, message] of refused) {
    it(`refuses ${what} with a clear message and stores nothing`, async () => {
      const added = await run('add', serve());
      assert.equal(added.code, 1);
      assert.match(added.stderr[0]!, message);
      assert.deepEqual((await run('list')).stdout, ['Es werden noch keine Feeds beobachtet.']);
    });
  }

  it('refuses an address that is not http(s)', async () => {
    const added = await run('add', 'file:///etc/passwd');
    assert.deepEqual([added.code, added.stderr], [1, ['„file:///etc/passwd“ ist keine Webadresse mit http:// oder https://. Nichts wurde gespeichert.']]);
  });

  it('refuses a feed on a private address by default, without asking it', async () => {
    delete env.FEEDS_ALLOW_PRIVATE;
    const url = server.serve('/rss', { body: rss('Intern', ITEMS) });
    const added = await run('add', url);
    assert.equal(added.code, 1);
    assert.equal(added.stderr[0], `${url} zeigt nicht auf eine öffentliche Adresse (127.0.0.1 is not a public address). Feeds im eigenen Netz sind nur mit FEEDS_ALLOW_PRIVATE=true erlaubt. Nichts wurde gespeichert.`);
    const byName = await run('add', url.replace('127.0.0.1', 'localhost'));
    assert.match(byName.stderr[0]!, /localhost resolves to (127\.0\.0\.1|::1), which is not a public address/);
    assert.deepEqual(server.requests, []);
  });

  it('removes a feed by its id', async () => {
    await run('add', server.serve('/rss', { body: rss('R', ITEMS) }));
    const id = (await run('list')).stdout[1]!.slice(0, 10);
    assert.deepEqual(await run('remove', id), { code: 0, stdout: [`Feed ${id} entfernt.`], stderr: [] });
    assert.deepEqual((await run('remove', id)).stderr, [`Einen Feed mit der ID „${id}“ gibt es nicht (siehe „feeds list“).`]);
  });

  it('exports the feeds as OPML and imports them again unchanged', async () => {
    await run('add', server.serve('/rss', { body: rss('Digitale Verwaltung aktuell', ITEMS) }), '--keywords', 'KI,Chatbot', '--tags', 'KI,Verwaltung');
    await run('add', server.serve('/atom', { body: atom('Atom-Radar', ITEMS) }));
    const file = path.join(temp.make(), 'feeds.opml');
    assert.deepEqual(await run('export', file), { code: 0, stdout: [`2 Feeds nach ${file} exportiert.`], stderr: [] });
    const opml = parseOpml(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(
      opml.body?.outlines?.map((o) => [o.text, o.type, o.xmlUrl, o.category]),
      [
        ['Digitale Verwaltung aktuell', 'rss', `${server.base}/rss`, 'KI,Verwaltung'],
        ['Atom-Radar', 'rss', `${server.base}/atom`, undefined],
      ],
    );
    const before = (await run('list')).stdout.filter((l) => !l.includes('zuletzt abgerufen'));
    env.TABLE_PREFIX = uniquePrefix();
    assert.deepEqual(await run('import', file), { code: 0, stdout: [`${file}: 2 Feeds neu, 0 schon vorhanden.`], stderr: [] });
    assert.deepEqual((await run('list')).stdout.filter((l) => !l.includes('zuletzt abgerufen')), before);
    assert.deepEqual((await run('import', file)).stdout, [`${file}: 0 Feeds neu, 2 schon vorhanden.`]);
  });

  it('refuses an OPML file with an address that is not http(s) and stores nothing', async () => {
    const file = temp.fileWith('feeds.opml', '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body><outline text="a" xmlUrl="https://example.org/a.xml"/><outline text="Ordner"><outline text="b" xmlUrl="javascript:alert(1)"/></outline></body></opml>');
    const imported = await run('import', file);
    assert.deepEqual([imported.code, imported.stderr], [1, ['Eintrag 2: „javascript:alert(1)“ ist keine Webadresse mit http:// oder https://.', 'Import abgebrochen: 1 Problem gefunden, nichts wurde gespeichert.']]);
    assert.deepEqual((await run('list')).stdout, ['Es werden noch keine Feeds beobachtet.']);
  });

  it('refuses a file that is not OPML', async () => {
    const file = temp.fileWith('feeds.opml', 'kein OPML');
    const imported = await run('import', file);
    assert.equal(imported.code, 1);
    assert.match(imported.stderr[0]!, /^Die Datei .*feeds\.opml ist keine OPML-Datei: /);
  });

  it('explains a wrong call with the usage', async () => {
    const wrong = await run('add', 'https://example.org/feed', '--keyword', 'KI');
    assert.equal(wrong.code, 2);
    assert.equal(wrong.stderr[0], 'Unbekannte Option „--keyword“.');
    assert.deepEqual((await run('purge')).stderr[0], 'Unbekannter Feed-Befehl „purge“.');
  });
});
