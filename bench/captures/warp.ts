// Geometry on RGB rasters: resampling to another resolution, and any mapping from output pixels back to source
// pixels (tilt, perspective, curl), sampled bilinearly with a background where the source ends.
import { type Rgb, type RgbRaster, clampByte } from './rgb-raster';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { abs, ceil, floor, max, min, round } = Math;

/** Where output pixel (x, y) comes from in the source, or null for background. */
export type InverseMap = (x: number, y: number) => readonly [number, number] | null;

/** An output raster of `width` x `height`, each pixel read from `source` at `map(x, y)`, else `background(x, y)`. */
export function warp(
  source: RgbRaster,
  width: number,
  height: number,
  map: InverseMap,
  background: (x: number, y: number) => Rgb,
): RgbRaster {
  const out = new Uint8Array(width * height * 3);
  const { width: sw, height: sh, data } = source;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const o = 3 * (y * width + x);
      const at = map(x + 0.5, y + 0.5);
      if (at === null || at[0] < 0 || at[1] < 0 || at[0] > sw || at[1] > sh) {
        const b = background(x, y);
        out[o] = b[0];
        out[o + 1] = b[1];
        out[o + 2] = b[2];
        continue;
      }
      // Pixel centres at +0.5; clamp at the edges so the source's border pixels are not blended with nothing.
      const fx = min(sw - 1, max(0, at[0] - 0.5));
      const fy = min(sh - 1, max(0, at[1] - 0.5));
      const x0 = floor(fx);
      const y0 = floor(fy);
      const x1 = min(sw - 1, x0 + 1);
      const y1 = min(sh - 1, y0 + 1);
      const tx = fx - x0;
      const ty = fy - y0;
      for (let c = 0; c < 3; c += 1) {
        const top = data[3 * (y0 * sw + x0) + c] * (1 - tx) + data[3 * (y0 * sw + x1) + c] * tx;
        const bottom = data[3 * (y1 * sw + x0) + c] * (1 - tx) + data[3 * (y1 * sw + x1) + c] * tx;
        out[o + c] = clampByte(top + (bottom - top) * ty);
      }
    }
  }
  return { width, height, data: out };
}

/**
 * `raster` turned by `degrees` (clockwise) about its centre, the rest filled with `background`: in a frame of its own
 * size by default, or in `frame` (width and height, with the raster's centre at `centre` in it).
 */
export function rotate(
  raster: RgbRaster,
  degrees: number,
  background: Rgb,
  frame: { width: number; height: number; centre: readonly [number, number] } = {
    width: raster.width,
    height: raster.height,
    centre: [raster.width / 2, raster.height / 2],
  },
): RgbRaster {
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const [fx, fy] = frame.centre;
  const cx = raster.width / 2;
  const cy = raster.height / 2;
  return warp(
    raster,
    frame.width,
    frame.height,
    (x, y) => {
      const dx = x - fx;
      const dy = y - fy;
      return [cx + dx * cos + dy * sin, cy - dx * sin + dy * cos];
    },
    () => background,
  );
}

/**
 * `raster` scaled by `scale` (< 1 shrinks) with area averaging: each output pixel is the mean of the source
 * area it covers, as a scanner's sensor cell integrates the light (bilinear sampling would alias fine strokes).
 */
export function resample(raster: RgbRaster, scale: number): RgbRaster {
  const width = max(1, round(raster.width * scale));
  const height = max(1, round(raster.height * scale));
  const horizontal = resampleAxis(raster.data, raster.width, raster.height, width, true);
  return { width, height, data: resampleAxis(horizontal, width, raster.height, height, false) };
}

/** One axis of the area average: along rows (`alongX`) to `size` columns, or along columns to `size` rows. */
function resampleAxis(data: Uint8Array, width: number, height: number, size: number, alongX: boolean): Uint8Array {
  const from = alongX ? width : height;
  const lines = alongX ? height : width;
  const outWidth = alongX ? size : width;
  const out = new Uint8Array((alongX ? size * height : width * size) * 3);
  const ratio = from / size;
  for (let line = 0; line < lines; line += 1) {
    for (let k = 0; k < size; k += 1) {
      const start = k * ratio;
      const end = start + ratio;
      const sums = [0, 0, 0];
      let weight = 0;
      for (let s = floor(start); s < min(from, ceil(end)); s += 1) {
        const w = min(end, s + 1) - max(start, s);
        const i = 3 * (alongX ? line * width + s : s * width + line);
        sums[0] += data[i] * w;
        sums[1] += data[i + 1] * w;
        sums[2] += data[i + 2] * w;
        weight += w;
      }
      const o = 3 * (alongX ? line * outWidth + k : k * outWidth + line);
      for (let c = 0; c < 3; c += 1) {
        out[o + c] = clampByte(sums[c] / weight);
      }
    }
  }
  return out;
}

