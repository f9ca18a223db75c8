// The sheet photographed with a phone: lying on a desk that fills the frame's border, seen at a slant
// (keystone), turned a few degrees, one edge curling up, a lens that darkens the corners and a white balance off.
import { type Point } from './ink';
import { type Rgb, type RgbRaster, clampByte, multiplyBy } from './rgb-raster';
import type { Rng } from './rng';
import { sensorNoise } from './scanner';
import { smoothField } from './smooth-field';
import { castShadow, vignette } from './illumination';
import { defocused, homography, project, resample, warp } from './warp';

// Math's functions taken once: a global looked up in a per-pixel loop is slow under jest (see rng.ts).
const { cos, max, min, round, sin } = Math;

// Desks a report is photographed on: dark wood, grey laminate, a dark blue cloth, a black mat.
const DESKS: readonly Rgb[] = [
  [86, 58, 38],
  [72, 72, 78],
  [38, 44, 62],
  [30, 30, 30],
];

/**
 * Photographs the sheet (`raster` at `fromDpi`): 130-170 pixels per inch on the sheet (a 12-megapixel phone
 * held to frame an A4 page), the sheet's height 75-92% of a 4:3 portrait frame, turned 0.5-4 degrees either
 * way, each corner then moved by up to 3% of the frame (the phone not square over the sheet), one side curling
 * up by 0.5-1.5% of the sheet's height over its last 12-20%. Then a hand's or the phone's shadow, vignetting, a colour cast of a few percent per
 * channel (warm lamp or cool daylight) and sensor noise of deviation 2-5 levels. A lens out of focus by `defocusIn`
 * (a Gaussian's deviation on the sheet) blurs the sheet before the sensor's noise.
 */
export function photograph(raster: RgbRaster, rng: Rng, fromDpi: number, defocusIn = 0): RgbRaster {
  const ppi = rng.uniform(130, 170);
  const sheet = defocused(resample(raster, ppi / fromDpi), defocusIn * ppi);
  const fill = rng.uniform(0.75, 0.92);
  const height = round(sheet.height / fill);
  const width = round(height * 0.75);
  const angle = (rng.pick([-1, 1]) * rng.uniform(0.5, 4) * Math.PI) / 180;
  const corners: Point[] = [
    [0, 0],
    [sheet.width, 0],
    [sheet.width, sheet.height],
    [0, sheet.height],
  ];
  const framed = corners.map(([x, y]): Point => {
    const dx = x - sheet.width / 2;
    const dy = y - sheet.height / 2;
    const jx = rng.uniform(-0.03, 0.03) * width;
    const jy = rng.uniform(-0.03, 0.03) * height;
    // Kept 1% inside the frame: a photo that cuts a corner off loses print no reading could recover.
    return [
      min(0.99 * width, max(0.01 * width, width / 2 + dx * cos(angle) - dy * sin(angle) + jx)),
      min(0.99 * height, max(0.01 * height, height / 2 + dx * sin(angle) + dy * cos(angle) + jy)),
    ];
  });
  const toSheet = homography(framed, corners);
  const curl = curlOf(rng, sheet.width, sheet.height);
  const desk = deskOf(rng, width, height);
  const photo = warp(
    sheet,
    width,
    height,
    (x, y) => {
      const [u, v] = project(toSheet, x, y);
      return u < 0 || v < 0 || u > sheet.width || v > sheet.height ? null : curl(u, v);
    },
    desk,
  );
  const cast: Rgb = [rng.uniform(0.94, 1.06), rng.uniform(0.97, 1.03), rng.uniform(0.88, 1.04)];
  return sensorNoise(
    multiplyBy(vignette(castShadow(photo, rng), rng), () => cast),
    rng,
    rng.uniform(2, 5),
  );
}

/** A sheet's edge lifting: near the curling side (right or bottom), points are read from further along the page. */
export function curlOf(rng: Rng, width: number, height: number): (u: number, v: number) => [number, number] {
  const lift = rng.uniform(0.005, 0.015) * height;
  const zone = rng.uniform(0.12, 0.2);
  if (rng.chance(0.5)) {
    const start = width * (1 - zone);
    return (u, v) => {
      const t = max(0, (u - start) / (width - start));
      return [u, v - lift * t * t * ((v - height / 2) / (height / 2))];
    };
  }
  const start = height * (1 - zone);
  return (u, v) => {
    const t = max(0, (v - start) / (height - start));
    return [u - lift * t * t * ((u - width / 2) / (width / 2)), v];
  };
}

/** The desk around the sheet: a dark colour, uneven over a few cells, with a grain in one direction. */
export function deskOf(rng: Rng, width: number, height: number): (x: number, y: number) => Rgb {
  const base = rng.pick(DESKS);
  const patches = smoothField(rng.fork('desk'), width, height, 5);
  const grain = smoothField(rng.fork('grain'), max(width, height), 1, 200);
  const across = rng.chance(0.5);
  return (x, y) => {
    const g = grain(across ? x : y, 0);
    const f = 0.8 + 0.4 * patches(x, y) + 0.25 * (g - 0.5);
    return [clampByte(base[0] * f), clampByte(base[1] * f), clampByte(base[2] * f)];
  };
}
