// A fax: the sheet fed askew, read at fax resolution through soft optics and cut to black and white at a fixed
// threshold, with the line's speckle. What comes out has no grey at all.
import { type RgbRaster, lumaAt } from './rgb-raster';
import type { Rng } from './rng';
import { resample, rotate, soften } from './warp';

const WHITE = [255, 255, 255] as const;

/**
 * Tilts 0.3-1.5 degrees (a fax feeder's skew), samples from `fromDpi` to `dpi` by area (each sensor cell's
 * aperture), softens by the optics (a spread of 0.3-0.5 pixel: a fax's contact image sensor keeps 30-60% of the
 * contrast at its finest line pair; the one-pixel box blur used before kept under 1% and erased every thin
 * horizontal stroke of Song type at 150 dpi, past a person's reading), thresholds at 55-70% of white (render.py's
 * fax-like scans use 62-72%; lower breaks thin grey strokes, higher fills the counters of small glyphs) and flips
 * 0.02-0.2% of pixels (line noise).
 */
export function faxTransmit(raster: RgbRaster, rng: Rng, fromDpi: number, dpi: number): RgbRaster {
  const read = soften(
    resample(rotate(raster, rng.pick([-1, 1]) * rng.uniform(0.3, 1.5), WHITE), dpi / fromDpi),
    rng.uniform(0.3, 0.5),
  );
  const threshold = rng.uniform(0.55, 0.7) * 255;
  const flips = rng.uniform(0.0002, 0.002);
  const data = new Uint8Array(read.data.length);
  for (let p = 0; p < read.width * read.height; p += 1) {
    let black = lumaAt(read, p) < threshold;
    if (rng.next() < flips) {
      black = !black;
    }
    data.fill(black ? 0 : 255, 3 * p, 3 * p + 3);
  }
  return { width: read.width, height: read.height, data };
}
