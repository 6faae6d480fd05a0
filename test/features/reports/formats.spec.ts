import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { reportWorkbook } from '../../../src/features/reports/render/xlsx';
import { runCliRecorded } from '../../support/cli-output';
import { decodePng, readPngSize } from '../../support/png';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { TempDirs } from '../../support/temp-dirs';
import { attribute, byTag, elements, parseHtml, textOf } from './html-tree';
import { AS_OF, drivenYear, ROUNDS, type Year } from './year';

const temp = new TempDirs();
/** The E-Akte's lights in the 26 rounds of the year, as the German files name them. */
const E_AKTE_LIGHTS = [...Array<string>(10).fill('Grün'), ...Array<string>(10).fill('Gelb'), ...Array<string>(6).fill('Rot')];

describe('the strategy report written by the command line, read back', function () {
  this.timeout(120_000);
  let year: Year;
  let titles: string[];

  before(async () => {
    year = await drivenYear();
    titles = (await year.storage.repos.projects.list()).map((p) => p.title);
  });
  after(() => temp.removeAll());

  async function write(name: string, more: string[] = []): Promise<string> {
    const file = path.join(temp.make(), name);
    const result = await runCliRecorded(['report', '--out', file, ...more], year.env, () => AS_OF);
    assert.equal(result.code, 0, result.stderr.join('\n'));
    return file;
  }

  describe('XLSX', () => {
    let workbook: ExcelJS.Workbook;
    before(async () => {
      workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await write('r.xlsx'));
    });

    it('has one sheet per part, each with a bold, frozen header row', () => {
      assert.deepEqual(
        workbook.worksheets.map((s) => s.name),
        ['Übersicht', 'Zeitraum', 'Kommunen', 'Runden', 'Projekte', 'Ampelverlauf', 'Meldungen', 'Blocker', 'Veränderungen'],
      );
      for (const sheet of workbook.worksheets) {
        assert.deepEqual([sheet.views[0]?.state, (sheet.views[0] as { ySplit?: number }).ySplit], ['frozen', 1], sheet.name);
        assert.equal(sheet.getRow(1).font?.bold, true, sheet.name);
      }
    });

    it('holds every project with its latest light, its date as a date cell and the budget as a number in euros', () => {
      const sheet = workbook.getWorksheet('Projekte')!;
      const header = (sheet.getRow(1).values as string[]).slice(1);
      const column = (name: string) => header.indexOf(name) + 1;
      assert.equal(sheet.rowCount, 1 + titles.length);
      const rows = new Map<string, ExcelJS.Row>();
      sheet.eachRow((row, n) => n > 1 && rows.set(String(row.getCell(column('Projekt')).value), row));
      assert.deepEqual([...rows.keys()].sort(), [...titles].sort());
      const eAkte = rows.get('E-Akte (digitale Verwaltungsakte)')!;
      assert.equal(eAkte.getCell(column('Ampel')).value, 'Rot');
      assert.deepEqual(eAkte.getCell(column('Gemeldet am')).value, new Date('2026-11-16T00:00:00.000Z'));
      assert.equal(eAkte.getCell(column('Gemeldet am')).numFmt, 'dd.mm.yyyy');
      assert.equal(eAkte.getCell(column('Budget')).value, 185000.5);
      assert.equal(eAkte.getCell(column('Budget')).numFmt, '#,##0.00 [$€-407]');
      assert.deepEqual(eAkte.getCell(column('Beginn')).value, new Date('2025-01-01T00:00:00.000Z'));
      assert.equal(eAkte.getCell(column('Offene Blocker')).value, 'Scanner fehlen');
      assert.equal(rows.get('KI-Assistent für Bürgeranfragen')!.getCell(column('Ampel')).value, 'ohne Status');
    });

    it('gives the light of every round in its own column, headed by the date of the round, filled in its colour', () => {
      const sheet = workbook.getWorksheet('Ampelverlauf')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      assert.equal(header.length, 2 + ROUNDS);
      assert.deepEqual(header[2], new Date('2025-12-01T00:00:00.000Z'));
      assert.deepEqual(header.at(-1), new Date('2026-11-16T00:00:00.000Z'));
      let eAkte: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === 'E-Akte (digitale Verwaltungsakte)') eAkte = row;
      });
      assert.deepEqual((eAkte!.values as unknown[]).slice(3), E_AKTE_LIGHTS);
      assert.equal((eAkte!.getCell(3).fill as ExcelJS.FillPattern).fgColor?.argb, 'FFC8E6C9');
      assert.equal((eAkte!.getCell(3 + ROUNDS - 1).fill as ExcelJS.FillPattern).fgColor?.argb, 'FFFFCDD2');
    });

    it('counts the answers of each round as numbers and the response rate as a share', () => {
      const sheet = workbook.getWorksheet('Runden')!;
      const first = sheet.getRow(2);
      assert.deepEqual([first.getCell(1).value, first.getCell(2).value, first.getCell(3).value, first.getCell(4).value], [new Date('2025-12-01T00:00:00.000Z'), 18, 5, 5 / 18]);
      assert.equal(first.getCell(4).numFmt, '0%');
      assert.equal(sheet.rowCount, 1 + ROUNDS);
    });

    it("lists every status update of the period with its time, and the open blockers", () => {
      const updates = workbook.getWorksheet('Meldungen')!;
      assert.equal(updates.rowCount - 1, 26 + 13 + 26 + 21 + 11);
      const blockers = workbook.getWorksheet('Blocker')!;
      assert.deepEqual(
        [2, 3].map((n) => [blockers.getRow(n).getCell(1).value, blockers.getRow(n).getCell(6).value]),
        [
          ['Digitale Bauakte', 'Personal fehlt'],
          ['E-Akte (digitale Verwaltungsakte)', 'Scanner fehlen'],
        ],
      );
    });
  });

  it('neutralises a text cell that a spreadsheet would take for a formula, as every export does', async () => {
    const buffer = await reportWorkbook([{ name: 'Projekte', columns: [{ key: 'title', header: '=Titel', kind: 'text', width: 10 }], rows: [['=HYPERLINK("http://x.example","klick")'], [42]] }], {});
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.deepEqual([sheet.getCell('A1').value, sheet.getCell('A2').value, sheet.getCell('A3').value], ["'=Titel", '\'=HYPERLINK("http://x.example","klick")', 42]);
  });

  describe('HTML', () => {
    let html: string;
    before(async () => {
      html = fs.readFileSync(await write('r.html'), 'utf8');
    });

    it('is a German page with every project as a heading', () => {
      const root = parseHtml(html);
      assert.equal(attribute(root, 'lang'), 'de');
      const headings = elements(root, byTag('h3')).map(textOf);
      for (const title of titles) assert.ok(headings.includes(title), title);
      assert.equal(textOf(elements(root, byTag('h1'))[0]!), 'Strategiebericht: Stand der Digitalisierungsstrategie');
    });

    it('holds the three charts as PNG images twice the size they are shown at, each described in words', () => {
      const images = elements(parseHtml(html), byTag('img'));
      assert.equal(images.length, 3);
      for (const image of images) {
        const src = attribute(image, 'src')!;
        assert.match(src, /^data:image\/png;base64,/);
        const png = decodePng(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64'));
        assert.deepEqual([png.width, png.height], [2 * Number(attribute(image, 'width')), 2 * Number(attribute(image, 'height'))]);
        assert.ok(png.width <= 2048 && png.height <= 2048);
      }
      assert.equal(attribute(images[0]!, 'alt'), 'Balkendiagramm: die Projekte jedes Handlungsfelds nach ihrer letzten Ampel. Insgesamt: Grün 3, Gelb 0, Rot 2, ohne Status 19.');
    });

    it("shows the E-Akte's traffic light of every round, named for screen readers, and its latest state", () => {
      const root = parseHtml(html);
      const section = elements(root, (e) => e.tagName === 'section' && attribute(e, 'aria-labelledby') === 'p-e-akte')[0]!;
      const marks = elements(section, (e) => e.tagName === 'span' && (attribute(e, 'class') ?? '').startsWith('light ')).map((e) => attribute(e, 'aria-label'));
      const history = marks.slice(0, ROUNDS);
      assert.equal(history[0], '01.12.2025: Grün');
      assert.equal(history[25], '16.11.2026: Rot');
      assert.deepEqual(history.map((m) => m!.split(': ')[1]), E_AKTE_LIGHTS);
      const facts = elements(section, byTag('dt')).map(textOf);
      const values = elements(section, byTag('dd')).map(textOf);
      assert.equal(values[facts.indexOf('Ampel')], 'Rot (gemeldet am 16.11.2026)');
      assert.equal(values[facts.indexOf('Budget')], '185.000,50 €');
    });

    it('is written in English when asked', async () => {
      const english = fs.readFileSync(await write('r-en.html', ['--lang', 'en']), 'utf8');
      const root = parseHtml(english);
      assert.equal(attribute(root, 'lang'), 'en');
      assert.equal(textOf(elements(root, byTag('h1'))[0]!), 'Strategy report: the state of the digitalisation strategy');
    });
  });

  it('writes a CSV of every project with its latest light and the lights of every round', async () => {
    const records = parse(fs.readFileSync(await write('r.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(records.map((r) => r.Projekt).sort(), [...titles].sort());
    const eAkte = records.find((r) => r.Kennung === 'e-akte')!;
    assert.deepEqual([eAkte.Ampel, eAkte['Gemeldet am'], eAkte.Budget, eAkte.Ampelverlauf], ['Rot', '2026-11-16', '185000.5', E_AKTE_LIGHTS.join(', ')]);
    assert.equal(records.find((r) => r.Kennung === 'buerger-app')!.Ampelverlauf!.split(', ')[1], '–');
  });

  it('writes Markdown with every project and its marks, and the charts as PNG files beside it', async () => {
    const file = await write('bericht.md');
    const markdown = fs.readFileSync(file, 'utf8');
    for (const title of titles) assert.ok(markdown.includes(`\n### ${title}\n`), title);
    assert.ok(markdown.includes(`| Ampelverlauf | ${[...Array<string>(10).fill('🟢'), ...Array<string>(10).fill('🟡'), ...Array<string>(6).fill('🔴')].join(' ')} |`));
    for (const name of ['lights', 'phases', 'municipalities']) {
      assert.ok(markdown.includes(`](bericht-${name}.png)`), name);
      const size = readPngSize(fs.readFileSync(path.join(path.dirname(file), `bericht-${name}.png`)));
      assert.ok(size.width > 400 && size.width <= 2048 && size.height > 100 && size.height <= 2048, `${name}: ${size.width} × ${size.height}`);
    }
  });

  describe('wrong calls', () => {
    const cases: [string, string[], string][] = [
      ['no --out', ['report'], 'Es fehlt, wohin geschrieben werden soll: --out.'],
      ['an unknown format', ['report', '--out', 'r.pdf'], 'Unbekanntes Format „r.pdf“: erlaubt sind .md, .html, .xlsx und .csv.'],
      ['a date that is none', ['report', '--out', 'r.md', '--since', '31.02.2026'], '„31.02.2026“ ist kein Datum vor heute. Schreiben Sie es z. B. als 01.12.2025 oder 2025-12-01.'],
      ['a date in the future', ['report', '--out', 'r.md', '--since', '2027-01-01'], '„2027-01-01“ ist kein Datum vor heute. Schreiben Sie es z. B. als 01.12.2025 oder 2025-12-01.'],
      ['an unknown option', ['report', '--out', 'r.md', '--seit', '2026-01-01'], 'Unbekannte Option „--seit“.'],
      ['an option without its value', ['publish', '--out'], 'Nach „--out“ fehlt der Wert.'],
    ];
    for (const [what, argv, message] of cases) {
      it(`refuses ${what} with exit code 2 and the usage`, async () => {
        const result = await runCliRecorded(argv, year.env, () => AS_OF);
        assert.equal(result.code, 2);
        assert.equal(result.stderr[0], message);
        assert.match(result.stderr[1]!, /npm run cli -- report --out DATEI/);
      });
    }
  });
});

describe('the strategy report of an empty directory', function () {
  this.timeout(60_000);
  after(() => temp.removeAll());

  it('is written in every format, saying there is nothing yet', async () => {
    const env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix(), SAMPLE_DATA: 'false' };
    const dir = temp.make();
    for (const name of ['leer.md', 'leer.html', 'leer.xlsx', 'leer.csv']) {
      const result = await runCliRecorded(['report', '--out', path.join(dir, name)], env, () => AS_OF);
      assert.equal(result.code, 0, result.stderr.join('\n'));
      assert.match(result.stdout[0]!, /^Strategiebericht über 0 Projekte \(24\.11\.2025 – 24\.11\.2026\) geschrieben: /);
    }
    assert.ok(fs.readFileSync(path.join(dir, 'leer.md'), 'utf8').includes('Im Zeitraum gab es keine Check-in-Runde.'));
    assert.equal(readPngSize(fs.readFileSync(path.join(dir, 'leer-lights.png'))).width > 0, true);
  });
});
