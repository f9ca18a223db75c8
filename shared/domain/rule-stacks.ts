// Tables ruled only across: a rule above the header, one below it, one at the end (a three-line table, 三线表), found
// among the horizontal rules that belong to no ruled grid, and given vertical rules at their ends so they read as a
// frame. Where the page's ink mask is given, the body under the header may run as long as the table does, provided
// its ink stands in columns.
import type { Segment, TableRegion } from '../contracts/geometry';
import type { Mask } from './rulings';

// Bound once: under jest's vm contexts a global lookup per pixel costs a hundred times more.
const { max, min, round } = Math;

// Three or more horizontal rules of the same extent, each within 1.5 in of the next: prose has no such stacks.
const STACK_MIN_RULES = 3;
const STACK_GAP_IN = 1.5;
// The body of a table longer than that (a three-line table's last rule is as far below its header rule as the table
// has rows) is taken only where its ink stands in columns: a white gutter at least 0.1 in wide from the body's top
// to its bottom, with ink on both sides. Between table columns stand at least two cells' paddings (6-8 pt and
// more); a gap between CJK characters is 1-2 pt and a Latin word space about 3 pt at 12 pt, and prose lines do not
// line those up from top to bottom, so a page ruled above and below its prose is not taken for a table.
const GUTTER_MIN_IN = 0.1;
// ... and it holds two lines of ink or more: the words of a single line stand apart as "columns" too. A line is a
// run of rows with ink at least 0.03 in tall (6 pt type is 0.06 in), so a speck beside one line does not make two.
const MIN_BODY_LINES = 2;
const MIN_LINE_IN = 0.03;
// Rows and columns of the body are looked at 0.03 in inside the rules, clear of their thickness and blur.
const RULE_CLEAR_IN = 0.03;
// A column is white when at most 1% of the body's rows have ink in it (a speck, a JPEG smudge).
const WHITE_COLUMN_SHARE = 0.01;

/** Stacks of horizontal rules that make tables ruled only across; `mask` (the page's ink at `dpi`) lets a body run
 * longer than STACK_GAP_IN where it stands in columns. */
export function ruleStacks(horizontal: readonly Segment[], dpi: number, mask?: Mask): TableRegion[] {
  const sameExtent = (a: Segment, b: Segment) => {
    const tol = 0.02 * max(a.to - a.from, b.to - b.from);
    return Math.abs(a.from - b.from) <= tol && Math.abs(a.to - b.to) <= tol;
  };
  const stacks: Segment[][] = [];
  for (const h of [...horizontal].sort((a, b) => a.at - b.at)) {
    const stack = stacks.find(
      (st) => sameExtent(st[st.length - 1], h) && h.at - st[st.length - 1].at <= STACK_GAP_IN * dpi,
    );
    if (stack) {
      stack.push(h);
    } else {
      stacks.push([h]);
    }
  }
  if (mask) {
    // A header (two rules close together) whose body runs down to the next rule of its extent, however far; one body
    // a header.
    for (let i = 0; i < stacks.length; i += 1) {
      const top = stacks[i];
      const last = top[top.length - 1];
      const below = stacks.findIndex((st) => st !== top && st[0].at > last.at && sameExtent(last, st[0]));
      if (top.length !== 2 || below < 0) {
        continue;
      }
      const body = { x: last.from, y: last.at, width: last.to - last.from, height: stacks[below][0].at - last.at };
      if (standsInColumns(mask, body, dpi)) {
        // Only that rule: what follows it (a caption's gap, the next table's header) is another stack.
        top.push(stacks[below][0]);
        if (stacks[below].length > 1) {
          stacks[below] = stacks[below].slice(1);
        } else {
          stacks.splice(below, 1);
        }
      }
    }
  }
  return stacks
    .filter((st) => st.length >= STACK_MIN_RULES)
    .map((st) => {
      const x0 = Math.min(...st.map((h) => h.from));
      const x1 = Math.max(...st.map((h) => h.to));
      const y0 = st[0].at;
      const y1 = st[st.length - 1].at;
      return {
        horizontal: st.map((h) => ({ at: h.at, from: x0, to: x1 })),
        vertical: [
          { at: x0, from: y0, to: y1 },
          { at: x1, from: y0, to: y1 },
        ],
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
      };
    });
}

/** Whether the ink inside `box` (pixels of `mask`) stands in columns: two lines or more, and a white gutter from top
 * to bottom with ink on both sides. */
export function standsInColumns(
  mask: Mask,
  box: { x: number; y: number; width: number; height: number },
  dpi: number,
): boolean {
  const clear = round(RULE_CLEAR_IN * dpi);
  const x0 = max(0, round(box.x));
  const x1 = min(mask.width, round(box.x + box.width));
  const y0 = max(0, round(box.y) + clear);
  const y1 = min(mask.height, round(box.y + box.height) - clear);
  if (x1 <= x0 || y1 <= y0) {
    return false;
  }
  const inColumn = new Uint32Array(x1 - x0);
  const lineRows = max(1, round(MIN_LINE_IN * dpi));
  let lines = 0;
  let run = 0;
  for (let y = y0; y < y1; y += 1) {
    let row = 0;
    for (let x = x0, i = y * mask.width + x0; x < x1; x += 1, i += 1) {
      if (mask.data[i] === 1) {
        inColumn[x - x0] += 1;
        row += 1;
      }
    }
    run = row > 0 ? run + 1 : 0;
    if (run === lineRows) {
      lines += 1;
    }
  }
  if (lines < MIN_BODY_LINES) {
    return false;
  }
  const whiteAt = WHITE_COLUMN_SHARE * (y1 - y0);
  const gutter = round(GUTTER_MIN_IN * dpi);
  let firstInk = -1;
  let white = 0;
  for (let x = 0; x < inColumn.length; x += 1) {
    if (inColumn[x] > whiteAt) {
      if (firstInk >= 0 && white >= gutter) {
        return true;
      }
      firstInk = firstInk < 0 ? x : firstInk;
      white = 0;
    } else {
      white += 1;
    }
  }
  return false;
}
