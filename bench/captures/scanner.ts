// A flatbed or feeder scanner: the sheet a little skewed on the glass, sampled at the scanner's resolution,
// with its sensor's noise. The JPEG it saves is the writer's (capture-pdf.ts).
import { type RgbRaster, clampByte } from './rgb-raster';
import type { Rng } from './rng';
import { defocused, resample, rotate } from './warp';

const WHITE = [255, 255, 255] as const;

/**
 * Skews the sheet by 0.2-1.2 degrees either way (a sheet laid by hand or pulled by a feeder; render.py's plain
 * scans go to 1.5), samples it from `fromDpi` down to `dpi` and adds sensor noise of deviation 1.5-4 grey levels
 * (office scanners measured on white paper).
 */
export function scan(raster: RgbRaster, rng: Rng, fromDpi: number, dpi: number, defocusIn = 0): RgbRaster {
  const tilted = rotate(raster, rng.pick([-1, 1]) * rng.uniform(0.2, 1.2), WHITE);
  return sensorNoise(defocused(resample(tilted, dpi / fromDpi), defocusIn * dpi), rng, rng.uniform(1.5, 4));
}

/** Gaussian noise of deviation `sigma` grey levels, the same on the three channels (luminance noise). */
export function sensorNoise(raster: RgbRaster, rng: Rng, sigma: number): RgbRaster {
  const data = new Uint8Array(raster.data.length);
  for (let i = 0; i < data.length; i += 3) {
    const n = rng.normal() * sigma;
    data[i] = clampByte(raster.data[i] + n);
    data[i + 1] = clampByte(raster.data[i + 1] + n);
    data[i + 2] = clampByte(raster.data[i + 2] + n);
  }
  return { width: raster.width, height: raster.height, data };
}
