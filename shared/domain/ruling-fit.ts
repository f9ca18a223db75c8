// Where a ruling stands along its length: a segment slanted against the page's level carries its slope, fitted to
// the runs of ink it was gathered from (shared/domain/rulings.ts).
import type { Segment } from '../contracts/geometry';

/** A run of ink along one pixel line: on line `at`, from `from` to `to` (exclusive). */
export interface Run {
  at: number;
  from: number;
  to: number;
}

// A segment is given a slope where its fitted line drifts by 1/50 inch (1.4 pt) or more along it. A level rule's
// thickness and blur can weigh its edge rows toward one end (uneven toner: a partial top row on the left, a partial
// bottom row on the right) and tilt the fit by a pixel or two (1.5 px over a 4 in rule with such a row at each
// end); a capture's residual keystone drifts a table's side by several points (13 pt down a 490 pt side of a
// scanning app's page), and 1.4 pt is past the 1.25 pt within which the grid takes a ruling's end to meet a rule
// (grid.ts TOUCH_PT).
const MIN_DRIFT_IN = 1 / 50;
// ...and only where it leans 1 in 10 (5.7 degrees) or less against the page's level. The page was levelled before
// its rulings were found, and what is left of a capture's lean is a keystone's or a curl's: the steepest rule we
// measured leaned 1 in 38 (the scanning app's keystone above), and 1 in 10 leaves it a margin of four. A steeper
// "segment" is a blob of ink whose rows chained into one group (a seal's or a shaded block's: on Ningxia scanned at
// 200 dpi, seed 3, one leaned 0.36 across 330 pt, another 0.8), and on its slope it crossed the next ruling and
// turned a cell's box inside out; it stands at its mean position, as every segment did before slopes were fitted.
const MAX_SLOPE = 1 / 10;

/** The fitted line of a group of runs spanning `from`-`to` along, at `dpi` pixels per inch, where it leans as a
 * ruling does (MIN_DRIFT_IN, MAX_SLOPE); null where the group is to stand level. */
export function leaningLine(
  runs: readonly Run[],
  from: number,
  to: number,
  dpi: number,
): { at: number; slope: number } | null {
  const line = fittedLine(runs, from, to);
  return line && Math.abs(line.slope * (to - from)) >= MIN_DRIFT_IN * dpi && Math.abs(line.slope) <= MAX_SLOPE
    ? line
    : null;
}

// A segment's slope is fitted to its centre line in FIT_BINS stretches along it: the ink's mean position across in
// each (every run weighed by its length within the stretch), then the least-squares line through those means
// weighed by the ink in each. The means are the line's centre wherever its ink lies: a fit to the runs themselves
// is set by the edge rows alone (a level rule's core rows all stand at its middle along), and a partial row at each
// end tilted a level rule by 8 px over 1200. Eight stretches: enough to follow a slant, each still long enough (an
// eighth of at least 0.2 in) to hold the rule's whole thickness.
const FIT_BINS = 8;

/** The least-squares centre line of `runs` (spanning `from`-`to` along): where it passes the middle, and its slope;
 * null when fewer than two stretches hold ink. */
function fittedLine(runs: readonly Run[], from: number, to: number): { at: number; slope: number } | null {
  const width = (to - from) / FIT_BINS;
  const ink = new Float64Array(FIT_BINS);
  const sum = new Float64Array(FIT_BINS);
  for (const run of runs) {
    for (let k = Math.floor((run.from - from) / width); k < FIT_BINS && from + k * width < run.to; k += 1) {
      const overlap = Math.min(run.to, from + (k + 1) * width) - Math.max(run.from, from + k * width);
      if (k >= 0 && overlap > 0) {
        ink[k] += overlap;
        sum[k] += overlap * run.at;
      }
    }
  }
  let n = 0;
  let c = 0;
  let a = 0;
  let cc = 0;
  let ca = 0;
  for (let k = 0; k < FIT_BINS; k += 1) {
    if (ink[k] > 0) {
      const centre = (k + 0.5) * width - (to - from) / 2;
      const mean = sum[k] / ink[k];
      n += ink[k];
      c += ink[k] * centre;
      a += ink[k] * mean;
      cc += ink[k] * centre * centre;
      ca += ink[k] * centre * mean;
    }
  }
  const spread = n * cc - c * c;
  if (spread <= 1e-9 * n * n) {
    return null;
  }
  const slope = (n * ca - c * a) / spread;
  return { at: (a - slope * c) / n, slope };
}

/** Where segment `s` stands at `along` (its `at` there, on its slope). */
export function positionAt(s: Segment, along: number): number {
  return s.at + (s.slope ?? 0) * (along - (s.from + s.to) / 2);
}
