// Rows that no rule separates: a table ruled down its columns but not between its rows (budget and statistical
// tables printed from spreadsheets often are) is one grid row holding several rows of text. On a text layer the
// words show them: a cell holding figures one above the other holds several rows, since a figure never wraps
// onto a second line. Such a grid row is cut between those figures' lines, across every column but one whose text
// runs over the cut (a label centred over the rows it groups, which then spans them).
import type { Segment } from '../../../../shared/contracts/geometry';
import type { Line, Word } from '../../../../shared/contracts/page';
import { wordsToLines } from '../../../../shared/domain/lines';
import { valueTypeOf } from '../../../../shared/domain/numbers';

const FIGURES: ReadonlySet<string> = new Set(['integer', 'decimal', 'percentage', 'currency']);

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
    const columns = xs.slice(0, -1).map((x, c) => wordsToLines(inRow.filter((w) => centre(w).x > x && centre(w).x < xs[c + 1])));
    // The column with the most lines, most of them figures, sets the rows (on a scan a figure may be misread:
    // ¥ as 圭; a label wrapped beside one figure has a single figure at most).
    const stacks = columns.filter((lines) => {
      const figures = lines.filter((l) => FIGURES.has(valueTypeOf(l.text))).length;
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
