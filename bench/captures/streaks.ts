// A sheet feeder's streaks: dust or a scratch on the glass over the scanning line draws the same line down every
// page it feeds, straight down the image whatever the sheet's skew (the glass does not move with the paper), from
// the top of the image to the bottom, through margins, print and tables alike.
import { type RgbRaster, clampByte } from './rgb-raster';
import type { Rng } from './rng';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { max, min, round } = Math;

/** One streak down the image: where it stands (a share of the width), its width in mm, the light it leaves per channel. */
export interface Streak {
  at: number;
  widthMm: number;
  light: readonly [number, number, number];
}

/**
 * One to three streaks anywhere across the width, each 0.1-0.4 mm wide (a speck of dust to a hair on the glass),
 * grey (30-60% dark) or near black (70-95%) in equal shares; one in four is coloured, one channel of a colour sensor
 * dirtier than the others (a red, green or blue line left on the scan where that channel alone is dark).
 */
export function drawStreaks(rng: Rng): Streak[] {
  return Array.from({ length: rng.int(1, 3) }, () => {
    const dark = rng.chance(0.5) ? rng.uniform(0.3, 0.6) : rng.uniform(0.7, 0.95);
    const channel = rng.chance(0.25) ? rng.int(0, 2) : -1;
    const light = [0, 1, 2].map((c) => (channel === -1 || channel === c ? 1 - dark : 1)) as [number, number, number];
    return { at: rng.next(), widthMm: rng.uniform(0.1, 0.4), light };
  });
}

/** The image (at `dpi`) with `streaks` drawn down it: each pixel under one keeps its share of the light. */
export function streak(raster: RgbRaster, streaks: readonly Streak[], dpi: number): RgbRaster {
  const data = new Uint8Array(raster.data);
  for (const s of streaks) {
    const from = round(s.at * (raster.width - 1));
    const to = min(raster.width, from + max(1, round((s.widthMm * dpi) / 25.4)));
    for (let y = 0; y < raster.height; y += 1) {
      for (let x = from; x < to; x += 1) {
        const i = 3 * (y * raster.width + x);
        for (let c = 0; c < 3; c += 1) {
          data[i + c] = clampByte(data[i + c] * s.light[c]);
        }
      }
    }
  }
  return { width: raster.width, height: raster.height, data };
}
