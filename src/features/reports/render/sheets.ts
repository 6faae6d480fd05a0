import type { ViewContext } from '../../../platform/i18n/format';
import type { StrategyReport } from '../domain/model';
import { fundingStatusLabel, lightLabel, localParts, phaseLabel, priorityLabel, timeframeLabel } from './labels';

/**
 * The report as tables, one per part: what the XLSX writes as sheets (with real number and date cells) and the
 * CSV writes as its one table of projects.
 */

/**
 * How a column's cells are written: text, a traffic light's label (filled in its colour), a count, euros, a share
 * (0–1), a local date or a local date and time.
 */
export type ColumnKind = 'text' | 'light' | 'number' | 'euro' | 'percent' | 'date' | 'datetime';

/**
 * A cell: text, a number, or a date. A date holds the local (Europe/Berlin) day and time in its UTC fields, the way
 * spreadsheets store dates without a time zone.
 */
export type Cell = string | number | Date | undefined;

export interface Column {
  /** Key of the column in the CSV (English, stable). */
  readonly key: string;
  /** A text, or (the rounds of the history sheet) a date. */
  readonly header: string | Date;
  readonly kind: ColumnKind;
  /** Width in characters. */
  readonly width: number;
}

export interface Sheet {
  /** The sheet's name (at most 31 characters, Excel's limit). */
  readonly name: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}

/** The local day and time of `at` in the time zone, as a date whose UTC fields hold them. */
export function localCell(at: Date, timezone: string, withTime: boolean): Date {
  const local = localParts(at, timezone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, withTime ? local.hour : 0, withTime ? local.minute : 0));
}

/** A fact sheet's month or date (`yyyy-MM`, `yyyy-MM-dd`) as a date cell: a month as its first day. */
function periodCell(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number | undefined];
  return new Date(Date.UTC(year, month - 1, day ?? 1));
}

