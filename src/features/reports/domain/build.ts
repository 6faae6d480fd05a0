import { currentPhase, PHASES, type Phase, type Project } from '../../../platform/directory/model';
import type { CheckinHistory, StatusAnswer, TrafficLight } from '../../checkins';
import {
  fundingTotals,
  type DirectoryData,
  type FieldSection,
  type FundingApplication,
  type LightOrNone,
  type PersonName,
  type ProjectEntry,
  type ReportSummary,
  type RoundColumn,
  type StrategyReport,
} from './model';

/** What a report is made of: everything read once, before any of it is looked at. */
export interface ReportInput {
  readonly directory: DirectoryData;
  readonly history: CheckinHistory;
  /** Applications by project id; undefined when no feature offers funding figures. */
  readonly funding: ReadonlyMap<string, readonly FundingApplication[]> | undefined;
  readonly since: Date;
  readonly asOf: Date;
}

const LIGHTS: readonly LightOrNone[] = ['green', 'yellow', 'red', 'none'];
const SEVERITY: Readonly<Record<LightOrNone, number>> = { red: 0, yellow: 1, green: 2, none: 3 };
/** Phases before the work begins: a move from one of them into implementation is a start. */
const BEFORE_START: ReadonlySet<Phase> = new Set(['idea', 'planning']);

/** Compares texts the way a German reader sorts them (umlauts with their vowels, case ignored). */
export const byGermanText = (a: string, b: string): number => a.localeCompare(b, 'de', { sensitivity: 'base' });

/**
 * Builds the strategy report: every project of the directory with its fact sheet, the phase the report gives, its
 * latest status and the traffic light of each round of the period, its status updates and blockers, its funding, and
 * the group's figures up front. Pure: works on what was read, in one pass over the answers, so that 2,000 projects
 * with a year of answers take well under a second.
 */
