import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tabularCommands } from '../../../src/platform/cli/commands';
import { parseConfig } from '../../../src/app';
import { rowReaders, type ImportProblem } from '../../../src/platform/directory/import';
import { Offers, type CliCommand, type CliContext, type TabularKind } from '../../../src/platform/feature';
import { translator } from '../../../src/platform/i18n';
import { openStorage } from '../../../src/platform/storage';
import { CliRecorder } from '../../support/cli-output';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { TempDirs } from '../../support/temp-dirs';

const temp = new TempDirs();

/**
 * A kind of data as a feature would add it: rows `name,size` kept in memory by name, `size` a number 0–10.
 * What the platform's commands do with it is under test, not the kind.
 */
function sizesKind(stored: Map<string, number>): TabularKind<{ readonly limit: number }> {
  return {
    name: 'sizes',
    label: 'kinds.projects',
    columns: ['name', 'size'],
    async import(data, _storage, _cli, settings, { dryRun }) {
      const problems: ImportProblem[] = [];
      const rows = (rowReaders(data, this.columns, problems) ?? []).map(({ reader }) => ({ name: reader.text('name', { required: true, max: 20 }), size: reader.number('size', { min: 0, max: settings.limit }) }));
      if (problems.length > 0) return { ok: false, problems };
      const created = rows.filter((r) => !stored.has(r.name)).length;
      if (!dryRun) for (const row of rows) stored.set(row.name, row.size ?? 0);
      return { ok: true, dryRun, created, updated: rows.length - created, unchanged: 0 };
    },
    async export() {
      return [...stored].map(([name, size]) => ({ name, size: String(size) }));
    },
  };
}

describe('kinds of data the features add to import and export', () => {
  let stored: Map<string, number>;
  let output: CliRecorder;
  let commands: CliCommand[];
  let cli: CliContext;

  beforeEach(() => {
    stored = new Map();
    output = new CliRecorder();
    const kind = sizesKind(stored) as TabularKind;
    commands = tabularCommands([{ kind, settings: { limit: 10 } }]);
    const config = parseConfig({ TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() });
    const t = translator('de');
    cli = { config, t, output, now: () => new Date(), usage: () => 'USAGE', openStorage: () => openStorage(config, 'cli'), offers: () => new Offers() };
  });
  after(() => temp.removeAll());

  const run = (name: 'import' | 'export', ...args: string[]) => commands.find((c) => c.name === name)!.run(args, cli, undefined);

  it('hands the rows of the file to the kind, with its settings, and prints the outcome under its label', async () => {
    const file = temp.fileWith('sizes.csv', 'name,size\nklein,"2,5"\ngroß,10\n');
    assert.equal(await run('import', 'sizes', file), 0);
    assert.deepEqual([...stored], [['klein', 2.5], ['groß', 10]]);
    assert.deepEqual(output.stdout, ['Projekte: 2 neu, 0 geändert, 0 unverändert.']);
  });

  it('prints the problems the kind finds, by row and column, in the reader’s language, and exits with 1', async () => {
    const file = temp.fileWith('sizes.csv', 'name,size\nklein,elf\ngroß,11\n');
    assert.equal(await run('import', 'sizes', file), 1);
    assert.deepEqual(stored.size, 0);
    assert.deepEqual(output.stderr, [
      'Import abgebrochen: 2 Probleme gefunden, nichts wurde gespeichert.',
      'Zeile 2, Spalte „size“: „elf“ ist keine Zahl',
      'Zeile 3, Spalte „size“: 11 liegt nicht zwischen 0 und 10',
    ]);
  });

  it('passes a dry run on to the kind', async () => {
    const file = temp.fileWith('sizes.json', JSON.stringify([{ name: 'klein', size: 3 }]));
    assert.equal(await run('import', 'sizes', file, '--dry-run'), 0);
    assert.equal(stored.size, 0);
    assert.deepEqual(output.stdout, ['Projekte: 1 neu, 0 geändert, 0 unverändert.', 'Probelauf: nichts wurde gespeichert.']);
  });

  it('writes what the kind exports with its columns', async () => {
    stored.set('mittel', 5);
    const file = path.join(temp.make(), 'sizes.csv');
    assert.equal(await run('export', 'sizes', file), 0);
    assert.equal(fs.readFileSync(file, 'utf8'), '\ufeffname,size\nmittel,5\n');
    assert.deepEqual(output.stdout, ['1 Eintrag nach ' + file + ' exportiert.']);
  });

  it('names the features’ kinds beside the directory’s when the kind is unknown', async () => {
    assert.equal(await run('import', 'groessen', 'x.csv'), 2);
    assert.deepEqual(output.stderr, ['Unbekannte Art „groessen“: erlaubt sind municipalities, people, projects, sizes.', 'USAGE']);
  });
});

describe('numbers in imported files', () => {
  const problems: ImportProblem[] = [];
  const read = (value: unknown) => {
    problems.length = 0;
    const [row] = rowReaders({ header: ['n'], headerRow: 1, rows: [{ row: 2, cells: { n: value } }] }, ['n'], problems)!;
    return row!.reader.number('n', { min: -1e9, max: 1e9 });
  };

  for (const [text, value] of [
    ['120000', 120000],
    ['120.000', 120000],
    ['120 000', 120000],
    ['1.234,50', 1234.5],
    ['1,234.50', 1234.5],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['-3', -3],
    [' 7 ', 7],
    [42, 42],
  ] as const) {
    it(`reads ${JSON.stringify(text)} as ${value}`, () => {
      assert.equal(read(text), value);
      assert.deepEqual(problems, []);
    });
  }

  for (const text of ['zwölf', '1.2.3', '1,234,5', '12e3', '1.234.5', '--1']) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      assert.equal(read(text), undefined);
      assert.deepEqual(problems, [{ row: 2, column: 'n', code: 'invalidNumber', params: { value: text } }]);
    });
  }

  it('reads a number followed by a unit the column allows', () => {
    problems.length = 0;
    const [row] = rowReaders({ header: ['n'], headerRow: 1, rows: [{ row: 2, cells: { n: '80 %' } }] }, ['n'], problems)!;
    assert.equal(row!.reader.number('n', { min: 0, max: 100, units: ['%'] }), 80);
    assert.equal(row!.reader.number('n', { min: 0, max: 100 }), undefined);
    assert.deepEqual(problems, [{ row: 2, column: 'n', code: 'invalidNumber', params: { value: '80 %' } }]);
  });

  it('leaves an empty cell empty', () => {
    assert.equal(read(''), undefined);
    assert.deepEqual(problems, []);
  });
});
