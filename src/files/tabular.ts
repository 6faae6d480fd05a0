import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { TabularData } from '../domain/directory-import';

/** The file formats the import and export commands understand, by extension. */
export const TABULAR_FORMATS = ['.csv', '.xlsx', '.json'] as const;
export type TabularFormat = (typeof TABULAR_FORMATS)[number];

/** A file that cannot be read as a table at all (as opposed to rows with wrong values). */
export class UnreadableFileError extends Error {
  readonly code = 'FILE_UNREADABLE';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'UnreadableFileError';
  }
}

export function formatOf(file: string): TabularFormat | undefined {
  const extension = path.extname(file).toLowerCase();
  return TABULAR_FORMATS.find((f) => f === extension);
}

/**
 * Reads a table from CSV (UTF-8, header row, a byte-order mark allowed), XLSX (first sheet, header row)
 * or JSON (an array of objects). Values are passed on as found; checking them is the importer's job.
 * Row numbers are what a person sees: the spreadsheet row for CSV and XLSX, the position for JSON.
 */
export async function readTable(file: string): Promise<TabularData> {
  const format = formatOf(file);
  if (!format) throw new UnreadableFileError(file, 'unknown format');
  if (format === '.xlsx') return readXlsx(file);
  const text = await fs.readFile(file, 'utf8');
  return format === '.csv' ? readCsv(file, text) : readJson(file, text);
}

function readCsv(file: string, text: string): TabularData {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (error) {
    throw new UnreadableFileError(file, (error as Error).message);
  }
  const [header = [], ...body] = records;
  const columns = header.map((h) => h.trim());
  const rows = body
    .map((cells, index) => ({ row: index + 2, cells: rowCells(columns, cells) }))
    .filter(({ cells }) => Object.values(cells).some((v) => String(v).trim() !== ''));
  return { header: columns, rows };
}

function readJson(file: string, text: string): TabularData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UnreadableFileError(file, (error as Error).message);
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    throw new UnreadableFileError(file, 'expected an array of objects');
  }
  const objects = parsed as Record<string, unknown>[];
  const header = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  return { header, rows: objects.map((cells, index) => ({ row: index + 1, cells })) };
}

async function readXlsx(file: string): Promise<TabularData> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new UnreadableFileError(file, (error as Error).message);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError(file, 'the workbook has no sheet');
  const table: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value));
    table.push(values);
    numbers.push(row.number);
  });
  const [header = [], ...body] = table;
  const columns = header.map((h) => h.trim());
  const rows = body
    .map((cells, index) => ({ row: numbers[index + 1]!, cells: rowCells(columns, cells) }))
    .filter(({ cells }) => Object.values(cells).some((v) => String(v).trim() !== ''));
  return { header: columns, rows };
}

/** Cells by column; cells beyond the header are kept under a made-up name so the importer can point at them. */
function rowCells(columns: readonly string[], cells: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  cells.forEach((value, i) => {
    const column = columns[i];
    if (column !== undefined) result[column] = value;
    else if (value.trim() !== '') result[`#${i + 1}`] = value;
  });
  return result;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

/**
 * Writes rows with the given columns in the format of the file's extension. In CSV and XLSX a list becomes
 * one cell separated by `;`; in JSON it stays an array. The result reads back with {@link readTable}.
 */
export async function writeTable(file: string, columns: readonly string[], rows: readonly Record<string, string | string[]>[]): Promise<void> {
  const format = formatOf(file);
  if (!format) throw new UnreadableFileError(file, 'unknown format');
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const flat = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(';') : (value ?? ''));
  if (format === '.json') {
    const ordered = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? ''])));
    await fs.writeFile(file, `${JSON.stringify(ordered, null, 2)}\n`, 'utf8');
  } else if (format === '.csv') {
    await fs.writeFile(file, stringify(rows.map((row) => columns.map((c) => flat(row[c]))), { header: true, columns: [...columns] }), 'utf8');
  } else {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kümmerer');
    sheet.addRow([...columns]);
    for (const row of rows) sheet.addRow(columns.map((c) => flat(row[c])));
    sheet.getRow(1).font = { bold: true };
    await workbook.xlsx.writeFile(file);
  }
}
