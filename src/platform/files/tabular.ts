import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { TabularData } from '../directory/import';

/** The file formats the import and export commands understand, by extension. */
export const TABULAR_FORMATS = ['.csv', '.xlsx', '.json'] as const;
export type TabularFormat = (typeof TABULAR_FORMATS)[number];

/** Why a file cannot be read as a table; each has a message in the locale files under `importCli.unreadable`. */
export type UnreadableReason = 'unknownFormat' | 'cannotOpen' | 'notUtf8' | 'csvQuote' | 'csvSyntax' | 'jsonSyntax' | 'notArrayOfObjects' | 'notXlsx' | 'noSheet';

/**
 * A file that cannot be read as a table at all (as opposed to rows with wrong values). `reason` and
 * `details` (e.g. the row of a broken quote) let the caller say so in the user's language; the message,
 * for logs, also carries what the parsing library said.
 */
export class UnreadableFileError extends Error {
  readonly code = 'FILE_UNREADABLE';
  constructor(
    readonly file: string,
    readonly reason: UnreadableReason,
    readonly details: Readonly<Record<string, string | number>> = {},
    cause?: unknown,
  ) {
    super(`${file}: ${reason}${cause instanceof Error ? ` (${cause.message})` : ''}`, { cause });
    this.name = 'UnreadableFileError';
  }
}

/**
 * Formula injection ("CSV injection", OWASP): a spreadsheet takes a cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return for a formula, and opening an export would run `=HYPERLINK(…)` or `-2+3+cmd|…` that someone
 * put into a name or a summary. Every cell this module writes to CSV or XLSX is neutralised the way OWASP
 * recommends: a `'` before such a start, and the cell quoted (CSV). In CSV also after a `;` or a line break inside a
 * cell: German Excel splits a CSV at `;` (its list separator) and ignores quotes that do not open a field, so every
 * such place can become the start of a cell. Runs of `'` before such a character get one more, so that reading
 * removes exactly one and a value that started with `'=` reads back as it was: the project's own import is lossless.
 * JSON is data, not a spreadsheet, and stays as it is.
 */
const NEUTRALISE = { csv: /(?<=^|[;\r\n])(?='*[=+\-@\t\r])/g, xlsx: /^(?='*[=+\-@\t\r])/ } as const;
const RESTORE = { csv: /(?<=^|[;\r\n])'(?='*[=+\-@\t\r])/g, xlsx: /^'(?='*[=+\-@\t\r])/ } as const;
/** A CSV cell that was neutralised somewhere: it is written in quotes. */
const NEUTRALISED_CSV = /(?:^|[;\r\n])'/;

/**
 * A cell as written to a spreadsheet of this kind, so that no part of it is taken for a formula. Every text cell the
 * project writes to CSV or XLSX goes through here ({@link writeTable} does it; a workbook built cell by cell with
 * exceljs calls it for each text cell).
 */
export function neutraliseCell(value: string, kind: 'csv' | 'xlsx'): string {
  return value.replace(NEUTRALISE[kind], "'");
}

/** A cell as read from a spreadsheet of this kind: what {@link neutraliseCell} added taken away again. */
function restoreCell(value: string, kind: 'csv' | 'xlsx'): string {
  return value.replace(RESTORE[kind], '');
}

export function formatOf(file: string): TabularFormat | undefined {
  const extension = path.extname(file).toLowerCase();
  return TABULAR_FORMATS.find((f) => f === extension);
}

/**
 * Reads a table from CSV (UTF-8, header row, a byte-order mark allowed), XLSX (first sheet, header row)
 * or JSON (an array of objects). Values are passed on as found; checking them is the importer's job.
 * Row numbers are what a person sees: the spreadsheet row for CSV and XLSX (a quoted line break stays in
 * its row, as in Excel or LibreOffice), the position in the array for JSON. Throws {@link UnreadableFileError}.
 */
