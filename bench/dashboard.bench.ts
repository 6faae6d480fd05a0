import { performance } from 'node:perf_hooks';
import { percentile, random } from './measure';
import { fold, type LatestStatus } from '../src/features/ask';
import { buildOverview, type Labels } from '../src/features/dashboard/domain/overview';
import { Directory } from '../src/platform/directory/directory-cache';
import { PHASES, type Municipality, type Person, type Project } from '../src/platform/directory/model';
import { translator } from '../src/platform/i18n';

/**
 * The dashboard's overview at scale: 2,000 projects, 1,000 people, 60 municipalities, a status for three in four
 * projects. Measures what `/api/tab/overview` does in memory per request — build the rows, the matrix and the
 * filters, then serialise — against serialising the directory's own projects (the least any JSON answer of the
 * same data costs), alternating, in this run. Storage reads (one `latestStatuses()` per request) are not in it.
 */
export const title = 'Dashboard: overview of 2,000 projects';

const PROJECTS = 2_000;
const PEOPLE = 1_000;
const MUNICIPALITIES = 60;
const ROUNDS = 9;
const PER_ROUND = 20;

function generate(): { directory: Directory; statuses: Map<string, LatestStatus> } {
  const rnd = random(18);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const municipalities: Municipality[] = [{ name: 'Kreis Musterland', kind: 'district', website: '' }];
  for (let i = 1; i < MUNICIPALITIES; i++) municipalities.push({ name: `Gemeinde Süd-${i}`, kind: 'municipality', website: '' });
  const people: Person[] = Array.from({ length: PEOPLE }, (_, i) => ({ email: `p${i}@example.org`, name: `Person Müller ${i}`, roles: ['cdo'], municipality: pick(municipalities).name, aadObjectId: '' }));
  const fields = ['Verwaltung digital', 'Bürgerservice', 'Smart Region', 'Infrastruktur', 'Bildung', 'Wirtschaft', 'Mobilität', 'Klima und Energie'];
  const projects: Project[] = Array.from({ length: PROJECTS }, (_, i) => {
    const lead = pick(municipalities).name;
    return {
      id: `p-${i}`,
      title: `Digitale Plattform Nr. ${i} für ${lead}`,
      aliases: rnd() < 0.5 ? [`Plattform-${i}`] : [],
      field: pick(fields),
      lead,
      participants: [pick(municipalities).name, pick(municipalities).name].filter((m) => m !== lead),
      owner: pick(people).email,
      deputy: rnd() < 0.5 ? pick(people).email : '',
      phase: pick(PHASES),
      summary: 'Eine gemeinsame Lösung für die Verwaltung, die Bürgerinnen und Bürger online erreichen.',
    };
  });
  const lights = ['green', 'yellow', 'red'] as const;
  const statuses = new Map<string, LatestStatus>();
  for (const p of projects) if (rnd() < 0.75) statuses.set(p.id, { light: pick(lights), phase: p.phase, progress: Math.floor(rnd() * 100), reportedAt: new Date(1_780_000_000_000 + Math.floor(rnd() * 1e9)), author: 'Person', blockers: '' });
  return { directory: new Directory(municipalities, people, projects), statuses };
}

/** Milliseconds per call of `work`, over `count` calls. */
function timed(work: () => unknown, count: number): number {
  const start = performance.now();
  for (let n = 0; n < count; n++) work();
  return (performance.now() - start) / count;
}

export async function run(): Promise<void> {
  const { directory, statuses } = generate();
  const t = translator('de');
  const labels: Labels = { light: (light) => t(`dashboard.lights.${light}`), phase: (phase) => t(`kinds.phases.${phase}`) };
  const overview = () => JSON.stringify(buildOverview(directory, statuses, labels, fold));
  const baseline = () => JSON.stringify(directory.projects);
  // Warm up both, so neither pays for the compiler.
  timed(overview, PER_ROUND);
  timed(baseline, PER_ROUND);
  const overviewMs: number[] = [];
  const baselineMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    overviewMs.push(timed(overview, PER_ROUND));
    baselineMs.push(timed(baseline, PER_ROUND));
  }
  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
  const bytes = Buffer.byteLength(overview());
  console.log(`overview (build + JSON, ${PROJECTS} projects, ${(bytes / 1024).toFixed(0)} KiB): ${median(overviewMs).toFixed(2)} ms per request (median of ${ROUNDS} rounds of ${PER_ROUND})`);
  console.log(`baseline JSON.stringify of the directory's projects: ${median(baselineMs).toFixed(2)} ms`);
  console.log(`ratio overview / baseline: ${(median(overviewMs) / median(baselineMs)).toFixed(1)}×`);
}
