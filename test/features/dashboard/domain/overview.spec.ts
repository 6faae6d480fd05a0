import assert from 'node:assert/strict';
import { buildOverview, matrixRows, projectRow, type Labels } from '../../../../src/features/dashboard/domain/overview';
import { fold, type LatestStatus } from '../../../../src/features/ask';
import { Directory } from '../../../../src/platform/directory/directory-cache';
import type { Municipality, Person, Project } from '../../../../src/platform/directory/model';

const LABELS: Labels = { light: (l) => `light:${l}`, phase: (p) => `phase:${p}` };

function project(id: string, title: string, lead: string, participants: string[] = [], extra: Partial<Project> = {}): Project {
  return { id, title, aliases: [], field: 'Feld', lead, participants, owner: '', deputy: '', phase: 'planning', summary: '', ...extra };
}
const municipality = (name: string, kind: Municipality['kind'] = 'municipality'): Municipality => ({ name, kind, website: '' });
const person = (email: string, name: string): Person => ({ email, name, roles: ['cdo'], municipality: '', aadObjectId: '' });

describe('dashboard overview', () => {
  describe('matrixRows', () => {
    it('puts the district first and keeps the directory order of the others', () => {
      const rows = matrixRows([municipality('Ascheberg'), municipality('Kreis Coesfeld', 'district'), municipality('Olfen')], []);
      assert.deepEqual(rows.map((r) => r.name), ['Kreis Coesfeld', 'Ascheberg', 'Olfen']);
    });

    it('lists a municipality\'s lead projects before those it takes part in, each by title, matching names regardless of case', () => {
      const projects = [project('b', 'Beta', 'Olfen'), project('z', 'Zeta', 'Ascheberg', ['olfen ']), project('a', 'Alpha', 'Olfen', ['Olfen', 'Ascheberg']), project('c', 'Ceta', 'Senden', ['Olfen'])];
      const [olfen] = matrixRows([municipality('Olfen')], projects);
      assert.deepEqual(olfen!.projects, [
        { id: 'a', role: 'lead' },
        { id: 'b', role: 'lead' },
        { id: 'c', role: 'participant' },
        { id: 'z', role: 'participant' },
      ]);
    });

    it('gives a municipality without projects an empty row', () => {
      assert.deepEqual(matrixRows([municipality('Rosendahl')], [project('a', 'A', 'Olfen')]), [{ name: 'Rosendahl', kind: 'municipality', projects: [] }]);
    });
  });

  describe('projectRow', () => {
    const directory = new Directory([], [person('anna@x.example', 'Anna Schulte')], []);

    it('names owner and deputy, the deputy by e-mail when the directory does not know them', () => {
      const row = projectRow(project('a', 'A', 'Olfen', [], { owner: 'anna@x.example', deputy: 'who@x.example' }), directory, undefined, LABELS, fold);
      assert.equal(row.owner, 'Anna Schulte');
      assert.equal(row.deputy, 'who@x.example');
    });

    it('leaves light, time and progress out without a status and labels it as none', () => {
      const row = projectRow(project('a', 'A', 'Olfen'), directory, undefined, LABELS, fold);
      assert.equal('light' in row || 'statusAt' in row || 'progress' in row, false);
      assert.equal(row.lightLabel, 'light:none');
    });

    it('takes the latest status\'s light, time and progress', () => {
      const status: LatestStatus = { light: 'yellow', phase: 'implementation', progress: 70, reportedAt: new Date('2026-11-30T09:30:00Z'), author: 'Anna', blockers: '' };
      const row = projectRow(project('a', 'A', 'Olfen'), directory, status, LABELS, fold);
      assert.deepEqual([row.light, row.lightLabel, row.statusAt, row.progress], ['yellow', 'light:yellow', '2026-11-30T09:30:00.000Z', 70]);
      assert.equal(row.phaseLabel, 'phase:implementation', 'the phase is the one last reported, as in the report');
    });

    it('keeps the directory\'s phase without a status, and a project the directory says is done done', () => {
      const status: LatestStatus = { light: 'green', phase: 'implementation', reportedAt: new Date('2026-11-30T09:30:00Z'), author: 'Anna', blockers: '' };
      assert.equal(projectRow(project('a', 'A', 'Olfen'), directory, undefined, LABELS, fold).phase, 'planning');
      assert.equal(projectRow(project('a', 'A', 'Olfen', [], { phase: 'done' }), directory, status, LABELS, fold).phase, 'done');
    });

    it('folds the search text as Ask does: umlauts written out, lower case, aliases and people included', () => {
      const row = projectRow(project('a', 'Bürger-App', 'Dülmen', ['Lüdinghausen'], { aliases: ['Stadt-App'], owner: 'anna@x.example', summary: 'Eine  App' }), directory, undefined, LABELS, fold);
      for (const word of ['buerger', 'stadt', 'duelmen', 'luedinghausen', 'anna schulte', 'eine app']) assert.ok(row.searchText.includes(word), `${word} in ${row.searchText}`);
    });
  });

  describe('buildOverview', () => {
    it('sorts the table by title and offers the fields in order, the phases and the lights with "none" last', () => {
      const directory = new Directory([municipality('Olfen')], [], [project('z', 'Zahl', 'Olfen', [], { field: 'Smart Region' }), project('a', 'Äpfel', 'Olfen', [], { field: 'Bildung' })]);
      const overview = buildOverview(directory, new Map(), LABELS, fold);
      assert.deepEqual(overview.projects.map((p) => p.id), ['a', 'z']);
      assert.deepEqual(overview.fields, ['Bildung', 'Smart Region']);
      assert.deepEqual(overview.phases.map((p) => p.key), ['idea', 'planning', 'implementation', 'done', 'paused']);
      assert.deepEqual(overview.lights, [
        { key: 'green', label: 'light:green' },
        { key: 'yellow', label: 'light:yellow' },
        { key: 'red', label: 'light:red' },
        { key: 'none', label: 'light:none' },
      ]);
    });
  });
});
