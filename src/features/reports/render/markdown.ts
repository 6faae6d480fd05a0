import { formatDate, formatDateTime, formatEuro, type ViewContext } from '../../../platform/i18n/format';
import type { ProjectEntry, StrategyReport } from '../domain/model';
import type { Chart, ChartName } from './charts';
import { factTexts, projectFacts } from './facts';
import { dateFormatter, fundingLabel, fundingStatusLabel, lightLabel, lightMark, percentLabel, phaseLabel, text } from './labels';

/** Text as Markdown shows it literally: its markup characters escaped, line breaks kept (`<br>` in tables). */
function md(text: string, inTable = false): string {
  const escaped = text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
  return inTable ? escaped.replace(/\r?\n/g, '<br>') : escaped.replace(/\r?\n/g, '  \n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  if (rows.length === 0) return [];
  return [`| ${header.map((h) => md(h, true)).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map((c) => md(c, true)).join(' | ')} |`), ''];
}

/**
 * The report as Markdown: the summary up front with its tables and the charts as images (files beside it, named in
 * `chartFiles`), then per field of action each project with its fact sheet, traffic-light history (one mark per
 * round), status updates and funding.
 */
export function reportMarkdown(report: StrategyReport, charts: readonly Chart[], chartFiles: Readonly<Record<ChartName, string>>, view: ViewContext): string {
  const { t } = view;
  const { summary } = report;
  const date = dateFormatter(view);
  const image = (name: ChartName) => {
    const chart = charts.find((c) => c.name === name)!;
    return [`![${md(chart.description)}](${encodeURI(chartFiles[name])})`, ''];
  };
  const names = (entries: readonly ProjectEntry[]) => (entries.length === 0 ? t('reports.none') : entries.map((e) => e.project.title).join(', '));
  const lines: string[] = [
    `# ${md(t('reports.title'))}`,
    '',
    md(t('reports.period', { since: formatDate(report.since, view), until: formatDate(report.asOf, view) })) + '  ',
    md(t('reports.generated', { at: formatDateTime(report.asOf, view) })),
    '',
    `## ${md(t('reports.sections.summary'))}`,
    '',
    md(t('reports.projectCount', { count: summary.projects })),
    '',
    `### ${md(t('reports.sections.byPhase'))}`,
    '',
    ...table([t('reports.columns.phase'), t('reports.columns.projects')], summary.byPhase.map((b) => [phaseLabel(b.phase, view), String(b.count)])),
    `### ${md(t('reports.sections.byLight'))}`,
    '',
    ...table([t('reports.columns.light'), t('reports.columns.projects')], summary.byLight.map((b) => [`${lightMark(b.light)} ${lightLabel(b.light, view)}`, String(b.count)])),
    ...image('lights'),
    `### ${md(t('reports.sections.byMunicipality'))}`,
    '',
    ...table([t('reports.columns.municipality'), t('reports.columns.lead'), t('reports.columns.participating')], summary.byMunicipality.map((m) => [m.municipality, String(m.lead), String(m.participating)])),
    ...image('municipalities'),
    `### ${md(t('reports.sections.changes', { since: formatDate(report.since, view) }))}`,
    '',
    `- ${md(t('reports.figures.started'))}: ${md(names(summary.started))}`,
    `- ${md(t('reports.figures.finished'))}: ${md(names(summary.finished))}`,
    `- ${md(t('reports.figures.paused'))}: ${md(names(summary.paused))}`,
    '',
    ...image('phases'),
    `### ${md(t('reports.sections.rounds'))}`,
    '',
    ...(report.rounds.length === 0
      ? [md(t('reports.noRounds')), '']
      : table(
          [t('reports.columns.round'), t('reports.columns.asked'), t('reports.columns.answered'), t('reports.columns.responseRate')],
          report.rounds.map((r) => [formatDate(r.startedAt, view), String(r.asked), String(r.answered), percentLabel(r.answered, r.asked, view)]),
        )),
    `### ${md(t('reports.sections.blockers'))}`,
    '',
    ...(summary.openBlockers.length === 0
      ? [md(t('reports.noBlockers')), '']
      : table(
          [t('reports.columns.title'), t('reports.columns.light'), t('reports.columns.owner'), t('reports.columns.blockers')],
          summary.openBlockers.map((e) => [e.project.title, `${lightMark(e.latest?.light)} ${lightLabel(e.latest?.light ?? 'none', view)}`, e.owner?.name ?? '', e.openBlockers]),
        )),
  ];
  if (summary.funding) {
    lines.push(`### ${md(t('reports.sections.funding'))}`, '', md(fundingLabel(summary.funding, view)), '');
  }
  for (const field of report.fields) {
    lines.push(`## ${md(t('reports.sections.field', { field: field.field }))}`, '');
    for (const entry of field.projects) lines.push(...projectSection(entry, report, view, date));
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function projectSection(entry: ProjectEntry, report: StrategyReport, view: ViewContext, date: (at: Date) => string): string[] {
  const { t } = view;
  const facts = projectFacts(entry, view, date).map((f) => [f.label, f.value]);
  if (report.rounds.length > 0) facts.splice(2, 0, [t('reports.columns.history'), entry.marks.map((m) => lightMark(m)).join(' ')]);
  const lines = [`### ${md(entry.project.title)}`, ''];
  if (entry.project.summary) lines.push(md(entry.project.summary), '');
  lines.push(...table([t('reports.columns.fact'), t('reports.columns.value')], facts));
  for (const text of factTexts(entry.project, view)) lines.push(`**${md(text.label)}:** ${md(text.value)}`, '');
  if (entry.openBlockers) lines.push(`**${md(t('reports.columns.openBlockers'))}:** ${md(entry.openBlockers)}`, '');
  if (entry.funding && entry.funding.applications.length > 0) {
    lines.push(
      ...table(
        [t('reports.columns.programme'), t('reports.columns.status'), t('reports.columns.requested'), t('reports.columns.approved')],
        entry.funding.applications.map((a) => [a.programme, fundingStatusLabel(a.status, view), formatEuro(a.requested, view), a.approved === undefined ? '' : formatEuro(a.approved, view)]),
      ),
    );
  }
  if (entry.updates.length > 0) {
    lines.push(`**${md(t('reports.sections.updates', { since: formatDate(report.since, view) }))}**`, '');
    for (const update of [...entry.updates].reverse()) {
      const parts = [
        update.happened && `${text(view, 'reports.columns.happened')}: ${update.happened}`,
        update.blockers && `${text(view, 'reports.columns.blockers')}: ${update.blockers}`,
      ].filter(Boolean);
      lines.push(`- ${date(update.at)} ${lightMark(update.light)} ${md(phaseLabel(update.phase, view))}${parts.length > 0 ? ` — ${md(parts.join(' · ')).replace(/ {2}\n/g, ' ')}` : ''}`);
    }
    lines.push('');
  }
  return lines;
}
