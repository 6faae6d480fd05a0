import type { ApiOverview, ApiProject } from '../api';
import { h, uid } from './dom';
import { lightMark, section } from './parts';
import type { Texts } from './texts';

function append(row: HTMLElement, cell: HTMLElement): HTMLElement {
  row.append(cell);
  return row;
}

/**
 * On a phone the matrix would be a long column of every project of every municipality: there each row starts folded
 * to its counts per light, and this button unfolds it (the style sheet shows the button and folds rows only on narrow
 * screens; on wider ones every row is open and the button is not there).
 */
function rowToggle(row: HTMLElement, list: HTMLElement, projects: readonly (ApiProject | undefined)[], overview: ApiOverview, texts: Texts): HTMLElement {
  const counts = overview.lights
    .map((l) => ({ ...l, count: projects.filter((p) => p !== undefined && (p.light ?? 'none') === l.key).length }))
    .filter((l) => l.count > 0);
  // The counts in words as well as symbols: what the button shows is what it is called (WCAG 2.5.3).
  const toggle = h(
    'button',
    { type: 'button', class: 'row-toggle', 'aria-expanded': 'false', 'aria-controls': list.id },
    h('span', {}, texts.t('matrixCount', { count: projects.length })),
    counts.map((l) => lightMark(l.key === 'none' ? undefined : l.key, `${l.count} ${l.label}`)),
  );
  toggle.addEventListener('click', () => toggle.setAttribute('aria-expanded', String(row.classList.toggle('expanded'))));
  return toggle;
}

/**
 * The traffic-light matrix: a row per municipality, a button per project (lead first, taking part with a dashed
 * border), each showing the latest light as colour and symbol; a button opens the project's fact sheet.
 */
export function matrixSection(overview: ApiOverview, texts: Texts, open: (id: string, opener: HTMLElement) => void): HTMLElement {
  const projects = new Map<string, ApiProject>(overview.projects.map((p) => [p.id, p]));
  const cell = (id: string, role: 'lead' | 'participant') => {
    const project = projects.get(id);
    if (!project) return null;
    const roleText = texts.t(role === 'lead' ? 'roleLead' : 'roleParticipant');
    const button = h(
      'button',
      {
        type: 'button',
        class: `cell cell-${role}`,
        'data-project': project.id,
        'data-title': project.title,
        'data-light': project.light ?? 'none',
        'data-role': role,
        'aria-label': texts.t('cellLabel', { title: project.title, light: project.lightLabel, role: roleText }),
        title: `${project.lightLabel} · ${roleText}`,
      },
      lightMark(project.light, project.lightLabel, false),
      h('span', { class: 'cell-title' }, project.title),
    );
    button.addEventListener('click', () => open(project.id, button));
    return h('li', {}, button);
  };
  const rows = overview.municipalities.map((m) => {
    const ordered = [...m.projects.filter((p) => p.role === 'lead'), ...m.projects.filter((p) => p.role === 'participant')];
    const row = h('tr', { 'data-municipality': m.name }, h('th', { scope: 'row' }, m.name));
    if (ordered.length === 0) return append(row, h('td', {}, h('span', { class: 'muted' }, texts.t('matrixNone'))));
    const list = h('ul', { class: 'cells', id: uid('cells') }, ordered.map((p) => cell(p.id, p.role)));
    return append(row, h('td', {}, rowToggle(row, list, ordered.map((p) => projects.get(p.id)), overview, texts), list));
  });
  const legend = h(
    'ul',
    { class: 'legend', 'aria-label': texts.t('legend') },
    overview.lights.map((l) => h('li', {}, lightMark(l.key === 'none' ? undefined : l.key, l.label))),
    h('li', { class: 'legend-role legend-lead' }, texts.t('legendLead')),
    h('li', { class: 'legend-role legend-participant' }, texts.t('legendParticipant')),
  );
  return section(
    'matrix',
    texts.t('matrixTitle'),
    h('p', { class: 'hint' }, texts.t('matrixHint')),
    legend,
    rows.length === 0
      ? h('p', {}, texts.t('matrixEmpty'))
      : h(
          'table',
          { class: 'matrix' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, texts.t('matrixMunicipality')), h('th', { scope: 'col' }, texts.t('matrixProjects')))),
          h('tbody', {}, rows),
        ),
  );
}
