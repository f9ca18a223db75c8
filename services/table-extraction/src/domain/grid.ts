// From a table's ruling segments to its cells: row and column boundaries from the line positions, merged
// cells from the ruling segments that are missing between them, exactly as a reader sees the table.
import type { BBox, Segment } from '../../../../shared/contracts/geometry';
import { clusterPositions, clusters } from '../../../../shared/domain/rulings';
import { positionAt } from '../../../../shared/domain/ruling-fit';

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  bbox: BBox;
  /** Set when the rulings around the cell did not close into a rectangle and the grid was repaired here. */
  repaired?: true;
}

export interface Grid {
  /** Column boundaries, left to right, and row boundaries, top to bottom (same units as the segments). */
  xs: number[];
  ys: number[];
  cells: GridCell[];
}

export interface GridOptions {
  /** Positions closer than this are one line (points). */
  tolerance: number;
}

// A boundary between two cells exists when rulings cover at least 60% of it: enough to bridge breaks
// from scan noise, never met by text that happens to cross the place where a merged cell has no line.
const MIN_COVERAGE = 0.6;

// A table printed without its outer sides (or without its right side, or its top or bottom rule) has rulings
// across it that run on past the last ruling down it: the run beyond is a column (a row) of its own when at
// least two rulings reach 12 pt past it, a character of 9 pt print with its padding. A ruling overshooting its
// crossing (its thickness, a scanner's blur) reaches a point or two; one stray ruling is no side.
const OPEN_SIDE_MIN_PT = 12;
const OPEN_SIDE_MIN_RULINGS = 2;

// A ruling that crosses a whole unit, passes the next ruling across it and stops inside the unit beyond was cut
// there, not drawn to stop: printed rulings end at a crossing, overshooting it by a point or two (see OPEN_SIDE_MIN_PT),
// while a pen's circle hugging a figure, a highlighter's edge or a stain lifts the ruling under it (a red circle
// round 432 on a phone photo took the last 30 pt of the rule under it, and 432 and the 5 below were read as one
// cell, "432 5"). 5 pt past the crossing is over twice the overshoot; the boundary through that unit stands.
const INTERRUPTED_MIN_PT = 5;

// A printed ruling meets the rulings across it: it runs on through their ink, so an end of it lies on one (within
// 0.04-0.91 pt of its centre on a 150 dpi fax, the coarsest capture, whose pixel is 0.48 pt), or past the last one
// (a table's open side). The side of a pen's circle round a figure is as straight and as tall as a row's short
// ruling, but it stands inside the row: both its ends stopped 1.6-2.7 pt short of the rules above and below (mixed
// Yinchuan, captures seed 608825166), or one end met a rule and the other stopped 2.2 pt short (seed 744952419),
// and it split the figure's cell in two, the figure's half unmapped and the other half read as a sure blank. An end
// more than TOUCH_PT from every ruling across it, between two of them, ends inside a unit. A line stands where a
// segment of it crosses a ruling across it (a rule through several units, even one lifted at its end by a pen:
// INTERRUPTED_MIN_PT), or where some segment of it begins outside a unit and some ends outside one (a short ruling
// rule to rule; a ruling broken by noise, whose first piece begins on a rule and whose last ends on one).
const TOUCH_PT = 1.25;

/**
 * The segments on each line, by the line's position (clusterPositions' centre): the segments its clustering chained,
 * each within `tol` of the last. A ruling slanted against the grid (a phone capture's residual keystone) is found in
 * pieces a row long whose positions drift along it: on a scanning app's page (captures app seed 123219866, Yinchuan) a
 * column rule's five pieces stood at 323.9-329.9 pt, the line's centre at 327.1, and the piece 3.2 pt from it, past
 * the 3 pt tolerance, was not counted: three rows' cells merged across the table. A position that is no line's (an
 * open side, withOpenSides) has no segments.
 */
function linesOf(segments: readonly Segment[], tol: number): (at: number) => Segment[] {
  const lines = new Map(clusters(segments, (s) => s.at, tol).map((c) => [c.centre, c.members]));
  return (at) => lines.get(at) ?? [];
}

/**
 * The ruling segments of a table region that stand as rulings (see TOUCH_PT), in the region's units; `tol` is the
 * distance within which segments are on one line.
 */
export function standingRulings(
  horizontal: readonly Segment[],
  vertical: readonly Segment[],
  tol: number,
): { horizontal: Segment[]; vertical: Segment[] } {
  return { horizontal: standing(horizontal, vertical, tol), vertical: standing(vertical, horizontal, tol) };
}

