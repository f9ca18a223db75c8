// Ruling lines and the table regions they enclose, found on an upright page's ink mask.
// Used by OCR (to keep tables out of prose) and by table extraction (to build grids).
import type { Segment, TableRegion } from '../contracts/geometry';
import { ruleStacks } from './rule-stacks';

// Bound once: under jest's vm contexts a global lookup per pixel costs a hundred times more.
const { max } = Math;

// Rulings are whitened this far to either side before text near them is read as one block (a page's table text,
// a region without rulings inside), or their measured thickness if more: 0.013 in (4 px at 300 DPI), half of it
// covering the ruling, the other half its drift along a levelled page.
const RULING_CLEARANCE_IN = 0.013;

/**
 * Pixel boxes that whiten rulings before the text beside them is read as one block: each ruling RULING_CLEARANCE_IN
 * to either side, or its measured thickness (`thicknessPx`) if more. Segments are in page units of `scale` pixels
 * each; the raster to whiten has its origin at (`left`, `top`) in those units.
 */
export function rulingBoxes(
  rulings: { horizontal: readonly Segment[]; vertical: readonly Segment[] },
  raster: { dpi: number; scale: number; left: number; top: number; thicknessPx: number | null },
): { x: number; y: number; width: number; height: number }[] {
  const { scale, left, top } = raster;
  const clear = max(RULING_CLEARANCE_IN * raster.dpi, raster.thicknessPx ?? 0);
  return [
    ...rulings.horizontal.map((s) => ({
      x: (s.from - left) * scale,
      y: (s.at - top) * scale - clear,
      width: (s.to - s.from) * scale,
      height: 2 * clear,
    })),
    ...rulings.vertical.map((s) => ({
      x: (s.at - left) * scale - clear,
      y: (s.from - top) * scale,
      width: 2 * clear,
      height: (s.to - s.from) * scale,
    })),
  ];
}

export interface Mask {
  width: number;
  height: number;
  /** 1 = ink, row-major. */
  data: Uint8Array;
}

export interface RulingOptions {
  /** Pixels per inch of the mask: every length below is converted from inches with it. */
  dpi: number;
}

export type { TableRegion };

// Ruling segments whose ends or positions lie within 3 pt (1/24 in) of each other meet, or are one line: more than
// a ruling's thickness and a scanner's blur (a point or two), less than the padding between a cell's text and its
// rulings. Table regions are grouped by it (here), and a grid's lines are clustered by it (table extraction).
export const LINE_TOLERANCE_IN = 1 / 24;

// A ruling is at least 0.3 in long: longer than a stroke of body text (13 pt Chinese is 0.18 in high);
// a vertical ruling at least 0.2 in, the height of the shortest table row we expect (about 15 pt).
const MIN_HORIZONTAL_IN = 0.3;
const MIN_VERTICAL_IN = 0.2;
// Gaps up to 0.01 in (3 px at 300 DPI) inside a line are scan noise or JPEG loss, not a break.
const GAP_IN = 0.01;
// Runs on rows up to 0.01 in apart belong to one line (a ruling is 1-4 px thick, and may drift by skew).
const JOIN_IN = 0.012;

// A thin ruling that was tilted and binarised by the scanner (a fax) is a staircase even once levelled: its
// steps sit a scanner pixel to either side: at 150 dpi, 2 px of the 300 DPI render. A vertical run may step
// sideways by 1/150 inch, so a staircase reads as one line (at 1/300 inch, rulings of a 150 dpi fax were still
// lost over whole rows). Horizontal runs may not: Chinese is full of horizontal strokes at one height across
// a line of characters, and with any step they chain into a rule (未经复议直接起诉 at 200 dpi did), while
// vertical strokes of consecutive lines are a line gap apart.
const STEP_IN = 1 / 150;
// A horizontal ruling is gathered from pieces at least 0.15 in long on neighbouring rows that overlap or meet
// end to end: a thin ruling tilted by the scanner and binarised (a fax) is a staircase, and levelled, each of its
// steps lies along one row for only its thickness over the tilt (1/150 in at 2 degrees: 0.19 in), shorter than
// a ruling. A stroke of text is one piece at most (a character is at most 0.22 in wide at 16 pt) and its
// neighbours' strokes are a character gap away, so only a ruling's pieces add up to MIN_HORIZONTAL_IN.
const MIN_PIECE_IN = 0.15;

