import type { ApiCharts } from '../api';
import { h } from './dom';
import type { Texts } from './texts';

/**
 * The strategy report's charts as images from `data:` URIs: the SVG cannot run script as an `<img>`, and the
 * page's content security policy allows `data:` images but no inline content.
 */
export function chartFigures(charts: ApiCharts, texts: Texts): HTMLElement {
  if (charts.charts.length === 0) return h('p', { class: 'muted' }, texts.t('chartsEmpty'));
  return h(
    'div',
    { class: 'charts' },
    charts.charts.map((chart) =>
      h(
        'figure',
        { 'data-chart': chart.name },
        h('img', { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`, alt: chart.description }),
        h('figcaption', {}, chart.title),
      ),
    ),
  );
}
