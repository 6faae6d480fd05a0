import { performance } from 'node:perf_hooks';
import { checkinHistory } from '../src/features/checkins';
import { CHECKIN_TABLES } from '../src/features/checkins/tables';
import { TableCheckinRoundRepository } from '../src/features/checkins/tables/rounds';
import type { CheckinPrompt, CheckinRound } from '../src/features/checkins/domain/model';
import { buildReport } from '../src/features/reports/domain/build';
import { reportHtmlDocument, reportXlsx } from '../src/features/reports/render/documents';
import { REPORT_TABLES } from '../src/features/reports/tables/links';
import { reportSources } from '../src/features/reports/sources';
import { makeReport } from '../src/features/reports/domain/service';
import { PHASES, type Municipality, type Person, type Project } from '../src/platform/directory/model';
import { TableMunicipalityRepository } from '../src/platform/directory/municipality-repository';
import { TablePersonRepository } from '../src/platform/directory/person-repository';
import { TableProjectRepository } from '../src/platform/directory/project-repository';
import { translator } from '../src/platform/i18n';
import { startTableServer } from '../src/platform/storage/embedded-table-storage';
import { TableStore, upsertPartition } from '../src/platform/storage/table-store';
import { random } from './measure';

/**
 * The strategy report over 2,000 projects with a year of fortnightly check-ins (26 rounds, every project answering
 * every round: 52,000 status updates, 52,000 prompts) in the embedded Table Storage:
 * 1. Reading everything a report needs — the directory, the rounds since the period's start (one range query) and
 *    every answer (one query) — against the floor of that cost measured side by side: the same rows listed with
 *    nothing done to them. Rows per second, and the ratio.
 * 2. Building the report from what was read (pure), and writing it as XLSX and as HTML with its three charts.
 */
export const title = 'Reports: the strategy report over 2,000 projects and a year of check-ins';

const PROJECTS = 2_000;
const ROUNDS = 26;
const FIELDS = ['Verwaltung digital', 'Bürgerservice', 'Smart Region', 'Infrastruktur', 'Bildung', 'Wirtschaft', 'Mobilität', 'Gesundheit'];
const FIRST_ROUND = Date.parse('2025-12-01T08:00:00.000Z');
const FORTNIGHT = 14 * 86_400_000;
const AS_OF = new Date(FIRST_ROUND + ROUNDS * FORTNIGHT);
const TIMES = 3;

/** The history rows of `checkinanswers` as the check-ins write them (layout: src/features/checkins/tables/answers.ts). */
const MAX_TIME = 8_640_000_000_000_000;

const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function seed(store: TableStore): Promise<{ rows: number }> {
  const rnd = random(17);
  const municipalities: Municipality[] = [{ name: 'Landkreis', kind: 'district', website: '' }, ...Array.from({ length: 11 }, (_, i) => ({ name: `Gemeinde ${i + 1}`, kind: 'municipality' as const, website: '' }))];
  const people: Person[] = Array.from({ length: 200 }, (_, i) => ({ email: `person${i}@example.org`, name: `Person ${i}`, roles: ['cdo'], municipality: municipalities[i % 12]!.name, aadObjectId: '' }));
  const projects: Project[] = Array.from({ length: PROJECTS }, (_, i) => ({
    id: `p${String(i).padStart(4, '0')}`,
    title: `Projekt ${i}`,
    aliases: [],
    field: FIELDS[i % FIELDS.length]!,
    lead: municipalities[i % 12]!.name,
    participants: [municipalities[(i + 1) % 12]!.name, municipalities[(i + 5) % 12]!.name],
    owner: people[i % 200]!.email,
    deputy: '',
    phase: PHASES[i % 4]!,
    summary: `Beschreibung von Projekt ${i}.`,
    ...(i % 3 === 0 ? { goals: 'Ziele', budget: 1000 * i, public: true as const } : {}),
  }));
  await new TableMunicipalityRepository(store).upsert(municipalities);
  await new TablePersonRepository(store).upsert(people);
  await new TableProjectRepository(store).upsert(projects);
  const rounds = new TableCheckinRoundRepository(store);
  let version: string | undefined;
  const roundIds: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const startedAt = new Date(FIRST_ROUND + r * FORTNIGHT);
    const id = `${startedAt.toISOString().replace(/[-:]|\.\d+/g, '')}-bench${r}`;
    const round: CheckinRound = { id, startedAt, startedBy: { kind: 'schedule' }, reminderDueAt: startedAt, closesAt: new Date(startedAt.getTime() + 7 * 86_400_000), state: 'closed', closedAt: new Date(startedAt.getTime() + 7 * 86_400_000) };
    const prompts: CheckinPrompt[] = projects.map((p) => ({ roundId: id, projectId: p.id, projectTitle: p.title, ownerEmail: p.owner, askedEmail: p.owner, reason: 'owner', delivery: { status: 'sent', deliveryId: '' }, answeredAt: startedAt }));
    await rounds.create(round, prompts, version);
    version = (await rounds.current()).version;
    roundIds.push(id);
  }
  const answers = store.table(CHECKIN_TABLES.answers);
  const lights = ['green', 'yellow', 'red'];
  for (let i = 0; i < projects.length; i += 20) {
    await Promise.all(
      projects.slice(i, i + 20).map((project) =>
        upsertPartition(
          answers,
          roundIds.map((roundId, r) => {
            const at = FIRST_ROUND + r * FORTNIGHT + 3_600_000;
            const id = `${project.id}-${r}`;
            return {
              partitionKey: project.id,
              rowKey: `h${String(MAX_TIME - at).padStart(16, '0')}-${id}`,
              id,
              projectId: project.id,
              roundId,
              token: '',
              authorEmail: project.owner,
              at: new Date(at).toISOString(),
              phase: project.phase,
              light: lights[Math.floor(rnd() * 3)]!,
              progress: r * 4,
              happened: 'Es ging voran, der nächste Meilenstein ist in Sicht.',
              next: 'Abstimmung mit den beteiligten Kommunen.',
              blockers: rnd() < 0.1 ? 'Es fehlt Personal.' : '',
              funding: '',
              previousLight: '',
              unchanged: false,
            };
          }),
        ),
      ),
    );
  }
  return { rows: PROJECTS * ROUNDS * 2 + PROJECTS + 212 };
}

