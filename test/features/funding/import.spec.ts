import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { fundingRepositories } from '../../../src/features/funding/tables';
import { writeTable } from '../../../src/platform/files/tabular';
import { openStorage, type OpenStorage } from '../../../src/platform/storage';
import { CliRecorder, importDirectoryFiles } from '../../support/cli-output';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { TempDirs } from '../../support/temp-dirs';

const FIXTURES = path.join(__dirname, '../../fixtures/funding');
const OTHER_DISTRICT = path.join(__dirname, '../../fixtures/other-district');
const HEADER = 'id,title,programme,funder,level,deadline,link,fields,eligible,rate,max_amount,summary,keywords';
/** Monday 30 November 2026, 09:00 in Berlin: the import's "now". */
const NOW = new Date('2026-11-30T08:00:00.000Z');
const temp = new TempDirs();

describe('npm run cli -- import funding / export funding', () => {
  let env: Record<string, string>;
  let output: CliRecorder;
  let storage: OpenStorage;

  beforeEach(async () => {
    env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
    output = new CliRecorder();
    await importDirectoryFiles(OTHER_DISTRICT, env);
    storage = await openStorage({ tablesConnectionString: env.TABLES_CONNECTION_STRING!, dataDir: '', tablePrefix: env.TABLE_PREFIX! }, 'cli');
  });
  afterEach(async () => storage.close());
  after(() => temp.removeAll());

  const run = (...argv: string[]) => runCli(argv, env, output, () => NOW);
  const calls = () => fundingRepositories(storage.store).fundingCalls.list();
  const importRows = (...rows: string[]) => run('import', 'funding', temp.fileWith('calls.csv', [HEADER, ...rows].join('\n')));

  describe('a valid file', () => {
    it('stores every call with its values, and says how many it created', async () => {
      assert.equal(await run('import', 'funding', path.join(FIXTURES, 'calls.csv')), 0);
      assert.deepEqual(output.stdout, ['Förderaufrufe: 3 neu, 0 geändert, 0 unverändert.']);
      const [verwaltung, gigabit, smart] = await calls();
      assert.deepEqual(
        { ...verwaltung, updatedAt: verwaltung?.updatedAt.toISOString() },
        {
          id: 'digitale-verwaltung-2027',
          title: 'Digitale Verwaltung NRW 2027',
          programme: 'Digitalstrategie NRW',
          funder: 'Land NRW',
          level: 'land',
          deadline: { kind: 'date', date: '2027-01-15', time: '' },
          link: 'https://www.land.nrw/digitale-verwaltung',
          fields: ['Verwaltung digital'],
          eligible: 'Kommunen',
          rate: 80,
          maxAmount: 200000,
          summary: 'Förderung von E-Akte, Online-Diensten und Digitalisierung von Verwaltungsabläufen.',
          keywords: ['E-Akte', 'Online-Antrag', 'Rathaus'],
          source: 'import',
          status: 'open',
          revision: 1,
          updatedAt: NOW.toISOString(),
          updatedBy: 'import',
        },
      );
      assert.deepEqual(gigabit?.deadline, { kind: 'date', date: '2027-03-31', time: '12:00' });
      assert.equal(gigabit?.maxAmount, undefined);
      assert.deepEqual(smart?.deadline, { kind: 'rolling' });
    });

    it('hands each new call to the bot as a job due now, which matches it and plans its reminders', async () => {
      assert.equal(await run('import', 'funding', path.join(FIXTURES, 'calls.csv')), 0);
      const jobs = (await storage.jobs.listJobs()).map((j) => [j.value.id, j.value.handler, j.value.schedule]);
      assert.deepEqual(jobs.sort(), [
        ['funding.call:digitale-verwaltung-2027:r1', 'funding.call', { kind: 'once', at: NOW.toISOString() }],
        ['funding.call:gigabit-2027:r1', 'funding.call', { kind: 'once', at: NOW.toISOString() }],
        ['funding.call:smart-cities:r1', 'funding.call', { kind: 'once', at: NOW.toISOString() }],
      ]);
    });

    it('reads the same calls from JSON (lists as arrays, numbers as numbers) and from Excel', async () => {
      const json = [{ id: 'Gigabit-2027', title: 'Gigabitförderung 2.0', programme: '', funder: 'Bund', level: 'Bund', deadline: '31.03.2027 12:00', link: 'https://gigabit-foerderung.de', fields: ['infrastruktur'], eligible: '', rate: 90, max_amount: '1.000.000 €', summary: '', keywords: ['Glasfaser', 'Breitband'] }];
      assert.equal(await run('import', 'funding', temp.fileWith('calls.json', JSON.stringify(json))), 0);
      const xlsx = path.join(temp.make(), 'calls.xlsx');
      await writeTable(xlsx, HEADER.split(','), [{ id: 'smart-cities', title: 'Modellprojekte Smart Cities', programme: '', funder: '', level: 'EU', deadline: 'laufend', link: '', fields: ['Smart Region'], eligible: '', rate: '65 %', max_amount: '', summary: '', keywords: ['smart city'] }]);
      assert.equal(await run('import', 'funding', xlsx), 0);
      const [gigabit, smart] = await calls();
      assert.deepEqual([gigabit?.id, gigabit?.level, gigabit?.deadline, gigabit?.fields, gigabit?.rate, gigabit?.maxAmount], ['gigabit-2027', 'bund', { kind: 'date', date: '2027-03-31', time: '12:00' }, ['Infrastruktur'], 90, 1000000]);
      assert.deepEqual([smart?.level, smart?.deadline, smart?.rate, smart?.keywords], ['eu', { kind: 'rolling' }, 65, ['smart city']]);
    });

    it('updates a changed call with its next revision and leaves the same one alone', async () => {
      await run('import', 'funding', path.join(FIXTURES, 'calls.csv'));
      const changed = fs.readFileSync(path.join(FIXTURES, 'calls.csv'), 'utf8').replace('2027-01-15,', '2027-02-01,');
      assert.equal(await run('import', 'funding', temp.fileWith('calls.csv', changed)), 0);
      assert.deepEqual(output.stdout[1], 'Förderaufrufe: 0 neu, 1 geändert, 2 unverändert.');
      const verwaltung = (await calls()).find((c) => c.id === 'digitale-verwaltung-2027');
      assert.deepEqual([verwaltung?.deadline, verwaltung?.revision], [{ kind: 'date', date: '2027-02-01', time: '' }, 2]);
      assert.ok((await storage.jobs.getJob('funding.call:digitale-verwaltung-2027:r2'))?.value);
    });
  });

  describe('a file with problems', () => {
    for (const [what, row, problem] of [
      ['an unknown field of action', 'a,Aufruf,,,bund,2027-01-15,,Sport,,,,,', 'Zeile 2, Spalte „fields“: Handlungsfeld „Sport“ ist nicht bekannt (bekannt: Infrastruktur, Smart Region, Verwaltung digital)'],
      ['a rate above 100', 'a,Aufruf,,,bund,2027-01-15,,,,101,,,', 'Zeile 2, Spalte „rate“: 101 liegt nicht zwischen 0 und 100'],
      ['a negative rate', 'a,Aufruf,,,bund,2027-01-15,,,,-1,,,', 'Zeile 2, Spalte „rate“: -1 liegt nicht zwischen 0 und 100'],
      ['a negative amount', 'a,Aufruf,,,bund,2027-01-15,,,,,-100,,', 'Zeile 2, Spalte „max_amount“: -100 liegt nicht zwischen 0 und 10000000000'],
      ['an amount that is no number', 'a,Aufruf,,,bund,2027-01-15,,,,,viel,,', 'Zeile 2, Spalte „max_amount“: „viel“ ist keine Zahl'],
      ['a link that is not http(s)', 'a,Aufruf,,,bund,2027-01-15,javascript:alert(1),,,,,,', 'Zeile 2, Spalte „link“: „javascript:alert(1)“ ist keine gültige Web-Adresse (http oder https)'],
      ['a deadline in the past', 'a,Aufruf,,,bund,2026-11-30 08:59,,,,,,,', 'Zeile 2, Spalte „deadline“: 2026-11-30 08:59 liegt in der Vergangenheit'],
      ['a deadline that is no date', 'a,Aufruf,,,bund,31.02.2027,,,,,,,', 'Zeile 2, Spalte „deadline“: „31.02.2027“ ist kein gültiges Datum (erwartet: JJJJ-MM-TT [HH:MM], TT.MM.JJJJ [HH:MM], laufend/rolling)'],
      ['an unknown level', 'a,Aufruf,,,kreis,2027-01-15,,,,,,,', 'Zeile 2, Spalte „level“: „kreis“ ist nicht erlaubt (erlaubt: bund, land, eu, other)'],
      ['no title', 'a,,,,bund,2027-01-15,,,,,,,', 'Zeile 2, Spalte „title“: Pflichtfeld ist leer'],
      ['an id that cannot be one', 'a b,Aufruf,,,bund,2027-01-15,,,,,,,', 'Zeile 2, Spalte „id“: „a b“ ist keine gültige ID (Kleinbuchstaben, Ziffern, - und _, höchstens 64 Zeichen)'],
    ] as const) {
      it(`refuses ${what}, naming row and column, and stores nothing`, async () => {
        assert.equal(await importRows('ok-2027,Guter Aufruf,,,bund,2027-01-15,,,,,,,', row), 1);
        assert.deepEqual(output.stderr, ['Import abgebrochen: 1 Problem gefunden, nichts wurde gespeichert.', problem.replace('Zeile 2', 'Zeile 3')]);
        assert.deepEqual(await calls(), []);
        assert.deepEqual(await storage.jobs.listJobs(), []);
      });
    }

    it('refuses an id twice in the file', async () => {
      assert.equal(await importRows('a,Aufruf,,,bund,2027-01-15,,,,,,,', 'A,Aufruf 2,,,bund,2027-01-15,,,,,,,'), 1);
      assert.deepEqual(output.stderr, ['Import abgebrochen: 1 Problem gefunden, nichts wurde gespeichert.', 'Zeile 3, Spalte „id“: „a“ kommt doppelt vor (zuerst in Zeile 2)']);
    });

    it('refuses a header without the columns of funding calls', async () => {
      assert.equal(await run('import', 'funding', temp.fileWith('calls.csv', 'id,title,deadline\na,Aufruf,2027-01-15\n')), 1);
      assert.equal(output.stderr[0], 'Import abgebrochen: 10 Probleme gefunden, nichts wurde gespeichert.');
      assert.equal(output.stderr[1], 'Zeile 1, Spalte „programme“: Spalte fehlt (erwartet: id,title,programme,funder,level,deadline,link,fields,eligible,rate,max_amount,summary,keywords)');
    });

    it('keeps a past deadline a stored call already has (a file exported and imported again), but refuses moving one into the past', async () => {
      await importRows('a,Aufruf,,,bund,2026-12-15,,,,,,,');
      assert.equal(await runCli(['import', 'funding', temp.fileWith('calls.csv', `${HEADER}\na,Aufruf neu,,,bund,2026-12-15,,,,,,,\n`)], env, output, () => new Date('2027-01-10T00:00:00Z')), 0);
      assert.equal(await runCli(['import', 'funding', temp.fileWith('calls.csv', `${HEADER}\na,Aufruf neu,,,bund,2026-12-20,,,,,,,\n`)], env, output, () => new Date('2027-01-10T00:00:00Z')), 1);
      assert.deepEqual(output.stderr.slice(-1), ['Zeile 2, Spalte „deadline“: 2026-12-20 liegt in der Vergangenheit']);
      assert.deepEqual((await calls()).map((c) => [c.title, c.deadline]), [['Aufruf neu', { kind: 'date', date: '2026-12-15', time: '' }]]);
    });

    it('says the problems in English with DEFAULT_LOCALE=en', async () => {
      assert.equal(await runCli(['import', 'funding', temp.fileWith('calls.csv', `${HEADER}\na,Call,,,bund,2027-01-15,,Sport,,150,,,\n`)], { ...env, DEFAULT_LOCALE: 'en' }, output, () => NOW), 1);
      assert.deepEqual(output.stderr, [
        'Import stopped: 2 problems found, nothing was saved.',
        'Row 2, column “fields”: field of action “Sport” is not known (known: Infrastruktur, Smart Region, Verwaltung digital)',
        'Row 2, column “rate”: 150 is not between 0 and 100',
      ]);
    });
  });

  it('counts but stores nothing, and plans no job, with --dry-run', async () => {
    assert.equal(await run('import', 'funding', path.join(FIXTURES, 'calls.csv'), '--dry-run'), 0);
    assert.deepEqual(output.stdout, ['Förderaufrufe: 3 neu, 0 geändert, 0 unverändert.', 'Probelauf: nichts wurde gespeichert.']);
    assert.deepEqual(await calls(), []);
    assert.deepEqual(await storage.jobs.listJobs(), []);
  });

  describe('round trip', () => {
    it('exports exactly the file it imported (CSV)', async () => {
      await run('import', 'funding', path.join(FIXTURES, 'calls.csv'));
      const file = path.join(temp.make(), 'export.csv');
      assert.equal(await run('export', 'funding', file), 0);
      assert.deepEqual(output.stdout.slice(-1), [`3 Einträge nach ${file} exportiert.`]);
      assert.equal(fs.readFileSync(file, 'utf8'), `\uFEFF${fs.readFileSync(path.join(FIXTURES, 'calls.csv'), 'utf8')}`);
    });

    for (const format of ['json', 'xlsx'] as const) {
      it(`imports its own ${format} export unchanged`, async () => {
        await run('import', 'funding', path.join(FIXTURES, 'calls.csv'));
        const before = await calls();
        const file = path.join(temp.make(), `export.${format}`);
        assert.equal(await run('export', 'funding', file), 0);
        assert.equal(await run('import', 'funding', file), 0);
        assert.deepEqual(output.stdout.slice(-1), ['Förderaufrufe: 0 neu, 0 geändert, 3 unverändert.']);
        assert.deepEqual(await calls(), before);
      });
    }
  });
});
