import type { Municipality, Person, Phase, Project } from '../../../platform/directory/model';
import type { StatusAnswer, TrafficLight } from '../../checkins';

/**
 * The strategy report's domain: what became of each project over a period (its fact sheet, phase, traffic lights,
 * what happened, blockers, funding), summed up for the group, and the public list of projects.
 */

/** Where a funding application stands. */
export const FUNDING_STATUSES = ['planned', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

/**
 * One funding application of a project, as the feature that keeps funding calls and applications offers it
 * (see `FUNDING_FIGURES` in the feature's `index.ts`). Amounts are euros.
 */
export interface FundingApplication {
  /** The programme or call applied to ("Digitale Modellregionen NRW 2026"). */
  readonly programme: string;
  /** Who gives the money ("Land NRW"); '' when not known. */
  readonly funder: string;
  readonly status: FundingStatus;
  /** The amount applied for. */
  readonly requested: number;
  /** The amount granted: for approved applications; absent otherwise. */
  readonly approved?: number;
  /** When it was submitted (`yyyy-MM-dd`), when known. */
  readonly submittedOn?: string;
  /** When it was decided (`yyyy-MM-dd`), when known. */
  readonly decidedOn?: string;
}

/**
 * Funding figures per project, offered by another feature (the funding radar) through `FUNDING_FIGURES`. The
 * report and the fact sheet show them where a provider is present; without one they say nothing about funding.
 */
export interface FundingFiguresSource {
  /** Every project's applications, by project id (projects without any may be left out). */
  applicationsByProject(): Promise<ReadonlyMap<string, readonly FundingApplication[]>>;
  /** One project's applications (none: an empty list). */
  applicationsOf(projectId: string): Promise<readonly FundingApplication[]>;
}

/** Applications whose amount counts as applied for: handed in, whatever became of them. */
const APPLIED: ReadonlySet<FundingStatus> = new Set(['submitted', 'approved', 'rejected']);

/** A project's (or the group's) funding: the applications and their sums. */
export interface FundingTotals {
  readonly applications: readonly FundingApplication[];
  /** The sum applied for over the applications handed in (submitted, approved, rejected). */
  readonly applied: number;
  /** The sum granted over the approved ones. */
  readonly approved: number;
}

export function fundingTotals(applications: readonly FundingApplication[]): FundingTotals {
  const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
  return {
    applications,
    applied: sum(applications.filter((a) => APPLIED.has(a.status)).map((a) => a.requested)),
    approved: sum(applications.filter((a) => a.status === 'approved').map((a) => a.approved ?? 0)),
  };
}

/** The directory as a report reads it: everything at once. */
export interface DirectoryData {
  readonly municipalities: readonly Municipality[];
  readonly people: readonly Person[];
  readonly projects: readonly Project[];
}

/** A round of the period: when it started and how many of those asked answered. */
export interface RoundColumn {
  readonly id: string;
  readonly startedAt: Date;
  /** Projects with somebody to ask. */
  readonly asked: number;
  /** Of those, the ones answered in the round. */
  readonly answered: number;
}

/** A person as the report names them (never in the public list). */
export interface PersonName {
  readonly email: string;
  readonly name: string;
}

/** One project in the report. */
export interface ProjectEntry {
  readonly project: Project;
  readonly owner?: PersonName;
  readonly deputy?: PersonName;
  /**
   * The phase the report gives: `done` when the directory says so (done projects leave the rounds), else the phase of
   * the latest status, else the directory's.
   */
  readonly phase: Phase;
  /** The latest status at the time of the report, if any. */
  readonly latest?: StatusAnswer;
  /** The traffic light given in each round of the period ({@link StrategyReport.rounds}), undefined where none was. */
  readonly marks: readonly (TrafficLight | undefined)[];
  /** The status updates of the period, oldest first. */
  readonly updates: readonly StatusAnswer[];
  /** Blockers / help needed of the latest status ('' for none). */
  readonly openBlockers: string;
  /** Undefined when no feature offers funding figures. */
  readonly funding?: FundingTotals;
}

/** The projects of one field of action, by title. */
export interface FieldSection {
  readonly field: string;
  readonly projects: readonly ProjectEntry[];
}

export type LightOrNone = TrafficLight | 'none';

/** The group's figures up front. */
export interface ReportSummary {
  readonly projects: number;
  readonly byPhase: readonly { readonly phase: Phase; readonly count: number }[];
  /** By the latest traffic light; `none` for projects without a status. */
  readonly byLight: readonly { readonly light: LightOrNone; readonly count: number }[];
  /** Every municipality of the directory: projects it leads and projects it takes part in. */
  readonly byMunicipality: readonly { readonly municipality: string; readonly lead: number; readonly participating: number }[];
  /** Projects that went into implementation, were finished or paused in the period (by their status updates). */
  readonly started: readonly ProjectEntry[];
  readonly finished: readonly ProjectEntry[];
  readonly paused: readonly ProjectEntry[];
  /** Projects whose latest status names blockers, worst light first. */
  readonly openBlockers: readonly ProjectEntry[];
  /** Undefined when no feature offers funding figures. */
  readonly funding?: FundingTotals;
}

/** The strategy report over a period. */
export interface StrategyReport {
  readonly since: Date;
  /** The time it shows the state at (status updates after it are left out). */
  readonly asOf: Date;
  readonly summary: ReportSummary;
  /** The rounds started in the period, oldest first. */
  readonly rounds: readonly RoundColumn[];
  /** Fields of action in alphabetical order, each with its projects. */
  readonly fields: readonly FieldSection[];
  /** For the chart of phases over time: the projects by phase as each round of the period closed. */
  readonly phasesByRound: readonly { readonly round: RoundColumn; readonly counts: Readonly<Record<Phase, number>> }[];
}
