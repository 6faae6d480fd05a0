import { writeWorkbook } from '../../../platform/files/tabular';
import type { Sheet } from './sheets';

/** Fill colours (`#rrggbb`) of the traffic lights' cells, by the light's label. */
export type LightFills = Readonly<Record<string, string>>;

/**
 * The report as a workbook (the platform's {@link writeWorkbook}): one sheet per part, the header row bold and frozen
 * with a filter, numbers, euros, shares and dates as real cells, text cells neutralised against formulas; the cells
 * of traffic lights filled in their colour.
 */
export function reportWorkbook(sheets: readonly Sheet[], fills: LightFills): Promise<Buffer> {
  return writeWorkbook(
    sheets.map((sheet) => ({
      name: sheet.name,
      columns: sheet.columns.map((c) => (c.kind === 'light' ? { header: c.header, kind: 'text' as const, width: c.width, fills } : { header: c.header, kind: c.kind, width: c.width })),
      rows: sheet.rows,
    })),
  );
}
