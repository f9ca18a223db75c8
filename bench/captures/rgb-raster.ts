// The colour raster every degradation works on: a page or a photo as 8-bit RGB, three bytes a pixel, row by row.
// (shared/adapters/raster.ts is grayscale: the pipeline reads gray, but stains, pens and casts are colour.)

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { round } = Math;

/** An RGB raster: `data[3 * (y * width + x) + channel]`. */
export interface RgbRaster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A colour as [r, g, b], 0-255. */
export type Rgb = readonly [number, number, number];

/** A raster of `width` x `height` filled with `colour`. */
export function filledRaster(width: number, height: number, colour: Rgb): RgbRaster {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = colour[0];
    data[i + 1] = colour[1];
    data[i + 2] = colour[2];
  }
  return { width, height, data };
}

/** A copy that can be changed without touching `raster`. */
export function cloneRaster(raster: RgbRaster): RgbRaster {
  return { width: raster.width, height: raster.height, data: new Uint8Array(raster.data) };
}

/** Rec. 601 luma of pixel `i` (a pixel index, not a byte index): how dark it reads to a gray scanner. */
export function lumaAt(raster: RgbRaster, i: number): number {
  const d = raster.data;
  return 0.299 * d[3 * i] + 0.587 * d[3 * i + 1] + 0.114 * d[3 * i + 2];
}

/** Each pixel times `factor(x, y)` (a per-channel multiplier, 1 leaves it): light, shadow, tint. */
export function multiplyBy(raster: RgbRaster, factor: (x: number, y: number) => Rgb): RgbRaster {
  const out = cloneRaster(raster);
  for (let y = 0; y < raster.height; y += 1) {
    for (let x = 0; x < raster.width; x += 1) {
      const f = factor(x, y);
      const i = 3 * (y * raster.width + x);
      for (let c = 0; c < 3; c += 1) {
        out.data[i + c] = clampByte(out.data[i + c] * f[c]);
      }
    }
  }
  return out;
}

/** Rounds and clamps to 0-255. */
export const clampByte = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : round(v));
