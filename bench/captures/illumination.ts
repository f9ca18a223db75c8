// Light that is not even: a lamp to one side, a scanner lid left ajar, a hand or phone over the sheet, a lens
// darker at its corners. Each multiplies the raster by a slowly varying brightness.
import { type RgbRaster, multiplyBy } from './rgb-raster';
import type { Rng } from './rng';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { abs, cos, hypot, max, min, sin } = Math;

const gray = (v: number) => [v, v, v] as const;

/**
 * A broad gradient across the page in a random direction, or a dim corner. The dim end keeps 72-90% of the
 * light: below about 70% the grey print of a faded sheet (30% contrast) sinks into its paper.
 */
export function unevenLight(raster: RgbRaster, rng: Rng): RgbRaster {
  const { width, height } = raster;
  const dim = rng.uniform(0.72, 0.9);
  if (rng.chance(0.5)) {
    const angle = rng.uniform(0, 2 * Math.PI);
    const ux = cos(angle);
    const uy = sin(angle);
    const half = (abs(ux) * width + abs(uy) * height) / 2;
    return multiplyBy(raster, (x, y) => {
      const t = ((x - width / 2) * ux + (y - height / 2) * uy) / half; // -1 .. 1 across the page
      return gray(1 - ((1 - dim) * (t + 1)) / 2);
    });
  }
  const cx = rng.pick([0, width]);
  const cy = rng.pick([0, height]);
  // The dimming reaches 40-70% of the diagonal from the corner: a lamp's pool of light, not a spot.
  const reach = rng.uniform(0.4, 0.7) * hypot(width, height);
  return multiplyBy(raster, (x, y) => {
    const t = max(0, 1 - hypot(x - cx, y - cy) / reach);
    return gray(1 - (1 - dim) * t * t);
  });
}

/**
 * A soft shadow over part of the sheet (a hand, the phone): everything past a random line keeps 60-82% of
 * the light (a shadow under room light, not a black one), the edge blurred over 2-6% of the diagonal.
 * The line cuts off 15-40% of the sheet from a random side.
 */
export function castShadow(raster: RgbRaster, rng: Rng): RgbRaster {
  const { width, height } = raster;
  const diagonal = hypot(width, height);
  const keep = rng.uniform(0.6, 0.82);
  const soft = rng.uniform(0.02, 0.06) * diagonal;
  const angle = rng.uniform(0, 2 * Math.PI);
  const ux = cos(angle);
  const uy = sin(angle);
  const half = (abs(ux) * width + abs(uy) * height) / 2;
  const edge = half * (1 - 2 * rng.uniform(0.15, 0.4)); // distance of the line from the centre along (ux, uy)
  return multiplyBy(raster, (x, y) => {
    const d = (x - width / 2) * ux + (y - height / 2) * uy - edge;
    const t = max(0, min(1, d / soft + 0.5));
    return gray(1 - (1 - keep) * t);
  });
}

/** A lens's vignetting: the corners keep 70-90% of the centre's light (phone cameras measure about 80%). */
export function vignette(raster: RgbRaster, rng: Rng): RgbRaster {
  const { width, height } = raster;
  const corner = rng.uniform(0.7, 0.9);
  const half = hypot(width, height) / 2;
  return multiplyBy(raster, (x, y) => {
    const r = hypot(x - width / 2, y - height / 2) / half;
    return gray(1 - (1 - corner) * r * r);
  });
}
