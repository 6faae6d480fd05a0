import fs from 'node:fs/promises';
import path from 'node:path';
import { PHASES } from '../../../platform/directory/model';
import { writeTable } from '../../../platform/files/tabular';
import { formatDate, formatPeriod, type ViewContext } from '../../../platform/i18n/format';
import type { PublicProject, Publisher } from '../domain/public-list';
import { GEOCODING_LEVELS } from '../settings';
import { escapeHtml } from './html';
import { phaseLabel } from './labels';

/** The public list's files, as `publish --out DIR` writes them. */
export const PUBLIC_FILES = { csv: 'projects.csv', schema: 'projects.csv-metadata.json', dcat: 'dcat.ttl', html: 'index.html' } as const;

/** The columns of `projects.csv`, in order. */
const COLUMNS = ['id', 'title', 'summary', 'field', 'lead', 'participants', 'phase', 'start', 'end', 'goals'] as const;

/** What the metadata says about the list besides the projects. */
export interface PublishOptions {
  readonly publisher: Publisher | undefined;
  readonly asOf: Date;
  /** DCAT-AP.de political geocoding URI of the district; '' to leave it out. */
  readonly geocodingUri: string;
  /** Where the files will be published ('' for addresses relative to `dcat.ttl`). */
  readonly publicUrl: string;
  readonly licenseUri: string;
}

/**
 * Writes the public project list into `dir`: `projects.csv` (UTF-8, header row, lists separated by `;`, the phase in
 * the list's language; through the project's CSV writer, neutralised against formulas), its CSVW table schema
 * (`projects.csv-metadata.json`, the name CSVW looks for beside a CSV), DCAT-AP.de metadata (`dcat.ttl`) and a static,
 * accessible `index.html` with a sortable table and filters by municipality and field, its script in the page.
 */
export async function writePublicList(dir: string, projects: readonly PublicProject[], options: PublishOptions, view: ViewContext): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const rows = projects.map((p) => ({
    id: p.id,
    title: p.title,
    summary: p.summary,
    field: p.field,
    lead: p.lead,
    participants: [...p.participants],
    phase: phaseLabel(p.phase, view),
    start: p.start,
    end: p.end,
    goals: p.goals,
  }));
  await writeTable(path.join(dir, PUBLIC_FILES.csv), COLUMNS, rows);
  await fs.writeFile(path.join(dir, PUBLIC_FILES.schema), `${JSON.stringify(tableSchema(options, view), null, 2)}\n`, 'utf8');
  await fs.writeFile(path.join(dir, PUBLIC_FILES.dcat), dcat(projects.length, options, view), 'utf8');
  await fs.writeFile(path.join(dir, PUBLIC_FILES.html), indexHtml(projects, options, view), 'utf8');
  return Object.values(PUBLIC_FILES);
}

/** The list's title: „Projekte der Digitalisierungsstrategie – Kreis Coesfeld“. */
function listTitle(options: PublishOptions, view: ViewContext): string {
  return options.publisher ? view.t('reports.public.titleOf', { publisher: options.publisher.name }) : view.t('reports.public.title');
}

/** A CSVW table schema (W3C "Metadata Vocabulary for Tabular Data") describing `projects.csv`. */
function tableSchema(options: PublishOptions, view: ViewContext): object {
  const { t } = view;
  const text = (key: (typeof COLUMNS)[number]) => t(`reports.public.columns.${key}`);
  const period = { base: 'string', format: '^\\d{4}-\\d{2}(-\\d{2})?$' };
  return {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': view.locale }],
    url: PUBLIC_FILES.csv,
    'dc:title': listTitle(options, view),
    'dc:description': t('reports.public.description'),
    ...(options.publisher ? { 'dc:publisher': options.publisher.name } : {}),
    'dc:modified': { '@value': options.asOf.toISOString(), '@type': 'xsd:dateTime' },
    'dc:license': { '@id': options.licenseUri },
    dialect: { header: true, encoding: 'utf-8', delimiter: ',', doubleQuote: true },
    tableSchema: {
      columns: COLUMNS.map((name) => ({
        name,
        titles: name,
        'dc:description': text(name),
        datatype: name === 'start' || name === 'end' ? period : 'string',
        required: name === 'id' || name === 'title' || name === 'field' || name === 'lead' || name === 'phase',
        ...(name === 'participants' ? { separator: ';' } : {}),
        ...(name === 'phase' ? { datatype: { base: 'string', format: `^(${PHASES.map((p) => phaseLabel(p, view)).join('|')})$` } } : {}),
      })),
      primaryKey: 'id',
    },
  };
}

/** A Turtle string literal in the list's language. */
function literal(text: string, language: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `"${escaped}"@${language}`;
}

/** An IRI in Turtle (the characters Turtle does not allow in one percent-encoded). */
function iri(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `<${value.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => encodeURIComponent(c))}>`;
}

/**
 * DCAT-AP.de metadata of the list: a `dcat:Dataset` with its publisher, keywords, theme (government), the district's
 * political geocoding (`dcatde:politicalGeocodingURI` and its level) and two distributions, the CSV (conforming to
 * its CSVW schema) and the web page. Addresses are relative to `dcat.ttl` unless `REPORT_PUBLIC_URL` says where the
 * files will be.
 */
