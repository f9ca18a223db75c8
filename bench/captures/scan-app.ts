// A phone's document-scanning app (the kind clerks use for archives: 扫描全能王 and its like): it photographs the
// sheet, finds its corners itself, flattens it to a rectangle and "enhances" it. What reaches the archive is no
// longer a photo with a desk round it but a page: cut a little inside or outside the paper where the app misjudged
// a corner (a sliver of desk, or a margin cut), a trace of the perspective left, resampled to the app's page width
// (so two pages of one report are seldom at one scale), and whitened or thresholded by its filter.
import type { Point } from './ink';
import { curlOf, deskOf } from './phone-photo';
import { castShadow, vignette } from './illumination';
import { type RgbRaster, clampByte, lumaAt, multiplyBy } from './rgb-raster';
import type { Rng } from './rng';
import { sensorNoise } from './scanner';
import { blur, homography, project, resample, warp } from './warp';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { max, min, round } = Math;

/** The app's settings for a document: its output width in pixels and its filter. */
export interface ScanApp {
  /** Output page width, pixels: the apps' "standard", "high" and "original" sizes for an A4 sheet. */
  width: number;
  filter: 'original' | 'enhanced' | 'black and white';
}

export function drawScanApp(rng: Rng): ScanApp {
  return { width: rng.pick([1240, 1654, 2480]), filter: rng.pick(['original', 'enhanced', 'black and white']) };
}

/**
 * The sheet (`raster` at `fromDpi`) photographed at 130-170 pixels per inch with the phone family's curl, shadow,
 * vignetting, colour cast and noise, then cut out by the app: each corner it found off the paper's by up to 1.2% of
 * the sheet's width and height either way (outward shows the desk, inward cuts the margin; a margin is 7% of the
 * width or more, so no print is lost), warped to a rectangle `app.width` wide with the found quad's proportions, and
 * filtered.
 */
export function scanWithApp(raster: RgbRaster, rng: Rng, fromDpi: number, app: ScanApp): RgbRaster {
  const ppi = rng.uniform(130, 170);
  const sheet = resample(raster, ppi / fromDpi);
  const { width: w, height: h } = sheet;
  const found: Point[] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ].map(([x, y]): Point => [x + rng.uniform(-0.012, 0.012) * w, y + rng.uniform(-0.012, 0.012) * h]);
  const side = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const aspect =
    (side(found[0], found[3]) + side(found[1], found[2])) / (side(found[0], found[1]) + side(found[3], found[2]));
  const height = round(app.width * aspect);
  const toSheet = homography(
    [
      [0, 0],
      [app.width, 0],
      [app.width, height],
      [0, height],
    ],
    found,
  );
  const curl = curlOf(rng, w, h);
  const desk = deskOf(rng, app.width, height);
  const flat = warp(
    sheet,
    app.width,
    height,
    (x, y) => {
      const [u, v] = project(toSheet, x, y);
      return u < 0 || v < 0 || u > w || v > h ? null : curl(u, v);
    },
    desk,
  );
  const cast = [rng.uniform(0.94, 1.06), rng.uniform(0.97, 1.03), rng.uniform(0.88, 1.04)] as const;
  // The shadow, the lens's vignetting, the light's cast and the sensor's noise, drawn on the flattened page.
  const seen = sensorNoise(
    multiplyBy(vignette(castShadow(flat, rng), rng), () => cast),
    rng,
    rng.uniform(2, 5),
  );
  return filtered(seen, app.filter);
}

// The filters' window: a quarter of an inch of an A4 page's width at the output's scale (31 px at 1240), wider than
// a stroke, narrower than the shadow's and the vignette's gradients, as the apps' local contrast is.
const WINDOW_OF_WIDTH = 1 / 33;
// "Enhanced": each pixel over its neighbourhood's brightness, stretched so that paper is white and print darker
// (ink at 60% of the paper's light ends near 40%).
const ENHANCE_GAIN = 1.15;
const ENHANCE_GAMMA = 1.6;
// "Black and white": a pixel is black where it is darker than its neighbourhood's mean by 15% (a mean threshold,
// the apps' own; Sauvola's is not what they ship).
const THRESHOLD_DROP = 0.85;

function filtered(raster: RgbRaster, filter: ScanApp['filter']): RgbRaster {
  if (filter === 'original') {
    return raster;
  }
  const local = blur(raster, max(2, round((raster.width * WINDOW_OF_WIDTH) / 2)));
  const data = new Uint8Array(raster.data.length);
  for (let i = 0; i < data.length; i += 3) {
    if (filter === 'black and white') {
      const around = max(1, lumaAt(local, i / 3));
      data.fill(lumaAt(raster, i / 3) < THRESHOLD_DROP * around ? 0 : 255, i, i + 3);
      continue;
    }
    for (let c = 0; c < 3; c += 1) {
      const ratio = min(1, (ENHANCE_GAIN * raster.data[i + c]) / max(1, local.data[i + c]));
      data[i + c] = clampByte(255 * ratio ** ENHANCE_GAMMA);
    }
  }
  return { width: raster.width, height: raster.height, data };
}
