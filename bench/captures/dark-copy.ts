// A copy made too dark (the copier's darkness turned up, or a copy of such a copy): toner spreads, so strokes
// thicken and the small counters of dense characters close up; the white comes out grey and uneven; toner dust
// lies over it as a fine grain.
import { type RgbRaster, clampByte } from './rgb-raster';
import type { Rng } from './rng';
import type { Sheet } from './sheet';
import { smoothField } from './smooth-field';
import { blur } from './warp';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { max, min, round } = Math;

/**
 * Strokes spread by 0.04-0.12 mm each side (13 pt Song's 0.3 mm strokes come out 0.4-0.55 mm, a heavy copy's), the
 * white at 68-85% grey varying by up to a tenth across the sheet (the drum's uneven charge), and a grain of toner
 * dust of deviation 4-10 grey levels, finer than a stroke.
 */
export function darkCopy(raster: RgbRaster, rng: Rng, sheet: Sheet): RgbRaster {
  const spreadPx = (rng.uniform(0.04, 0.12) * sheet.dpi) / 25.4;
  // A box blur of radius r run twice reaches r pixels out at full weight; the levels below then darken every pixel
  // whose neighbourhood holds ink in proportion to the spread drawn.
  const radius = max(1, round(spreadPx));
  const near = blur(raster, radius);
  // The blurred value under which a pixel turns dark: a wider spread darkens fainter neighbourhoods.
  const knee = 255 - min(60, 40 * spreadPx);
  const white = rng.uniform(0.68, 0.85);
  const uneven = smoothField(rng.fork('drum'), raster.width, raster.height, 6);
  const unevenBy = rng.uniform(0.03, 0.1);
  const grain = rng.uniform(4, 10);
  const { width } = raster;
  const data = new Uint8Array(raster.data.length);
  for (let p = 0, i = 0; i < data.length; p += 1, i += 3) {
    const x = p % width;
    const paper = white * (1 - unevenBy * uneven(x, (p - x) / width));
    const dust = rng.normal() * grain;
    for (let c = 0; c < 3; c += 1) {
      const spread = min(raster.data[i + c], (near.data[i + c] / knee) * 255);
      data[i + c] = clampByte(spread * paper + dust);
    }
  }
  return { width: raster.width, height: raster.height, data };
}
