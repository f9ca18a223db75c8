// Tables cut by a page break joined into one: a table that ends its page and one that starts the next, with
// the same outer edges, are one table. Their column boundaries are merged (a part may lack a boundary that
// only the other part's rows use), and header rows repeated on the new page are recognised and dropped.
import type { Cell, PageTable, PageTables } from '../../../../shared/contracts/table';
import { comparable } from '../../../../shared/domain/cjk-text';
import { clusterPositions } from '../../../../shared/domain/rulings';

export interface JoinedTable {
  id: string;
  pages: number[];
  rows: number;
  cols: number;
  cells: Cell[];
}

// Two parts share an edge when it is within 2% of the table width apart (skew, scan scale).
const EDGE_TOLERANCE = 0.02;
// Pages photographed one by one come out at scales a few percent apart (the phone nearer or further, a sheet's
// outline found a curl's width off): the two parts of a table on pages 4 and 5 of a phone photo were 487 and 473 pt
// wide (2.9% apart) with every column boundary at the same share of the width to within 0.2% of it, and were kept
// apart, 147 of 198 fields unmapped. Where the two pages were captured at scales of their own (either photographed, its
// sheet found and flattened, or the two sized a little apart: scaledApartOf), parts up to
// 6% apart in width (twice that, for a phone held a little nearer or further) are one table when each inner boundary
// of the part with fewer lies at the share of the width of one of the other's, within 1% (five times what was seen:
// a flattened sheet's keystone may remain), and there are at least two (one boundary is any two-column table's). A
// scanner's pages share one scale, where parts of different widths are different tables.
const SCALE_TOLERANCE = 0.06;
const SHARE_TOLERANCE = 0.01;
const MIN_SHARED_EDGES = 2;

interface Building extends JoinedTable {
  edges: number[];
  last: PageTable;
}

/** Joins the tables of every page of one document into document tables; a table continues across blank
 * pages (separator sheets put in by the scanning clerk) as if they were not there. */
export function joinDocumentTables(
  pages: readonly PageTables[],
  blankPages: ReadonlySet<number>,
  scaledApart: (page: number, next: number) => boolean = () => false,
): JoinedTable[] {
  const ordered = [...pages].sort((a, b) => a.page - b.page);
  // A page's first and last tables by their indices, not by how many it has: a region whose grid held no cell is left
  // out and leaves a gap (a phone photo's table header on page 4 was tables 0 and 2, and was never joined to page 5).
  const indices = new Map(ordered.map((p) => [p.page, p.tables.map((t) => t.index)]));
  const isFirst = (t: PageTable) => t.index === Math.min(...(indices.get(t.page) ?? []));
  const isLast = (t: PageTable) => t.index === Math.max(...(indices.get(t.page) ?? []));
  const nextPage = (page: number) => {
    let next = page + 1;
    while (blankPages.has(next)) {
      next += 1;
    }
    return next;
  };
  const joined: Building[] = [];
  for (const table of ordered.flatMap((p) => [...p.tables].sort((a, b) => a.index - b.index))) {
    const previous = joined[joined.length - 1];
    if (
      previous &&
      table.page === nextPage(previous.last.page) &&
      isLast(previous.last) &&
      isFirst(table) &&
      continues(previous.last, table, scaledApart(previous.last.page, table.page))
    ) {
      append(previous, table);
    } else {
      joined.push({
        id: `p${table.page}t${table.index}`,
        pages: [table.page],
        rows: table.rows,
        cols: table.cols,
        cells: [...table.cells],
        edges: table.columnEdges,
        last: table,
      });
    }
  }
  return joined.map(({ id, pages: p, rows, cols, cells }) => ({ id, pages: p, rows, cols, cells }));
}

/** Whether `after`, first on its page, continues `before`, last on the page before (`scaledApart`: their pages). */
function continues(before: PageTable, after: PageTable, scaledApart: boolean): boolean {
  if (before.textBelow || after.textAbove) {
    return false;
  }
  const tol = EDGE_TOLERANCE * Math.max(before.bbox.width, after.bbox.width);
  return (
    (Math.abs(before.bbox.width - after.bbox.width) <= tol && Math.abs(before.bbox.x - after.bbox.x) <= 3 * tol) ||
    (scaledApart && sameColumnsAtScale(before.columnEdges, after.columnEdges))
  );
}

