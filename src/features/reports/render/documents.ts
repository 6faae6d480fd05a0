import fs from 'node:fs/promises';
import path from 'node:path';
import { writeTable } from '../../../platform/files/tabular';
import type { ViewContext } from '../../../platform/i18n/format';
import type { StrategyReport } from '../domain/model';
import { CHART_NAMES, lightsChart, reportCharts, toPng, type ChartName } from './charts';
import { reportHtml } from './html';
import { lightLabel } from './labels';
import { reportMarkdown } from './markdown';
import { reportSheets } from './sheets';
import { reportWorkbook } from './xlsx';

/** The formats `report --out FILE` writes, by the file's extension. */
export const REPORT_FORMATS = ['.md', '.html', '.xlsx', '.csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function reportFormatOf(file: string): ReportFormat | undefined {
  const extension = path.extname(file).toLowerCase();
  return REPORT_FORMATS.find((f) => f === extension);
}

/** The light cells' fills in the workbook: the lights' colours, lightened. */
function lightFills(view: ViewContext): Record<string, string> {
  return { [lightLabel('green', view)]: '#c8e6c9', [lightLabel('yellow', view)]: '#fff59d', [lightLabel('red', view)]: '#ffcdd2' };
}

/** The report as a workbook (see {@link reportWorkbook}). */
export function reportXlsx(report: StrategyReport, view: ViewContext): Promise<Buffer> {
  return reportWorkbook(reportSheets(report, view), lightFills(view));
}

/** The report as one HTML page with its charts in it. */
export async function reportHtmlDocument(report: StrategyReport, view: ViewContext): Promise<string> {
  return reportHtml(report, await reportCharts(report, view), view);
}

/** The traffic-light chart as a PNG at its own size (at most 640 × 900: a card image within Teams' limits). */
export async function lightsPng(report: StrategyReport, view: ViewContext): Promise<Buffer> {
  return toPng(await lightsChart(report, view), 1);
}

/**
 * Writes the report to `file` in the format of its extension and returns the files written: Markdown with its
 * charts as PNG files beside it (`NAME-lights.png` …), HTML with the charts in the page, XLSX, or CSV (the table of
 * projects as the workbook's sheet has it, through the project's CSV writer).
 */
export async function writeReportFile(file: string, report: StrategyReport, view: ViewContext): Promise<string[]> {
  const format = reportFormatOf(file);
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  if (format === '.xlsx') {
    await fs.writeFile(file, await reportXlsx(report, view));
    return [file];
  }
  if (format === '.html') {
    await fs.writeFile(file, await reportHtmlDocument(report, view), 'utf8');
    return [file];
  }
  if (format === '.csv') {
    const projects = reportSheets(report, view).find((s) => s.name === view.t('reports.sheets.projects'))!;
    // Headed like the workbook's sheet, in the reader's language.
    const headers = projects.columns.map((c) => String(c.header));
    const rows = projects.rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, csvCell(row[i])])));
    await writeTable(file, headers, rows);
    return [file];
  }
  const charts = await reportCharts(report, view);
  const base = path.basename(file, path.extname(file));
  const chartFiles = Object.fromEntries(CHART_NAMES.map((name) => [name, `${base}-${name}.png`])) as Record<ChartName, string>;
  const written = [file];
  for (const chart of charts) {
    const chartFile = path.join(path.dirname(file), chartFiles[chart.name]);
    await fs.writeFile(chartFile, toPng(chart, 2));
    written.push(chartFile);
  }
  await fs.writeFile(file, reportMarkdown(report, charts, chartFiles, view), 'utf8');
  return written;
}

/** A CSV cell: numbers with a decimal point, dates as `yyyy-MM-dd` (with the time `yyyy-MM-dd HH:mm` when it has one). */
function csvCell(value: string | number | Date | undefined): string {
  if (value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  return String(value);
}