export async function readTable(file: string): Promise<TabularData> {
  const format = formatOf(file);
  if (!format) throw new UnreadableFileError(file, 'unknownFormat');
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new UnreadableFileError(file, 'cannotOpen', { detail: (error as NodeJS.ErrnoException).code ?? 'error' }, error);
  }
  if (format === '.xlsx') return readXlsx(file, bytes);
  const text = decodeUtf8(file, bytes);
  return format === '.csv' ? readCsv(file, text) : readJson(file, text);
}

/**
 * Strict UTF-8: Excel's plain "CSV" is Windows-1252, whose umlauts would otherwise arrive as U+FFFD and
 * surface later as a puzzling "unknown municipality D�lmen". A leading byte-order mark is dropped.
 */
function decodeUtf8(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new UnreadableFileError(file, 'notUtf8', {}, error);
  }
}

function readCsv(file: string, text: string): TabularData {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (error) {
    // csv-parse counts the records it completed; the broken one is the next, numbered like a spreadsheet row.
    const { code, records: done } = error as { code?: string; records?: number };
    const row = (done ?? 0) + 1;
    const quote = code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_INVALID_OPENING_QUOTE';
    throw new UnreadableFileError(file, quote ? 'csvQuote' : 'csvSyntax', { row }, error);
  }
  const [header = [], ...body] = records.map((cells) => cells.map((cell) => restoreCell(cell, 'csv')));
  const columns = header.map((h) => h.trim());
  const rows = body
    .map((cells, index) => ({ row: index + 2, cells: rowCells(columns, cells) }))
    .filter(({ cells }) => Object.values(cells).some((v) => String(v).trim() !== ''));
  return { header: columns, headerRow: 1, rows };
}

function readJson(file: string, text: string): TabularData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8 names the position for some syntax errors only; when it does, tell the line.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    throw new UnreadableFileError(file, 'jsonSyntax', line === undefined ? {} : { line }, error);
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    throw new UnreadableFileError(file, 'notArrayOfObjects');
  }
  const objects = parsed as Record<string, unknown>[];
  const header = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  return { header, headerRow: undefined, rows: objects.map((cells, index) => ({ row: index + 1, cells })) };
}

async function readXlsx(file: string, bytes: Buffer): Promise<TabularData> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; JSZip underneath reads that as well as a Node Buffer.
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    throw new UnreadableFileError(file, 'notXlsx', {}, error);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError(file, 'noSheet');
  const table: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(restoreCell(cellText(row.getCell(c).value), 'xlsx'));
    table.push(values);
    numbers.push(row.number);
  });
  const [header = [], ...body] = table;
  const columns = header.map((h) => h.trim());
  const rows = body
    .map((cells, index) => ({ row: numbers[index + 1]!, cells: rowCells(columns, cells) }))
    .filter(({ cells }) => Object.values(cells).some((v) => String(v).trim() !== ''));
  return { header: columns, headerRow: numbers[0] ?? 1, rows };
}

/**
 * Cells by column, every column present (empty when a row ends early, as spreadsheets save trailing empty
 * cells); cells beyond the header are kept under their position (`#4`) so the importer can point at them.
 */
function rowCells(columns: readonly string[], cells: readonly string[]): Record<string, string> {
  const result: Record<string, string> = Object.fromEntries(columns.map((column) => [column, '']));
  cells.forEach((value, i) => {
    const column = columns[i];
    if (column !== undefined) result[column] ||= value;
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
 * one cell separated by `;`, and every cell is neutralised against formula injection ({@link neutraliseCell});
 * in JSON a list stays an array. The result reads back with {@link readTable} as it was given (in XLSX, which is
 * XML, a carriage return becomes a line feed). Every CSV and XLSX the project writes goes through here.
 */
export async function writeTable(file: string, columns: readonly string[], rows: readonly Record<string, string | string[]>[]): Promise<void> {
  const format = formatOf(file);
  if (!format) throw new UnreadableFileError(file, 'unknownFormat');
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const flat = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(';') : (value ?? ''));
  if (format === '.json') {
    const ordered = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? ''])));
    await fs.writeFile(file, `${JSON.stringify(ordered, null, 2)}\n`, 'utf8');
  } else if (format === '.csv') {
    const records = [columns, ...rows.map((row) => columns.map((c) => flat(row[c])))].map((cells) => cells.map((cell) => neutraliseCell(cell, 'csv')));
    // With a byte-order mark, Excel opens the file as UTF-8 instead of mangling every umlaut.
    await fs.writeFile(file, stringify(records, { bom: true, quoted_match: NEUTRALISED_CSV }), 'utf8');
  } else {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kümmerer');
    // XML reads a carriage return as a line feed: written as one, so that the cell reads back as it was written.
    const cell = (value: string) => neutraliseCell(value.replace(/\r\n?/g, '\n'), 'xlsx');
    sheet.addRow(columns.map(cell));
    for (const row of rows) sheet.addRow(columns.map((c) => cell(flat(row[c]))));
    sheet.getRow(1).font = { bold: true };
    await workbook.xlsx.writeFile(file);
  }
}

