// Tables with no ruling inside (rules across only, a frame only, or none at all): columns from the white stripes
// that run down through the lines, rows from the text lines, with the lines of one row joined (a wrapped label,
// a value centred beside it), spanning cells from the extent of their phrases over the columns, and rules across
// (a three-line table's) kept as row boundaries that nothing joins across.
import type { BBox } from '../../../../shared/contracts/geometry';
import { unionBox } from '../../../../shared/contracts/geometry';
import type { Line, Word } from '../../../../shared/contracts/page';
import { joinPieces } from '../../../../shared/domain/cjk-text';
import { wordsToLines } from '../../../../shared/domain/lines';
import {
  COLUMN_GAP_LINE_HEIGHTS,
  type Segment,
  lineHeightOf,
  segmentsOf,
  whiteStripes,
} from '../../../../shared/domain/text-columns';

export interface WordCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  confidence: number;
  bbox: BBox;
  words: Word[];
  /** Why the cell's place in the grid is inferred rather than seen (a span over a column boundary). */
  structureDoubt?: string;
}

// A stripe may be crossed by a quarter of the lines and still be a column boundary: spanning headers and long
// values cross it; a stripe inside a column of labels of varied length is crossed by more of them.
const MAX_BLOCKED_SHARE = 0.4;
// A line joins the row above when the white between them is under half the table's usual white between rows:
// a wrapped line follows at the font's leading, a new row at that plus the cells' padding.
const JOIN_GAP_SHARE = 0.5;
// A cell spans the next row down when its centre lies 0.4 of the way to that row or further and that row has
// nothing under it (a header centred over two header rows lies half way).
const ROW_SPAN_REACH = 0.4;

/** A line of the table, its phrases placed over the columns. */
interface Placed {
  line: Line;
  cells: { c0: number; c1: number; seg: Segment }[];
  centre: number;
}

/**
 * Cells of a table without rulings inside, from its words, and its column boundaries; `frame` is the table's box,
 * `rules` the y of rules across it (a three-line table's), which rows never join across. A column gap is as wide
 * as a character: by default the lines' median height, on a scan the height of the table's glyphs (`glyphHeightPt`),
 * since Tesseract's boxes stand taller than the print and unevenly (lines of 14.4 pt over glyphs of 9-10 pt on a
 * scanned three-line table of bench:tables, TABLES_SEED 1005, read 12x3 for 12x5). Phrases are still gathered by the
 * lines' height: by the glyph's, a long value's line broke at a wide space (6 pt) and the break stood as a column
 * of a key-value form (6x4 read 6x3).
 */
export function gridFromWords(
  words: readonly Word[],
  frame: BBox,
  rules: readonly number[] = [],
  glyphHeightPt: number | null = null,
): { cells: WordCell[]; edges: number[] } {
  const lines = wordsToLines(words);
  if (lines.length === 0) {
    return { cells: [], edges: [] };
  }
  const lineHeight = lineHeightOf(lines);
  const segments = lines.map((l) => segmentsOf(l, lineHeight));
  const maxBlocked = Math.floor(MAX_BLOCKED_SHARE * lines.length);
  const stripes = whiteStripes(segments, COLUMN_GAP_LINE_HEIGHTS * (glyphHeightPt ?? lineHeight), maxBlocked);
  const edges = [frame.x, ...stripes.map((s) => (s.x0 + s.x1) / 2), frame.x + frame.width];
  const column = (x: number) =>
    Math.max(
      0,
      edges.findIndex((e, i) => i + 1 < edges.length && x >= e && x < edges[i + 1]),
    );
  const placed: Placed[] = lines.map((line, i) => ({
    line,
    centre: line.bbox.y + line.bbox.height / 2,
    // A phrase covers the columns its ends fall in: one that crosses a stripe spans the columns on both sides.
    cells: segments[i].map((seg) => ({
      seg,
      c0: column(seg.x0 + 0.5),
      c1: Math.max(column(seg.x0 + 0.5), column(seg.x1 - 0.5)),
    })),
  }));
  const rows = withHeaderSpans(joinRows(placed, rules));
  return { cells: withOpenEnds(rowCells(rows, edges)), edges };
}

/**
 * The usual white between rows: the median of the positive gaps between consecutive lines. Lines of one row
 * overlap (a value centred beside a wrapped label) or stand at the font's leading; rows stand apart by that and
 * the cells' padding.
 */
