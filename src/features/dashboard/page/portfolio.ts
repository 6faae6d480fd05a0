import type { ApiOverview, ApiProject } from '../api';
import { h, replace, uid } from './dom';
import { lightMark, section } from './parts';
import { filterProjects, NO_FILTERS, ownersOf, sortProjects, type Filters, type Sort, type SortKey } from './portfolio-model';
import type { Texts } from './texts';

const COLUMNS: readonly { readonly key: SortKey; readonly text: string }[] = [
  { key: 'title', text: 'colTitle' },
  { key: 'light', text: 'colLight' },
  { key: 'phase', text: 'colPhase' },
  { key: 'lead', text: 'colLead' },
  { key: 'field', text: 'colField' },
  { key: 'owner', text: 'colOwner' },
  { key: 'statusAt', text: 'colStatusAt' },
];

/**
 * The portfolio table: a row per project, narrowed by the filters and the search as they change, sorted by the
 * column whose header button was pressed (again: the other way round), with a live count of what is shown.
 */
export function portfolioSection(overview: ApiOverview, texts: Texts, open: (id: string, opener: HTMLElement) => void): HTMLElement {
  let filters: Filters = NO_FILTERS;
  let sort: Sort = { key: 'title', descending: false };
  const body = h('tbody');
  const count = h('p', { class: 'count', role: 'status', 'aria-live': 'polite' });
  const empty = h('p', { class: 'empty', hidden: true }, texts.t('noMatch'));
  const headers = new Map<SortKey, HTMLTableCellElement>();

  const update = () => {
    const shown = sortProjects(filterProjects(overview.projects, filters), sort);
    replace(body, shown.map((p) => row(p, texts, open)));
    count.textContent = texts.t('count', { shown: shown.length, total: overview.projects.length });
    empty.hidden = shown.length > 0;
    for (const [key, th] of headers) th.setAttribute('aria-sort', key === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none');
  };

  const select = (name: keyof Filters, label: string, options: readonly { value: string; label: string }[]) => {
    const id = uid('filter');
    const element = h('select', { id, name }, h('option', { value: '' }, texts.t('filterAll')), options.map((o) => h('option', { value: o.value }, o.label)));
    element.addEventListener('change', () => {
      filters = { ...filters, [name]: element.value };
      update();
    });
    return h('div', { class: 'filter' }, h('label', { for: id }, label), element);
  };
  const searchId = uid('search');
  const search = h('input', { id: searchId, name: 'search', type: 'search', autocomplete: 'off', placeholder: texts.t('searchHint') });
  search.addEventListener('input', () => {
    filters = { ...filters, search: search.value };
    update();
  });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': texts.t('filtersLabel') },
    h('div', { class: 'filter filter-search' }, h('label', { for: searchId }, texts.t('search')), search),
    select(
      'municipality',
      texts.t('filterMunicipality'),
      overview.municipalities.map((m) => ({ value: m.name, label: m.name })),
    ),
    select(
      'field',
      texts.t('filterField'),
      overview.fields.map((f) => ({ value: f, label: f })),
    ),
    select(
      'phase',
      texts.t('filterPhase'),
      overview.phases.map((p) => ({ value: p.key, label: p.label })),
    ),
    select(
      'light',
      texts.t('filterLight'),
      overview.lights.map((l) => ({ value: l.key, label: l.label })),
    ),
    select(
      'owner',
      texts.t('filterOwner'),
      ownersOf(overview.projects).map((o) => ({ value: o, label: o })),
    ),
    h('div', { class: 'filter filter-reset' }, h('button', { type: 'reset' }, texts.t('reset'))),
  );
  form.addEventListener('submit', (event) => event.preventDefault());
  // The table follows the filters' state, not the fields, which the browser empties right after this event.
  form.addEventListener('reset', () => {
    filters = NO_FILTERS;
    update();
  });

  const head = h(
    'tr',
    {},
    COLUMNS.map((column) => {
      const name = texts.t(column.text);
      const button = h('button', { type: 'button', class: 'sort', 'data-sort': column.key, title: texts.t('sortBy', { column: name }) }, name);
      button.addEventListener('click', () => {
        sort = { key: column.key, descending: sort.key === column.key && !sort.descending };
        update();
      });
      const th = h('th', { scope: 'col', 'aria-sort': 'none' }, button);
      headers.set(column.key, th);
      return th;
    }),
  );
  const table = h('table', { class: 'portfolio' }, h('caption', { class: 'visually-hidden' }, texts.t('portfolioTitle')), h('thead', {}, head), body);
  update();
  return section('portfolio', texts.t('portfolioTitle'), form, count, h('div', { class: 'table-wrap' }, table), empty);
}

function row(project: ApiProject, texts: Texts, open: (id: string, opener: HTMLElement) => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'link', 'data-title': project.title }, project.title);
  button.addEventListener('click', () => open(project.id, button));
  const cell = (key: string, ...content: (Node | string)[]) => h('td', { 'data-label': texts.t(key) }, ...content);
  return h(
    'tr',
    { 'data-project': project.id, 'data-light': project.light ?? 'none' },
    h('th', { scope: 'row' }, button),
    cell('colLight', lightMark(project.light, project.lightLabel)),
    cell('colPhase', project.phaseLabel),
    cell('colLead', project.lead, project.participants.length > 0 ? h('span', { class: 'muted participants' }, ` + ${project.participants.join(', ')}`) : ''),
    cell('colField', project.field),
    cell('colOwner', project.owner ?? texts.t('none')),
    cell('colStatusAt', project.statusAt ? texts.date(project.statusAt) : texts.t('none')),
  );
}
