// Rows that no rule separates (rowCuts), and cells that alone lack the rule between rows the others have (spanCuts).
// A table ruled down its columns but not between its rows (budget and statistical
// tables printed from spreadsheets often are) is one grid row holding several rows of text. On a text layer the
// words show them: a cell holding figures one above the other holds several rows, since a figure never wraps
// onto a second line. Such a grid row is cut between those figures' lines, across every column but one whose text
// runs over the cut (a label centred over the rows it groups, which then spans them).
import { type Segment, centreInside } from '../../../../shared/contracts/geometry';
import type { Line, Word } from '../../../../shared/contracts/page';
import { wordsToLines } from '../../../../shared/domain/lines';
import { valueTypeOf, withoutStrayMarks } from '../../../../shared/domain/numbers';
import { holdsText } from '../../../../shared/domain/text-tables';
import type { GridCell } from './grid';

const FIGURES: ReadonlySet<string> = new Set(['integer', 'decimal', 'percentage', 'currency']);
// A ruling's trace read as text is a run of horizontal strokes, 一 and dashes, which reads as the Chinese numeral one
// (一一一一): no figure is printed so, and taken for one it cut a row under its own rule (a photocopy's thick rule
// above 规章 read 一一一一 over the row's 0: the row was cut in two and its figures read a row down, unflagged).
const isRuleTrace = (l: Line) => /^[一\-‐‑–—―－_＿~～\s]+$/u.test(l.text);
const isFigure = (l: Line) => FIGURES.has(valueTypeOf(l.text)) && !isRuleTrace(l);
/** A line of Arabic digits as printed, or read with marks beside them (a speck, a pen's tick). */
export const isDigitFigure = (l: Line) => /\d/.test(l.text) && (isFigure(l) || withoutStrayMarks(l.text) !== undefined);
// A line of marks only (a speck on the lost ruling): it crosses no row boundary that matters.
const hasText = (l: Line) => holdsText(l.text);

const top = (l: Line) => l.bbox.y;
const bottom = (l: Line) => l.bbox.y + l.bbox.height;
const centre = (w: Word) => ({ x: w.bbox.x + w.bbox.width / 2, y: w.bbox.y + w.bbox.height / 2 });

/**
 * Rules across to add to a grid with column boundaries `xs` and row boundaries `ys` (points, as the words): one
 * per column at each cut, none where a column's line crosses it. Empty when every row holds one row of figures.
 */
export function rowCuts(xs: readonly number[], ys: readonly number[], words: readonly Word[]): Segment[] {
  const cuts: Segment[] = [];
  for (let r = 0; r + 1 < ys.length; r += 1) {
    const inRow = words.filter((w) => centre(w).y > ys[r] && centre(w).y < ys[r + 1]);
    const columns = xs
      .slice(0, -1)
      .map((x, c) => wordsToLines(inRow.filter((w) => centre(w).x > x && centre(w).x < xs[c + 1])));
    // The column with the most lines, most of them figures, sets the rows (on a scan a figure may be misread:
    // ¥ as 圭; a label wrapped beside one figure has a single figure at most).
    const stacks = columns.filter((lines) => {
      const figures = lines.filter(isFigure).length;
      return figures >= 2 && 2 * figures > lines.length;
    });
    if (stacks.length === 0) {
      continue;
    }
    const guide = stacks.reduce((a, b) => (b.length > a.length ? b : a));
    for (let k = 1; k < guide.length; k += 1) {
      const at = (bottom(guide[k - 1]) + top(guide[k])) / 2;
      columns.forEach((lines, c) => {
        if (!lines.some((l) => top(l) < at && bottom(l) > at)) {
          cuts.push({ at, from: xs[c], to: xs[c + 1] });
        }
      });
    }
  }
  return cuts;
}

/**
 * Rules across cells that span grid rows but hold figures one above the other in rows of their own: the rows' rule
 * is missing in that column only (a pen's circle over a faint ruling took it, on a marked-up photocopy), and each
 * figure is its row's. When two or more figure lines stand in different rows and no line of the cell crosses a row
 * boundary, the cell is cut at every boundary it spans, across the cell only.
 */
export function spanCuts(
  cells: readonly Pick<GridCell, 'row' | 'rowSpan' | 'bbox'>[],
  ys: readonly number[],
  words: readonly Word[],
): Segment[] {
  return cells
    .filter((c) => c.rowSpan > 1)
    .flatMap((cell) => {
      const { x, width } = cell.bbox;
      const lines = wordsToLines(words.filter((w) => centreInside(w.bbox, cell.bbox)));
      const inner = ys.slice(cell.row + 1, cell.row + cell.rowSpan);
      const figureRows = new Set(
        lines.filter(isDigitFigure).map((l) => inner.filter((at) => at < l.bbox.y + l.bbox.height / 2).length),
      );
      const crossing = lines.filter(hasText).some((l) => inner.some((at) => top(l) < at && bottom(l) > at));
      return figureRows.size >= 2 && !crossing ? inner.map((at) => ({ at, from: x, to: x + width })) : [];
    });
}