export function buildReport(input: ReportInput): StrategyReport {
  const { directory, since, asOf } = input;
  const sinceMs = since.getTime();
  const asOfMs = asOf.getTime();
  const people = new Map(directory.people.map((p) => [p.email, p]));
  const named = (email: string): PersonName | undefined => (email ? { email, name: people.get(email)?.name ?? email } : undefined);

  // Answers up to the report's time, by project, oldest first (the history comes sorted).
  const answersOf = new Map<string, StatusAnswer[]>();
  for (const answer of input.history.answers) {
    if (answer.at.getTime() > asOfMs) continue;
    const list = answersOf.get(answer.projectId) ?? [];
    list.push(answer);
    answersOf.set(answer.projectId, list);
  }
  const roundsInPeriod = input.history.rounds.filter((r) => r.round.startedAt.getTime() >= sinceMs && r.round.startedAt.getTime() <= asOfMs);
  const roundIndex = new Map(roundsInPeriod.map((r, i) => [r.round.id, i]));
  const answeredInRound = roundsInPeriod.map(() => new Set<string>());

  const entries: ProjectEntry[] = [];
  const started: ProjectEntry[] = [];
  const finished: ProjectEntry[] = [];
  const paused: ProjectEntry[] = [];
  for (const project of directory.projects) {
    const answers = answersOf.get(project.id) ?? [];
    const marks: (TrafficLight | undefined)[] = roundsInPeriod.map(() => undefined);
    const updates: StatusAnswer[] = [];
    let before: StatusAnswer | undefined;
    const moves = new Set<'started' | 'finished' | 'paused'>();
    for (const answer of answers) {
      const inPeriod = answer.at.getTime() >= sinceMs;
      if (inPeriod) {
        updates.push(answer);
        const round = roundIndex.get(answer.roundId);
        if (round !== undefined) {
          marks[round] = answer.light;
          answeredInRound[round]!.add(project.id);
        }
        if (before && before.phase !== answer.phase) {
          if (answer.phase === 'implementation' && BEFORE_START.has(before.phase)) moves.add('started');
          if (answer.phase === 'done') moves.add('finished');
          if (answer.phase === 'paused') moves.add('paused');
        }
      }
      before = answer;
    }
    const latest = answers.at(-1);
    const phase = currentPhase(project, latest?.phase);
    // Marked done in the directory after reporting in the period: finished in the period.
    if (project.phase === 'done' && latest && latest.phase !== 'done' && latest.at.getTime() >= sinceMs) moves.add('finished');
    // Without a status before the period, the fact sheet's start says whether it started in it.
    if (!answers.some((a) => a.at.getTime() < sinceMs) && startedWithin(project, since, asOf) && (phase === 'implementation' || phase === 'done')) moves.add('started');
    const applications = input.funding?.get(project.id);
    const entry: ProjectEntry = {
      project,
      ...optional('owner', named(project.owner)),
      ...optional('deputy', named(project.deputy)),
      phase,
      ...optional('latest', latest),
      marks,
      updates,
      openBlockers: latest?.blockers ?? '',
      ...optional('funding', input.funding ? fundingTotals(applications ?? []) : undefined),
    };
    entries.push(entry);
    if (moves.has('started')) started.push(entry);
    if (moves.has('finished')) finished.push(entry);
    if (moves.has('paused')) paused.push(entry);
  }

  const rounds: RoundColumn[] = roundsInPeriod.map(({ round, prompts }, i) => {
    const asked = prompts.filter((p) => p.askedEmail !== '');
    return { id: round.id, startedAt: round.startedAt, asked: asked.length, answered: asked.filter((p) => answeredInRound[i]!.has(p.projectId)).length };
  });
  const byTitle = (a: ProjectEntry, b: ProjectEntry) => byGermanText(a.project.title, b.project.title);
  const fieldNames = [...new Set(entries.map((e) => e.project.field))].sort(byGermanText);
  const fields: FieldSection[] = fieldNames.map((field) => ({ field, projects: entries.filter((e) => e.project.field === field).sort(byTitle) }));
  const lightOf = (e: ProjectEntry): LightOrNone => e.latest?.light ?? 'none';

  const summary: ReportSummary = {
    projects: entries.length,
    byPhase: PHASES.map((phase) => ({ phase, count: entries.filter((e) => e.phase === phase).length })),
    byLight: LIGHTS.map((light) => ({ light, count: entries.filter((e) => lightOf(e) === light).length })),
    byMunicipality: [...directory.municipalities]
      .sort((a, b) => byGermanText(a.name, b.name))
      .map((m) => ({
        municipality: m.name,
        lead: entries.filter((e) => e.project.lead === m.name).length,
        participating: entries.filter((e) => e.project.participants.includes(m.name)).length,
      })),
    started: started.sort(byTitle),
    finished: finished.sort(byTitle),
    paused: paused.sort(byTitle),
    openBlockers: entries.filter((e) => e.openBlockers !== '').sort((a, b) => SEVERITY[lightOf(a)] - SEVERITY[lightOf(b)] || byTitle(a, b)),
    ...optional('funding', input.funding ? fundingTotals(entries.flatMap((e) => e.funding?.applications ?? [])) : undefined),
  };

  const phasesByRound = rounds.map((round, i) => {
    const closes = (roundsInPeriod[i]!.round.closedAt ?? roundsInPeriod[i]!.round.closesAt).getTime();
    const until = Math.min(closes, asOfMs);
    const counts = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
    for (const project of directory.projects) {
      const answers = answersOf.get(project.id) ?? [];
      let last: StatusAnswer | undefined;
      for (const answer of answers) if (answer.at.getTime() <= until) last = answer;
      counts[last ? last.phase : project.phase]++;
    }
    return { round, counts };
  });
  return { since, asOf, summary, rounds, fields, phasesByRound };
}

/** True when the fact sheet's start (a month or a date) lies in the period. */
function startedWithin(project: Project, since: Date, asOf: Date): boolean {
  if (!project.start) return false;
  const [year, month, day] = project.start.split('-').map(Number) as [number, number, number | undefined];
  const start = Date.UTC(year, month - 1, day ?? 1);
  const monthEnd = Date.UTC(year, month - 1 + (day === undefined ? 1 : 0), day === undefined ? 1 : day + 1);
  return monthEnd > since.getTime() && start <= asOf.getTime();
}

/** `{ [key]: value }` when there is a value, else nothing (optional properties stay absent). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