/** Finds horizontal and vertical ruling segments (never a fold: see withoutFolds). */
export function findRulings(mask: Mask, options: RulingOptions): { horizontal: Segment[]; vertical: Segment[] } {
  const gap = Math.max(1, Math.round(GAP_IN * options.dpi));
  const join = Math.max(2, Math.round(JOIN_IN * options.dpi));
  const step = Math.round(STEP_IN * options.dpi);
  const minHorizontal = Math.round(MIN_HORIZONTAL_IN * options.dpi);
  const fold = { edge: FOLD_EDGE_IN * options.dpi, length: FOLD_MIN_IN * options.dpi };
  const rows = { lines: mask.data, along: mask.width, across: mask.height };
  const pieces = scanRuns(rows, Math.round(MIN_PIECE_IN * options.dpi), gap);
  const horizontal = withoutFolds(groupRuns(pieces, join, gap), rows.along, fold, (runs) => groupRuns(runs, join, gap))
    .map(segmentOf)
    .filter((s) => s.to - s.from >= minHorizontal);
  const columns = { lines: columnsOf(mask, step), along: mask.height, across: mask.width };
  const stems = scanRuns(columns, Math.round(MIN_VERTICAL_IN * options.dpi), gap);
  const vertical = withoutFolds(groupRuns(stems, join, 0), columns.along, fold, (runs) => groupRuns(runs, join, 0)).map(
    segmentOf,
  );
  return { horizontal: horizontal.sort(bySegment), vertical: vertical.sort(bySegment) };
}

interface Run {
  at: number;
  from: number;
  to: number;
}

/** Ink pixels (1) in `across` consecutive lines of `along` pixels each. */
interface Lines {
  lines: Uint8Array;
  along: number;
  across: number;
}

/** Long runs of ink along each line, bridging gaps of up to `gap` pixels. */
function scanRuns({ lines, along, across }: Lines, minLength: number, gap: number): Run[] {
  const runs: Run[] = [];
  for (let line = 0; line < across; line += 1) {
    const first = line * along;
    let start = -1;
    let lastInk = -1;
    for (let pos = 0; pos <= along; pos += 1) {
      if (pos < along && lines[first + pos] === 1) {
        if (start < 0) {
          start = pos;
        }
        lastInk = pos;
      } else if (start >= 0 && (pos === along || pos - lastInk > gap)) {
        if (lastInk - start + 1 >= minLength) {
          runs.push({ at: line, from: start, to: lastInk + 1 });
        }
        start = -1;
      }
    }
  }
  return runs;
}

/**
 * The mask's columns as consecutive lines (transposed, so each is read in memory order), a pixel inked where any
 * pixel up to `step` sideways from it is: a staircase of a tilted ruling reads as one line.
 */
function columnsOf({ width, height, data }: Mask, step: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let ink = 0;
      for (let d = max(-step, -x); d <= step && x + d < width && ink === 0; d += 1) {
        ink = data[y * width + x + d] === 1 ? 1 : 0;
      }
      out[x * height + y] = ink;
    }
  }
  return out;
}