/** Builds the grid of one table from its horizontal and vertical ruling segments. */
export function buildGrid(horizontal: readonly Segment[], vertical: readonly Segment[], options: GridOptions): Grid {
  const tol = options.tolerance;
  let ys = withOpenSides(
    clusterPositions(
      horizontal.map((s) => s.at),
      tol,
    ),
    vertical,
    tol,
  );
  let xs = withOpenSides(
    clusterPositions(
      vertical.map((s) => s.at),
      tol,
    ),
    horizontal,
    tol,
  );
  const horizontalOn = linesOf(horizontal, tol);
  const verticalOn = linesOf(vertical, tol);
  // A boundary that is a wall between no two units is no boundary: a stray stroke left as a short rule
  // inside a cell would otherwise add a row or a column to the whole table and shift every cell after it.
  for (let pass = 0; pass < 2; pass += 1) {
    ys = ys.filter(
      (y, r) =>
        r === 0 ||
        r === ys.length - 1 ||
        xs.some((x, c) => c + 1 < xs.length && coverage(horizontalOn(y), x, xs[c + 1], tol) >= MIN_COVERAGE),
    );
    xs = xs.filter(
      (x, c) =>
        c === 0 ||
        c === xs.length - 1 ||
        ys.some((y, r) => r + 1 < ys.length && coverage(verticalOn(x), y, ys[r + 1], tol) >= MIN_COVERAGE),
    );
  }
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1) {
    return { xs, ys, cells: [] };
  }
  const verticalAt = xs.map(verticalOn);
  const horizontalAt = ys.map(horizontalOn);
  // wall[r][c]: a line between unit (r, c-1) and (r, c); floor[r][c]: a line between (r-1, c) and (r, c).
  const wall = (r: number, c: number) =>
    coverage(verticalAt[c], ys[r], ys[r + 1], tol) >= MIN_COVERAGE || interrupted(verticalAt[c], ys, r, tol);
  const floor = (r: number, c: number) =>
    coverage(horizontalAt[r], xs[c], xs[c + 1], tol) >= MIN_COVERAGE || interrupted(horizontalAt[r], xs, c, tol);

  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const unite = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      if (c + 1 < cols && !wall(r, c + 1)) {
        unite(r * cols + c, r * cols + c + 1);
      }
      if (r + 1 < rows && !floor(r + 1, c)) {
        unite(r * cols + c, (r + 1) * cols + c);
      }
    }
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < rows * cols; i += 1) {
    const root = find(i);
    members.set(root, [...(members.get(root) ?? []), i]);
  }
  // Each cell is cut where its own pieces of its four lines pass it (their mean over the units it spans, each on its
  // slope), not at the lines' mean positions: a line slanted against the grid drifts along it (6 pt down a column in
  // pieces, 13 pt down a table's side in one), and cut at its mean a cell holds the rule on one side and loses a strip
  // of its own on the other. Where a cell's own cuts cross (two lines' pieces leaning across each other over a thin
  // row), it is cut at its lines' positions.
  const along = (pieces: readonly Segment[], bounds: readonly number[], k0: number, k1: number, at: number) => {
    let sum = 0;
    for (let k = k0; k <= k1; k += 1) {
      const [lo, hi] = [bounds[k], bounds[k + 1]];
      const here = pieces.filter((s) => Math.min(s.to, hi) - Math.max(s.from, lo) > (hi - lo) / 2);
      sum += here.length > 0 ? here.reduce((total, s) => total + positionAt(s, (lo + hi) / 2), 0) / here.length : at;
    }
    return sum / (k1 - k0 + 1);
  };
  const span = (low: number, high: number, lowAt: number, highAt: number) =>
    high >= low ? [low, high - low] : [lowAt, highAt - lowAt];
  const toCell = (r0: number, c0: number, r1: number, c1: number, repaired: boolean): GridCell => {
    const [x, width] = span(
      along(verticalAt[c0], ys, r0, r1, xs[c0]),
      along(verticalAt[c1 + 1], ys, r0, r1, xs[c1 + 1]),
      xs[c0],
      xs[c1 + 1],
    );
    const [y, height] = span(
      along(horizontalAt[r0], xs, c0, c1, ys[r0]),
      along(horizontalAt[r1 + 1], xs, c0, c1, ys[r1 + 1]),
      ys[r0],
      ys[r1 + 1],
    );
    return {
      row: r0,
      col: c0,
      rowSpan: r1 - r0 + 1,
      colSpan: c1 - c0 + 1,
      bbox: { x, y, width, height },
      ...(repaired ? { repaired: true as const } : {}),
    };
  };
  const cells = [...members.values()]
    .flatMap((units) => rectangles(units, cols).map((b, _, all) => toCell(b.r0, b.c0, b.r1, b.c1, all.length > 1)))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return { xs, ys, cells };
}