function dcat(count: number, options: PublishOptions, view: ViewContext): string {
  const { t, locale } = view;
  const at = (file: string) => iri(options.publicUrl ? `${options.publicUrl}/${file}` : file);
  const self = (fragment: string) => iri(options.publicUrl ? `${options.publicUrl}/${PUBLIC_FILES.dcat}#${fragment}` : `#${fragment}`);
  const modified = `"${options.asOf.toISOString()}"^^xsd:dateTime`;
  const level = /politicalGeocoding\/([A-Za-z]+)\//.exec(options.geocodingUri)?.[1];
  const dataset = [
    `${self('dataset')} a dcat:Dataset ;`,
    `  dct:identifier ${literal(options.publicUrl ? `${options.publicUrl}/${PUBLIC_FILES.dcat}#dataset` : 'digitalisation-projects', locale)} ;`,
    `  dct:title ${literal(listTitle(options, view), locale)} ;`,
    `  dct:description ${literal(`${t('reports.public.description')} ${t('reports.public.count', { count })}`, locale)} ;`,
    `  dcat:keyword ${t('reports.public.keywords').split(',').map((k) => literal(k.trim(), locale)).join(', ')} ;`,
    `  dcat:theme <http://publications.europa.eu/resource/authority/data-theme/GOVE> ;`,
    `  dct:language <http://publications.europa.eu/resource/authority/language/${locale === 'de' ? 'DEU' : 'ENG'}> ;`,
    `  dct:modified ${modified} ;`,
    `  dcat:landingPage ${at(PUBLIC_FILES.html)} ;`,
    ...(options.publisher ? [`  dct:publisher ${self('publisher')} ;`] : []),
    ...(options.geocodingUri && level
      ? [
          `  dcatde:politicalGeocodingURI ${iri(options.geocodingUri)} ;`,
          `  dcatde:politicalGeocodingLevelURI ${iri(`http://dcat-ap.de/def/politicalGeocoding/Level/${GEOCODING_LEVELS[level]}`)} ;`,
          `  dct:spatial ${iri(options.geocodingUri)} ;`,
        ]
      : []),
    `  dcat:distribution ${self('csv')}, ${self('html')} .`,
  ];
  const distribution = (fragment: string, file: string, title: string, format: string, mediaType: string, conformsTo?: string) => [
    `${self(fragment)} a dcat:Distribution ;`,
    `  dct:title ${literal(title, locale)} ;`,
    `  dcat:accessURL ${at(file)} ;`,
    `  dcat:downloadURL ${at(file)} ;`,
    `  dct:format <http://publications.europa.eu/resource/authority/file-type/${format}> ;`,
    `  dcat:mediaType <https://www.iana.org/assignments/media-types/${mediaType}> ;`,
    `  dct:license ${iri(options.licenseUri)} ;`,
    ...(conformsTo ? [`  dct:conformsTo ${at(conformsTo)} ;`] : []),
    `  dct:modified ${modified} .`,
  ];
  const publisher = options.publisher
    ? [`${self('publisher')} a foaf:Agent ;`, `  foaf:name ${literal(options.publisher.name, locale)}${options.publisher.website ? ` ;\n  foaf:homepage ${iri(options.publisher.website)}` : ''} .`]
    : [];
  return [
    '@prefix dcat: <http://www.w3.org/ns/dcat#> .',
    '@prefix dct: <http://purl.org/dc/terms/> .',
    '@prefix dcatde: <http://dcat-ap.de/def/dcatde/> .',
    '@prefix foaf: <http://xmlns.com/foaf/0.1/> .',
    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .',
    '',
    ...dataset,
    '',
    ...distribution('csv', PUBLIC_FILES.csv, t('reports.public.csvTitle'), 'CSV', 'text/csv', PUBLIC_FILES.schema),
    '',
    ...distribution('html', PUBLIC_FILES.html, t('reports.public.htmlTitle'), 'HTML', 'text/html'),
    '',
    ...publisher,
    '',
  ].join('\n');
}

/**
 * The public web page: the projects as a table that works without script; the script in the page adds sorting by
 * any column (buttons in the header cells, `aria-sort`) and filters by municipality and field of action, and says
 * how many projects are shown in a live region. No external script, style or font.
 */