/** Groups runs on neighbouring rows that overlap, or end within `touch` of each other: one line each. */
function groupRuns(runs: readonly Run[], join: number, touch: number): Run[][] {
  const open: { runs: Run[]; from: number; to: number; last: number }[] = [];
  const done: Run[][] = [];
  for (const run of runs) {
    for (let i = open.length - 1; i >= 0; i -= 1) {
      if (run.at - open[i].last > join) {
        done.push(open[i].runs);
        open.splice(i, 1);
      }
    }
    // A run joins every open group it overlaps, and those groups become one: the blurred edge of a ruling
    // breaks into pieces on the row above it, and a long run below must gather all of them, not just the
    // first (left over, the pieces repeat under every ruling and look like a table of their own).
    const overlapping = open.filter((g) => run.from < g.to + touch && run.to > g.from - touch);
    const group = overlapping[0];
    if (group) {
      for (const other of overlapping.slice(1)) {
        group.runs.push(...other.runs);
        group.from = Math.min(group.from, other.from);
        group.to = Math.max(group.to, other.to);
        open.splice(open.indexOf(other), 1);
      }
      group.runs.push(run);
      group.from = Math.min(group.from, run.from);
      group.to = Math.max(group.to, run.to);
      group.last = run.at;
    } else {
      open.push({ runs: [run], from: run.from, to: run.to, last: run.at });
    }
  }
  return [...done, ...open.map((g) => g.runs)];
}

/** A group of runs as one segment, at their mean position. */
function segmentOf(runs: readonly Run[]): Segment {
  return {
    at: runs.reduce((sum, r) => sum + r.at, 0) / runs.length,
    from: Math.min(...runs.map((r) => r.from)),
    to: Math.max(...runs.map((r) => r.to)),
  };
}

const bySegment = (a: Segment, b: Segment) => a.at - b.at || a.from - b.from;

// A fold in the paper (a report posted or filed folded, opened out and scanned) is a straight grey line from one
// edge of the sheet to the other; through a table it split a column (a crease down the middle of a page) or
// joined a photo to the page as a table of its own. No printed ruling reaches within 0.5 in of both edges: a
// report's print margins are at least 0.75 in on every side (GB/T 9704's 26-37 mm, office defaults 0.75-1.25 in),
// while a crease runs to the sheet's edges and loses at most a few millimetres there to cropping and cleaning.
// Nor is a fold shorter than 5 in: it crosses a whole sheet (A5's short side, the smallest report page, is 5.8 in).
const FOLD_EDGE_IN = 0.5;
const FOLD_MIN_IN = 5;

/**
 * The groups of runs again without a fold's: a group that spans the mask from edge to edge is a fold, the straight
 * line through its runs in the outer FOLD_EDGE_IN at either end (where nothing is printed) its course, and every
 * run that lies wholly within the fold's width of that line is dropped. A ruling the fold runs along or across
 * keeps its own runs, which reach beyond the fold, so only the fold's part of the group goes; the rest is
 * grouped again by `regroup`.
 */
function withoutFolds(
  groups: Run[][],
  along: number,
  fold: { edge: number; length: number },
  regroup: (runs: readonly Run[]) => Run[][],
): Run[][] {
  const folds = groups
    .map(segmentOf)
    .flatMap((s, i) =>
      s.from <= fold.edge && s.to >= along - fold.edge && s.to - s.from >= fold.length
        ? [courseOf(groups[i], s, fold.edge)]
        : [],
    );
  if (folds.length === 0) {
    return groups;
  }
  const onFold = (r: Run) =>
    folds.some((f) => Math.abs(r.at - f.at(r.from)) <= f.halfWidth && Math.abs(r.at - f.at(r.to - 1)) <= f.halfWidth);
  return regroup(
    groups
      .flat()
      .filter((r) => !onFold(r))
      .sort((a, b) => a.at - b.at || a.from - b.from),
  );
}

/**
 * A fold's course: the least-squares line through the middles of its runs that reach into the outer `edge` at either
 * end (weighted by their length), and the width either side of it those runs reach, plus a pixel for the scan.
 */