/** Whether two parts' column boundaries are one table's at scales up to SCALE_TOLERANCE apart (see above). */
function sameColumnsAtScale(a: readonly number[], b: readonly number[]): boolean {
  const width = (edges: readonly number[]) => edges[edges.length - 1] - edges[0];
  const shares = (edges: readonly number[]) => edges.slice(1, -1).map((e) => (e - edges[0]) / width(edges));
  if (Math.abs(width(a) - width(b)) > SCALE_TOLERANCE * Math.max(width(a), width(b))) {
    return false;
  }
  const [fewer, more] = [shares(a), shares(b)].sort((x, y) => x.length - y.length);
  return fewer.length >= MIN_SHARED_EDGES && fewer.every((e) => more.some((m) => Math.abs(m - e) <= SHARE_TOLERANCE));
}

function append(table: Building, part: PageTable): void {
  // The part's boundaries in the table's frame: its outer edges on the table's (the same at one scale, see
  // SCALE_TOLERANCE where pages differ).
  const [left, right] = [table.edges[0], table.edges[table.edges.length - 1]];
  const tol = EDGE_TOLERANCE * (right - left);
  const [from, to] = [part.columnEdges[0], part.columnEdges[part.columnEdges.length - 1]];
  const scaled = part.columnEdges.map((x) => left + ((x - from) * (right - left)) / (to - from));
  const edges = clusterPositions([...table.edges, ...scaled], tol);
  const remap =
    (own: number[]) =>
    (cell: Cell): Cell => {
      const col = nearest(edges, own[cell.col]);
      return { ...cell, col, colSpan: Math.max(1, nearest(edges, own[cell.col + cell.colSpan]) - col) };
    };
  const before = table.cells.map(remap(table.edges));
  const after = part.cells.map(remap(scaled));
  const repeated = repeatedHeaderRows(before, after);
  const offset = table.rows - repeated;
  table.cells = [...before, ...after.filter((c) => c.row >= repeated).map((c) => ({ ...c, row: c.row + offset }))];
  table.rows += part.rows - repeated;
  table.cols = edges.length - 1;
  table.edges = edges;
  table.pages.push(part.page);
  table.last = part;
}

const nearest = (edges: readonly number[], x: number) =>
  edges.reduce((best, e, i) => (Math.abs(e - x) < Math.abs(edges[best] - x) ? i : best), 0);

/** How many leading rows of `next` repeat the leading rows of the table so far (0 if none). */
function repeatedHeaderRows(table: readonly Cell[], next: readonly Cell[]): number {
  const rowText = (cells: readonly Cell[], row: number) =>
    cells
      .filter((c) => c.row === row)
      .sort((a, b) => a.col - b.col)
      .map((c) => `${c.col}:${c.colSpan}:${comparable(c.text)}`)
      .join('|');
  let repeated = 0;
  const rows = Math.max(0, ...next.map((c) => c.row)) + 1;
  while (repeated < rows - 1) {
    const text = rowText(next, repeated);
    // Only label rows count as a repeated header: a data row that happens to equal the first one does not.
    if (text === '' || text !== rowText(table, repeated) || !/[\u4e00-\u9fff]/.test(text)) {
      break;
    }
    repeated += 1;
  }
  return repeated;
}

/** The blank pages (separator sheets) among recognised pages, which tables continue across. */
export function blankPagesOf(pages: readonly { page: number; blank?: boolean }[]): Set<number> {
  return new Set(pages.filter((p) => p.blank).map((p) => p.page));
}

// A scanner gives the pages of a document one size, within a few millimetres where it detects each sheet's size. Two
// pages whose sizes differ by more than 0.5% were captured one by one, each at a scale of its own: a phone's scanning
// app cuts each sheet out at the corners it found and sizes the page by that cut (one app's pages 824 to 859 pt tall
// at one width; the two parts of a table on its pages 4 and 5 came out 465 and 475 pt wide, 2.1% apart, and 147 of
// 198 fields went unmapped: captures `app`, seed 1792107906), and a phone photo filling its frame is scaled to a
// sheet's height whatever its width. Over 8% apart they are different papers (A4 and A3, 41%; a page turned
// landscape), each at the scanner's one scale, not one paper at two.
const SIZE_TOLERANCE = 0.005;
const OTHER_PAPER = 0.08;
// Two pages of one size may still have been cut at scales apart: an app's pages 4 and 5 both came out 842.26 pt tall
// (its page height is the found corners' proportion rounded to a pixel) while their table's parts were 476 and 466 pt
// wide, and its last two rows went unmapped (captures `app`, seed 771203455, Shizuishan). Such a document is known by its
// pages: three sizes or more of one paper, a little apart, spread over more than 1.5% (the app's seven pages took three,
// 830 to 850 pt tall, 2.4%), and then any two of its pages of one paper may be at scales apart. A scanner gives one
// size per paper, or sizes a few millimetres apart where it detects each sheet (297 +- 2 mm is 1.3%), and papers
// within 8% of each other come two at most in a document (A4 and US letter, 6% apart in height), so its pages keep
// their one scale.
const SIZES_OF_ONE_BY_ONE = 3;
const SPREAD_OF_ONE_BY_ONE = 0.015;