/**
 * `raster` through optics whose blur spreads a point by `sigma` pixels (0 to 0.7): a 3-tap kernel [w, 1 - 2w, w]
 * along each axis, whose variance 2w is sigma squared. For the soft focus of a sensor, finer than `blur`.
 */
export function soften(raster: RgbRaster, sigma: number): RgbRaster {
  const w = (sigma * sigma) / 2;
  const { width, height } = raster;
  const pass = (data: Uint8Array, alongX: boolean): Uint8Array => {
    const out = new Uint8Array(data.length);
    const step = alongX ? 3 : 3 * width;
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const i = 3 * (y * width + x);
        const first = alongX ? x === 0 : y === 0;
        const last = alongX ? x === width - 1 : y === height - 1;
        for (let c = 0; c < 3; c += 1) {
          const before = data[first ? i + c : i - step + c];
          const after = data[last ? i + c : i + step + c];
          out[i + c] = clampByte(w * (before + after) + (1 - 2 * w) * data[i + c]);
        }
      }
    }
    return out;
  };
  return { width, height, data: pass(pass(raster.data, true), false) };
}

/**
 * `raster` through a lens out of focus: a Gaussian blur of deviation `sigma` pixels (a kernel 3 deviations each way,
 * edges repeated); in focus (sigma 0) as it is.
 */
export function defocused(raster: RgbRaster, sigma: number): RgbRaster {
  if (sigma <= 0) {
    return raster;
  }
  const radius = Math.ceil(3 * sigma);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, k) => Math.exp(-((k - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((a, b) => a + b, 0);
  const weights = kernel.map((k) => k / total);
  const { width, height } = raster;
  const pass = (data: Uint8Array, alongX: boolean): Uint8Array => {
    const out = new Uint8Array(data.length);
    const length = alongX ? width : height;
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const at = alongX ? x : y;
        for (let c = 0; c < 3; c += 1) {
          let sum = 0;
          for (let k = -radius; k <= radius; k += 1) {
            const j = min(length - 1, max(0, at + k));
            sum += weights[k + radius] * data[3 * (alongX ? y * width + j : j * width + x) + c];
          }
          out[3 * (y * width + x) + c] = clampByte(sum);
        }
      }
    }
    return out;
  };
  return { width, height, data: pass(pass(raster.data, true), false) };
}

/** A box blur of `radius` pixels, run twice (close to a Gaussian of deviation ~0.8 radius): optics and toner spread. */
export function blur(raster: RgbRaster, radius: number): RgbRaster {
  if (radius < 1) {
    return raster;
  }
  let data = raster.data;
  for (let pass = 0; pass < 2; pass += 1) {
    data = boxAxis(
      boxAxis(data, raster.width, raster.height, radius, true),
      raster.width,
      raster.height,
      radius,
      false,
    );
  }
  return { width: raster.width, height: raster.height, data };
}

function boxAxis(data: Uint8Array, width: number, height: number, radius: number, alongX: boolean): Uint8Array {
  const out = new Uint8Array(data.length);
  const length = alongX ? width : height;
  const lines = alongX ? height : width;
  const index = (line: number, k: number) => 3 * (alongX ? line * width + k : k * width + line);
  for (let line = 0; line < lines; line += 1) {
    for (let c = 0; c < 3; c += 1) {
      // A running sum over the window, edges repeated.
      let sum = 0;
      for (let k = -radius; k <= radius; k += 1) {
        sum += data[index(line, min(length - 1, max(0, k))) + c];
      }
      for (let k = 0; k < length; k += 1) {
        out[index(line, k) + c] = round(sum / (2 * radius + 1));
        sum += data[index(line, min(length - 1, k + radius + 1)) + c] - data[index(line, max(0, k - radius)) + c];
      }
    }
  }
  return out;
}

/** The 3x3 projective map taking the four `from` points to the four `to` points (row-major, h33 = 1). */
export function homography(
  from: readonly (readonly [number, number])[],
  to: readonly (readonly [number, number])[],
): number[] {
  // Eight equations in eight unknowns (the direct linear transform), solved by Gaussian elimination.
  const a: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const [x, y] = from[i];
    const [u, v] = to[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col += 1) {
    const pivot = a.slice(col).reduce((best, row, k) => (abs(row[col]) > abs(a[best][col]) ? col + k : best), col);
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let row = 0; row < 8; row += 1) {
      if (row !== col) {
        const f = a[row][col] / a[col][col];
        for (let k = col; k < 9; k += 1) {
          a[row][k] -= f * a[col][k];
        }
      }
    }
  }
  return [...a.map((row, k) => row[8] / row[k]), 1];
}

/** Applies homography `h` to point (x, y). */
export function project(h: readonly number[], x: number, y: number): [number, number] {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}