/** How a workbook column's cells are formatted: text, or real numbers and dates with their number format. */
export type WorkbookColumnKind = 'text' | 'number' | 'euro' | 'percent' | 'date' | 'datetime';

/** A cell of a workbook: text (neutralised), a number, a date (its UTC fields are the local day and time), or empty. */
export type WorkbookCell = string | number | Date | undefined;

export interface WorkbookColumn {
  /** A text, or a date (formatted as a day). */
  readonly header: string | Date;
  readonly kind: WorkbookColumnKind;
  /** Width in characters. */
  readonly width: number;
  /** Fill colours (`#rrggbb`) of text cells by their text, e.g. traffic lights in their colour. */
  readonly fills?: Readonly<Record<string, string>>;
}

export interface WorkbookSheet {
  /** At most 31 characters (Excel's limit); longer names are cut. */
  readonly name: string;
  readonly columns: readonly WorkbookColumn[];
  readonly rows: readonly (readonly WorkbookCell[])[];
}

/** Number formats by kind (a German Excel shows them with its own separators). */
const NUMBER_FORMATS: Readonly<Record<WorkbookColumnKind, string | undefined>> = {
  text: undefined,
  number: '0',
  euro: '#,##0.00 [$€-407]',
  percent: '0%',
  date: 'dd.mm.yyyy',
  datetime: 'dd.mm.yyyy hh:mm',
};

/**
 * A workbook built cell by cell, for reports people read in Excel: one sheet each, the header row bold and frozen
 * with a filter, numbers and dates as real cells with their formats, long texts wrapped, and every text cell
 * neutralised against formulas like every spreadsheet the project writes ({@link neutraliseCell}).
 */
export async function writeWorkbook(sheets: readonly WorkbookSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kümmerer';
  // XML reads a carriage return as a line feed: written as one, like the project's other workbooks.
  const text = (value: string) => neutraliseCell(value.replace(/\r\n?/g, '\n'), 'xlsx');
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    // Formats by column: cells take their column's style when they are made, which is much cheaper than one each.
    worksheet.columns = sheet.columns.map((c) => ({ width: c.width, ...(NUMBER_FORMATS[c.kind] ? { style: { numFmt: NUMBER_FORMATS[c.kind]! } } : {}) }));
    const header = worksheet.getRow(1);
    sheet.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header instanceof Date ? c.header : text(c.header);
      cell.style = c.header instanceof Date ? { numFmt: NUMBER_FORMATS.date! } : {};
    });
    header.font = { bold: true };
    const filled = sheet.columns.flatMap((c, i) => (c.fills ? [{ i, fills: c.fills }] : []));
    const wrapped = sheet.columns.flatMap((c, i) => (c.kind === 'text' && c.width >= 40 ? [i] : []));
    for (const row of sheet.rows) {
      const added = worksheet.addRow(row.map((value) => (value === undefined ? null : typeof value === 'string' ? text(value) : value)));
      for (const { i, fills } of filled) {
        const fill = typeof row[i] === 'string' ? fills[row[i] as string] : undefined;
        if (fill) added.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill.slice(1).toUpperCase()}` } };
      }
      for (const i of wrapped) if (typeof row[i] === 'string' && (row[i] as string).length > 60) added.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' };
    }
    if (sheet.columns.length > 0) worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