interface PageCapture {
  page: number;
  width: number;
  height: number;
  sheet?: readonly { x: number; y: number }[];
}

/**
 * Whether two recognised pages may hold one table at scales a few percent apart: either was photographed (a sheet
 * found and flattened), or their sizes differ by SIZE_TOLERANCE to OTHER_PAPER, or the document's pages were cut one
 * by one (SIZES_OF_ONE_BY_ONE) and the two are of one paper (a page that could not be read has no size, and counts for
 * neither). A page larger than any paper on which no sheet was found records its whole self as the sheet, an upright
 * rectangle from the origin (recognise-page.ts): a scan saved with a 72 dpi header is one, and counts only by its size.
 */
export function scaledApartOf(pages: readonly PageCapture[]): (page: number, next: number) => boolean {
  const wholePage = ([a, b, c, d]: readonly { x: number; y: number }[]) =>
    a.x === 0 && a.y === 0 && b.y === 0 && d.x === 0 && c.x === b.x && c.y === d.y;
  const byPage = new Map(pages.map((p) => [p.page, p]));
  const photographed = (p: PageCapture) => p.sheet !== undefined && !wholePage(p.sheet);
  const apart = (a: number, b: number) => Math.abs(a - b) / Math.max(a, b);
  const sized = (p: PageCapture) => p.width > 0 && p.height > 0;
  const sizeApart = (p: PageCapture, q: PageCapture) => Math.max(apart(p.width, q.width), apart(p.height, q.height));
  const cutOneByOne = cutOneByOneOf(pages.filter(sized), sizeApart);
  return (page, next) => {
    const [p, q] = [byPage.get(page), byPage.get(next)];
    if (!p || !q) {
      return false;
    }
    if (photographed(p) || photographed(q)) {
      return true;
    }
    if (!sized(p) || !sized(q)) {
      return false;
    }
    const most = sizeApart(p, q);
    return most <= OTHER_PAPER && (cutOneByOne || most > SIZE_TOLERANCE);
  };
}

/**
 * Whether some page has among the pages of its paper (within OTHER_PAPER of it) SIZES_OF_ONE_BY_ONE sizes or more
 * (counted on the pages in order of size, so the pages' order in the document does not count), spread over more
 * than SPREAD_OF_ONE_BY_ONE (see above).
 */
function cutOneByOneOf(pages: readonly PageCapture[], sizeApart: (p: PageCapture, q: PageCapture) => number): boolean {
  const bySize = [...pages].sort((a, b) => a.height - b.height || a.width - b.width);
  return bySize.some((p) => {
    const paper = bySize.filter((q) => sizeApart(p, q) <= OTHER_PAPER);
    // A size is a page more than SIZE_TOLERANCE from the first page of the size before it.
    let [sizes, first] = [1, paper[0]];
    for (const q of paper) {
      if (sizeApart(first, q) > SIZE_TOLERANCE) {
        [sizes, first] = [sizes + 1, q];
      }
    }
    // The widest pair: the least and the largest width, or height (apart is 1 - smaller / larger).
    const spread = Math.max(rangeApart(paper.map((q) => q.width)), rangeApart(paper.map((q) => q.height)));
    return sizes >= SIZES_OF_ONE_BY_ONE && spread > SPREAD_OF_ONE_BY_ONE;
  });
}

const rangeApart = (values: readonly number[]) => 1 - Math.min(...values) / Math.max(...values);

/** The pages whose tables the table stage gave up on, with the reason. */
export function tableFailuresOf(pages: readonly PageTables[]): { page: number; failure: string }[] {
  return pages.flatMap((p) => (p.failure ? [{ page: p.page, failure: p.failure }] : []));
}
