// A photocopier's marks: washed-out contrast, the page behind showing through, the book's gutter and the lid's
// dark edges, and stray toner.
import { applyInk, strokeMask } from './ink';
import { type RgbRaster, clampByte, cloneRaster, multiplyBy } from './rgb-raster';
import type { Rng } from './rng';
import type { Sheet } from './sheet';
import { smoothField } from './smooth-field';
import { blur } from './warp';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { max, min, round } = Math;

/**
 * Levels squeezed: black prints at 12-25% grey and white at 88-95% (a copy of a copy; render.py's photocopy
 * uses 15% and 92%).
 */
export function lowContrast(raster: RgbRaster, rng: Rng): RgbRaster {
  const black = rng.uniform(0.12, 0.25) * 255;
  const white = rng.uniform(0.88, 0.95) * 255;
  return { ...raster, data: raster.data.map((v) => clampByte(black + ((white - black) * v) / 255)) };
}

/**
 * The back page mirrored, blurred by 0.2-0.4 mm (through the paper) and multiplied in faintly: its black keeps
 * 88-95% of the light, the show-through of 80 g/m2 office paper on a copier.
 */
export function bleedThrough(raster: RgbRaster, rng: Rng, sheet: Sheet): RgbRaster {
  if (sheet.back === null) {
    return raster;
  }
  const back = blur(sheet.back, max(1, round((rng.uniform(0.2, 0.4) * sheet.dpi) / 25.4 / 2)));
  const floor = rng.uniform(0.88, 0.95);
  const { width } = back;
  return multiplyBy(raster, (x, y) => {
    if (y >= back.height || x >= width) {
      return [1, 1, 1];
    }
    const i = 3 * (y * width + (width - 1 - x));
    const f = (c: number) => floor + ((1 - floor) * back.data[i + c]) / 255;
    return [f(0), f(1), f(2)];
  });
}

/**
 * The gutter's shadow down one side (left or right, drawn): 3-7% of the width (6-15 mm of an A4 sheet, a bound
 * report lifting off the glass) at its darkest 15-35% grey, its width wandering by a quarter down the page; and
 * the lid's dark edges on the other three sides, 0.2-1.2% deep.
 */
export function copierEdges(raster: RgbRaster, rng: Rng): RgbRaster {
  const { width, height } = raster;
  const onLeft = rng.chance(0.5);
  const wander = smoothField(rng.fork('gutter'), 1, height, 8);
  const gutter = rng.uniform(0.03, 0.07) * width;
  const dark = rng.uniform(0.15, 0.35);
  const edges = [
    rng.uniform(0.002, 0.012) * height,
    rng.uniform(0.002, 0.012) * height,
    rng.uniform(0.002, 0.012) * width,
  ];
  const shade = (depth: number, reach: number) => (depth >= reach ? 1 : dark + (1 - dark) * (depth / reach) ** 2);
  return multiplyBy(raster, (x, y) => {
    const fromGutter = onLeft ? x : width - 1 - x;
    const fromOuter = onLeft ? width - 1 - x : x;
    const g = shade(fromGutter, gutter * (0.75 + 0.5 * wander(0, y)));
    const e = min(shade(y, edges[0]), shade(height - 1 - y, edges[1]), shade(fromOuter, edges[2]));
    const v = min(g, e);
    return [v, v, v];
  });
}

/** Stray toner: 40-160 specks a page (an A4 copy from a worn drum), each 0.1-0.3 mm, some in small clusters. */
export function tonerSpeckle(raster: RgbRaster, rng: Rng, sheet: Sheet): RgbRaster {
  const out = cloneRaster(raster);
  const mm = sheet.dpi / 25.4;
  const area = (raster.width * raster.height) / (210 * 297 * mm * mm);
  for (let k = round(rng.int(40, 160) * area); k > 0; k -= 1) {
    const x = rng.uniform(0, raster.width);
    const y = rng.uniform(0, raster.height);
    for (let n = rng.chance(0.3) ? rng.int(2, 5) : 1; n > 0; n -= 1) {
      const dot = [x + rng.normal() * mm, y + rng.normal() * mm] as const;
      applyInk(out, strokeMask([dot, dot], rng.uniform(0.1, 0.3) * mm), [40, 40, 40], rng.uniform(0.6, 1));
    }
  }
  return out;
}