function rowGap(lines: readonly Placed[]): number {
  const gaps = lines
    .slice(1)
    .map((l, i) => l.line.bbox.y - (lines[i].line.bbox.y + lines[i].line.bbox.height))
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

/** Lines joined into rows: a line follows its row closely, crosses no rule and fits under the row's spans. */
function joinRows(lines: readonly Placed[], rules: readonly number[]): Placed[][] {
  const gap = rowGap(lines);
  const rows: Placed[][] = [];
  for (const line of lines) {
    const row = rows[rows.length - 1];
    const bottom = row ? Math.max(...row.map((l) => l.line.bbox.y + l.line.bbox.height)) : 0;
    const close = row !== undefined && line.line.bbox.y - bottom < JOIN_GAP_SHARE * gap;
    const ruled = row !== undefined && rules.some((y) => y > row[row.length - 1].centre && y < line.centre);
    // In the first row, a phrase under a spanning phrase with a narrower span is the header row below a group
    // header (lower down it is a spanning value's wrapped line).
    const underSpan =
      rows.length === 1 &&
      row.some((l) =>
        l.cells.some(
          (a) => a.c1 > a.c0 && line.cells.some((b) => b.c0 >= a.c0 && b.c1 <= a.c1 && b.c1 - b.c0 < a.c1 - a.c0),
        ),
      );
    if (row && close && !ruled && !underSpan) {
      row.push(line);
    } else {
      rows.push([line]);
    }
  }
  return rows;
}

/**
 * A header of two rows, a group header spanning columns over their own headers: every other column's header is
 * centred over both rows, and wherever its lines fell, it is one cell of both rows. Its pieces are moved into the
 * upper row, and the cell spans down (rowCells) since the lower row has nothing under it.
 */
function withHeaderSpans(rows: Placed[][]): Placed[][] {
  // Only the table's first row can be a group header; a value across columns lower down (a key-value form's
  // long value) is no header.
  rows.slice(0, 1).forEach((row, r) => {
    const below = rows[r + 1];
    const spans = row.flatMap((l) => l.cells).filter((p) => p.c1 > p.c0);
    const under = below?.flatMap((l) => l.cells).filter((p) => spans.some((s) => p.c0 >= s.c0 && p.c1 <= s.c1)) ?? [];
    // A group header has two headers or more under it.
    if (!below || spans.length === 0 || under.length < 2) {
      return;
    }
    const outside = (p: Placed['cells'][number]) => !spans.some((s) => p.c1 >= s.c0 && p.c0 <= s.c1);
    const moved = below.map((l) => ({ ...l, cells: l.cells.filter(outside) })).filter((l) => l.cells.length > 0);
    below.forEach((l) => {
      l.cells = l.cells.filter((p) => !outside(p));
    });
    row.push(...moved.map((l) => ({ ...l, centre: (row[0].centre + below[0].centre) / 2 })));
  });
  return rows.map((row) => row.filter((l) => l.cells.length > 0)).filter((row) => row.length > 0);
}

/**
 * A cell followed to the end of its row by empty places that other rows fill: without rulings nothing shows whether
 * it spans them (a key-value form's short value across the row) or stands alone with blanks beside it. Its place
 * is in doubt, and so is a table's reading of it.
 */
function withOpenEnds(cells: WordCell[]): WordCell[] {
  const filled = (c: number) => cells.some((x) => x.text !== '' && x.col <= c && x.col + x.colSpan > c);
  return cells.map((cell) => {
    const after = cells.filter((x) => x.row === cell.row && x.col >= cell.col + cell.colSpan);
    const open =
      cell.text !== '' &&
      cell.col > 0 &&
      after.length > 0 &&
      after.every((x) => x.text === '' && filled(x.col) && x.rowSpan === 1);
    return open && !cell.structureDoubt
      ? {
          ...cell,
          structureDoubt: 'empty places follow it to the end of its row; no ruling shows whether it spans them',
        }
      : cell;
  });
}

/** The cells of the rows: each column's phrases of a row are one cell; a spanning phrase is a spanning cell. */
function rowCells(rows: readonly Placed[][], edges: readonly number[]): WordCell[] {
  const cols = edges.length - 1;
  const anchor = rows.map((r) => r[0].centre);
  const cells: WordCell[] = [];
  rows.forEach((row, r) => {
    const taken = new Array<boolean>(cols).fill(false);
    const pieces = row.flatMap((l) => l.cells);
    for (const piece of [...pieces].sort((a, b) => a.c0 - b.c0 || b.c1 - b.c0 - (a.c1 - a.c0))) {
      if (taken[piece.c0]) {
        continue;
      }
      // Every phrase of the row within the piece's columns belongs to its cell (wrapped lines of one label).
      const members = pieces.filter((p) => p.c0 >= piece.c0 && p.c1 <= piece.c1);
      members.forEach((m) => taken.fill(true, m.c0, m.c1 + 1));
      const words = members.flatMap((m) => m.seg.words);
      const bbox = unionBox(words.map((w) => w.bbox)) as BBox;
      const centre = bbox.y + bbox.height / 2;
      const below = rows[r + 1];
      const rowSpan =
        below &&
        !below.some((l) => l.cells.some((p) => p.c1 >= piece.c0 && p.c0 <= piece.c1)) &&
        centre - anchor[r] >= ROW_SPAN_REACH * (anchor[r + 1] - anchor[r])
          ? 2
          : 1;
      cells.push({
        row: r,
        col: piece.c0,
        rowSpan,
        colSpan: piece.c1 - piece.c0 + 1,
        text: joinPieces(wordsToLines(words).map((l) => l.text)),
        confidence: Math.min(...words.map((w) => w.confidence)),
        bbox,
        words,
        ...(piece.c1 > piece.c0
          ? { structureDoubt: 'the cell spans columns by the extent of its text; no ruling shows it' }
          : {}),
      });
    }
    // Empty places are cells too: the grid stays a partition.
    for (let c = 0; c < cols; c += 1) {
      const covered =
        taken[c] || cells.some((x) => x.row < r && x.row + x.rowSpan > r && c >= x.col && c < x.col + x.colSpan);
      if (!covered) {
        const top = Math.min(...row.map((l) => l.line.bbox.y));
        const bottom = Math.max(...row.map((l) => l.line.bbox.y + l.line.bbox.height));
        cells.push({
          row: r,
          col: c,
          rowSpan: 1,
          colSpan: 1,
          text: '',
          confidence: 0.99,
          bbox: { x: edges[c], y: top, width: edges[c + 1] - edges[c], height: bottom - top },
          words: [],
        });
      }
    }
  });
  return cells.sort((a, b) => a.row - b.row || a.col - b.col);
}