function courseOf(runs: readonly Run[], span: Segment, edge: number): { at: (x: number) => number; halfWidth: number } {
  const ends = runs.filter((r) => r.from < span.from + edge || r.to > span.to - edge);
  let w = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const r of ends) {
    const weight = r.to - r.from;
    const x = (r.from + r.to) / 2;
    w += weight;
    sx += weight * x;
    sy += weight * r.at;
    sxx += weight * x * x;
    sxy += weight * x * r.at;
  }
  const spread = sxx - (sx * sx) / w;
  const slope = spread > 0 ? (sxy - (sx * sy) / w) / spread : 0;
  const at = (x: number) => sy / w + slope * (x - sx / w);
  const halfWidth = Math.max(...ends.map((r) => Math.max(Math.abs(r.at - at(r.from)), Math.abs(r.at - at(r.to - 1)))));
  return { at, halfWidth: halfWidth + 1 };
}

/**
 * Groups segments that cross or touch (within LINE_TOLERANCE_IN) into table regions, in the mask's pixels; a region
 * needs at least two horizontal and two vertical rulings, which a stray underline or a dash in the text never has.
 */
export function findTableRegions(
  rulings: { horizontal: Segment[]; vertical: Segment[] },
  options: RulingOptions,
  mask?: Mask,
): TableRegion[] {
  const tol = LINE_TOLERANCE_IN * options.dpi;
  const { horizontal: hs, vertical: vs } = rulings;
  const parent = [...hs, ...vs].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  hs.forEach((h, i) => {
    vs.forEach((v, j) => {
      const crosses = v.at >= h.from - tol && v.at <= h.to + tol && h.at >= v.from - tol && h.at <= v.to + tol;
      if (crosses) {
        parent[find(i)] = find(hs.length + j);
      }
    });
  });
  const groups = new Map<number, { horizontal: Segment[]; vertical: Segment[] }>();
  [...hs, ...vs].forEach((s, i) => {
    const root = find(i);
    const g = groups.get(root) ?? { horizontal: [], vertical: [] };
    (i < hs.length ? g.horizontal : g.vertical).push(s);
    groups.set(root, g);
  });
  const regions: TableRegion[] = [];
  for (const g of groups.values()) {
    if (
      distinct(
        g.horizontal.map((s) => s.at),
        tol,
      ) < 2 ||
      distinct(
        g.vertical.map((s) => s.at),
        tol,
      ) < 2
    ) {
      continue;
    }
    const x0 = Math.min(...g.horizontal.map((s) => s.from), ...g.vertical.map((s) => s.at));
    const x1 = Math.max(...g.horizontal.map((s) => s.to), ...g.vertical.map((s) => s.at));
    const y0 = Math.min(...g.vertical.map((s) => s.from), ...g.horizontal.map((s) => s.at));
    const y1 = Math.max(...g.vertical.map((s) => s.to), ...g.horizontal.map((s) => s.at));
    regions.push({ ...g, x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  // A horizontal that crosses no vertical but lies inside a ruled region is a broken piece of that region's
  // ruling, not the start of another table.
  const loose: Segment[] = [];
  for (const h of hs.filter((x) => !regions.some((r) => r.horizontal.includes(x)))) {
    const home = regions.find(
      (r) => h.at >= r.y - tol && h.at <= r.y + r.height + tol && h.from >= r.x - tol && h.to <= r.x + r.width + tol,
    );
    if (home) {
      home.horizontal.push(h);
    } else {
      loose.push(h);
    }
  }
  return [...regions, ...ruleStacks(loose, options.dpi, mask)].sort((a, b) => a.y - b.y);
}

/** Sorted cluster centres of `values`: values closer than `tol` to the previous one join its cluster. */
export function clusterPositions(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const centres: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length > 0 && v - group[group.length - 1] > tol) {
      centres.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length > 0) {
    centres.push(group.reduce((s, x) => s + x, 0) / group.length);
  }
  return centres;
}

const distinct = (values: number[], tol: number) => clusterPositions(values, tol).length;
