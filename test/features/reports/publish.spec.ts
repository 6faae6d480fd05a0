import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { Parser, type Quad } from 'n3';
import type { Browser } from 'playwright-core';
import { startBrowser } from '../../support/browser';
import { runCliRecorded } from '../../support/cli-output';
import { TempDirs } from '../../support/temp-dirs';
import { attribute, byTag, elements, parseHtml } from './html-tree';
import { AS_OF, drivenYear, type Year } from './year';

const temp = new TempDirs();
const GEOCODING = 'http://dcat-ap.de/def/politicalGeocoding/districtKey/05558';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const DCATDE = 'http://dcat-ap.de/def/dcatde/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

describe('the public project list', function () {
  this.timeout(120_000);
  let year: Year;
  let dir: string;
  let result: { code: number; stdout: string[]; stderr: string[] };

  before(async () => {
    year = await drivenYear();
    dir = path.join(temp.make(), 'oeffentlich');
    result = await runCliRecorded(['publish', '--out', dir], { ...year.env, REPORT_GEOCODING_URI: GEOCODING }, () => AS_OF);
  });
  after(() => temp.removeAll());

  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  const csv = () => parse(read('projects.csv'), { bom: true, columns: true }) as Record<string, string>[];
  const quads = (file = 'dcat.ttl', base = pathToFileURL(path.join(dir, 'dcat.ttl')).href): Quad[] => new Parser({ baseIRI: base }).parse(fs.readFileSync(file === 'dcat.ttl' ? path.join(dir, file) : file, 'utf8'));

  it('writes the four files and says so', () => {
    assert.deepEqual(result, {
      code: 0,
      stdout: [`Öffentliche Projektliste mit 3 Projekten nach ${dir} geschrieben: projects.csv, projects.csv-metadata.json, dcat.ttl, index.html`],
      stderr: [],
    });
    assert.deepEqual(fs.readdirSync(dir).sort(), ['dcat.ttl', 'index.html', 'projects.csv', 'projects.csv-metadata.json']);
  });

  it('lists only the public projects, with what describes them and nothing about who runs them', () => {
    const records = csv();
    assert.deepEqual(Object.keys(records[0]!), ['id', 'title', 'summary', 'field', 'lead', 'participants', 'phase', 'start', 'end', 'goals']);
    assert.deepEqual(
      records.map((r) => [r.id, r.field, r.lead, r.phase, r.start, r.end, r.goals]),
      [
        ['ki-assistent', 'Bürgerservice', 'Dülmen', 'Idee', '', '', 'Fragen rund um die Uhr beantworten'],
        ['open-data', 'Smart Region', 'Kreis Coesfeld', 'Umsetzung', '2026-02', '2027-12', 'Offene Daten aller Kommunen an einem Ort'],
        ['e-akte', 'Verwaltung digital', 'Dülmen', 'Umsetzung', '2025-01', '2027-06-30', 'Alle Akten der Kernverwaltung digital führen'],
      ],
    );
    assert.equal(records[1]!.participants, 'Coesfeld;Dülmen;Nottuln');
  });

  it('takes names and e-mail addresses out of the texts', () => {
    assert.equal(csv()[1]!.summary, 'Ein gemeinsames Portal für offene Daten. Ansprechpartnerin ist … (…), vertreten durch Frau ….');
  });

  it('has no e-mail address, no name of a person of the directory and no blocker in any file', async () => {
    const people = await year.storage.repos.people.list();
    const forbidden = [...people.flatMap((p) => [p.email, p.name, p.name.split(' ').at(-1)!]), 'Scanner fehlen', 'Personal fehlt'];
    for (const file of fs.readdirSync(dir)) {
      const text = read(file);
      assert.doesNotMatch(text, /[\w.+-]+@[\w-]+\.[\w.-]+/, file);
      for (const word of forbidden) assert.ok(!text.toLowerCase().includes(word.toLowerCase()), `${file} contains "${word}"`);
    }
  });

  it('describes the CSV with a CSVW table schema whose columns are the CSV header', () => {
    const schema = JSON.parse(read('projects.csv-metadata.json')) as { url: string; tableSchema: { columns: { name: string; titles: string; required: boolean; separator?: string }[]; primaryKey: string } };
    assert.equal(schema.url, 'projects.csv');
    assert.deepEqual(
      schema.tableSchema.columns.map((c) => c.titles),
      Object.keys(csv()[0]!),
    );
    assert.deepEqual(schema.tableSchema.columns.filter((c) => c.required).map((c) => c.name), ['id', 'title', 'field', 'lead', 'phase']);
    assert.equal(schema.tableSchema.columns.find((c) => c.name === 'participants')?.separator, ';');
    assert.equal(schema.tableSchema.primaryKey, 'id');
  });

  it("gives DCAT-AP.de metadata in Turtle: a dataset with the district's political geocoding and the CSV as a distribution", () => {
    const all = quads();
    const dataset = all.find((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`)!.subject.value;
    const of = (subject: string, predicate: string) => all.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object.value);
    assert.deepEqual(of(dataset, `${DCT}title`), ['Projekte der Digitalisierungsstrategie – Kreis Coesfeld']);
    assert.deepEqual(of(dataset, `${DCATDE}politicalGeocodingURI`), [GEOCODING]);
    assert.deepEqual(of(dataset, `${DCATDE}politicalGeocodingLevelURI`), ['http://dcat-ap.de/def/politicalGeocoding/Level/administrativeDistrict']);
    const [publisher] = of(dataset, `${DCT}publisher`);
    assert.deepEqual(of(publisher!, 'http://xmlns.com/foaf/0.1/name'), ['Kreis Coesfeld']);
    const downloads = of(dataset, `${DCAT}distribution`).flatMap((d) => of(d, `${DCAT}downloadURL`));
    assert.deepEqual(downloads.sort(), [pathToFileURL(path.join(dir, 'index.html')).href, pathToFileURL(path.join(dir, 'projects.csv')).href]);
  });

  it('names the files at their public address when REPORT_PUBLIC_URL says where they will be', async () => {
    const other = path.join(temp.make(), 'web');
    const published = await runCliRecorded(['publish', '--out', other], { ...year.env, REPORT_PUBLIC_URL: 'https://www.kreis-coesfeld.de/digitalisierung/' }, () => AS_OF);
    assert.equal(published.code, 0);
    assert.deepEqual(published.stderr, ['Hinweis: REPORT_GEOCODING_URI ist nicht gesetzt, dcat.ttl nennt daher keine politische Geokodierung des Kreises.']);
    const all = quads(path.join(other, 'dcat.ttl'), 'http://example.invalid/');
    assert.ok(all.some((q) => q.predicate.value === `${DCAT}downloadURL` && q.object.value === 'https://www.kreis-coesfeld.de/digitalisierung/projects.csv'));
    assert.ok(!all.some((q) => q.predicate.value === `${DCATDE}politicalGeocodingURI`));
  });

  it('refuses a REPORT_GEOCODING_URI that is not a political geocoding of DCAT-AP.de', async () => {
    const refused = await runCliRecorded(['publish', '--out', temp.make()], { ...year.env, REPORT_GEOCODING_URI: 'https://example.org/kreis' }, () => AS_OF);
    assert.equal(refused.code, 1);
    assert.deepEqual(refused.stderr, [
      'Configuration error: REPORT_GEOCODING_URI must be a political geocoding URI of DCAT-AP.de, e.g. "http://dcat-ap.de/def/politicalGeocoding/districtKey/05558", got "https://example.org/kreis"',
    ]);
  });

  it('is a static page with the table, labelled filters and its script in the page, nothing from elsewhere', () => {
    const root = parseHtml(read('index.html'));
    assert.equal(attribute(root, 'lang'), 'de');
    assert.deepEqual(elements(root, byTag('script')).map((s) => attribute(s, 'src')), [undefined]);
    assert.deepEqual(elements(root, (e) => e.tagName === 'link' || e.tagName === 'iframe' || e.tagName === 'img'), []);
    for (const id of ['filter-municipality', 'filter-field']) assert.equal(elements(root, (e) => e.tagName === 'label' && attribute(e, 'for') === id).length, 1, id);
    assert.equal(elements(root, (e) => e.tagName === 'th' && attribute(e, 'scope') === 'col').length, 6);
    assert.equal(elements(root, (e) => e.tagName === 'tr' && attribute(e, 'data-field') !== undefined).length, 3);
  });

  describe('in a browser', () => {
    let browser: Browser;
    before(async function () {
      browser = await startBrowser(this);
    });
    after(async () => {
      await browser?.close();
    });

    it('filters by municipality and field, and sorts by a column when its heading is clicked', async () => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
      const shown = () => page.$$eval('tbody tr:not([hidden]) .title', (titles) => titles.map((t) => t.textContent));
      assert.deepEqual(await shown(), ['KI-Assistent für Bürgeranfragen', 'Open-Data-Portal', 'E-Akte (digitale Verwaltungsakte)']);
      await page.selectOption('#filter-municipality', 'Nottuln');
      assert.deepEqual(await shown(), ['Open-Data-Portal']);
      assert.equal(await page.textContent('#count'), 'Angezeigt: 1 von 3 Projekten.');
      await page.selectOption('#filter-municipality', '');
      await page.selectOption('#filter-field', 'Verwaltung digital');
      assert.deepEqual(await shown(), ['E-Akte (digitale Verwaltungsakte)']);
      await page.selectOption('#filter-field', '');
      await page.click('th[data-key="title"] button');
      assert.deepEqual(await shown(), ['E-Akte (digitale Verwaltungsakte)', 'KI-Assistent für Bürgeranfragen', 'Open-Data-Portal']);
      assert.equal(await page.getAttribute('th[data-key="title"]', 'aria-sort'), 'ascending');
      await page.click('th[data-key="title"] button');
      assert.deepEqual(await shown(), ['Open-Data-Portal', 'KI-Assistent für Bürgeranfragen', 'E-Akte (digitale Verwaltungsakte)']);
      await page.click('th[data-key="phase"] button');
      assert.deepEqual(await shown(), ['KI-Assistent für Bürgeranfragen', 'Open-Data-Portal', 'E-Akte (digitale Verwaltungsakte)']);
      await page.close();
    });
  });
});
