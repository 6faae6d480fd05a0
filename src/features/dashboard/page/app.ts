/**
 * The dashboard tab's page: connects to Teams (or knows it runs in a browser), loads the overview and renders the
 * traffic-light matrix and the portfolio table, then what is due, then the report's charts. Every failure ends in a
 * message in the user's language, never in an empty page.
 */
import type { ApiCharts, ApiDue, ApiOverview } from '../api';
import { chartFigures } from './charts';
import { ApiClient, failureText } from './client';
import { h, replace } from './dom';
import { duePanels } from './due';
import { applyTheme, connectHost } from './host';
import { matrixSection } from './matrix';
import { section } from './parts';
import { portfolioSection } from './portfolio';
import { FactSheet } from './sheet';
import { embeddedTexts, Texts } from './texts';

function errorMessage(texts: Texts, error: unknown): HTMLElement {
  const retry = h('button', { type: 'button' }, texts.t('retry'));
  retry.addEventListener('click', () => window.location.reload());
  return h('div', { class: 'error', role: 'alert' }, h('p', {}, texts.t(failureText(error))), retry);
}

/** Fills a section's placeholder when its data arrives, or puts the failure there. */
async function fill<T>(target: HTMLElement, texts: Texts, load: Promise<T>, render: (data: T) => Node): Promise<void> {
  try {
    const data = await load;
    target.replaceWith(render(data));
  } catch (error) {
    target.replaceWith(h('p', { class: 'error', role: 'alert' }, texts.t(failureText(error))));
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const embedded = embeddedTexts();
  const host = await connectHost();
  applyTheme(host.theme);
  host.onThemeChange(applyTheme);
  document.documentElement.lang = host.locale;
  let texts = new Texts(host.locale, embedded[host.locale]);
  replace(root, h('p', { class: 'status', role: 'status' }, texts.t('loading')));

  const api = new ApiClient(host.locale, host.token);
  let overview: ApiOverview;
  try {
    overview = await api.get<ApiOverview>('/api/tab/overview');
  } catch (error) {
    replace(root, h('main', {}, h('h1', {}, texts.t('title')), errorMessage(texts, error)));
    return;
  }
  texts = texts.with(overview.texts);
  document.title = texts.t('title');
  const sheet = new FactSheet(api, texts);
  const open = (id: string, opener: HTMLElement) => void sheet.open(id, opener);

  const duePlaceholder = h('p', { class: 'status muted' }, texts.t('dueLoading'));
  const chartsPlaceholder = h('p', { class: 'status muted' }, texts.t('chartsLoading'));
  const viewer = texts.t(overview.viewer.coordinator ? 'viewerCoordinator' : 'viewer', { name: overview.viewer.name });
  replace(
    root,
    h('header', { class: 'top' }, h('h1', {}, texts.t('title')), h('p', { class: 'muted' }, `${viewer} · ${texts.t('generated', { at: texts.date(overview.generatedAt, true) })}`)),
    h(
      'nav',
      { 'aria-label': texts.t('sectionsLabel') },
      h(
        'ul',
        {},
        [
          ['matrix', 'matrixTitle'],
          ['due', 'dueTitle'],
          ['portfolio', 'portfolioTitle'],
          ['charts', 'chartsTitle'],
        ].map(([id, key]) => h('li', {}, h('a', { href: `#${id}` }, texts.t(key!)))),
      ),
    ),
    h(
      'main',
      {},
      matrixSection(overview, texts, open),
      section('due', texts.t('dueTitle'), duePlaceholder),
      portfolioSection(overview, texts, open),
      section('charts', texts.t('chartsTitle'), chartsPlaceholder),
    ),
  );
  await fill(duePlaceholder, texts, api.get<ApiDue>('/api/tab/due'), (due) => duePanels(due, texts));
  // The charts last: the largest answer, and what the page is least often opened for.
  await fill(chartsPlaceholder, texts, api.get<ApiCharts>('/api/tab/charts'), (charts) => chartFigures(charts, texts));
  document.documentElement.dataset.ready = 'true';
}

void main();
