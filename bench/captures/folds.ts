// A report posted or filed folded, opened out and scanned: each crease is a ridge the scanner's lamp grazes, so a
// thin dark line with a soft shadow on one side; the toner that crossed it has cracked off in broken lengths; and
// the panels either side no longer lie quite in line, so a ruling that crosses a crease jogs and breaks there.
import { type RgbRaster, clampByte } from './rgb-raster';
import type { Rng } from './rng';
import type { Sheet } from './sheet';
import { warp } from './warp';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { abs, exp, floor, PI, tan } = Math;

/** One crease as drawn, in the sheet's pixels. */
export interface Crease {
  /** Across the sheet (a line at constant y, give or take `slope`) or down it. */
  horizontal: boolean;
  /** Where it crosses the sheet's middle: y for a horizontal crease, x for a vertical one. */
  at: number;
  /** Its run off the sheet's axis: pixels across per pixel along. */
  slope: number;
  /** Half the width of the dark line. */
  halfWidth: number;
  /** The paper's brightness at the line's middle (0-1). */
  darkest: number;
  /** The side of the shadow: +1 below (right of) the line, -1 above (left of) it. */
  shadowSide: 1 | -1;
  /** The shadow's fall-off distance, and how much light it takes at the line (0-1). */
  shadowWidth: number;
  shadowDepth: number;
  /** How far either side of the line the toner cracked, and by how much (0-1) at each pixel along the crease. */
  crackHalfWidth: number;
  crack: Float32Array;
  /** How far the panel beyond the line lies from where it was printed: away from the line, and along it. */
  gap: number;
  slide: number;
}

const mm = (sheet: Sheet, millimetres: number) => (millimetres * sheet.dpi) / 25.4;

/**
 * A letter fold in three (two creases across, at a third and two thirds, each within 3% of the height: folded by
 * hand) in 60% of the draws, else one across at the middle; a fold down the middle as well in half. Each crease
 * off square by up to 0.6 degrees; its line 0.2-0.5 mm wide and 55-85% as bright as the paper at its middle (the
 * ridge's shadow under a flatbed's lamp); a shadow 1-4 mm deep on one side taking 4-12% of the light; the toner
 * cracked within 0.05-0.12 mm of the line, in lengths of 1-8 mm, half of them, by 40-90%; the far panel 0-0.25 mm
 * away from the line (the paper the fold used up) and 0.15 mm either way along it.
 */
export function foldCreases(raster: RgbRaster, rng: Rng, sheet: Sheet): RgbRaster {
  const { width, height } = raster;
  const across = rng.chance(0.6) ? [1 / 3, 2 / 3] : [1 / 2];
  const lines = across.map((share) => ({ horizontal: true, at: (share + rng.uniform(-0.03, 0.03)) * height }));
  if (rng.chance(0.5)) {
    lines.push({ horizontal: false, at: (0.5 + rng.uniform(-0.03, 0.03)) * width });
  }
  const creases = lines.map(({ horizontal, at }): Crease => {
    const length = horizontal ? width : height;
    return {
      horizontal,
      at,
      slope: tan((rng.uniform(-0.6, 0.6) * PI) / 180),
      halfWidth: mm(sheet, rng.uniform(0.2, 0.5)) / 2,
      darkest: rng.uniform(0.55, 0.85),
      shadowSide: rng.chance(0.5) ? 1 : -1,
      shadowWidth: mm(sheet, rng.uniform(1, 4)),
      shadowDepth: rng.uniform(0.04, 0.12),
      crackHalfWidth: mm(sheet, rng.uniform(0.05, 0.12)),
      crack: crackAlong(rng, length, mm(sheet, 1), mm(sheet, 8)),
      gap: mm(sheet, rng.uniform(0, 0.25)),
      slide: mm(sheet, rng.uniform(-0.15, 0.15)),
    };
  });
  return crease(raster, creases);
}

/** Cracked lengths of `shortest`-`longest` pixels, every other one drawn cracked (40-90%) or whole. */
function crackAlong(rng: Rng, length: number, shortest: number, longest: number): Float32Array {
  const crack = new Float32Array(length);
  for (let from = 0; from < length;) {
    const to = from + rng.uniform(shortest, longest);
    crack.fill(rng.chance(0.5) ? rng.uniform(0.4, 0.9) : 0, floor(from), floor(to));
    from = to;
  }
  return crack;
}

/** The sheet with `creases` pressed in: panels moved, then each line's crack, dark line and shadow. */
export function crease(raster: RgbRaster, creases: readonly Crease[]): RgbRaster {
  const { width, height } = raster;
  // Signed distance of (x, y) from a crease, positive on the panel beyond it, and the position along it.
  const place = (c: Crease, x: number, y: number) =>
    c.horizontal
      ? { d: y - (c.at + c.slope * (x - width / 2)), along: x }
      : { d: x - (c.at + c.slope * (y - height / 2)), along: y };
  const moved = warp(
    raster,
    width,
    height,
    (x, y) => {
      let sx = x;
      let sy = y;
      for (const c of creases) {
        const { d } = place(c, x, y);
        if (d <= 0) {
          continue;
        }
        if (d < c.gap) {
          return null; // paper the fold used up: no print
        }
        if (c.horizontal) {
          sx -= c.slide;
          sy -= c.gap;
        } else {
          sx -= c.gap;
          sy -= c.slide;
        }
      }
      return [sx, sy];
    },
    () => [255, 255, 255],
  );
  const { data } = moved;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let light = 1;
      let crack = 0;
      for (const c of creases) {
        const { d, along } = place(c, x + 0.5, y + 0.5);
        const off = abs(d);
        if (off < c.crackHalfWidth) {
          crack = c.crack[floor(along)] ?? 0;
        }
        if (off < c.halfWidth) {
          const t = off / c.halfWidth;
          light *= 1 - (1 - c.darkest) * (1 - t * t);
        }
        if (d * c.shadowSide > 0) {
          light *= 1 - c.shadowDepth * exp(-off / c.shadowWidth);
        }
      }
      if (light === 1 && crack === 0) {
        continue;
      }
      const i = 3 * (y * width + x);
      for (let k = 0; k < 3; k += 1) {
        const v = data[i + k];
        data[i + k] = clampByte((v + (255 - v) * crack) * light);
      }
    }
  }
  return moved;
}
