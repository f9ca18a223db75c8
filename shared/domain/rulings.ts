// Ruling lines and the table regions they enclose, found on an upright page's ink mask.
// Used by OCR (to keep tables out of prose) and by table extraction (to build grids).
import type { Segment, TableRegion } from '../contracts/geometry';
import { leaningLine, type Run } from './ruling-fit';
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

/** Finds horizontal and vertical ruling segments. */
export function findRulings(mask: Mask, options: RulingOptions): { horizontal: Segment[]; vertical: Segment[] } {
  const gap = Math.max(1, Math.round(GAP_IN * options.dpi));
  const join = Math.max(2, Math.round(JOIN_IN * options.dpi));
  const step = Math.round(STEP_IN * options.dpi);
  const minHorizontal = Math.round(MIN_HORIZONTAL_IN * options.dpi);
  const rows = { lines: mask.data, along: mask.width, across: mask.height };
  const pieces = scanRuns(rows, Math.round(MIN_PIECE_IN * options.dpi), gap);
  const horizontal = mergeRuns(pieces, join, gap, options.dpi).filter((s) => s.to - s.from >= minHorizontal);
  const columns = { lines: columnsOf(mask, step), along: mask.height, across: mask.width };
  const vertical = mergeRuns(scanRuns(columns, Math.round(MIN_VERTICAL_IN * options.dpi), gap), join, 0, options.dpi);
  return { horizontal, vertical };
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

/** Joins runs on neighbouring rows that overlap, or end within `touch` of each other, into one segment at
 * their mean position, or on their fitted line with its slope where they lean as a ruling does on a mask of `dpi`
 * pixels per inch (see ruling-fit.ts). */
function mergeRuns(runs: Run[], join: number, touch: number, dpi: number): Segment[] {
  type Group = { sumAt: number; count: number; from: number; to: number; last: number; runs: Run[] };
  const open: Group[] = [];
  const done: Segment[] = [];
  const close = (g: Group) => {
    const line = leaningLine(g.runs, g.from, g.to, dpi);
    done.push(
      line
        ? { at: line.at, from: g.from, to: g.to, slope: line.slope }
        : { at: g.sumAt / g.count, from: g.from, to: g.to },
    );
  };
  for (const run of runs) {
    for (let i = open.length - 1; i >= 0; i -= 1) {
      if (run.at - open[i].last > join) {
        close(open[i]);
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
        group.sumAt += other.sumAt;
        group.count += other.count;
        group.from = Math.min(group.from, other.from);
        group.to = Math.max(group.to, other.to);
        // One run at a time: a group of a large dark area holds more runs than a call takes arguments.
        for (const r of other.runs) {
          group.runs.push(r);
        }
        open.splice(open.indexOf(other), 1);
      }
      group.sumAt += run.at;
      group.count += 1;
      group.from = Math.min(group.from, run.from);
      group.to = Math.max(group.to, run.to);
      group.last = run.at;
      group.runs.push(run);
    } else {
      open.push({ sumAt: run.at, count: 1, from: run.from, to: run.to, last: run.at, runs: [run] });
    }
  }
  open.forEach(close);
  return done.sort((a, b) => a.at - b.at || a.from - b.from);
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
  return clusters(values, (v) => v, tol).map((c) => c.centre);
}

/** `items` clustered by their position `at`, as clusterPositions clusters positions, with each cluster's members. */
export function clusters<T>(
  items: readonly T[],
  at: (item: T) => number,
  tol: number,
): { centre: number; members: T[] }[] {
  const sorted = [...items].sort((a, b) => at(a) - at(b));
  const found: { centre: number; members: T[] }[] = [];
  let group: T[] = [];
  const close = () => found.push({ centre: group.reduce((s, x) => s + at(x), 0) / group.length, members: group });
  for (const item of sorted) {
    if (group.length > 0 && at(item) - at(group[group.length - 1]) > tol) {
      close();
      group = [];
    }
    group.push(item);
  }
  if (group.length > 0) {
    close();
  }
  return found;
}

const distinct = (values: number[], tol: number) => clusterPositions(values, tol).length;
