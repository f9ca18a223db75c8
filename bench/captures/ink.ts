// Ink laid on paper: pen strokes as coverage masks, blended by multiplication (ink absorbs light, it never
// brightens what is under it, so black print stays black under a highlighter or a red pen).
import { type Rgb, type RgbRaster, clampByte } from './rgb-raster';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { ceil, floor, hypot, max, min } = Math;

/** A point in raster pixels. */
export type Point = readonly [number, number];

/** Coverage in [0, 1] over a box of the raster: what a pen touched. */
export interface InkMask {
  x: number;
  y: number;
  width: number;
  height: number;
  coverage: Float32Array;
}

/** The mask of a pen of `width` pixels drawn along `points` (anti-aliased over one pixel; overlaps do not add). */
export function strokeMask(points: readonly Point[], width: number): InkMask {
  const pad = width / 2 + 2;
  const x = floor(min(...points.map((p) => p[0])) - pad);
  const y = floor(min(...points.map((p) => p[1])) - pad);
  const w = ceil(max(...points.map((p) => p[0])) + pad) - x;
  const h = ceil(max(...points.map((p) => p[1])) + pad) - y;
  const coverage = new Float32Array(w * h);
  for (let k = 0; k + 1 < points.length; k += 1) {
    const [ax, ay] = points[k];
    const [bx, by] = points[k + 1];
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy || 1;
    const left = max(0, floor(min(ax, bx) - pad) - x);
    const right = min(w - 1, ceil(max(ax, bx) + pad) - x);
    const top = max(0, floor(min(ay, by) - pad) - y);
    const bottom = min(h - 1, ceil(max(ay, by) + pad) - y);
    for (let py = top; py <= bottom; py += 1) {
      for (let px = left; px <= right; px += 1) {
        const cx = px + x + 0.5;
        const cy = py + y + 0.5;
        const t = max(0, min(1, ((cx - ax) * dx + (cy - ay) * dy) / length2));
        const d = hypot(cx - ax - t * dx, cy - ay - t * dy);
        const c = max(0, min(1, width / 2 - d + 0.5));
        const i = py * w + px;
        if (c > coverage[i]) {
          coverage[i] = c;
        }
      }
    }
  }
  return { x, y, width: w, height: h, coverage };
}

/**
 * `raster` with `colour` multiplied in where `mask` covers it, at `opacity` (1: the ink's full colour).
 * `vary(x, y)` in [0, 1] scales the opacity per pixel (a ballpoint skips, a highlighter pools); 1 if not given.
 */
export function applyInk(
  raster: RgbRaster,
  mask: InkMask,
  colour: Rgb,
  opacity: number,
  vary: (x: number, y: number) => number = () => 1,
): RgbRaster {
  const d = raster.data;
  for (let my = 0; my < mask.height; my += 1) {
    const y = mask.y + my;
    if (y < 0 || y >= raster.height) {
      continue;
    }
    for (let mx = 0; mx < mask.width; mx += 1) {
      const x = mask.x + mx;
      const a = mask.coverage[my * mask.width + mx] * opacity;
      if (a <= 0 || x < 0 || x >= raster.width) {
        continue;
      }
      const alpha = a * vary(x, y);
      const i = 3 * (y * raster.width + x);
      for (let c = 0; c < 3; c += 1) {
        d[i + c] = clampByte(d[i + c] * (1 - alpha + (alpha * colour[c]) / 255));
      }
    }
  }
  return raster;
}
