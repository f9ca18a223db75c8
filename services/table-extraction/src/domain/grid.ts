// From a table's ruling segments to its cells: row and column boundaries from the line positions, merged
// cells from the ruling segments that are missing between them, exactly as a reader sees the table.
import type { BBox, Segment } from '../../../../shared/contracts/geometry';
import { clusterPositions } from '../../../../shared/domain/rulings';

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  bbox: BBox;
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

/** Builds the grid of one table from its horizontal and vertical ruling segments. */
export function buildGrid(horizontal: readonly Segment[], vertical: readonly Segment[], options: GridOptions): Grid {
  const tol = options.tolerance;
  const ys = clusterPositions(horizontal.map((s) => s.at), tol);
  const xs = clusterPositions(vertical.map((s) => s.at), tol);
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1) {
    return { xs, ys, cells: [] };
  }
  const near = (segments: readonly Segment[], at: number) => segments.filter((s) => Math.abs(s.at - at) <= tol);
  const verticalAt = xs.map((x) => near(vertical, x));
  const horizontalAt = ys.map((y) => near(horizontal, y));
  // wall[r][c]: a line between unit (r, c-1) and (r, c); floor[r][c]: a line between (r-1, c) and (r, c).
  const wall = (r: number, c: number) => coverage(verticalAt[c], ys[r], ys[r + 1], tol) >= MIN_COVERAGE;
  const floor = (r: number, c: number) => coverage(horizontalAt[r], xs[c], xs[c + 1], tol) >= MIN_COVERAGE;

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
  const spans = new Map<number, { r0: number; c0: number; r1: number; c1: number }>();
  for (let i = 0; i < rows * cols; i += 1) {
    const r = Math.floor(i / cols);
    const c = i % cols;
    const root = find(i);
    const s = spans.get(root);
    if (s) {
      s.r0 = Math.min(s.r0, r); s.c0 = Math.min(s.c0, c); s.r1 = Math.max(s.r1, r); s.c1 = Math.max(s.c1, c);
    } else {
      spans.set(root, { r0: r, c0: c, r1: r, c1: c });
    }
  }
  const cells = [...spans.values()]
    .map((s) => ({
      row: s.r0,
      col: s.c0,
      rowSpan: s.r1 - s.r0 + 1,
      colSpan: s.c1 - s.c0 + 1,
      bbox: { x: xs[s.c0], y: ys[s.r0], width: xs[s.c1 + 1] - xs[s.c0], height: ys[s.r1 + 1] - ys[s.r0] },
    }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return { xs, ys, cells };
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
