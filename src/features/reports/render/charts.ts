import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import { PHASES, type Phase } from '../../../platform/directory/model';
import { formatDate, type ViewContext } from '../../../platform/i18n/format';
import type { LightOrNone, StrategyReport } from '../domain/model';
import { lightLabel, phaseLabel } from './labels';

/**
 * The report's charts, drawn on the server without a canvas: a Vega-Lite spec, compiled to Vega, rendered to SVG
 * (`View.toSVG`, text widths estimated), and the SVG rasterised to PNG by resvg with the bundled DejaVu Sans and no
 * system fonts, so that a chart is the same on every machine.
 */

/** The three charts, by what they show. */
export const CHART_NAMES = ['lights', 'phases', 'municipalities'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

export interface Chart {
  readonly name: ChartName;
  readonly title: string;
  /** What it shows, in words (the image's alternative text). */
  readonly description: string;
  readonly svg: string;
  /** Width and height of the SVG in pixels; the PNG is `scale` times as large. */
  readonly width: number;
  readonly height: number;
}

const FONT = 'DejaVu Sans';
const FONT_FILES = [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')];
const LIGHT_COLOURS: Readonly<Record<LightOrNone, string>> = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828', none: '#9e9e9e' };
const PHASE_COLOURS: Readonly<Record<Phase, string>> = { idea: '#b0bec5', planning: '#64b5f6', implementation: '#1565c0', done: '#2e7d32', paused: '#ef6c00' };
/** Width of every chart in pixels: a card image at scale 1 stays within Teams' 1024 × 1024. */
const WIDTH = 640;
/** Rows of a bar chart: its height grows with them, up to what a card image may be. */
const ROW = 26;
const MAX_HEIGHT = 900;

/** vega 6 and vega-lite 6 are ECMAScript modules only: loaded once, by `import()` from this CommonJS build. */
type Vega = typeof import('vega', { with: { 'resolution-mode': 'import' } });
type VegaLite = typeof import('vega-lite', { with: { 'resolution-mode': 'import' } });
let modules: Promise<[Vega, VegaLite]> | undefined;
function vegaModules(): Promise<[Vega, VegaLite]> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]);
  return modules;
}

/** Renders a Vega-Lite spec to SVG, with the report's font and a white background. */
async function toSvg(spec: TopLevelSpec): Promise<{ svg: string; width: number; height: number }> {
  const [vega, vegaLite] = await vegaModules();
  const config = {
    font: FONT,
    background: 'white',
    view: { stroke: null },
    axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 220 },
    legend: { labelFontSize: 12, titleFontSize: 12, orient: 'bottom', direction: 'horizontal' },
    title: { fontSize: 15, anchor: 'start' },
  } as const;
  const compiled = vegaLite.compile({ ...spec, config } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    return { svg, width: Math.ceil(Number(size?.[1] ?? WIDTH)), height: Math.ceil(Number(size?.[2] ?? 0)) };
  } finally {
    view.finalize();
  }
}

/** The SVG as a PNG, `scale` times its size, drawn with the bundled font only. */
export function toPng(chart: Pick<Chart, 'svg'>, scale = 1): Buffer {
  const resvg = new Resvg(chart.svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT, sansSerifFamily: FONT },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
  });
  return resvg.render().asPng();
}

/** Traffic lights by field of action: one stacked bar per field, the projects by their latest light. */
export async function lightsChart(report: StrategyReport, view: ViewContext): Promise<Chart> {
  const { t } = view;
  const values = report.fields.flatMap((f) =>
    (['green', 'yellow', 'red', 'none'] as const).map((light, order) => ({ field: f.field, light: lightLabel(light, view), order, count: f.projects.filter((p) => (p.latest?.light ?? 'none') === light).length })),
  );
  const domain = (['green', 'yellow', 'red', 'none'] as const).map((l) => lightLabel(l, view));
  const title = t('reports.charts.lights.title');
  const rendered = await toSvg({
    title,
    width: WIDTH - 260,
    height: Math.min(MAX_HEIGHT, Math.max(1, report.fields.length) * ROW),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'field', type: 'nominal', title: null, sort: report.fields.map((f) => f.field) },
      x: { field: 'count', type: 'quantitative', title: t('reports.charts.projects'), axis: { tickMinStep: 1, format: 'd' } },
      color: { field: 'light', type: 'nominal', title: null, scale: { domain, range: (['green', 'yellow', 'red', 'none'] as const).map((l) => LIGHT_COLOURS[l]) } },
      order: { field: 'order', sort: 'ascending' },
    },
  } as TopLevelSpec);
  const counts = report.summary.byLight.map((b) => `${lightLabel(b.light, view)} ${b.count}`).join(', ');
  return { name: 'lights', title, description: t('reports.charts.lights.description', { counts }), ...rendered };
}

