import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Repositories } from '../../../src/platform/directory/repositories';
import { SAMPLE_DATA_DIR } from '../../../src/platform/paths';
import { loadSampleDataIfEmpty, SampleDataError } from '../../../src/platform/directory/sample-data';
import { openStorage, type OpenStorage } from '../../../src/platform/storage';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { TempDirs } from '../../support/temp-dirs';

const MUNICIPALITIES = ['Ascheberg', 'Billerbeck', 'Coesfeld', 'Dülmen', 'Havixbeck', 'Lüdinghausen', 'Nordkirchen', 'Nottuln', 'Olfen', 'Rosendahl', 'Senden'];

describe('sample data', () => {
  const temp = new TempDirs();
  let storage: OpenStorage;
  let repos: Repositories;
  beforeEach(async () => {
    storage = await openStorage({ tablesConnectionString: testConnectionString(), dataDir: '', tablePrefix: uniquePrefix() }, 'cli');
    repos = storage.repos;
  });
  afterEach(() => storage.close());
  after(() => temp.removeAll());

  describe('loaded into empty tables', () => {
    beforeEach(async () => {
      assert.equal(await loadSampleDataIfEmpty(repos), true);
    });

    it('holds the Kreis Coesfeld and its eleven municipalities', async () => {
      const municipalities = await repos.municipalities.list();
      assert.deepEqual(
        municipalities.filter((m) => m.kind === 'district').map((m) => m.name),
        ['Kreis Coesfeld'],
      );
      assert.deepEqual(
        municipalities.filter((m) => m.kind === 'municipality').map((m) => m.name),
        MUNICIPALITIES,
      );
    });

    it('has exactly one CDO for each municipality', async () => {
      const cdos = (await repos.people.list()).filter((p) => p.roles.includes('cdo'));
      assert.deepEqual(cdos.map((p) => p.municipality).sort((a, b) => a.localeCompare(b, 'de')), MUNICIPALITIES);
    });

    it('has two coordinators and a trend scout', async () => {
      const people = await repos.people.list();
      assert.deepEqual(
        people.filter((p) => p.roles.includes('coordinator')).map((p) => p.name),
        ['Martina Becker', 'Thomas Overbeck'],
      );
      assert.deepEqual(
        people.filter((p) => p.roles.includes('scout')).map((p) => p.name),
        ['Lena Krüger'],
      );
    });

    it('has 15 to 25 projects across several fields of action, in every phase', async () => {
      const projects = await repos.projects.list();
      assert.ok(projects.length >= 15 && projects.length <= 25, `${projects.length} projects`);
      assert.deepEqual([...new Set(projects.map((p) => p.field))].sort(), ['Bildung', 'Bürgerservice', 'Infrastruktur', 'Smart Region', 'Verwaltung digital', 'Wirtschaft']);
      assert.deepEqual([...new Set(projects.map((p) => p.phase))].sort(), ['done', 'idea', 'implementation', 'paused', 'planning']);
    });

    it('refers only to municipalities and people it holds', async () => {
      const municipalities = new Set((await repos.municipalities.list()).map((m) => m.name));
      const people = new Set((await repos.people.list()).map((p) => p.email));
      for (const project of await repos.projects.list()) {
        for (const name of [project.lead, ...project.participants]) assert.ok(municipalities.has(name), `${project.id}: ${name}`);
        for (const email of [project.owner, project.deputy].filter(Boolean)) assert.ok(people.has(email), `${project.id}: ${email}`);
      }
      for (const person of await repos.people.list()) assert.ok(person.municipality === '' || municipalities.has(person.municipality), person.email);
    });

    it('links the sample people with an Entra object id to Teams', async () => {
      assert.equal(await repos.people.emailForAadObjectId('3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e01'), 'm.becker@kreis-coesfeld.example');
    });

    it('is not loaded a second time', async () => {
      assert.equal(await loadSampleDataIfEmpty(repos), false);
    });
  });

  describe('never over existing data', () => {
    const someone = { email: 'greta.lohmann@olfen.example', name: 'Greta Lohmann', roles: ['member'] as const, municipality: '', aadObjectId: '' };
    const project = { id: 'eigenes', title: 'Eigenes Projekt', aliases: [], field: 'Bürgerservice', lead: 'Olfen', participants: [], owner: '', deputy: '', phase: 'idea' as const, summary: '' };
    const cases: [string, (repos: Repositories) => Promise<void>][] = [
      ['a single municipality', (r) => r.municipalities.upsert([{ name: 'Olfen', kind: 'municipality', website: 'https://www.olfen.de/neu' }])],
      ['a single person', (r) => r.people.upsert([someone])],
      ['a single project', (r) => r.projects.upsert([project])],
    ];
    for (const [what, seed] of cases) {
      it(`is not loaded when ${what} is stored, which stays as it was`, async () => {
        await seed(repos);
        const before = [await repos.municipalities.list(), await repos.people.list(), await repos.projects.list()];
        assert.equal(await loadSampleDataIfEmpty(repos), false);
        assert.deepEqual([await repos.municipalities.list(), await repos.people.list(), await repos.projects.list()], before);
      });
    }
  });

  it('fails loudly when the sample does not pass the importer', async () => {
    const dir = temp.make();
    for (const file of fs.readdirSync(SAMPLE_DATA_DIR)) fs.copyFileSync(path.join(SAMPLE_DATA_DIR, file), path.join(dir, file));
    const projects = fs.readFileSync(path.join(dir, 'projects.csv'), 'utf8');
    fs.writeFileSync(path.join(dir, 'projects.csv'), projects.replace(',anna.schulte@duelmen.example,p.huesing@duelmen.example,', ',anna.schulte@duelmen.example,nobody@duelmen.example,'));
    await assert.rejects(loadSampleDataIfEmpty(repos, dir), (error: unknown) => {
      assert.ok(error instanceof SampleDataError);
      assert.equal(error.code, 'SAMPLE_DATA_INVALID');
      assert.equal(error.file, path.join(dir, 'projects.csv'));
      assert.deepEqual(error.problems, [{ row: 2, column: 'deputy', code: 'unknownPerson', params: { value: 'nobody@duelmen.example' } }]);
      return true;
    });
  });
});
