// Unsharp masking for a page in soft focus: the page plus `amount` times its difference from a Gaussian blur of
// it. A defocused scan's strokes are wide ramps; Tesseract's LSTM, trained on sharp print, reads close strokes
// blurred together as another character (副 as 割 or 剪, 落 as 葵). Sharpening restores the edges' slope, not detail
// the blur lost: what it adds is in proportion to the local curvature of the grey.
import type { Raster } from '../../../../shared/adapters/raster';

const { max, min, round, sqrt } = Math;

/** `raster` sharpened in place: a blur of about `sigmaPx` (three box blurs), the difference added `amount` times. */
export function unsharpMask(raster: Raster, sigmaPx: number, amount: number): void {
  const { width, height, data } = raster;
  // Three passes of a box of width w = 2r + 1 have the variance 3 (w^2 - 1) / 12 = sigma^2: r is the nearest whole
  // radius to it, so the blur applied is the sigma of that width (2.45 px for any sigma from 1.94 to 2.95).
  const radius = max(1, round((sqrt(4 * sigmaPx * sigmaPx + 1) - 1) / 2));
  // One page of floats, blurred in place (a page at 300 DPI is 9 megapixels: 36 MB a copy).
  const blurred = Float32Array.from(data);
  for (let pass = 0; pass < 3; pass += 1) {
    boxAlongRows(blurred, width, height, radius);
    boxAlongColumns(blurred, width, height, radius);
  }
  for (let i = 0; i < data.length; i += 1) {
    data[i] = max(0, min(255, round(data[i] + amount * (data[i] - blurred[i]))));
  }
}

/** A running mean of 2r+1 along each row, in place, the edge pixel repeated past the ends. */
function boxAlongRows(data: Float32Array, width: number, height: number, r: number): void {
  const n = 2 * r + 1;
  const src = new Float32Array(width);
  for (let y = 0; y < height; y += 1) {
    const o = y * width;
    src.set(data.subarray(o, o + width));
    const at = (x: number) => src[max(0, min(width - 1, x))];
    let sum = 0;
    for (let x = -r; x <= r; x += 1) {
      sum += at(x);
    }
    for (let x = 0; x < width; x += 1) {
      data[o + x] = sum / n;
      sum += at(x + r + 1) - at(x - r);
    }
  }
}

/**
 * A running mean of 2r+1 down each column, in place, the edge pixel repeated past the ends. Row y is written from the
 * sums of rows y - r .. y + r as they were; then row y + r + 1 (not yet written) is added and row y - r dropped. The
 * rows still to be dropped (y - r .. y) are kept as they were in a ring of r + 1 rows, and the first row, repeated
 * above the top, in a row of its own.
 */
function boxAlongColumns(data: Float32Array, width: number, height: number, r: number): void {
  const n = 2 * r + 1;
  const sums = new Float32Array(width);
  const first = data.slice(0, width);
  const ring = new Float32Array((r + 1) * width);
  const clamp = (y: number) => max(0, min(height - 1, y));
  for (let y = -r; y <= r; y += 1) {
    const o = clamp(y) * width;
    for (let x = 0; x < width; x += 1) {
      sums[x] += data[o + x];
    }
  }
  const inRing = (y: number) => ring.subarray((y % (r + 1)) * width, ((y % (r + 1)) + 1) * width);
  for (let y = 0; y < height; y += 1) {
    const o = y * width;
    inRing(y).set(data.subarray(o, o + width));
    // Row y + r + 1 is not yet written (only rows up to y are), so it is read as it was; row y - r is read from the
    // ring (written over since) or, above the top, is the first row.
    const add = clamp(y + r + 1) * width;
    const drop = y - r <= 0 ? first : inRing(y - r);
    for (let x = 0; x < width; x += 1) {
      data[o + x] = sums[x] / n;
      sums[x] += data[add + x] - drop[x];
    }
  }
}