function indexHtml(projects: readonly PublicProject[], options: PublishOptions, view: ViewContext): string {
  const { t, locale } = view;
  const title = listTitle(options, view);
  const municipalities = [...new Set(projects.flatMap((p) => [p.lead, ...p.participants]))].sort((a, b) => a.localeCompare(b, 'de'));
  const fields = [...new Set(projects.map((p) => p.field))].sort((a, b) => a.localeCompare(b, 'de'));
  const option = (value: string) => `<option value="${escapeHtml(value)}">${escapeHtml(value)}</option>`;
  const headers: [string, string][] = [
    ['title', t('reports.public.columns.title')],
    ['field', t('reports.public.columns.field')],
    ['municipalities', t('reports.public.columns.municipalities')],
    ['phase', t('reports.public.columns.phase')],
    ['start', t('reports.public.columns.start')],
    ['end', t('reports.public.columns.end')],
  ];
  const rows = projects.map((p) => {
    const places = [p.lead, ...p.participants];
    const sortKey = (value: string) => escapeHtml(value);
    return `<tr data-field="${escapeHtml(p.field)}" data-municipalities="${escapeHtml(places.join('|'))}">
<th scope="row" data-sort="${sortKey(p.title.toLocaleLowerCase('de-DE'))}"><span class="title">${escapeHtml(p.title)}</span>${p.summary ? `<span class="summary">${escapeHtml(p.summary)}</span>` : ''}${p.goals ? `<span class="goals"><strong>${escapeHtml(t('reports.public.columns.goals'))}:</strong> ${escapeHtml(p.goals)}</span>` : ''}</th>
<td data-sort="${sortKey(p.field.toLocaleLowerCase('de-DE'))}">${escapeHtml(p.field)}</td>
<td data-sort="${sortKey(p.lead.toLocaleLowerCase('de-DE'))}">${escapeHtml(p.lead)}${p.participants.length > 0 ? `<br><span class="muted">${escapeHtml(t('reports.public.with', { municipalities: p.participants.join(', ') }))}</span>` : ''}</td>
<td data-sort="${PHASES.indexOf(p.phase)}">${escapeHtml(phaseLabel(p.phase, view))}</td>
<td data-sort="${escapeHtml(p.start)}">${p.start ? escapeHtml(formatPeriod(p.start, view)) : ''}</td>
<td data-sort="${escapeHtml(p.end)}">${p.end ? escapeHtml(formatPeriod(p.end, view)) : ''}</td>
</tr>`;
  });
  // The script's texts, with placeholders it fills in.
  const texts = JSON.stringify({
    shown: t('reports.public.shown', { shown: '{{shown}}', total: projects.length }),
    ascending: t('reports.public.ascending', { column: '{{column}}' }),
    descending: t('reports.public.descending', { column: '{{column}}' }),
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, 'Segoe UI', sans-serif; margin: 2rem auto; max-width: 75rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; } caption { text-align: left; padding: .4rem 0; }
th, td { border-bottom: 1px solid #c8c8c8; padding: .5rem; text-align: left; vertical-align: top; }
thead th { background: #eef3fa; } thead button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; cursor: pointer; color: #0b3d91; text-decoration: underline; }
thead button:focus-visible, select:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
th[scope=row] { font-weight: normal; } .title { display: block; font-weight: 700; } .summary, .goals { display: block; margin-top: .3rem; }
.muted { color: #595959; } form { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; } label { display: flex; flex-direction: column; font-weight: 600; }
select { font: inherit; padding: .3rem; min-width: 14rem; }
[aria-sort=ascending] button::after { content: ' ▲'; } [aria-sort=descending] button::after { content: ' ▼'; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t('reports.public.description'))}</p>
<p class="muted">${escapeHtml(t('reports.public.asOf', { date: formatDate(options.asOf, view), count: projects.length }))}</p>
<form id="filters" aria-controls="projects">
<label for="filter-municipality">${escapeHtml(t('reports.public.filterMunicipality'))}<select id="filter-municipality"><option value="">${escapeHtml(t('reports.public.all'))}</option>${municipalities.map(option).join('')}</select></label>
<label for="filter-field">${escapeHtml(t('reports.public.filterField'))}<select id="filter-field"><option value="">${escapeHtml(t('reports.public.all'))}</option>${fields.map(option).join('')}</select></label>
</form>
<p id="count" role="status" aria-live="polite">${escapeHtml(t('reports.public.shown', { shown: projects.length, total: projects.length }))}</p>
<table id="projects">
<caption class="muted">${escapeHtml(t('reports.public.caption'))}</caption>
<thead><tr>${headers.map(([key, label]) => `<th scope="col" data-key="${key}"><button type="button">${escapeHtml(label)}</button></th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</main>
<script>
(function () {
  var texts = ${texts};
  var table = document.getElementById('projects');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var municipality = document.getElementById('filter-municipality');
  var field = document.getElementById('filter-field');
  var count = document.getElementById('count');
  function filter() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!municipality.value || row.getAttribute('data-municipalities').split('|').indexOf(municipality.value) >= 0) && (!field.value || row.getAttribute('data-field') === field.value);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = texts.shown.replace('{{shown}}', String(shown));
  }
  municipality.addEventListener('change', filter);
  field.addEventListener('change', filter);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
    header.querySelector('button').addEventListener('click', function () {
      var descending = header.getAttribute('aria-sort') === 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
      header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute('data-sort'), y = b.cells[index].getAttribute('data-sort');
        var order = /^\\d+$/.test(x) && /^\\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y, document.documentElement.lang);
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      count.textContent = texts.shown.replace('{{shown}}', String(rows.filter(function (r) { return !r.hidden; }).length)) + ' ' + (descending ? texts.descending : texts.ascending).replace('{{column}}', header.textContent);
    });
  });
})();
</script>
</body>
</html>
`;
}
