// Reading a grid as a person does: which cells are labels, which label heads a row or a column.
import type { Cell } from '../../../../shared/contracts/table';

/** A label: text with at least one CJK character (numbers, blanks and dashes are values). */
export function isLabel(cell: Cell): boolean {
  return /[\u4e00-\u9fff]/.test(cell.text.replace(/万元|元/g, ''));
}

export const covers = (cell: Cell, row: number, col: number) =>
  cell.row <= row && row < cell.row + cell.rowSpan && cell.col <= col && col < cell.col + cell.colSpan;

/** The label cell nearest to the left of `cell` on its first row. */
export function rowLabel(cells: readonly Cell[], cell: Cell): Cell | undefined {
  return cells
    .filter((c) => c.col + c.colSpan <= cell.col && covers(c, cell.row, c.col) && isLabel(c))
    .sort((a, b) => b.col - a.col)[0];
}

/** Cells above `cell` covering its first column, nearest first, up to `topRow` (inclusive). */
export function cellsAbove(cells: readonly Cell[], cell: Cell, topRow = 0): Cell[] {
  return cells
    .filter((c) => c.row + c.rowSpan <= cell.row && c.row >= topRow && covers(c, c.row, cell.col))
    .sort((a, b) => b.row - a.row);
}

/** The cells whose top-left is on `row`, left to right. */
export function rowCells(cells: readonly Cell[], row: number): Cell[] {
  return cells.filter((c) => c.row === row).sort((a, b) => a.col - b.col);
}

export function rowCount(cells: readonly Cell[]): number {
  return Math.max(0, ...cells.map((c) => c.row + c.rowSpan));
}

export function colCount(cells: readonly Cell[]): number {
  return Math.max(0, ...cells.map((c) => c.col + c.colSpan));
}
