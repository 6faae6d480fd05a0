import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Municipality, Person, Project } from '../../../src/platform/directory/model';
import { COLUMNS, DIRECTORY_KINDS, exportDirectory, importDirectory, type DirectoryKind, type ImportProblem, type ImportResult } from '../../../src/platform/directory/import';
import { identifyUser } from '../../../src/platform/directory/identity';
import type { Repositories } from '../../../src/platform/directory/repositories';
import { readTable, writeTable } from '../../../src/platform/files/tabular';
import { openStorage, type OpenStorage } from '../../../src/platform/storage';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { TempDirs } from '../../support/temp-dirs';

const FIXTURES = path.join(__dirname, '../../fixtures/directory');
const temp = new TempDirs();

/** What the fixtures in test/fixtures/directory hold, as the repositories return it. */
const MUNICIPALITIES: Municipality[] = [
  { name: 'Dülmen', kind: 'municipality', website: 'https://www.duelmen.de' },
  { name: 'Kreis Coesfeld', kind: 'district', website: 'https://www.kreis-coesfeld.de' },
  { name: 'Olfen', kind: 'municipality', website: '' },
];
const ANNA: Person = { email: 'anna.schulte@duelmen.example', name: 'Anna Schulte', roles: ['cdo'], municipality: 'Dülmen', aadObjectId: '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e03' };
const PEOPLE: Person[] = [
  ANNA,
  { email: 'heike.wiesmann@kreistag-coesfeld.example', name: 'Heike Wiesmann', roles: ['member'], municipality: '', aadObjectId: '' },
  { email: 'm.becker@kreis-coesfeld.example', name: 'Martina Becker', roles: ['coordinator', 'admin'], municipality: 'Kreis Coesfeld', aadObjectId: '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e01' },
];
const PROJECTS: Project[] = [
  {
    id: 'e-akte',
    title: 'E-Akte (digitale Verwaltungsakte)',
    aliases: ['eAkte', 'DMS'],
    field: 'Verwaltung digital',
    lead: 'Dülmen',
    participants: ['Kreis Coesfeld', 'Olfen'],
    owner: 'anna.schulte@duelmen.example',
    deputy: 'm.becker@kreis-coesfeld.example',
    phase: 'implementation',
    summary: 'Einführung eines Dokumentenmanagementsystems, zuerst im Hauptamt.\nDanach das „Ordnungsamt“ mit "Bürgerbüro".',
    goals: 'Alle Akten der Kernverwaltung digital führen',
    priority: 'high',
    start: '2026-01',
    end: '2027-06-30',
    indicators: 'Anteil digital geführter Akten; Durchlaufzeit von Anträgen',
    budget: 185000.5,
    public: true,
  },
  { id: 'ki-assistent', title: 'KI-Assistent für Bürgeranfragen', aliases: [], field: 'Bürgerservice', lead: 'Olfen', participants: [], owner: '', deputy: '', phase: 'idea', summary: '' },
];
const EXPECTED: Record<DirectoryKind, object[]> = { municipalities: MUNICIPALITIES, people: PEOPLE, projects: PROJECTS };

let storage: OpenStorage;
let repos: Repositories;

/** Writes a file the way a person would hand it over and imports it through the file reader. */
async function importFile(kind: DirectoryKind, name: string, content: string, options = { dryRun: false }): Promise<ImportResult> {
  return importDirectory(repos, kind, await readTable(temp.fileWith(name, content)), options);
}

async function problemsOf(kind: DirectoryKind, name: string, content: string): Promise<readonly ImportProblem[]> {
  const result = await importFile(kind, name, content);
  assert.ok(!result.ok, 'expected the import to be refused');
  return result.problems;
}

async function stored(kind: DirectoryKind): Promise<object[]> {
  if (kind === 'municipalities') return repos.municipalities.list();
  if (kind === 'people') return repos.people.list();
  return repos.projects.list();
}

/** Everything stored, for before/after comparisons. */
async function snapshot(): Promise<Record<DirectoryKind, object[]>> {
  return { municipalities: await stored('municipalities'), people: await stored('people'), projects: await stored('projects') };
}

