// A report as spreadsheets people open: its fields as one flat CSV, each table as a CSV grid (a merged cell's
// text in its top-left place, the rest of the merge empty). UTF-8 with a byte-order mark, so that Excel reads the
// Chinese as Chinese.
import { stringify } from 'csv-stringify/sync';
import { parseNumber } from './numbers';
import type { Report, ReportTable } from '../contracts/report';

const BOM = '\ufeff';

export const FIELD_COLUMNS = ['key', 'value', 'raw', 'confidence', 'needsReview', 'page', 'reviewedBy'] as const;

export function fieldsCsv(report: Report): string {
  const rows = Object.entries(report.fields)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, f]) => [key, f.value ?? '', f.raw, f.confidence, f.needsReview, f.page ?? '', f.review?.by ?? '']);
  return BOM + stringify([[...FIELD_COLUMNS], ...rows]);
}

/** The table as rows of text, merges spread over their rows and columns with the text in the first place only. */
export function tableGrid(table: ReportTable): string[][] {
  const rows = Math.max(0, ...table.cells.map((c) => c.row + c.rowSpan));
  const cols = Math.max(0, ...table.cells.map((c) => c.col + c.colSpan));
  const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ''));
  for (const cell of table.cells) {
    grid[cell.row][cell.col] = cell.text;
  }
  return grid;
}

/**
 * A cell's text as a spreadsheet number with its display format, or null for text: only a plain number (digits, a
 * sign, separators, a decimal point) is one. A dash stays text (the template prints it for zero in some cells and for
 * nothing in others), and so does an amount with its unit, whose number alone would change its meaning.
 */
export function cellNumber(text: string): { value: number; format: string } | null {
  const parsed = parseNumber(text);
  if (!parsed.ok || parsed.value === null || parsed.unit || !/\d/.test(text)) {
    return null;
  }
  const decimals = /\.(\d+)/.exec(text.normalize('NFKC'))?.[1].length ?? 0;
  return { value: parsed.value, format: decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0' };
}

export function tableCsv(table: ReportTable): string {
  return BOM + stringify(tableGrid(table));
}

/** A file-name-safe, unique name for each table: its template name, else its id. */
export function tableNames(report: Report): Map<ReportTable, string> {
  const names = new Map<ReportTable, string>();
  const used = new Set<string>();
  for (const table of report.tables) {
    const base = (table.name ?? table.id).replace(/[^\w.-]/g, '_').slice(0, 28);
    let name = base;
    for (let n = 2; used.has(name); n += 1) {
      name = `${base}-${n}`;
    }
    used.add(name);
    names.set(table, name);
  }
  return names;
}
