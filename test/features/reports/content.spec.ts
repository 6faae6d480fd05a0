import assert from 'node:assert/strict';
import { makeReport } from '../../../src/features/reports/domain/service';
import type { StrategyReport } from '../../../src/features/reports/domain/model';
import { reportSources } from '../../../src/features/reports/sources';
import { AS_OF, drivenYear, fundingProvider, ROUNDS, SCRIPT, type Year } from './year';

describe('the strategy report over a driven year of check-ins', function () {
  this.timeout(120_000);
  let year: Year;
  let report: StrategyReport;

  before(async () => {
    year = await drivenYear();
    ({ report } = await makeReport({ sources: reportSources(year.storage.repos, year.storage.store, () => [fundingProvider]) }, new Date('2025-11-24T00:00:00.000Z'), AS_OF));
  });

  const entry = (id: string) => {
    const found = report.fields.flatMap((f) => f.projects).find((e) => e.project.id === id);
    assert.ok(found, id);
    return found;
  };

  it('has one column per round of the year, oldest first, with who was asked and who answered', () => {
    assert.deepEqual(
      report.rounds.map((r) => r.id),
      year.roundIds,
    );
    // Everyone of the script answers in round 1; in round 12 the Bürger-App skips and the building file has stopped.
    const answered = Array.from({ length: ROUNDS }, (_, i) => Object.values(SCRIPT).filter((s) => s.answer(i)).length);
    assert.deepEqual(
      report.rounds.map((r) => [r.asked, r.answered]),
      answered.map((n) => [18, n]),
    );
    assert.deepEqual(answered.slice(0, 12), [5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 3]);
  });

  it('marks the traffic light each project gave in each round, and nothing where it gave none', () => {
    assert.deepEqual(entry('e-akte').marks, [...Array<string>(10).fill('green'), ...Array<string>(10).fill('yellow'), ...Array<string>(6).fill('red')]);
    assert.deepEqual(
      entry('buerger-app').marks,
      Array.from({ length: ROUNDS }, (_, i) => (i % 2 === 0 ? 'green' : undefined)),
    );
    assert.deepEqual(entry('digitale-bauakte').marks, [...Array<string>(10).fill('yellow'), 'red', ...Array<undefined>(15).fill(undefined)]);
    assert.deepEqual(entry('ki-assistent').marks, Array<undefined>(ROUNDS).fill(undefined));
  });

  it("gives each project's latest light, phase and blockers, with the phase from the latest status", () => {
    const latest = (id: string) => {
      const e = entry(id);
      return [e.latest?.light, e.phase, e.openBlockers];
    };
    assert.deepEqual(latest('e-akte'), ['red', 'implementation', 'Scanner fehlen']);
    assert.deepEqual(latest('open-data'), ['green', 'implementation', '']);
    assert.deepEqual(latest('isms'), ['green', 'done', '']);
    assert.deepEqual(latest('digitale-bauakte'), ['red', 'paused', 'Personal fehlt']);
    assert.deepEqual(latest('ki-assistent'), [undefined, 'idea', '']);
    assert.equal(entry('e-akte').updates.length, ROUNDS);
    assert.equal(entry('e-akte').updates[0]!.happened, 'Runde 1: Pilot läuft');
  });

  it('sums up the projects by phase, by light and by municipality', () => {
    assert.deepEqual(
      report.summary.byPhase.map((b) => [b.phase, b.count]),
      [
        ['idea', 2],
        ['planning', 5],
        ['implementation', 7],
        ['done', 6],
        ['paused', 4],
      ],
    );
    assert.deepEqual(
      report.summary.byLight.map((b) => [b.light, b.count]),
      [
        ['green', 3],
        ['yellow', 0],
        ['red', 2],
        ['none', 19],
      ],
    );
    assert.deepEqual(report.summary.byMunicipality.find((m) => m.municipality === 'Kreis Coesfeld'), { municipality: 'Kreis Coesfeld', lead: 7, participating: 3 });
    assert.equal(report.summary.byMunicipality.length, 12);
  });

  it('names the projects started, finished and paused in the period, and the open blockers worst first', () => {
    const titles = (list: readonly { project: { id: string } }[]) => list.map((e) => e.project.id);
    assert.deepEqual([titles(report.summary.started), titles(report.summary.finished), titles(report.summary.paused)], [['open-data'], ['isms'], ['digitale-bauakte']]);
    assert.deepEqual(titles(report.summary.openBlockers), ['digitale-bauakte', 'e-akte']);
  });

  it('shows funding applications and the sums applied for and approved where a feature offers them', () => {
    assert.deepEqual(
      [entry('e-akte').funding?.applied, entry('e-akte').funding?.approved, entry('open-data').funding?.applied, entry('isms').funding?.applications],
      [170000.5, 90000, 0, []],
    );
    assert.deepEqual([report.summary.funding?.applied, report.summary.funding?.approved, report.summary.funding?.applications.length], [170000.5, 90000, 3]);
  });

  it('says nothing about funding when no feature offers figures', async () => {
    const { report: without } = await makeReport({ sources: reportSources(year.storage.repos, year.storage.store, () => []) }, new Date('2025-11-24T00:00:00.000Z'), AS_OF);
    assert.equal(without.summary.funding, undefined);
    assert.equal(without.fields.flatMap((f) => f.projects).find((e) => e.project.id === 'e-akte')?.funding, undefined);
  });

  it('counts only the rounds and changes since the date asked for', async () => {
    const { report: half } = await makeReport({ sources: reportSources(year.storage.repos, year.storage.store, () => []) }, new Date('2026-05-31T22:00:00.000Z'), AS_OF);
    assert.equal(half.rounds.length, 13);
    assert.equal(half.rounds[0]!.startedAt.toISOString(), '2026-06-01T08:00:00.000Z');
    const eAkte = half.fields.flatMap((f) => f.projects).find((e) => e.project.id === 'e-akte')!;
    assert.deepEqual(eAkte.marks, [...Array<string>(7).fill('yellow'), ...Array<string>(6).fill('red')]);
    // The Open-Data-Portal started in February, the building file was paused in April: before the period.
    assert.deepEqual([half.summary.started.length, half.summary.finished.map((e) => e.project.id), half.summary.paused.length], [0, ['isms'], 0]);
  });

  it('shows the state as the report was made: updates after its time are left out', async () => {
    const { report: earlier } = await makeReport({ sources: reportSources(year.storage.repos, year.storage.store, () => []) }, new Date('2025-11-24T00:00:00.000Z'), new Date('2026-03-01T00:00:00.000Z'));
    const eAkte = earlier.fields.flatMap((f) => f.projects).find((e) => e.project.id === 'e-akte')!;
    assert.deepEqual([earlier.rounds.length, eAkte.latest?.light, eAkte.updates.length], [7, 'green', 7]);
  });
});