/** Imports the fixture CSVs: three municipalities, three people, two projects. */
async function importFixtures(): Promise<void> {
  for (const kind of DIRECTORY_KINDS) {
    const result = await importDirectory(repos, kind, await readTable(path.join(FIXTURES, `${kind}.csv`)), { dryRun: false });
    assert.ok(result.ok, JSON.stringify(result));
  }
}

/** The fixture CSV of a kind as a workbook, the way Excel would save it. */
async function fixtureAsXlsx(kind: DirectoryKind): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind);
  for (const record of parse(fs.readFileSync(path.join(FIXTURES, `${kind}.csv`), 'utf8')) as string[][]) sheet.addRow(record);
  const file = path.join(temp.make(), `${kind}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

const MUNICIPALITY_HEADER = 'name,kind,website\n';
const PEOPLE_HEADER = 'email,name,roles,municipality,aad_object_id\n';
/** The project columns before the fact sheet (issue 2): files with this header stay valid. */
const PROJECT_HEADER = 'id,title,aliases,field,lead,participants,owner,deputy,phase,summary\n';
const FACT_SHEET_HEADER = 'id,title,aliases,field,lead,participants,owner,deputy,phase,summary,goals,priority,start,end,indicators,budget,public\n';
/** The same project in the columns before the fact sheet, and with each fact-sheet column filled in. */
const OLD_ROW = 'open-data,Open-Data-Portal,,Verwaltung digital,Olfen,Dülmen,,,planning,Gemeinsames Portal';
const PROJECT_EXPECTED_COLUMNS = { expected: 'id,title,aliases,field,lead,participants,owner,deputy,phase,summary,goals,priority,start,end,indicators,budget,public' };

describe('directory import', () => {
  beforeEach(async () => {
    storage = await openStorage({ tablesConnectionString: testConnectionString(), dataDir: '', tablePrefix: uniquePrefix() }, 'cli');
    repos = storage.repos;
  });
  afterEach(async () => {
    await storage.close();
  });
  after(() => temp.removeAll());

  describe('valid files', () => {
    const sources: [string, (kind: DirectoryKind) => Promise<string>][] = [
      ['CSV', async (kind) => path.join(FIXTURES, `${kind}.csv`)],
      ['XLSX', fixtureAsXlsx],
      ['JSON', async (kind) => path.join(FIXTURES, `${kind}.json`)],
    ];
    for (const [format, fileOf] of sources) {
      it(`imports municipalities, people and projects from ${format} and stores every value`, async () => {
        for (const kind of DIRECTORY_KINDS) {
          const result = await importDirectory(repos, kind, await readTable(await fileOf(kind)), { dryRun: false });
          assert.deepEqual(result, { ok: true, dryRun: false, created: EXPECTED[kind].length, updated: 0, unchanged: 0 });
        }
        assert.deepEqual(await snapshot(), EXPECTED);
      });
    }

    it('links an imported person to Teams by the Entra object id', async () => {
      await importFixtures();
      assert.equal(await repos.people.emailForAadObjectId('3F2A9C4E-1B7D-4E8A-9C01-5A6B7C8D9E03'), 'anna.schulte@duelmen.example');
    });
  });

  describe('problems, each with its row and column', () => {
    beforeEach(importFixtures);

    const cases: [string, DirectoryKind, string, string, ImportProblem[]][] = [
      [
        'a missing column',
        'municipalities',
        'm.csv',
        'name,website\nOlfen,https://www.olfen.de\n',
        [{ row: 1, column: 'kind', code: 'missingColumn', params: { expected: 'name,kind,website' } }],
      ],
      [
        'a column of its own',
        'municipalities',
        'm.csv',
        'name,kind,website,Einwohner\nOlfen,municipality,,12900\n',
        [{ row: 1, column: 'Einwohner', code: 'unknownColumn', params: { expected: 'name,kind,website' } }],
      ],
      [
        'a column named twice',
        'municipalities',
        'm.csv',
        'name,kind,website,kind\nOlfen,municipality,,district\n',
        [{ row: 1, column: 'kind', code: 'duplicate', params: { value: 'kind', firstRow: 1 } }],
      ],
      [
        'a cell beyond the last column',
        'municipalities',
        'm.csv',
        `${MUNICIPALITY_HEADER}Olfen,municipality,,Stadt an der Lippe\n`,
        [{ row: 2, column: '#4', code: 'unknownColumn', params: { expected: 'name,kind,website' } }],
      ],
      ['a file without rows', 'municipalities', 'm.csv', MUNICIPALITY_HEADER, [{ row: 2, column: '', code: 'noRows', params: {} }]],
      ['an empty JSON array', 'municipalities', 'm.json', '[]', [{ row: 1, column: '', code: 'noRows', params: {} }]],
      [
        'an empty required value',
        'people',
        'p.csv',
        `${PEOPLE_HEADER}jan.niehues@luedinghausen.example,,member,,\n`,
        [{ row: 2, column: 'name', code: 'required', params: {} }],
      ],
      [
        'a JSON value of the wrong type',
        'projects',
        'p.json',
        JSON.stringify([{ ...jsonProject(), title: { de: 'Bürger-App' }, participants: ['Olfen', 7] }]),
        [
          { row: 1, column: 'title', code: 'invalidType', params: { expected: 'text' } },
          { row: 1, column: 'participants', code: 'invalidType', params: { expected: 'list' } },
        ],
      ],
      [
        'a JSON object without a key',
        'municipalities',
        'm.json',
        JSON.stringify([{ name: 'Olfen', kind: 'municipality', website: '' }, { name: 'Senden', kind: 'municipality' }]),
        [{ row: 2, column: 'website', code: 'missingColumn', params: { expected: 'name,kind,website' } }],
      ],
      [
        'a JSON object with a key of its own',
        'municipalities',
        'm.json',
        JSON.stringify([{ name: 'Olfen', kind: 'municipality', website: '', Einwohner: 12900 }]),
        [{ row: 1, column: 'Einwohner', code: 'unknownColumn', params: { expected: 'name,kind,website' } }],
      ],
      [
        'a title that is too long',
        'projects',
        'p.csv',
        `${PROJECT_HEADER}buerger-app,${'B'.repeat(201)},,Bürgerservice,Olfen,,,,idea,\n`,
        [{ row: 2, column: 'title', code: 'tooLong', params: { max: 200, length: 201 } }],
      ],
      [
        'an e-mail address without @',
        'people',
        'p.csv',
        `${PEOPLE_HEADER}anna.schulte(at)duelmen.example,Anna Schulte,cdo,Dülmen,\n`,
        [{ row: 2, column: 'email', code: 'invalidEmail', params: { value: 'anna.schulte(at)duelmen.example' } }],
      ],
      [
        'a website without http or https',
        'municipalities',
        'm.csv',
        `${MUNICIPALITY_HEADER}Olfen,municipality,www.olfen.de\n`,
        [{ row: 2, column: 'website', code: 'invalidUrl', params: { value: 'www.olfen.de' } }],
      ],
      [
        'an Entra object id cut short',
        'people',
        'p.csv',
        `${PEOPLE_HEADER}anna.schulte@duelmen.example,Anna Schulte,cdo,Dülmen,3F2A9C4E-1B7D-4E8A\n`,
        [{ row: 2, column: 'aad_object_id', code: 'invalidGuid', params: { value: '3F2A9C4E-1B7D-4E8A' } }],
      ],
      [
        'a project id with a space',
        'projects',
        'p.csv',
        `${PROJECT_HEADER}Bürger App,Bürger-App,,Bürgerservice,Olfen,,,,idea,\n`,
        [{ row: 2, column: 'id', code: 'invalidId', params: { value: 'Bürger App' } }],
      ],
      [
        'an unknown kind of municipality',
        'municipalities',
        'm.csv',
        `${MUNICIPALITY_HEADER}Olfen,Landkreis,\n`,
        [{ row: 2, column: 'kind', code: 'invalidChoice', params: { value: 'Landkreis', allowed: 'district, municipality' } }],
      ],
      [
        'an unknown role among known ones',
        'people',
        'p.csv',
        `${PEOPLE_HEADER}jan.niehues@luedinghausen.example,Jan Niehues,member;Bürgermeister,Olfen,\n`,
        [{ row: 2, column: 'roles', code: 'invalidChoice', params: { value: 'Bürgermeister', allowed: 'member, cdo, coordinator, scout, admin' } }],
      ],
      [
        'an unknown phase',
        'projects',
        'p.csv',
        `${PROJECT_HEADER}buerger-app,Bürger-App,,Bürgerservice,Olfen,,,,in Arbeit,\n`,
        [{ row: 2, column: 'phase', code: 'invalidChoice', params: { value: 'in Arbeit', allowed: 'idea, planning, implementation, done, paused' } }],
      ],
      [
        'the same e-mail twice, in other case',
        'people',
        'p.csv',
        `${PEOPLE_HEADER}jan.niehues@luedinghausen.example,Jan Niehues,member,,\nheike.wiesmann@kreistag-coesfeld.example,Heike Wiesmann,member,,\nJan.Niehues@Luedinghausen.example,Jan N.,member,,\n`,
        [{ row: 4, column: 'email', code: 'duplicate', params: { value: 'jan.niehues@luedinghausen.example', firstRow: 2 } }],
      ],
      [
        'the same Entra object id for two people',
        'people',
        'p.csv',
        `${PEOPLE_HEADER}jan.niehues@luedinghausen.example,Jan Niehues,member,,3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e07\nheike.wiesmann@kreistag-coesfeld.example,Heike Wiesmann,member,,3F2A9C4E-1B7D-4E8A-9C01-5A6B7C8D9E07\n`,
        [{ row: 3, column: 'aad_object_id', code: 'duplicate', params: { value: '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e07', firstRow: 2 } }],
      ],
      [
        'the same municipality twice',
        'municipalities',
        'm.csv',
        `${MUNICIPALITY_HEADER}Olfen,municipality,\nOLFEN,municipality,\n`,
        [{ row: 3, column: 'name', code: 'duplicate', params: { value: 'OLFEN', firstRow: 2 } }],
      ],
      [
        'the same project id twice',
        'projects',
        'p.csv',
        `${PROJECT_HEADER}buerger-app,Bürger-App,,Bürgerservice,Olfen,,,,idea,\nBuerger-App,Bürger-App 2,,Bürgerservice,Olfen,,,,idea,\n`,
        [{ row: 3, column: 'id', code: 'duplicate', params: { value: 'buerger-app', firstRow: 2 } }],
      ],
      [
        'a person in a municipality that was not imported',
        'people',
        'p.csv',
        `${PEOPLE_HEADER}jan.niehues@luedinghausen.example,Jan Niehues,member,Lüdinghausen,\n`,
        [{ row: 2, column: 'municipality', code: 'unknownMunicipality', params: { value: 'Lüdinghausen' } }],
      ],
      [
        'a project led and joined by unknown municipalities',
        'projects',
        'p.csv',
        `${PROJECT_HEADER}buerger-app,Bürger-App,,Bürgerservice,Coesfeld,Olfen;Billerbeck,,,idea,\n`,
        [
          { row: 2, column: 'lead', code: 'unknownMunicipality', params: { value: 'Coesfeld' } },
          { row: 2, column: 'participants', code: 'unknownMunicipality', params: { value: 'Billerbeck' } },
        ],
      ],
      [
        'an owner and a deputy who were not imported',
        'projects',
        'p.csv',
        `${PROJECT_HEADER}buerger-app,Bürger-App,,Bürgerservice,Olfen,,daniel.schroeder@olfen.example,jan.niehues@luedinghausen.example,idea,\n`,
        [
          { row: 2, column: 'owner', code: 'unknownPerson', params: { value: 'daniel.schroeder@olfen.example' } },
          { row: 2, column: 'deputy', code: 'unknownPerson', params: { value: 'jan.niehues@luedinghausen.example' } },
        ],
      ],
      [
        'a deputy who is the owner',
        'projects',
        'p.csv',
        `${PROJECT_HEADER}buerger-app,Bürger-App,,Bürgerservice,Olfen,,anna.schulte@duelmen.example,Anna.Schulte@Duelmen.example,idea,\n`,
        [{ row: 2, column: 'deputy', code: 'sameAsOwner', params: { value: 'anna.schulte@duelmen.example' } }],
      ],
    ];
    for (const [what, kind, name, content, expected] of cases) {
      it(`reports ${what}`, async () => {
        assert.deepEqual(await problemsOf(kind, name, content), expected);
      });
    }

    it('reports every problem of every row at once, in file order', async () => {
      const problems = await problemsOf('people', 'p.csv', `${PEOPLE_HEADER}jan.niehues@luedinghausen.example,Jan Niehues,member,,\nkein-at,Kai,chef,Münster,\n,,,,x\n`);
      assert.deepEqual(
        problems.map((p) => [p.row, p.column, p.code]),
        [
          [3, 'email', 'invalidEmail'],
          [3, 'roles', 'invalidChoice'],
          [3, 'municipality', 'unknownMunicipality'],
          [4, 'email', 'required'],
          [4, 'name', 'required'],
          [4, 'aad_object_id', 'invalidGuid'],
        ],
      );
    });

    it('writes nothing when any row has a problem, not even the good rows', async () => {
      const before = await snapshot();
      const problems = await problemsOf(
        'projects',
        'p.csv',
        `${PROJECT_HEADER}e-akte,E-Akte neu,,Verwaltung digital,Dülmen,,,,done,\nneues-projekt,Neu,,Bürgerservice,Olfen,,,,idea,\nkaputt,Kaputt,,Bürgerservice,Olfen,,,,fertig,\n`,
      );
      assert.equal(problems.length, 1);
      assert.deepEqual(await snapshot(), before);
    });
  });

  describe('upsert', () => {
    it('checks and counts in a dry run but writes nothing', async () => {
      const result = await importDirectory(repos, 'municipalities', await readTable(path.join(FIXTURES, 'municipalities.csv')), { dryRun: true });
      assert.deepEqual(result, { ok: true, dryRun: true, created: 3, updated: 0, unchanged: 0 });
      assert.deepEqual(await repos.municipalities.list(), []);
    });

    it('reports problems in a dry run like in a real one', async () => {
      const result = await importFile('municipalities', 'm.csv', `${MUNICIPALITY_HEADER}Olfen,Landkreis,\n`, { dryRun: true });
      assert.deepEqual(result, { ok: false, problems: [{ row: 2, column: 'kind', code: 'invalidChoice', params: { value: 'Landkreis', allowed: 'district, municipality' } }] });
    });

    it('counts every row as unchanged when the same file is imported again', async () => {
      await importFixtures();
      const result = await importDirectory(repos, 'projects', await readTable(path.join(FIXTURES, 'projects.csv')), { dryRun: false });
      assert.deepEqual(result, { ok: true, dryRun: false, created: 0, updated: 0, unchanged: 2 });
    });

    it('creates new rows, updates changed ones and leaves the rest, by key regardless of case', async () => {
      await importFixtures();
      const result = await importFile('municipalities', 'm.csv', `${MUNICIPALITY_HEADER}DÜLMEN,municipality,https://www.duelmen.de/rathaus\nOlfen,municipality,\nSenden,municipality,https://www.senden-westfalen.de\n`);
      assert.deepEqual(result, { ok: true, dryRun: false, created: 1, updated: 1, unchanged: 1 });
      assert.deepEqual(await repos.municipalities.list(), [
        { name: 'DÜLMEN', kind: 'municipality', website: 'https://www.duelmen.de/rathaus' },
        { name: 'Kreis Coesfeld', kind: 'district', website: 'https://www.kreis-coesfeld.de' },
        { name: 'Olfen', kind: 'municipality', website: '' },
        { name: 'Senden', kind: 'municipality', website: 'https://www.senden-westfalen.de' },
      ]);
    });

    it('accepts the German phase labels in any case and stores the phase codes', async () => {
      await importFixtures();
      const labels = ['Idee', 'Planung', 'UMSETZUNG', 'abgeschlossen', 'Pausiert'];
      const rows = labels.map((label, i) => `p${i},Projekt ${i},,Bürgerservice,Olfen,,,,${label},\n`).join('');
      assert.equal((await importFile('projects', 'p.csv', `${PROJECT_HEADER}${rows}`)).ok, true);
      const phases = Object.fromEntries((await repos.projects.list()).map((p) => [p.id, p.phase]));
      assert.deepEqual([phases.p0, phases.p1, phases.p2, phases.p3, phases.p4], ['idea', 'planning', 'implementation', 'done', 'paused']);
    });

    it('accepts German words for kinds and roles', async () => {
      await importFile('municipalities', 'm.csv', `${MUNICIPALITY_HEADER}Kreis Coesfeld,Kreis,\nCoesfeld,Stadt,\nNottuln,Gemeinde,\nSenden,Kommune,\n`);
      assert.deepEqual(
        (await repos.municipalities.list()).map((m) => [m.name, m.kind]),
        [
          ['Coesfeld', 'municipality'],
          ['Kreis Coesfeld', 'district'],
          ['Nottuln', 'municipality'],
          ['Senden', 'municipality'],
        ],
      );
      await importFile('people', 'p.csv', `${PEOPLE_HEADER}t.overbeck@kreis-coesfeld.example,Thomas Overbeck,Koordination;Trendscout;Mitglied;CDO,Kreis Coesfeld,\n`);
      assert.deepEqual((await repos.people.get('t.overbeck@kreis-coesfeld.example'))?.roles, ['coordinator', 'scout', 'member', 'cdo']);
    });

    it('makes a person without roles a member', async () => {
      await importFile('people', 'p.csv', `${PEOPLE_HEADER}jan.niehues@luedinghausen.example,Jan Niehues,,,\n`);
      assert.deepEqual((await repos.people.get('jan.niehues@luedinghausen.example'))?.roles, ['member']);
    });

    it('resolves references ignoring case and stores them as the directory spells them', async () => {
      await importFixtures();
      await importFile('people', 'p.csv', `${PEOPLE_HEADER}Daniel.Schroeder@OLFEN.example,Daniel Schröder,cdo,OLFEN,\n`);
      const result = await importFile('projects', 'p.csv', `${PROJECT_HEADER}LORAWAN,LoRaWAN-Netz,LoRa; IoT ;lora,Smart Region,olfen,DÜLMEN;kreis coesfeld,daniel.schroeder@olfen.example,ANNA.SCHULTE@duelmen.example,Umsetzung,\n`);
      assert.equal(result.ok, true);
      assert.deepEqual(await repos.people.get('daniel.schroeder@olfen.example'), { email: 'daniel.schroeder@olfen.example', name: 'Daniel Schröder', roles: ['cdo'], municipality: 'Olfen', aadObjectId: '' });
      assert.deepEqual(await repos.projects.get('lorawan'), {
        id: 'lorawan',
        title: 'LoRaWAN-Netz',
        aliases: ['LoRa', 'IoT'],
        field: 'Smart Region',
        lead: 'Olfen',
        participants: ['Dülmen', 'Kreis Coesfeld'],
        owner: 'daniel.schroeder@olfen.example',
        deputy: 'anna.schulte@duelmen.example',
        phase: 'implementation',
        summary: '',
      });
    });

    describe('the fact sheet', () => {
      it('imports a file with the columns before the fact sheet (CSV and JSON) and stores projects without one', async () => {
        await importFixtures();
        assert.equal((await importFile('projects', 'p.csv', `${PROJECT_HEADER}${OLD_ROW}\n`)).ok, true);
        assert.deepEqual(await repos.projects.get('open-data'), {
          id: 'open-data',
          title: 'Open-Data-Portal',
          aliases: [],
          field: 'Verwaltung digital',
          lead: 'Olfen',
          participants: ['Dülmen'],
          owner: '',
          deputy: '',
          phase: 'planning',
          summary: 'Gemeinsames Portal',
        });
        assert.deepEqual(await importFile('projects', 'p.json', JSON.stringify([jsonProject()])), { ok: true, dryRun: false, created: 1, updated: 0, unchanged: 0 });
        assert.deepEqual(await repos.projects.get('buerger-app'), jsonProject());
      });

      it('keeps the stored fact sheet when a file without its columns is imported, and counts the project unchanged', async () => {
        await importFixtures();
        const before = await repos.projects.get('e-akte');
        const oldColumns = fs.readFileSync(path.join(FIXTURES, 'projects.csv'), 'utf8').replace(FACT_SHEET_HEADER, PROJECT_HEADER).replace(/,Alle Akten.*,yes\n/, '\n').replace(/,,,,,,,no\n/, '\n');
        assert.deepEqual(await importFile('projects', 'p.csv', oldColumns), { ok: true, dryRun: false, created: 0, updated: 0, unchanged: 2 });
        assert.deepEqual(await repos.projects.get('e-akte'), before);
        assert.equal(before?.budget, 185000.5);
      });

      it('clears a fact-sheet field whose column is there but empty', async () => {
        await importFixtures();
        const csv = fs.readFileSync(path.join(FIXTURES, 'projects.csv'), 'utf8').replace(',185000.5,yes', ',,no');
        assert.deepEqual(await importFile('projects', 'p.csv', csv), { ok: true, dryRun: false, created: 0, updated: 1, unchanged: 1 });
        const project = await repos.projects.get('e-akte');
        assert.deepEqual([project?.budget, project?.public, project?.goals], [undefined, undefined, 'Alle Akten der Kernverwaltung digital führen']);
      });

      it('accepts German priority labels, months and dates written the German way, German and English amounts and ja/nein', async () => {
        await importFixtures();
        const rows = [
          `${OLD_ROW},Ziele,Hoch,03/2026,15.06.2027,,25.000,ja`,
          `p1,Projekt 1,,Bürgerservice,Olfen,,,,idea,,,MITTEL,03.2026,2026-3,,"12,000.50",Nein`,
          `p2,Projekt 2,,Bürgerservice,Olfen,,,,idea,,,niedrig,2026-01-05,2026-01,,"1.234,5 €",x`,
          `p3,Projekt 3,,Bürgerservice,Olfen,,,,idea,,,low,,,,"99,50",false`,
        ];
        const result = await importFile('projects', 'p.csv', `${FACT_SHEET_HEADER}${rows.join('\n')}\n`);
        assert.equal(result.ok, true, JSON.stringify(result));
        const facts = (await repos.projects.list()).filter((p) => p.id !== 'e-akte' && p.id !== 'ki-assistent').map((p) => [p.id, p.priority, p.start, p.end, p.budget, p.public]);
        assert.deepEqual(facts, [
          ['open-data', 'high', '2026-03', '2027-06-15', 25000, true],
          ['p1', 'medium', '2026-03', '2026-03', 12000.5, undefined],
          ['p2', 'low', '2026-01-05', '2026-01', 1234.5, true],
          ['p3', 'low', undefined, undefined, 99.5, undefined],
        ]);
      });

      it('takes a budget and the public flag from number and boolean cells of JSON', async () => {
        await importFixtures();
        await importFile('projects', 'p.json', JSON.stringify([{ ...jsonProject(), budget: 4200.25, public: true, priority: 'high' }]));
        const project = await repos.projects.get('buerger-app');
        assert.deepEqual([project?.budget, project?.public, project?.priority], [4200.25, true, 'high']);
      });

      it('reports every wrong fact-sheet value with its row and column, and stores nothing', async () => {
        await importFixtures();
        const before = await snapshot();
        const rows = [
          `${OLD_ROW},,dringend,13/2026,2026-02-30,,zwölf,vielleicht`,
          `p1,Projekt 1,,Bürgerservice,Olfen,,,,idea,,,,2027-05,2027-04-30,,-5,`,
          `p2,Projekt 2,,Bürgerservice,Olfen,,,,idea,,,,,,,"1,5,0",`,
        ];
        assert.deepEqual(await problemsOf('projects', 'p.csv', `${FACT_SHEET_HEADER}${rows.join('\n')}\n`), [
          { row: 2, column: 'priority', code: 'invalidChoice', params: { value: 'dringend', allowed: 'high, medium, low' } },
          { row: 2, column: 'start', code: 'invalidPeriod', params: { value: '13/2026' } },
          { row: 2, column: 'end', code: 'invalidPeriod', params: { value: '2026-02-30' } },
          { row: 2, column: 'budget', code: 'invalidAmount', params: { value: 'zwölf' } },
          { row: 2, column: 'public', code: 'invalidChoice', params: { value: 'vielleicht', allowed: 'yes, no' } },
          { row: 3, column: 'end', code: 'endBeforeStart', params: { value: '2027-04-30', start: '2027-05' } },
          { row: 3, column: 'budget', code: 'invalidAmount', params: { value: '-5' } },
          { row: 4, column: 'budget', code: 'invalidAmount', params: { value: '1,5,0' } },
        ]);
        assert.deepEqual(await snapshot(), before);
      });

      it('still requires the columns that are not part of the fact sheet', async () => {
        assert.deepEqual(await problemsOf('projects', 'p.csv', 'id,title,goals\nx,X,Ziel\n'), [
          'aliases',
          'field',
          'lead',
          'participants',
          'owner',
          'deputy',
          'phase',
          'summary',
        ].map((column) => ({ row: 1, column, code: 'missingColumn', params: PROJECT_EXPECTED_COLUMNS })));
      });
    });

    it('splits JSON list entries at semicolons like CSV cells, so every format stores the same', async () => {
      await importFixtures();
      await importFile('projects', 'p.json', JSON.stringify([{ ...jsonProject(), aliases: ['Bürger-App; Stadt-App', 'App'] }]));
      assert.deepEqual((await repos.projects.get('buerger-app'))?.aliases, ['Bürger-App', 'Stadt-App', 'App']);
    });

    it('keeps the Entra object id learned from Teams when an import leaves it empty', async () => {
      await importFixtures();
      const teamsId = '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e0a';
      // The bot meets Heike in Teams and learns her object id from the member API.
      const linked = await identifyUser(repos.people, { aadObjectId: teamsId }, async () => ({ ok: true, email: 'heike.wiesmann@kreistag-coesfeld.example' }));
      assert.equal(linked?.aadObjectId, teamsId);
      const result = await importFile('people', 'p.csv', `${PEOPLE_HEADER}heike.wiesmann@kreistag-coesfeld.example,Heike Wiesmann,member;scout,,\n`);
      assert.deepEqual(result, { ok: true, dryRun: false, created: 0, updated: 1, unchanged: 0 });
      assert.deepEqual(await repos.people.get('heike.wiesmann@kreistag-coesfeld.example'), {
        email: 'heike.wiesmann@kreistag-coesfeld.example',
        name: 'Heike Wiesmann',
        roles: ['member', 'scout'],
        municipality: '',
        aadObjectId: teamsId,
      });
    });
  });

  describe('export and round trip', () => {
    for (const extension of ['.csv', '.xlsx', '.json']) {
      it(`exports every kind to ${extension} exactly as imported, and importing the export changes nothing`, async () => {
        await importFixtures();
        const before = await snapshot();
        for (const kind of DIRECTORY_KINDS) {
          const file = path.join(temp.make(), `${kind}${extension}`);
          await writeTable(file, COLUMNS[kind], await exportDirectory(repos, kind));
          const exported = await readTable(file);
          // The fixtures are canonical (sorted by key, codes not labels), so the export must read the same.
          const original = await readTable(path.join(FIXTURES, `${kind}${extension === '.json' ? '.json' : '.csv'}`));
          assert.deepEqual(exported, original, `${kind}${extension}`);
          const again = await importDirectory(repos, kind, exported, { dryRun: false });
          assert.deepEqual(again, { ok: true, dryRun: false, created: 0, updated: 0, unchanged: EXPECTED[kind].length });
        }
        assert.deepEqual(await snapshot(), before);
      });
    }

    it('exports an empty directory as a header without rows', async () => {
      const file = path.join(temp.make(), 'people.csv');
      await writeTable(file, COLUMNS.people, await exportDirectory(repos, 'people'));
      assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFFemail,name,roles,municipality,aad_object_id\n');
    });
  });
});

/** A valid project for JSON cases, led by Olfen from the fixtures. */
function jsonProject(): Record<string, unknown> {
  return { id: 'buerger-app', title: 'Bürger-App', aliases: [], field: 'Bürgerservice', lead: 'Olfen', participants: [], owner: '', deputy: '', phase: 'idea', summary: '' };
}