/** The segments of `segments` on lines (within `tol`) that stand as rulings against `crossing` (see TOUCH_PT). */
function standing(segments: readonly Segment[], crossing: readonly Segment[], tol: number): Segment[] {
  const across = (s: Segment) =>
    crossing.filter((c) => s.at >= c.from - tol && s.at <= c.to + tol).map((c) => positionAt(c, s.at));
  const insideUnit = (s: Segment, end: number) => {
    const at = across(s);
    return (
      at.some((a) => a < end - TOUCH_PT) &&
      at.some((a) => a > end + TOUCH_PT) &&
      !at.some((a) => Math.abs(a - end) <= TOUCH_PT)
    );
  };
  const crossesOne = (s: Segment) => across(s).some((a) => a > s.from + TOUCH_PT && a < s.to - TOUCH_PT);
  const line = (s: Segment) => segments.filter((o) => Math.abs(o.at - s.at) <= tol);
  return segments.filter(
    (s) =>
      line(s).some(crossesOne) ||
      (line(s).some((o) => !insideUnit(o, o.from)) && line(s).some((o) => !insideUnit(o, o.to))),
  );
}

/**
 * Boundaries `positions` (sorted) with the open sides the crossing rulings show: where at least two of them run
 * OPEN_SIDE_MIN_PT past the first or last boundary, a boundary is added where most of them end (their median end).
 */
export function withOpenSides(positions: readonly number[], crossing: readonly Segment[], tol: number): number[] {
  if (positions.length === 0) {
    return [];
  }
  const first = positions[0];
  const last = positions[positions.length - 1];
  const distinctRulings = (segments: readonly Segment[]) =>
    clusterPositions(
      segments.map((s) => s.at),
      tol,
    ).length;
  const before = crossing.filter((s) => s.from <= first - OPEN_SIDE_MIN_PT);
  const after = crossing.filter((s) => s.to >= last + OPEN_SIDE_MIN_PT);
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return [
    ...(distinctRulings(before) >= OPEN_SIDE_MIN_RULINGS ? [median(before.map((s) => s.from))] : []),
    ...positions,
    ...(distinctRulings(after) >= OPEN_SIDE_MIN_RULINGS ? [median(after.map((s) => s.to))] : []),
  ];
}

/**
 * Whether one of `segments` (a ruling's pieces) reaches into unit `k` of `bounds` from a whole unit beside it, by
 * INTERRUPTED_MIN_PT past their shared boundary, and stops inside unit `k`: the rest of it was lifted (see above).
 */
function interrupted(segments: readonly Segment[], bounds: readonly number[], k: number, tol: number): boolean {
  const [lo, hi] = [bounds[k], bounds[k + 1]];
  return segments.some(
    (s) =>
      (k > 0 && s.from <= bounds[k - 1] + tol && s.to >= lo + INTERRUPTED_MIN_PT && s.to < hi - tol) ||
      (k + 2 < bounds.length && s.to >= bounds[k + 2] - tol && s.from <= hi - INTERRUPTED_MIN_PT && s.from > lo + tol),
  );
}

/** Share of [from, to] (shrunk by `tol` at both ends, where crossing lines sit) covered by the segments. */
function coverage(segments: readonly Segment[], from: number, to: number, tol: number): number {
  const lo = from + tol;
  const hi = to - tol;
  if (hi <= lo) {
    return segments.some((s) => s.from <= to && s.to >= from) ? 1 : 0;
  }
  const pieces = segments
    .map((s) => [Math.max(lo, s.from), Math.min(hi, s.to)] as const)
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let end = lo;
  for (const [a, b] of pieces) {
    if (b > end) {
      covered += b - Math.max(a, end);
      end = b;
    }
  }
  return covered / (hi - lo);
}

/**
 * The grid units of one merged group as rectangles. A group whose units fill its bounding box is one cell.
 * Otherwise a ruling broke where a wall should be and the group is not a cell at all (an L, or a frame
 * around other cells): its bounding box would overlap other cells, so it is cut into row runs, and runs on
 * consecutive rows with the same columns joined. The cells stay a partition: each unit in exactly one.
 */
export function rectangles(
  units: readonly number[],
  cols: number,
): { r0: number; c0: number; r1: number; c1: number }[] {
  const at = units.map((i) => ({ r: Math.floor(i / cols), c: i % cols }));
  const r0 = Math.min(...at.map((u) => u.r));
  const r1 = Math.max(...at.map((u) => u.r));
  const c0 = Math.min(...at.map((u) => u.c));
  const c1 = Math.max(...at.map((u) => u.c));
  if (units.length === (r1 - r0 + 1) * (c1 - c0 + 1)) {
    return [{ r0, c0, r1, c1 }];
  }
  const runs: { r0: number; c0: number; r1: number; c1: number }[] = [];
  for (let r = r0; r <= r1; r += 1) {
    const row = at
      .filter((u) => u.r === r)
      .map((u) => u.c)
      .sort((a, b) => a - b);
    for (let k = 0; k < row.length; k += 1) {
      let end = k;
      while (end + 1 < row.length && row[end + 1] === row[end] + 1) {
        end += 1;
      }
      const above = runs.find((x) => x.r1 === r - 1 && x.c0 === row[k] && x.c1 === row[end]);
      if (above) {
        above.r1 = r;
      } else {
        runs.push({ r0: r, c0: row[k], r1: r, c1: row[end] });
      }
      k = end;
    }
  }
  return runs;
}
