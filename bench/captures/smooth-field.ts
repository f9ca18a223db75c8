// Smooth random fields: the slow variation of real paper, light and toner, from a coarse grid of random values
// interpolated bilinearly (value noise). Cheap, seeded, and free of the straight edges a designed pattern would show.
import type { Rng } from './rng';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { ceil, floor, max, min } = Math;

/** A function over a `width` x `height` raster, values in [0, 1], varying over about `cells` steps across. */
export type Field = (x: number, y: number) => number;

/** Value noise: `cells` random knots across the longer side (at least 2), interpolated with a smoothstep. */
export function smoothField(rng: Rng, width: number, height: number, cells: number): Field {
  const step = max(width, height) / max(1, cells);
  const cols = ceil(width / step) + 2;
  const rows = ceil(height / step) + 2;
  const knots = Float64Array.from({ length: cols * rows }, () => rng.next());
  const ease = (t: number) => t * t * (3 - 2 * t);
  return (x, y) => {
    const gx = x / step;
    const gy = y / step;
    const x0 = floor(gx);
    const y0 = floor(gy);
    const tx = ease(gx - x0);
    const ty = ease(gy - y0);
    const k = (cx: number, cy: number) => knots[min(rows - 1, cy) * cols + min(cols - 1, cx)];
    const top = k(x0, y0) + (k(x0 + 1, y0) - k(x0, y0)) * tx;
    const bottom = k(x0, y0 + 1) + (k(x0 + 1, y0 + 1) - k(x0, y0 + 1)) * tx;
    return top + (bottom - top) * ty;
  };
}
