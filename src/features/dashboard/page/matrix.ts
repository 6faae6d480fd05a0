import type { ApiOverview, ApiProject } from '../api';
import { h } from './dom';
import { lightMark, section } from './parts';
import type { Texts } from './texts';

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
    return h(
      'tr',
      { 'data-municipality': m.name },
      h('th', { scope: 'row' }, m.name),
      h('td', {}, ordered.length === 0 ? h('span', { class: 'muted' }, texts.t('matrixNone')) : h('ul', { class: 'cells' }, ordered.map((p) => cell(p.id, p.role)))),
    );
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
