import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { submitStatus } from '../../../src/features/checkins/domain/answers';
import { startRound } from '../../../src/features/checkins/domain/rounds';
import type { TrafficLight } from '../../../src/features/checkins';
import type { FundingApplication, FundingFiguresSource } from '../../../src/features/reports';
import { withFactSheet, type Phase, type Project } from '../../../src/platform/directory/model';
import { projectLookup } from '../../../src/features/ask';
import type { CheckinContext } from '../../../src/features/checkins/domain/context';
import { checkinRepositories } from '../../../src/features/checkins/tables';
import { featureTables } from '../../../src/app';
import { DirectoryCache } from '../../../src/platform/directory/directory-cache';
import { loadSampleDataIfEmpty } from '../../../src/platform/directory/sample-data';
import { openStorage, type OpenStorage } from '../../../src/platform/storage';
import { TestClock } from '../../support/checkin-context';
import { testConnectionString, uniquePrefix } from '../../support/hooks';

/** The first round: Monday 1 December 2025, 09:00 in Berlin; then every second Monday, 26 rounds in all. */
export const FIRST_ROUND = Date.parse('2025-12-01T08:00:00.000Z');
export const ROUNDS = 26;
const FORTNIGHT = 14 * 86_400_000;
/** After the last round (16 November 2026) has closed. */
export const AS_OF = new Date('2026-11-24T08:00:00.000Z');

/** What each project answers in round `i` (undefined: no answer), and who answers. */
interface Script {
  readonly owner: string;
  answer(i: number): { light: TrafficLight; phase: Phase; blockers?: string; happened?: string } | undefined;
}

/**
 * The known year: the E-Akte green for ten rounds, yellow for ten, red for the last six (with a blocker); the
 * Bürger-App answering every second round; the Open-Data-Portal moving from planning into implementation in round 6;
 * the ISMS finished in round 21; the digital building file paused in round 11 with a blocker; nobody else answers.
 */
export const SCRIPT: Readonly<Record<string, Script>> = {
  'e-akte': {
    owner: 'anna.schulte@duelmen.example',
    answer: (i) => ({ light: i < 10 ? 'green' : i < 20 ? 'yellow' : 'red', phase: 'implementation', happened: `Runde ${i + 1}: Pilot läuft`, ...(i >= 20 ? { blockers: 'Scanner fehlen' } : {}) }),
  },
  'buerger-app': { owner: 'markus.terhorst@coesfeld.example', answer: (i) => (i % 2 === 0 ? { light: 'green', phase: 'implementation' } : undefined) },
  'open-data': { owner: 't.overbeck@kreis-coesfeld.example', answer: (i) => ({ light: 'green', phase: i < 5 ? 'planning' : 'implementation' }) },
  isms: { owner: 'm.becker@kreis-coesfeld.example', answer: (i) => (i < 20 ? { light: 'yellow', phase: 'implementation' } : i === 20 ? { light: 'green', phase: 'done' } : undefined) },
  'digitale-bauakte': {
    owner: 'm.koenning@senden-westfalen.example',
    answer: (i) => (i < 10 ? { light: 'yellow', phase: 'planning' } : i === 10 ? { light: 'red', phase: 'paused', blockers: 'Personal fehlt' } : undefined),
  },
};

/** The fact sheets of the sample projects during the year (the others have none): three of them public. */
export const FACT_SHEETS: Readonly<Record<string, Parameters<typeof withFactSheet>[1]>> = {
  'e-akte': { goals: 'Alle Akten der Kernverwaltung digital führen', priority: 'high', start: '2025-01', end: '2027-06-30', indicators: 'Anteil digital geführter Akten', budget: 185000.5, public: true },
  'open-data': { goals: 'Offene Daten aller Kommunen an einem Ort', priority: 'medium', start: '2026-02', end: '2027-12', public: true },
  'ki-assistent': { goals: 'Fragen rund um die Uhr beantworten', priority: 'low', public: true },
  isms: { priority: 'high', budget: 40000 },
};

/**
 * A summary that names a person of the directory and her address, the way people write them: the public list must
 * not carry either.
 */