/** Phases over time: the projects by phase as each round of the period closed, and today. */
export async function phasesChart(report: StrategyReport, view: ViewContext): Promise<Chart> {
  const { t } = view;
  const now = report.summary.byPhase;
  const columns = [
    ...report.phasesByRound.map(({ round, counts }) => ({ label: formatDate(round.startedAt, view), counts })),
    { label: t('reports.charts.phases.now'), counts: Object.fromEntries(now.map((b) => [b.phase, b.count])) as Record<Phase, number> },
  ];
  const values = columns.flatMap((c, i) => PHASES.map((phase) => ({ column: c.label, position: i, phase: phaseLabel(phase, view), order: PHASES.indexOf(phase), count: c.counts[phase] })));
  const title = t('reports.charts.phases.title');
  const rendered = await toSvg({
    title,
    width: WIDTH - 90,
    height: 280,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'column', type: 'ordinal', title: null, sort: columns.map((c) => c.label), axis: { labelAngle: columns.length > 8 ? -60 : 0 } },
      y: { field: 'count', type: 'quantitative', title: t('reports.charts.projects'), axis: { tickMinStep: 1, format: 'd' } },
      color: { field: 'phase', type: 'nominal', title: null, scale: { domain: PHASES.map((p) => phaseLabel(p, view)), range: PHASES.map((p) => PHASE_COLOURS[p]) } },
      order: { field: 'order', sort: 'ascending' },
    },
  } as TopLevelSpec);
  const counts = now.map((b) => `${phaseLabel(b.phase, view)} ${b.count}`).join(', ');
  return { name: 'phases', title, description: t('reports.charts.phases.description', { rounds: report.phasesByRound.length, counts }), ...rendered };
}

/** Projects per municipality: the ones it leads and the ones it takes part in. */
export async function municipalitiesChart(report: StrategyReport, view: ViewContext): Promise<Chart> {
  const { t } = view;
  const rows = report.summary.byMunicipality;
  const lead = t('reports.charts.municipalities.lead');
  const participating = t('reports.charts.municipalities.participating');
  const values = rows.flatMap((m) => [
    { municipality: m.municipality, role: lead, order: 0, count: m.lead },
    { municipality: m.municipality, role: participating, order: 1, count: m.participating },
  ]);
  const title = t('reports.charts.municipalities.title');
  const rendered = await toSvg({
    title,
    width: WIDTH - 260,
    height: Math.min(MAX_HEIGHT, Math.max(1, rows.length) * ROW),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'municipality', type: 'nominal', title: null, sort: rows.map((m) => m.municipality) },
      x: { field: 'count', type: 'quantitative', title: t('reports.charts.projects'), axis: { tickMinStep: 1, format: 'd' } },
      color: { field: 'role', type: 'nominal', title: null, scale: { domain: [lead, participating], range: ['#1565c0', '#90caf9'] } },
      order: { field: 'order', sort: 'ascending' },
    },
  } as TopLevelSpec);
  const counts = rows.map((m) => `${m.municipality} ${m.lead + m.participating}`).join(', ');
  return { name: 'municipalities', title, description: t('reports.charts.municipalities.description', { counts }), ...rendered };
}

/** All three charts, in the order the report shows them. */
export async function reportCharts(report: StrategyReport, view: ViewContext): Promise<Chart[]> {
  return [await lightsChart(report, view), await phasesChart(report, view), await municipalitiesChart(report, view)];
}
