// A table grid's cells as the tests state them: `row.col` for a cell of one unit, `row.col RxC` for one spanning R rows
// and C columns, in the grid's order. Merged cells stand out, and a list of them fits on a line.
import type { GridCell } from '../../services/table-extraction/src/domain/grid';

export const cellSpans = (cells: readonly GridCell[]): string[] =>
  cells.map((c) => `${c.row}.${c.col}${c.rowSpan === 1 && c.colSpan === 1 ? '' : ` ${c.rowSpan}x${c.colSpan}`}`);