export const OPEN_DATA_SUMMARY = 'Ein gemeinsames Portal für offene Daten. Ansprechpartnerin ist Anna Schulte (anna.schulte@duelmen.example), vertreten durch Frau Hüsing.';

export interface Year {
  readonly storage: OpenStorage;
  /** The environment that points the command line at these tables. */
  readonly env: Record<string, string>;
  /** The rounds' ids, oldest first. */
  readonly roundIds: readonly string[];
}

let driven: Promise<Year> | undefined;

/**
 * The sample data with fact sheets and a year of fortnightly check-in rounds, driven through the check-in use cases
 * on a clock (started by the command line's starter, answered as the owners submit their cards, two hours after
 * each start). Made once per test run; tests only read it.
 */
export function drivenYear(): Promise<Year> {
  driven ??= drive();
  return driven;
}

async function drive(): Promise<Year> {
  const prefix = uniquePrefix();
  const storage = await openStorage({ tablesConnectionString: testConnectionString(), dataDir: '', tablePrefix: prefix }, 'cli', featureTables());
  await loadSampleDataIfEmpty(storage.repos);
  const clock = new TestClock(new Date(FIRST_ROUND));
  const directory = new DirectoryCache(storage.repos, { now: clock.now, checkIntervalMs: 1000 });
  const ctx: CheckinContext = {
    repos: { ...storage.repos, ...checkinRepositories(storage.store) },
    timing: { timezone: 'Europe/Berlin', reminderWorkingDays: 2, closeWorkingDays: 5, holidayRegion: '', reminderTime: '09:00', dueTime: '17:00' },
    lookup: projectLookup(directory),
    directory,
    now: clock.now,
    newId: randomUUID,
  };
  const projects = await storage.repos.projects.list();
  // The sample's own fact sheets are replaced by these (the others have none), so the tests know what is public.
  const changed: Project[] = projects.map((p) => withFactSheet({ ...p, summary: p.id === 'open-data' ? OPEN_DATA_SUMMARY : p.summary }, FACT_SHEETS[p.id] ?? {}));
  await storage.repos.projects.upsert(changed);
  const people = new Map((await storage.repos.people.list()).map((p) => [p.email, p]));
  const roundIds: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    clock.set(new Date(FIRST_ROUND + i * FORTNIGHT).toISOString());
    const started = await startRound(ctx, { kind: 'cli' });
    assert.equal(started.kind, 'started');
    if (started.kind === 'started') roundIds.push(started.summary.round.id);
    clock.set(new Date(FIRST_ROUND + i * FORTNIGHT + 2 * 3_600_000).toISOString());
    for (const [projectId, script] of Object.entries(SCRIPT)) {
      const answer = script.answer(i);
      if (!answer) continue;
      const data = { projectId, roundId: '', token: randomUUID(), progress: '', next: '', funding: '', happened: '', blockers: '', ...answer };
      const result = await submitStatus(ctx, people.get(script.owner), data);
      assert.equal(result.kind, 'saved', `${projectId} in round ${i + 1}`);
    }
  }
  return { storage, env: { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix, SAMPLE_DATA: 'false' }, roundIds };
}

/** Funding figures as the funding feature would offer them (it is another feature: the report only reads its offer). */
export const FUNDING: ReadonlyMap<string, readonly FundingApplication[]> = new Map([
  [
    'e-akte',
    [
      { programme: 'Digitale Modellregionen NRW', funder: 'Land NRW', status: 'approved', requested: 120000, approved: 90000, submittedOn: '2026-02-15', decidedOn: '2026-06-30' },
      { programme: 'Förderaufruf KI in der Verwaltung', funder: 'Bund', status: 'submitted', requested: 50000.5, submittedOn: '2026-10-01' },
    ],
  ],
  ['open-data', [{ programme: 'Open-Data-Förderung', funder: 'Land NRW', status: 'planned', requested: 20000 }]],
]);

export const fundingProvider: FundingFiguresSource = {
  applicationsByProject: async () => FUNDING,
  applicationsOf: async (projectId) => FUNDING.get(projectId) ?? [],
};
