// Cells that alone lack the rule between columns the rows beside them have (wallCuts): the column analogue of
// spanCuts (row-cuts.ts). A highlighter drawn along a row, photocopied, greys the paper under it to nearly the tone of
// the rules that cross it: the row's short column rules were lost there while the rows above and below kept theirs
// (compound Yinchuan, captures seed 1618033988: 其他对外管理服务事项 | 87 | 0 | 96 read as one cell spanning the
// row, "其他对外管理服务事项一37 0_", and its three fields not found).
import { type Segment, centreInside } from '../../../../shared/contracts/geometry';
import type { Word } from '../../../../shared/contracts/page';
import { wordsToLines } from '../../../../shared/domain/lines';
import { COLUMN_GAP_LINE_HEIGHTS } from '../../../../shared/domain/text-columns';
import { holdsText } from '../../../../shared/domain/text-tables';
import type { GridCell } from './grid';
import { isDigitFigure } from './row-cuts';

// Text of two cells side by side stands apart by both cells' padding, and the figures of a table are centred or
// aligned away from the label before them: around each boundary the white of a column gap (text-columns.ts
// COLUMN_GAP_LINE_HEIGHTS, a character wide), which no word space within a line of text reaches. The em is the cell's
// words' lower median height: the lost rule's trace may be the tallest word, a row high.
// What is left of the lost rule reads as a stroke standing on the boundary (一 or 丨, 1.9 pt wide under 11.5 pt high at
// 211.0-212.9 pt where the boundary is 211.7): a word no wider than a third of an em (a digit is half an em wide, a
// Chinese character a whole one) over a boundary, or within a point of it (a ruling's thickness and a scanner's
// blur), is the rule's trace, no text.
const TRACE_EM = 1 / 3;
const TRACE_REACH_PT = 1;

type Placed = Pick<GridCell, 'row' | 'col' | 'rowSpan' | 'colSpan' | 'bbox'>;

/**
 * Rules down cells that span grid columns where the column boundaries they cover are walls in a row beside them (a
 * cell above or below has an edge there) and their words say they hold one cell's text per column: text in every
 * one of the columns, a figure among it, and every boundary inside a column gap between its columns'
 * texts. Such a cell is cut at every boundary it spans, down the cell only. `xs` are the grid's column boundaries.
 */
export function wallCuts(cells: readonly Placed[], xs: readonly number[], words: readonly Word[]): Segment[] {
  const walledBeside = (cell: Placed, k: number) =>
    cells.some(
      (o) =>
        (o.row + o.rowSpan === cell.row || o.row === cell.row + cell.rowSpan) &&
        (o.col === k || o.col + o.colSpan === k),
    );
  return cells
    .filter((c) => c.colSpan > 1)
    .flatMap((cell) => {
      const inner = xs.slice(cell.col + 1, cell.col + cell.colSpan);
      if (!inner.every((_, i) => walledBeside(cell, cell.col + 1 + i))) {
        return [];
      }
      const inCell = words.filter((w) => holdsText(w.text) && centreInside(w.bbox, cell.bbox));
      if (inCell.length === 0) {
        return [];
      }
      const heights = inCell.map((w) => w.bbox.height).sort((a, b) => a - b);
      const em = heights[Math.floor((heights.length - 1) / 2)];
      const trace = (w: Word) =>
        w.bbox.width <= TRACE_EM * em &&
        inner.some((at) => at >= w.bbox.x - TRACE_REACH_PT && at <= w.bbox.x + w.bbox.width + TRACE_REACH_PT);
      const text = inCell.filter((w) => !trace(w));
      const pieces = [cell.bbox.x, ...inner].map((from, i) => {
        const to = i < inner.length ? inner[i] : cell.bbox.x + cell.bbox.width;
        return text.filter((w) => w.bbox.x + w.bbox.width / 2 > from && w.bbox.x + w.bbox.width / 2 <= to);
      });
      // Text in every column: a title set at the left with a speck read as 0 in the last column is no row of cells.
      if (pieces.some((ws) => ws.length === 0) || !pieces.some((ws) => wordsToLines(ws).some(isDigitFigure))) {
        return [];
      }
      const apart = inner.every((at, i) => {
        const left = Math.max(...pieces[i].map((w) => w.bbox.x + w.bbox.width));
        const right = Math.min(...pieces[i + 1].map((w) => w.bbox.x));
        return right - left >= COLUMN_GAP_LINE_HEIGHTS * em && at > left && at < right;
      });
      return apart ? inner.map((at) => ({ at, from: cell.bbox.y, to: cell.bbox.y + cell.bbox.height })) : [];
    });
}
