import { formatDate, formatDateTime, formatEuro, type ViewContext } from '../../../platform/i18n/format';
import type { FactSheet, RequestedReport } from '../domain/service';
import { projectFacts, factTexts } from '../render/facts';
import { fundingLabel, fundingStatusLabel, lightLabel, lightMark, percentLabel, phaseLabel } from '../render/labels';
import type { FactSheetCard, ReportSummaryCard } from './cards';

/** The plain text of a card for clients that cannot show it: title, then one line per entry. */
function fallbackOf(title: string, lines: readonly string[]): string {
  return [title, ...lines].filter(Boolean).join('\n');
}

/** The summary card of a coordinator's report, its links at `baseUrl`. */
export function reportSummaryModel(requested: RequestedReport, baseUrl: string, view: ViewContext): ReportSummaryCard {
  const { t } = view;
  const { report, link, key } = requested;
  const { summary } = report;
  const url = (extension: string) => `${baseUrl}/reports/${link.id}.${extension}?key=${encodeURIComponent(key)}`;
  const last = report.rounds.at(-1);
  const facts: [string, string][] = [
    [t('reports.card.projects'), String(summary.projects)],
    [t('reports.card.phases'), summary.byPhase.filter((b) => b.count > 0).map((b) => `${phaseLabel(b.phase, view)} ${b.count}`).join(' · ')],
    [t('reports.card.lights'), summary.byLight.map((b) => `${b.light === 'none' ? lightLabel('none', view) : lightMark(b.light)} ${b.count}`).join(' · ')],
    [
      t('reports.card.changes'),
      t('reports.card.changesValue', { started: summary.started.length, finished: summary.finished.length, paused: summary.paused.length }),
    ],
    [t('reports.card.lastRound'), last ? t('reports.card.lastRoundValue', { date: formatDate(last.startedAt, view), answered: last.answered, asked: last.asked, percent: percentLabel(last.answered, last.asked, view) }) : t('reports.noRounds')],
    [t('reports.card.blockers'), String(summary.openBlockers.length)],
  ];
  if (summary.funding) facts.push([t('reports.card.funding'), fundingLabel(summary.funding, view)]);
  const title = t('reports.title');
  const period = t('reports.period', { since: formatDate(report.since, view), until: formatDate(report.asOf, view) });
  const expires = t('reports.card.expires', { at: formatDateTime(link.expiresAt, view) });
  return {
    title,
    period,
    facts: facts.map(([title, value]) => ({ title, value })),
    imageUrl: url('png'),
    imageAlt: t('reports.charts.lights.title'),
    htmlTitle: t('reports.card.html'),
    htmlUrl: url('html'),
    xlsxTitle: t('reports.card.xlsx'),
    xlsxUrl: url('xlsx'),
    expires,
    fallback: fallbackOf(title, [period, ...facts.map(([k, v]) => `${k}: ${v}`), `${t('reports.card.html')}: ${url('html')}`, `${t('reports.card.xlsx')}: ${url('xlsx')}`, expires]),
  };
}

/** A project's fact sheet as a card. */
export function factSheetModel(sheet: FactSheet, view: ViewContext): FactSheetCard {
  const { t } = view;
  const { project, latest } = sheet;
  const phase = project.phase === 'done' || !latest ? project.phase : latest.phase;
  const { latest: _status, ...rest } = sheet;
  const facts = projectFacts({ ...rest, phase, ...(latest ? { latest: { light: latest.light, at: latest.reportedAt, ...(latest.progress === undefined ? {} : { progress: latest.progress }) } } : {}) }, view);
  const sections = factTexts(project, view).map((f) => ({ title: f.label, text: f.value }));
  if (latest) {
    sections.push({ title: t('reports.factSheet.latest'), text: t('reports.factSheet.latestText', { author: latest.author, date: formatDate(latest.reportedAt, view) }) });
    if (latest.blockers) sections.push({ title: t('reports.columns.openBlockers'), text: latest.blockers });
  } else sections.push({ title: t('reports.factSheet.latest'), text: t('reports.factSheet.noStatus') });
  const applications = (sheet.funding?.applications ?? []).map((a) => ({
    text: t('reports.factSheet.application', {
      programme: a.programme,
      status: fundingStatusLabel(a.status, view),
      requested: formatEuro(a.requested, view),
      approved: a.approved === undefined ? '' : t('reports.factSheet.approved', { amount: formatEuro(a.approved, view) }),
    }).trim(),
  }));
  const title = t('reports.factSheet.title', { project: project.title });
  return {
    title,
    summary: project.summary,
    facts: facts.map((f) => ({ title: f.label, value: f.value })),
    sections,
    fundingTitle: applications.length > 0 ? t('reports.sections.applications') : '',
    applications,
    fallback: fallbackOf(title, [project.summary, ...facts.map((f) => `${f.label}: ${f.value}`), ...sections.map((s) => `${s.title}: ${s.text}`), ...applications.map((a) => `- ${a.text}`)]),
  };
}
