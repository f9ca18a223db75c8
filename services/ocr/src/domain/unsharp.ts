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
  const blurred = Float32Array.from(data);
  const scratch = new Float32Array(data.length);
  for (let pass = 0; pass < 3; pass += 1) {
    boxAlongRows(blurred, scratch, width, height, radius);
    boxAlongColumns(scratch, blurred, width, height, radius);
  }
  for (let i = 0; i < data.length; i += 1) {
    data[i] = max(0, min(255, round(data[i] + amount * (data[i] - blurred[i]))));
  }
}

/** A running mean of 2r+1 along each row, the edge pixel repeated past the ends. */
function boxAlongRows(src: Float32Array, dst: Float32Array, width: number, height: number, r: number): void {
  const n = 2 * r + 1;
  for (let y = 0; y < height; y += 1) {
    const o = y * width;
    const at = (x: number) => src[o + max(0, min(width - 1, x))];
    let sum = 0;
    for (let x = -r; x <= r; x += 1) {
      sum += at(x);
    }
    for (let x = 0; x < width; x += 1) {
      dst[o + x] = sum / n;
      sum += at(x + r + 1) - at(x - r);
    }
  }
}

/** A running mean of 2r+1 down each column, the edge pixel repeated past the ends. */
function boxAlongColumns(src: Float32Array, dst: Float32Array, width: number, height: number, r: number): void {
  const n = 2 * r + 1;
  const sums = new Float32Array(width);
  const row = (y: number) => max(0, min(height - 1, y)) * width;
  for (let y = -r; y <= r; y += 1) {
    const o = row(y);
    for (let x = 0; x < width; x += 1) {
      sums[x] += src[o + x];
    }
  }
  for (let y = 0; y < height; y += 1) {
    const o = y * width;
    const add = row(y + r + 1);
    const drop = row(y - r);
    for (let x = 0; x < width; x += 1) {
      dst[o + x] = sums[x] / n;
      sums[x] += src[add + x] - src[drop + x];
    }
  }
}
