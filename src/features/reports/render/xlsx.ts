import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../../platform/files/tabular';
import type { Cell, ColumnKind, Sheet } from './sheets';

/** Number formats of the cells by kind (German Excel shows them with its own separators). */
const FORMATS: Readonly<Record<ColumnKind, string | undefined>> = {
  text: undefined,
  light: undefined,
  number: '0',
  euro: '#,##0.00 [$€-407]',
  percent: '0%',
  date: 'dd.mm.yyyy',
  datetime: 'dd.mm.yyyy hh:mm',
};

/** Fill colours (`#rrggbb`) of the traffic lights' cells, by the light's label. */
export type LightFills = Readonly<Record<string, string>>;

/**
 * The report as a workbook: one sheet per part, the header row bold and frozen with a filter, numbers, euros, shares
 * and dates as real cells with their formats, and every text cell neutralised against formulas like every
 * spreadsheet the project writes. The cells of traffic lights are filled in their colour.
 */
export async function reportWorkbook(sheets: readonly Sheet[], fills: LightFills): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kümmerer';
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    // Formats by column: cells take their column's style when they are made, which is much cheaper than one each.
    worksheet.columns = sheet.columns.map((c) => ({ key: c.key, width: c.width, ...(FORMATS[c.kind] ? { style: { numFmt: FORMATS[c.kind]! } } : {}) }));
    const header = worksheet.getRow(1);
    sheet.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header instanceof Date ? c.header : neutraliseCell(c.header, 'xlsx');
      cell.style = c.header instanceof Date ? { numFmt: FORMATS.date! } : {};
    });
    header.font = { bold: true };
    const lights = sheet.columns.flatMap((c, i) => (c.kind === 'light' ? [i] : []));
    const wrapped = sheet.columns.flatMap((c, i) => (c.kind === 'text' && c.width >= 40 ? [i] : []));
    for (const row of sheet.rows) {
      const added = worksheet.addRow(row.map((value) => cellValue(value)));
      for (const i of lights) {
        const fill = typeof row[i] === 'string' ? fills[row[i] as string] : undefined;
        if (fill) added.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill.slice(1).toUpperCase()}` } };
      }
      for (const i of wrapped) if (typeof row[i] === 'string' && (row[i] as string).length > 60) added.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' };
    }
    if (sheet.columns.length > 0) worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellValue(value: Cell): ExcelJS.CellValue {
  if (value === undefined) return null;
  // XML reads a carriage return as a line feed: written as one, like the project's other workbooks.
  if (typeof value === 'string') return neutraliseCell(value.replace(/\r\n?/g, '\n'), 'xlsx');
  return value;
}
