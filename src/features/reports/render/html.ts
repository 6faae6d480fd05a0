import { formatDate, formatDateTime, formatEuro, type ViewContext } from '../../../platform/i18n/format';
import type { LightOrNone, ProjectEntry, StrategyReport } from '../domain/model';
import { toPng, type Chart, type ChartName } from './charts';
import { factTexts, projectFacts } from './facts';
import { dateFormatter, fundingLabel, fundingStatusLabel, lightLabel, percentLabel, phaseLabel, text } from './labels';

/** Text as HTML shows it literally. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text with its line breaks kept. */
const paragraph = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

export function htmlTable(caption: string, header: readonly string[], rows: readonly (readonly string[])[], options: { rowHeaders?: boolean } = {}): string {
  if (rows.length === 0) return '';
  const head = `<thead><tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 && options.rowHeaders ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`).join('\n');
  return `<table><caption>${escapeHtml(caption)}</caption>${head}<tbody>\n${body}\n</tbody></table>`;
}

/** A traffic light as a coloured dot with its name for screen readers (and as a tooltip). */
function lightDot(light: LightOrNone | undefined, view: ViewContext, date?: string): string {
  const label = light ? lightLabel(light, view) : text(view, 'reports.noMark');
  const title = date ? `${date}: ${label}` : label;
  return `<span class="light ${light ?? 'blank'}" role="img" aria-label="${escapeHtml(title)}" title="${escapeHtml(title)}"></span>`;
}

const STYLE = `
body { font-family: system-ui, 'Segoe UI', 'DejaVu Sans', sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #1565c0; padding-bottom: .2rem; } h3 { margin-top: 1.8rem; }
table { border-collapse: collapse; margin: .8rem 0 1.2rem; } caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #c8c8c8; padding: .3rem .6rem; text-align: left; vertical-align: top; } thead th { background: #eef3fa; }
td.number, th.number { text-align: right; }
figure { margin: 1rem 0 1.5rem; } figure img { max-width: 100%; height: auto; border: 1px solid #e0e0e0; }
.light { display: inline-block; width: .9rem; height: .9rem; border-radius: 50%; margin-right: .15rem; vertical-align: middle; border: 1px solid #757575; }
.light.green { background: #2e7d32; } .light.yellow { background: #f9a825; } .light.red { background: #c62828; } .light.none, .light.blank { background: #fff; }
.muted { color: #595959; } dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
ul.updates li { margin-bottom: .4rem; }
@media print { h2 { page-break-before: always; } h2:first-of-type { page-break-before: avoid; } }
`;

/**
 * The report as one HTML file that needs nothing else: the summary with its tables and the charts as PNG images in
 * the page, then per field of action each project with its fact sheet, the traffic light of each round, status
 * updates and funding. Accessible: headings in order, captioned tables with header cells, images with their content
 * in words, lights named for screen readers.
 */
