import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { neutralise, readTable, UnreadableFileError, writeTable, type UnreadableReason } from '../../../src/platform/files/tabular';
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

    it('neutralises cells that a spreadsheet would take for a formula, in CSV and XLSX, and only once', () => {
      assert.deepEqual(
        ['=HYPERLINK("http://x.example")', '+49 2541 18-0', '-2+3+cmd|calc', '@SUM(A1)', '\tTab', '\rCR', "'=schon neutral", 'E-Akte', ''].map(neutralise),
        ['\'=HYPERLINK("http://x.example")', "'+49 2541 18-0", "'-2+3+cmd|calc", "'@SUM(A1)", "'\tTab", "'\rCR", "'=schon neutral", 'E-Akte', ''],
      );
    });

    for (const extension of ['.csv', '.xlsx']) {
      it(`writes every cell neutralised as ${extension}, lists too; JSON as it is`, async () => {
        const dir = temp.make();
        await writeTable(path.join(dir, `out${extension}`), ['id', 'aliases'], [{ id: '=1+1', aliases: ['@x', 'y'] }]);
        await writeTable(path.join(dir, 'out.json'), ['id', 'aliases'], [{ id: '=1+1', aliases: ['@x', 'y'] }]);
        assert.deepEqual((await readTable(path.join(dir, `out${extension}`))).rows[0]!.cells, { id: "'=1+1", aliases: "'@x;y" });
        assert.deepEqual((await readTable(path.join(dir, 'out.json'))).rows[0]!.cells, { id: '=1+1', aliases: ['@x', 'y'] });
      });
    }

    it('creates the folder of the file it writes', async () => {
      const file = path.join(temp.make(), 'neu', 'tief', 'out.json');
      await writeTable(file, ['id'], [{ id: 'x' }]);
      assert.deepEqual((await readTable(file)).rows, [{ row: 1, cells: { id: 'x' } }]);
    });
  });
});