/** The sheets of the report, in the order the workbook has them; the funding sheet only where figures are offered. */
export function reportSheets(report: StrategyReport, view: ViewContext): Sheet[] {
  const { t, timezone } = view;
  const column = (key: string, kind: ColumnKind, width: number): Column => ({ key, header: t(`reports.columns.${key}` as Parameters<typeof t>[0]), kind, width });
  const day = (at: Date) => localCell(at, timezone, false);
  const entries = report.fields.flatMap((f) => f.projects);
  const { summary } = report;

  const overview: Sheet = {
    name: t('reports.sheets.summary'),
    columns: [column('figure', 'text', 44), column('value', 'number', 16)],
    rows: [
      [t('reports.figures.projects'), summary.projects],
      ...summary.byPhase.map((b) => [t('reports.figures.phase', { phase: phaseLabel(b.phase, view) }), b.count]),
      ...summary.byLight.map((b) => [t('reports.figures.light', { light: lightLabel(b.light, view) }), b.count]),
      [t('reports.figures.started'), summary.started.length],
      [t('reports.figures.finished'), summary.finished.length],
      [t('reports.figures.paused'), summary.paused.length],
      [t('reports.figures.openBlockers'), summary.openBlockers.length],
      [t('reports.figures.rounds'), report.rounds.length],
      ...(summary.funding ? [[t('reports.figures.fundingApplied'), summary.funding.applied], [t('reports.figures.fundingApproved'), summary.funding.approved]] : []),
    ],
  };
  const periodSheet: Sheet = {
    name: t('reports.sheets.period'),
    columns: [column('from', 'date', 14), column('until', 'datetime', 18)],
    rows: [[day(report.since), localCell(report.asOf, timezone, true)]],
  };
  const municipalities: Sheet = {
    name: t('reports.sheets.municipalities'),
    columns: [column('municipality', 'text', 28), column('lead', 'number', 14), column('participating', 'number', 14)],
    rows: summary.byMunicipality.map((m) => [m.municipality, m.lead, m.participating]),
  };
  const rounds: Sheet = {
    name: t('reports.sheets.rounds'),
    columns: [column('round', 'date', 14), column('asked', 'number', 12), column('answered', 'number', 12), column('responseRate', 'percent', 14)],
    rows: report.rounds.map((r) => [day(r.startedAt), r.asked, r.answered, r.asked === 0 ? 0 : r.answered / r.asked]),
  };
  const projects: Sheet = {
    name: t('reports.sheets.projects'),
    columns: [
      column('id', 'text', 18),
      column('title', 'text', 36),
      column('field', 'text', 22),
      column('phase', 'text', 14),
      column('light', 'light', 12),
      column('lightDate', 'date', 12),
      column('progress', 'number', 10),
      column('history', 'text', 30),
      column('owner', 'text', 22),
      column('deputy', 'text', 22),
      column('lead', 'text', 18),
      column('participants', 'text', 30),
      column('priority', 'text', 10),
      column('start', 'date', 12),
      column('end', 'date', 12),
      column('budget', 'euro', 14),
      column('goals', 'text', 40),
      column('indicators', 'text', 40),
      column('openBlockers', 'text', 40),
      ...(summary.funding ? [column('fundingApplied', 'euro', 14), column('fundingApproved', 'euro', 14)] : []),
      column('summary', 'text', 50),
    ],
    rows: entries.map((e) => [
      e.project.id,
      e.project.title,
      e.project.field,
      phaseLabel(e.phase, view),
      lightLabel(e.latest?.light ?? 'none', view),
      e.latest && day(e.latest.at),
      e.latest?.progress,
      e.marks.map((m) => (m ? lightLabel(m, view) : '–')).join(', '),
      e.owner?.name ?? '',
      e.deputy?.name ?? '',
      e.project.lead,
      e.project.participants.join(', '),
      e.project.priority ? priorityLabel(e.project.priority, view) : '',
      periodCell(e.project.start),
      periodCell(e.project.end),
      e.project.budget,
      e.project.goals ?? '',
      e.project.indicators ?? '',
      e.openBlockers,
      ...(summary.funding ? [e.funding?.applied ?? 0, e.funding?.approved ?? 0] : []),
      e.project.summary,
    ]),
  };
  const history: Sheet = {
    name: t('reports.sheets.history'),
    columns: [column('title', 'text', 36), column('field', 'text', 22), ...report.rounds.map((r, i) => ({ key: `round${i + 1}`, header: day(r.startedAt), kind: 'light' as const, width: 11 }))],
    rows: entries.map((e) => [e.project.title, e.project.field, ...e.marks.map((m) => (m ? lightLabel(m, view) : undefined))]),
  };
  const updates: Sheet = {
    name: t('reports.sheets.updates'),
    columns: [
      column('title', 'text', 36),
      column('at', 'datetime', 17),
      column('light', 'light', 10),
      column('phase', 'text', 14),
      column('progress', 'number', 10),
      column('happened', 'text', 50),
      column('next', 'text', 40),
      column('blockers', 'text', 40),
      column('fundingNews', 'text', 30),
    ],
    rows: entries.flatMap((e) =>
      e.updates.map((u) => [e.project.title, localCell(u.at, timezone, true), lightLabel(u.light, view), phaseLabel(u.phase, view), u.progress, u.happened, u.next, u.blockers, u.funding]),
    ),
  };
  const blockers: Sheet = {
    name: t('reports.sheets.blockers'),
    columns: [column('title', 'text', 36), column('field', 'text', 22), column('light', 'light', 10), column('lightDate', 'date', 12), column('owner', 'text', 22), column('blockers', 'text', 60)],
    rows: summary.openBlockers.map((e) => [e.project.title, e.project.field, lightLabel(e.latest?.light ?? 'none', view), e.latest && day(e.latest.at), e.owner?.name ?? '', e.openBlockers]),
  };
  const changes: Sheet = {
    name: t('reports.sheets.changes'),
    columns: [column('title', 'text', 36), column('field', 'text', 22), column('change', 'text', 16), column('timeframe', 'text', 26)],
    rows: (['started', 'finished', 'paused'] as const).flatMap((change) =>
      summary[change].map((e) => [e.project.title, e.project.field, t(`reports.figures.${change}`), timeframeLabel(e.project.start, e.project.end, view)]),
    ),
  };
  const sheets = [overview, periodSheet, municipalities, rounds, projects, history, updates, blockers, changes];
  if (summary.funding) {
    sheets.push({
      name: t('reports.sheets.funding'),
      columns: [
        column('title', 'text', 36),
        column('programme', 'text', 36),
        column('funder', 'text', 22),
        column('status', 'text', 14),
        column('requested', 'euro', 14),
        column('approved', 'euro', 14),
        column('submittedOn', 'date', 12),
        column('decidedOn', 'date', 12),
      ],
      rows: entries.flatMap((e) =>
        (e.funding?.applications ?? []).map((a) => [e.project.title, a.programme, a.funder, fundingStatusLabel(a.status, view), a.requested, a.approved, periodCell(a.submittedOn), periodCell(a.decidedOn)]),
      ),
    });
  }
  return sheets;
}
