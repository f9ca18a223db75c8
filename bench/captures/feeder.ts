// A production scanner's sheet feeder with its crop and deskew turned off: the sheet goes in crooked, and the scan
// window, set a little larger than the paper, shows the feeder's backing round it (black on most such scanners,
// so that their software can find the paper's edge) in a band along each side and in triangles at the corners.
import type { Rgb, RgbRaster } from './rgb-raster';
import type { Rng } from './rng';
import { sensorNoise } from './scanner';
import { resample, rotate } from './warp';

/** The feeder's draw for one document: the backing, and how loosely its guides hold the paper. */
export interface Feeder {
  backing: Rgb;
  /** The window's margin round the paper, mm, each side (the guides and the window set by hand). */
  marginMm: number;
}

/**
 * A black or dark grey backing (grey 10-70: black plastic under a scanner's lamp) in two draws in three, else a
 * white one (a feeder's default roller); a window 1-6 mm wider than the paper each side (a page size chosen a size
 * up, or the guides left loose).
 */
export function drawFeeder(rng: Rng): Feeder {
  const grey = rng.chance(2 / 3) ? rng.int(10, 70) : rng.int(225, 245);
  return { backing: [grey, grey, grey], marginMm: rng.uniform(1, 6) };
}

/**
 * The sheet fed crooked: turned 1.5-6 degrees either way (beyond a flatbed's 0.2-1.2: a feeder's pick roller pulls
 * one side first; past 6 degrees a feeder jams or cuts the print), drawn up to 3 mm off the window's middle across,
 * the window `feeder.marginMm` wider than the paper each side with the backing where the paper is not (corners
 * turned out of the window are cut off), sampled from `fromDpi` to `dpi` with a scanner's sensor noise.
 */
export function feedCrooked(raster: RgbRaster, rng: Rng, feeder: Feeder, fromDpi: number, dpi: number): RgbRaster {
  const degrees = rng.pick([-1, 1]) * rng.uniform(1.5, 6);
  const perMm = fromDpi / 25.4;
  const margin = Math.round(feeder.marginMm * perMm);
  const shift = rng.uniform(-3, 3) * perMm;
  const width = raster.width + 2 * margin;
  const height = raster.height + 2 * margin;
  const fed = rotate(raster, degrees, feeder.backing, { width, height, centre: [width / 2 + shift, height / 2] });
  return sensorNoise(resample(fed, dpi / fromDpi), rng, rng.uniform(1.5, 4));
}
