// A page of a bound volume scanned face down on a flatbed: near the spine the page curves up off the glass, so
// the print there is foreshortened across, drawn in toward the page's middle line, darker and out of focus, and
// the fold itself is a dark band. (copierEdges in photocopy.ts shades a gutter on a flat sheet; this bends it.)
import { type Rgb, type RgbRaster, clampByte } from './rgb-raster';
import type { Rng } from './rng';
import type { Sheet } from './sheet';
import { defocused, warp } from './warp';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { ceil, cos, floor, max, min, PI, sin } = Math;

// A flatbed lid's white, seen past the page's edge.
const LID: Rgb = [245, 245, 245];

/** What one draw bends: the side of the spine and how the page lifts toward it. */
interface Binding {
  spineLeft: boolean;
  /** Width of the curved part, in the sheet's pixels (measured along the paper). */
  zone: number;
  /** The page's slope at the spine, in radians. */
  steepest: number;
  /** How far a corner at the spine is drawn toward the middle line, as a share of the half height. */
  shrink: number;
  /** How much light the highest part loses (0-1). */
  shade: number;
  /** The blur at the highest part, a Gaussian's deviation in pixels. */
  sigma: number;
  /** The fold's grey. */
  fold: Rgb;
}

/**
 * The curved part is 14-24% of the sheet's width (a report of 30-200 pages bound by glue or staples, opened flat
 * by hand: its margin of 0.8-1 inch is 10-12% of an A4 width, so the curve reaches into the print by up to an eighth
 * of the width). The slope grows with the distance into the curve to the power 1.5, to 40-65 degrees at the spine
 * (print there 0.4-0.75 as wide as printed). A lifted point is further from the scanner's lens and drawn toward the
 * middle line by up to 1-3% of the half height (the bowed lines of a book scan); the light falls by 35-70% at
 * the top of the curve (a book scan's grey gutter) and its blur reaches 0.004-0.01 inch (a flatbed's depth of
 * field is a few millimetres). The part of the sheet's width the curve no longer covers is the fold: grey 30-70,
 * darkened with the top of the curve to 9-45.
 */
export function bindingCurl(raster: RgbRaster, rng: Rng, sheet: Sheet): RgbRaster {
  const fold = rng.uniform(30, 70);
  return curl(raster, {
    spineLeft: rng.chance(0.5),
    zone: rng.uniform(0.14, 0.24) * raster.width,
    steepest: (rng.uniform(40, 65) * PI) / 180,
    shrink: rng.uniform(0.01, 0.03),
    shade: rng.uniform(0.35, 0.7),
    sigma: rng.uniform(0.004, 0.01) * sheet.dpi,
    fold: [fold, fold, fold],
  });
}

/** The page bent by `binding`: same size, the fold where the curve ends short of the spine. */
export function curl(raster: RgbRaster, binding: Binding): RgbRaster {
  const { width, height } = raster;
  const { spineLeft, zone, steepest, shrink, shade, sigma, fold } = binding;
  // Along the paper in steps of a pixel from the curve's flat edge: where each step lands across (its projection)
  // and how high it stands.
  const steps = ceil(zone);
  const across = new Float64Array(steps + 1);
  const high = new Float64Array(steps + 1);
  for (let t = 1; t <= steps; t += 1) {
    const slope = steepest * ((t - 0.5) / zone) ** 1.5;
    across[t] = across[t - 1] + cos(slope);
    high[t] = high[t - 1] + sin(slope);
  }
  const top = high[steps];
  // For each output column: how far along the paper it reads (null in the fold) and the lift there (0-1).
  const along: (number | null)[] = [];
  const lift = new Float64Array(width);
  for (let x = 0; x < width; x += 1) {
    const into = spineLeft ? zone - (x + 0.5) : x + 0.5 - (width - zone);
    if (into <= 0) {
      along.push(x + 0.5);
      continue;
    }
    if (into > across[steps]) {
      along.push(null);
      lift[x] = 1;
      continue;
    }
    let t = 0;
    while (across[t + 1] < into) {
      t += 1;
    }
    const f = (into - across[t]) / (across[t + 1] - across[t]);
    const arc = t + f;
    lift[x] = (high[t] + f * (high[t + 1] - high[t])) / top;
    along.push(spineLeft ? zone - arc : width - zone + arc);
  }
  const middle = height / 2;
  const bent = warp(
    raster,
    width,
    height,
    (x, y) => {
      const u = along[floor(x)];
      return u === null ? null : [u, middle + (y - middle) / (1 - shrink * lift[floor(x)])];
    },
    // Above and below the page where it is drawn in: the scanner's lid.
    (x) => (along[x] === null ? fold : LID),
  );
  // The blur of the lifted part only: the columns of the curve and the kernel's reach beyond them.
  const reach = ceil(3 * sigma) + 1;
  const from = spineLeft ? 0 : max(0, floor(width - zone) - reach);
  const to = spineLeft ? min(width, ceil(zone) + reach) : width;
  const soft = defocused(columns(bent, from, to), sigma);
  const out = new Uint8Array(bent.data);
  for (let y = 0; y < height; y += 1) {
    for (let x = from; x < to; x += 1) {
      const l = lift[x];
      if (l === 0) {
        continue;
      }
      // The light falls faster than the page rises: a lamp's light falls off with the distance squared, and the
      // lifted page also turns away from it. The power 1.5 keeps the shade off the print's first millimetres.
      const light = 1 - shade * l ** 1.5;
      const i = 3 * (y * width + x);
      const j = 3 * (y * (to - from) + x - from);
      for (let c = 0; c < 3; c += 1) {
        out[i + c] = clampByte((bent.data[i + c] * (1 - l) + soft.data[j + c] * l) * light);
      }
    }
  }
  return { width, height, data: out };
}

/** Columns `from` to `to` (excluded) of `raster`. */
function columns(raster: RgbRaster, from: number, to: number): RgbRaster {
  const w = to - from;
  const data = new Uint8Array(w * raster.height * 3);
  for (let y = 0; y < raster.height; y += 1) {
    data.set(raster.data.subarray(3 * (y * raster.width + from), 3 * (y * raster.width + to)), 3 * y * w);
  }
  return { width: w, height: raster.height, data };
}