export async function run(): Promise<void> {
  const storage = await startTableServer();
  try {
    const store = new TableStore(storage.connectionString, 'bench');
    await store.ensureTables([...Object.values(CHECKIN_TABLES), ...Object.values(REPORT_TABLES)]);
    const seeded = performance.now();
    const { rows } = await seed(store);
    console.log(`seeded ${PROJECTS} projects, ${ROUNDS} rounds, ${PROJECTS * ROUNDS} answers and as many prompts in ${ms(performance.now() - seeded)}`);
    const repos = { municipalities: new TableMunicipalityRepository(store), people: new TablePersonRepository(store), projects: new TableProjectRepository(store) };
    const sources = reportSources(repos, store, () => []);
    const since = new Date(FIRST_ROUND - 86_400_000);

    const reads: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < TIMES; i++) {
      // Alternating, so that neither profits from a warmer store.
      let start = performance.now();
      await Promise.all([sources.directory(), checkinHistory(store, since)]);
      reads.push(performance.now() - start);
      start = performance.now();
      let listed = 0;
      for (const table of ['municipalities', 'people', 'projects', CHECKIN_TABLES.rounds, CHECKIN_TABLES.answers]) for await (const _ of store.table(table).listEntities()) listed++;
      floors.push(performance.now() - start);
      if (listed < rows) throw new Error(`listed ${listed} rows, expected at least ${rows}`);
    }
    const read = median(reads);
    const floor = median(floors);
    console.log(`reading what a report needs (${rows} rows, each table once): ${ms(read)}, ${Math.round(rows / (read / 1000))} rows/s`);
    console.log(`the same tables listed with nothing done to the rows: ${ms(floor)}, ${Math.round(rows / (floor / 1000))} rows/s; ratio ${(read / floor).toFixed(2)}`);

    const [directory, history] = await Promise.all([sources.directory(), checkinHistory(store, since)]);
    const builds: number[] = [];
    let report = buildReport({ directory, history, funding: undefined, since, asOf: AS_OF });
    for (let i = 0; i < TIMES; i++) {
      const start = performance.now();
      report = buildReport({ directory, history, funding: undefined, since, asOf: AS_OF });
      builds.push(performance.now() - start);
    }
    const marks = report.fields.flatMap((f) => f.projects).reduce((n, e) => n + e.marks.filter(Boolean).length, 0);
    if (report.summary.projects !== PROJECTS || marks !== PROJECTS * ROUNDS) throw new Error(`report holds ${report.summary.projects} projects and ${marks} marks`);
    const build = median(builds);
    console.log(`building the report from them: ${ms(build)}, ${Math.round((PROJECTS * ROUNDS) / (build / 1000))} answers/s`);

    const view = { t: translator('de'), locale: 'de' as const, timezone: 'Europe/Berlin' };
    let start = performance.now();
    const xlsx = await reportXlsx(report, view);
    const xlsxTime = performance.now() - start;
    start = performance.now();
    const html = await reportHtmlDocument(report, view);
    const htmlTime = performance.now() - start;
    console.log(`writing it: XLSX ${ms(xlsxTime)} (${(xlsx.length / 1e6).toFixed(1)} MB), HTML with three charts ${ms(htmlTime)} (${(html.length / 1e6).toFixed(1)} MB)`);
    start = performance.now();
    await makeReport({ sources }, since, AS_OF);
    const whole = performance.now() - start + xlsxTime;
    console.log(`a whole report as the download makes it (read, build, XLSX): ${ms(whole)}; ratio to the bare listing ${(whole / floor).toFixed(2)}`);
  } finally {
    await storage.close();
  }
}
