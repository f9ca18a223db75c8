// How sharp the capture is: the width of print's edges. A phone held a little too close, a hand that moved, a
// scanner's lid left open over a bound book: the page is soft, a thin ruling keeps a quarter of its contrast and
// strokes run into each other. The edge spread is measured where print meets paper along sampled rows: the
// distance over which the light goes from 10% to 90% of the way between the two sides of each strong edge
// (2.56 deviations of a Gaussian blur), its median over the page.
import type { RgbRaster } from '../../../../shared/adapters/raster';

// Math's functions taken once: a global looked up in a per-pixel loop is slow in jest's vm contexts.
const { abs, max } = Math;

// Every 4th row: a page at 300 DPI still gives thousands of edges, at a quarter of the cost.
const ROW_STEP = 4;
// An edge of print is at least this many grey levels from paper to ink: a stroke of faded toner reaches 100-150,
// black print 180-230; the steps of paper texture, stains and JPEG blocks stay far under it.
const MIN_CONTRAST = 96;
// Inside one edge the light may turn back by this much (sensor noise and JPEG ringing, a few levels) without
// ending it.
const NOISE = 8;
// Fewer edges than this and the page says nothing about its focus (a blank page, a photo).
const MIN_EDGES = 200;
// A sharp capture's edges span at most about 1.5 of its own pixels, and the coarsest capture read as it comes is a
// phone's 130 pixels per inch: 0.0115 in. Measured on the render at 300 DPI: 5.7-7.0 thousandths on the corpus
// scans, 7.6-10.2 on the matrix's hard, 200 dpi photocopy and fax-like renders, 7.9-10.8 on the capture run's faded,
// marked, photocopied, phone and mixed draws (3 reports each, 4 pages), 2.7 on faxes; a phone photo defocused by
// one of its pixels (a Gaussian) 12-16, by 1.6 pixels 18-28.
const SHARP_SPREAD_IN = 0.012;
// What a soft page is sharpened towards: the spread of a sharp capture's edges (the middle of the 7.9-10.8 above).
const TARGET_SPREAD_IN = 0.009;
// The sharpening grows from nothing at SHARP_SPREAD_IN to its full amount at twice a sharp capture's spread, so that
// a page just over the line is read almost as one just under it. (A 250 dpi scan defocused to 0.0136 in read its
// prose at CER 0.53% as it was, 0.62% sharpened at the full amount, 0.50% at 1.)
const FULL_SPREAD_IN = 2 * TARGET_SPREAD_IN;
// The 10-90% width of a Gaussian-blurred step is 2.563 deviations.
const SPREAD_PER_SIGMA = 2.563;
// How much of the difference from the blurred page is added back (unsharp mask) at full amount. One is the
// first-order inverse of a Gaussian blur of the mask's deviation; a phone photo defocused by 1.6 of its pixels
// (Yinchuan, 0.018-0.028 in) read 193/198 fields, 32 flagged, prose CER 12% unsharpened; at 1, 186 with 76
// flagged (the first order is not enough for that much blur); at 1.5, 197 with 2 flagged and CER 2.6%; at 2, 196
// with 4 flagged and CER 3.6% (the ringing beside strokes begins to read as strokes).
const AMOUNT = 1.5;

/** The median 10-90% width of print's edges, in inches; null on a page with too few edges to tell. */
export function edgeSpreadIn(rgb: RgbRaster, dpi: number): number | null {
  const widths: number[] = [];
  const luma = new Float32Array(rgb.width);
  for (let y = 0; y < rgb.height; y += ROW_STEP) {
    const row = y * rgb.width * 3;
    for (let x = 0; x < rgb.width; x += 1) {
      const i = row + x * 3;
      luma[x] = 0.299 * rgb.data[i] + 0.587 * rgb.data[i + 1] + 0.114 * rgb.data[i + 2];
    }
    edgesOfRow(luma, widths);
  }
  if (widths.length < MIN_EDGES) {
    return null;
  }
  widths.sort((a, b) => a - b);
  return widths[widths.length >> 1] / dpi;
}

/**
 * The unsharp mask that takes a page whose edges spread `spreadIn` back towards a sharp capture's: its Gaussian
 * the blur the capture added to a sharp one's (deviations add in squares), in pixels at `dpi`; null for a page
 * already sharp, or whose focus could not be told.
 */
export function refocusFor(spreadIn: number | null, dpi: number): { sigma: number; amount: number } | null {
  if (spreadIn === null || spreadIn <= SHARP_SPREAD_IN) {
    return null;
  }
  const added = Math.sqrt(spreadIn ** 2 - TARGET_SPREAD_IN ** 2) / SPREAD_PER_SIGMA;
  const ramp = Math.min(1, (spreadIn - SHARP_SPREAD_IN) / (FULL_SPREAD_IN - SHARP_SPREAD_IN));
  return { sigma: added * dpi, amount: AMOUNT * ramp };
}

/** Adds the 10-90% width of each strong monotonic run of `luma` to `widths`. */
function edgesOfRow(luma: Float32Array, widths: number[]): void {
  let start = 0;
  while (start < luma.length - 1) {
    const falling = luma[start + 1] < luma[start];
    let end = start;
    // Extends while the light keeps going one way, bar noise; the run's extremes are its two sides.
    let far = start;
    while (end + 1 < luma.length && (falling ? luma[end + 1] <= luma[far] + NOISE : luma[end + 1] >= luma[far] - NOISE)) {
      end += 1;
      if (falling ? luma[end] < luma[far] : luma[end] > luma[far]) {
        far = end;
      }
    }
    let near = start;
    for (let x = start; x <= far; x += 1) {
      if (falling ? luma[x] > luma[near] : luma[x] < luma[near]) {
        near = x;
      }
    }
    const contrast = abs(luma[far] - luma[near]);
    if (contrast >= MIN_CONTRAST) {
      const from = crossing(luma, near, far, luma[near] + (luma[far] - luma[near]) * 0.1);
      const to = crossing(luma, near, far, luma[near] + (luma[far] - luma[near]) * 0.9);
      widths.push(max(0, to - from));
    }
    start = max(far, start + 1);
  }
}

/** Where the light between `from` and `to` (a monotonic run, bar noise) first passes `level`, to a fraction of a pixel. */
function crossing(luma: Float32Array, from: number, to: number, level: number): number {
  const down = luma[to] < luma[from];
  for (let x = from; x < to; x += 1) {
    const a = luma[x];
    const b = luma[x + 1];
    if (down ? b <= level && a > level : b >= level && a < level) {
      return x + (a - level) / (a - b);
    }
  }
  return to;
}