export function reportHtml(report: StrategyReport, charts: readonly Chart[], view: ViewContext): string {
  const { t } = view;
  const { summary } = report;
  const date = dateFormatter(view);
  const figure = (name: ChartName) => {
    const chart = charts.find((c) => c.name === name)!;
    const png = toPng(chart, 2).toString('base64');
    return `<figure><img src="data:image/png;base64,${png}" width="${chart.width}" height="${chart.height}" alt="${escapeHtml(chart.description)}"><figcaption class="muted">${escapeHtml(chart.title)}</figcaption></figure>`;
  };
  const names = (entries: readonly ProjectEntry[]) => (entries.length === 0 ? escapeHtml(t('reports.none')) : entries.map((e) => `<a href="#p-${escapeHtml(e.project.id)}">${escapeHtml(e.project.title)}</a>`).join(', '));
  const parts = [
    `<h1>${escapeHtml(t('reports.title'))}</h1>`,
    `<p>${escapeHtml(t('reports.period', { since: formatDate(report.since, view), until: formatDate(report.asOf, view) }))}<br><span class="muted">${escapeHtml(t('reports.generated', { at: formatDateTime(report.asOf, view) }))}</span></p>`,
    `<nav aria-label="${escapeHtml(t('reports.contents'))}"><ul>${[`<li><a href="#summary">${escapeHtml(t('reports.sections.summary'))}</a></li>`, ...report.fields.map((f, i) => `<li><a href="#field-${i + 1}">${escapeHtml(f.field)}</a></li>`)].join('')}</ul></nav>`,
    `<h2 id="summary">${escapeHtml(t('reports.sections.summary'))}</h2>`,
    `<p>${escapeHtml(t('reports.projectCount', { count: summary.projects }))}</p>`,
    htmlTable(t('reports.sections.byPhase'), [t('reports.columns.phase'), t('reports.columns.projects')], summary.byPhase.map((b) => [escapeHtml(phaseLabel(b.phase, view)), String(b.count)]), { rowHeaders: true }),
    htmlTable(t('reports.sections.byLight'), [t('reports.columns.light'), t('reports.columns.projects')], summary.byLight.map((b) => [`${lightDot(b.light, view)} ${escapeHtml(lightLabel(b.light, view))}`, String(b.count)]), { rowHeaders: true }),
    figure('lights'),
    htmlTable(
      t('reports.sections.byMunicipality'),
      [t('reports.columns.municipality'), t('reports.columns.lead'), t('reports.columns.participating')],
      summary.byMunicipality.map((m) => [escapeHtml(m.municipality), String(m.lead), String(m.participating)]),
      { rowHeaders: true },
    ),
    figure('municipalities'),
    `<h3>${escapeHtml(t('reports.sections.changes', { since: formatDate(report.since, view) }))}</h3>`,
    `<dl class="facts"><dt>${escapeHtml(t('reports.figures.started'))}</dt><dd>${names(summary.started)}</dd><dt>${escapeHtml(t('reports.figures.finished'))}</dt><dd>${names(summary.finished)}</dd><dt>${escapeHtml(t('reports.figures.paused'))}</dt><dd>${names(summary.paused)}</dd></dl>`,
    figure('phases'),
    report.rounds.length === 0
      ? `<p>${escapeHtml(t('reports.noRounds'))}</p>`
      : htmlTable(
          t('reports.sections.rounds'),
          [t('reports.columns.round'), t('reports.columns.asked'), t('reports.columns.answered'), t('reports.columns.responseRate')],
          report.rounds.map((r) => [escapeHtml(formatDate(r.startedAt, view)), String(r.asked), String(r.answered), escapeHtml(percentLabel(r.answered, r.asked, view))]),
          { rowHeaders: true },
        ),
    summary.openBlockers.length === 0
      ? `<p>${escapeHtml(t('reports.noBlockers'))}</p>`
      : htmlTable(
          t('reports.sections.blockers'),
          [t('reports.columns.title'), t('reports.columns.light'), t('reports.columns.owner'), t('reports.columns.blockers')],
          summary.openBlockers.map((e) => [`<a href="#p-${escapeHtml(e.project.id)}">${escapeHtml(e.project.title)}</a>`, `${lightDot(e.latest?.light, view)} ${escapeHtml(lightLabel(e.latest?.light ?? 'none', view))}`, escapeHtml(e.owner?.name ?? ''), paragraph(e.openBlockers)]),
          { rowHeaders: true },
        ),
    summary.funding ? `<h3>${escapeHtml(t('reports.sections.funding'))}</h3><p>${escapeHtml(fundingLabel(summary.funding, view))}</p>` : '',
    ...report.fields.map((field, i) => [`<h2 id="field-${i + 1}">${escapeHtml(t('reports.sections.field', { field: field.field }))}</h2>`, ...field.projects.map((e) => projectSection(e, report, view, date))].join('\n')),
  ];
  return `<!doctype html>
<html lang="${view.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('reports.title'))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${parts.filter(Boolean).join('\n')}
</main>
</body>
</html>
`;
}

function projectSection(entry: ProjectEntry, report: StrategyReport, view: ViewContext, date: (at: Date) => string): string {
  const { t } = view;
  const facts = projectFacts(entry, view, date).map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${paragraph(f.value)}</dd>`);
  if (report.rounds.length > 0) {
    const marks = entry.marks.map((m, i) => lightDot(m, view, date(report.rounds[i]!.startedAt))).join('');
    facts.splice(2, 0, `<dt>${escapeHtml(t('reports.columns.history'))}</dt><dd>${marks}</dd>`);
  }
  for (const text of factTexts(entry.project, view)) facts.push(`<dt>${escapeHtml(text.label)}</dt><dd>${paragraph(text.value)}</dd>`);
  if (entry.openBlockers) facts.push(`<dt>${escapeHtml(t('reports.columns.openBlockers'))}</dt><dd>${paragraph(entry.openBlockers)}</dd>`);
  const funding =
    entry.funding && entry.funding.applications.length > 0
      ? htmlTable(
          t('reports.sections.applications'),
          [t('reports.columns.programme'), t('reports.columns.status'), t('reports.columns.requested'), t('reports.columns.approved')],
          entry.funding.applications.map((a) => [escapeHtml(a.programme), escapeHtml(fundingStatusLabel(a.status, view)), escapeHtml(formatEuro(a.requested, view)), a.approved === undefined ? '' : escapeHtml(formatEuro(a.approved, view))]),
        )
      : '';
  const updates =
    entry.updates.length === 0
      ? ''
      : `<h4>${escapeHtml(t('reports.sections.updates', { since: formatDate(report.since, view) }))}</h4><ul class="updates">${[...entry.updates]
          .reverse()
          .map((u) => {
            const parts = [u.happened && `${escapeHtml(text(view, 'reports.columns.happened'))}: ${paragraph(u.happened)}`, u.blockers && `${escapeHtml(text(view, 'reports.columns.blockers'))}: ${paragraph(u.blockers)}`].filter(Boolean);
            return `<li>${escapeHtml(date(u.at))} ${lightDot(u.light, view)} ${escapeHtml(phaseLabel(u.phase, view))}${parts.length > 0 ? ` — ${parts.join(' · ')}` : ''}</li>`;
          })
          .join('')}</ul>`;
  return `<section aria-labelledby="p-${escapeHtml(entry.project.id)}">
<h3 id="p-${escapeHtml(entry.project.id)}">${escapeHtml(entry.project.title)}</h3>
${entry.project.summary ? `<p>${paragraph(entry.project.summary)}</p>` : ''}
<dl class="facts">${facts.join('')}</dl>
${funding}${updates}
</section>`;
}
