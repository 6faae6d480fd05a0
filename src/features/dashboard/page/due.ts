import type { ApiDue, ApiDueItem, ApiDuePanel } from '../api';
import { h } from './dom';
import { safeUrl } from './parts';
import type { Texts } from './texts';

/** What is due: a panel per kind the API sent (coordinator-only panels come only to coordinators, marked as such). */
export function duePanels(due: ApiDue, texts: Texts): HTMLElement {
  return h(
    'div',
    { class: 'due' },
    due.panels.map((panel) => duePanel(panel, texts)),
  );
}

function duePanel(panel: ApiDuePanel, texts: Texts): HTMLElement {
  const id = `due-${panel.key.replace(/[^\w-]/g, '')}`;
  return h(
    'section',
    { class: 'due-panel', 'data-panel': panel.key, 'data-coordinator-only': panel.coordinatorOnly ? 'true' : undefined, 'aria-labelledby': id },
    h('h3', { id }, panel.title),
    panel.coordinatorOnly ? h('p', { class: 'badge' }, texts.t('dueCoordinatorOnly')) : null,
    panel.items.length === 0 ? h('p', { class: 'muted' }, panel.empty) : h('ul', { class: 'due-items' }, panel.items.map((item) => dueItem(item, texts))),
  );
}

function dueItem(item: ApiDueItem, texts: Texts): HTMLElement {
  const url = safeUrl(item.url);
  return h(
    'li',
    {},
    item.at ? h('time', { datetime: item.at, class: 'due-date' }, texts.date(item.at, true)) : null,
    url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, item.title) : h('span', { class: 'due-title' }, item.title),
    item.detail ? h('span', { class: 'due-detail muted' }, item.detail) : null,
  );
}
