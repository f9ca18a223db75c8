// Tables cut by a page break joined into one: a table that ends its page and one that starts the next, with
// the same columns, are one table; header rows repeated on the new page are recognised and dropped.
import type { Cell, PageTable, PageTables } from '../../../../shared/contracts/table';
import { comparable } from '../../../../shared/domain/cjk-text';

export interface JoinedTable {
  id: string;
  pages: number[];
  rows: number;
  cols: number;
  cells: Cell[];
}

// Column boundaries of two parts match when each is within 2% of the table width (skew, scan scale).
const EDGE_TOLERANCE = 0.02;

/** Joins the tables of every page of one document into document tables. */
export function joinDocumentTables(pages: readonly PageTables[]): JoinedTable[] {
  const ordered = [...pages].sort((a, b) => a.page - b.page);
  const counts = new Map(ordered.map((p) => [p.page, p.tables.length]));
  return joinTables(ordered.flatMap((p) => p.tables), (page) => counts.get(page) ?? 0);
}

function joinTables(tables: readonly PageTable[], pagesWithTables: (page: number) => number): JoinedTable[] {
  const joined: (JoinedTable & { last: PageTable })[] = [];
  for (const table of tables) {
    const previous = joined[joined.length - 1];
    if (previous && continues(previous.last, table, pagesWithTables(previous.last.page))) {
      const repeated = repeatedHeaderRows(previous.cells, table.cells);
      const offset = previous.rows - repeated;
      previous.cells.push(...table.cells.filter((c) => c.row >= repeated).map((c) => ({ ...c, row: c.row + offset })));
      previous.rows += table.rows - repeated;
      previous.pages.push(table.page);
      previous.last = table;
    } else {
      joined.push({ id: `p${table.page}t${table.index}`, pages: [table.page], rows: table.rows, cols: table.cols, cells: [...table.cells], last: table });
    }
  }
  return joined.map(({ last, ...t }) => {
    void last;
    return t;
  });
}

function continues(before: PageTable, after: PageTable, tablesOnBeforePage: number): boolean {
  const adjacent = after.page === before.page + 1 && after.index === 0 && before.index === tablesOnBeforePage - 1;
  if (!adjacent || before.textBelow || after.textAbove || before.cols !== after.cols) {
    return false;
  }
  const width = Math.max(before.bbox.width, after.bbox.width);
  return before.columnEdges.every((x, i) => Math.abs(x - after.columnEdges[i]) <= EDGE_TOLERANCE * width);
}

/** How many leading rows of `next` repeat the leading rows of the table so far (0 if none). */
function repeatedHeaderRows(table: readonly Cell[], next: readonly Cell[]): number {
  const rowText = (cells: readonly Cell[], row: number) => cells
    .filter((c) => c.row === row)
    .sort((a, b) => a.col - b.col)
    .map((c) => `${c.col}:${c.colSpan}:${comparable(c.text)}`)
    .join('|');
  let repeated = 0;
  const rows = Math.max(0, ...next.map((c) => c.row)) + 1;
  while (repeated < rows - 1) {
    const text = rowText(next, repeated);
    if (text === '' || text !== rowText(table, repeated) || !/[^\d|:]/.test(text)) {
      break;
    }
    repeated += 1;
  }
  return repeated;
}
