// Aged paper and faded toner: the sheet yellows unevenly and the print turns grey (old archive copies, toner
// running low). Both vary slowly over the page, as real ageing does.
import { type RgbRaster, clampByte } from './rgb-raster';
import type { Rng } from './rng';
import { smoothField } from './smooth-field';

/**
 * Fades the print to `contrast` of its darkness (drawn in 0.3-0.6: the "30-60% of normal"; black
 * toner becomes a grey of 100-180) varying by +-0.05 over the page, then tints the paper a yellow that is
 * uneven (its strength follows a smooth field over 3-6 cells, from a quarter to all of the drawn tint).
 */
export function agePaper(raster: RgbRaster, rng: Rng): RgbRaster {
  const contrast = rng.uniform(0.3, 0.6);
  // Aged office paper measures about (245, 235, 205) against new paper's white; the blue channel drops most.
  const tint = [rng.uniform(240, 252), rng.uniform(226, 242), rng.uniform(185, 215)];
  const fade = smoothField(rng.fork('fade'), raster.width, raster.height, rng.int(2, 5));
  const strength = smoothField(rng.fork('tint'), raster.width, raster.height, rng.int(3, 6));
  const out = new Uint8Array(raster.data.length);
  for (let y = 0; y < raster.height; y += 1) {
    for (let x = 0; x < raster.width; x += 1) {
      const c = contrast + 0.1 * (fade(x, y) - 0.5);
      const s = 0.25 + 0.75 * strength(x, y);
      const i = 3 * (y * raster.width + x);
      for (let k = 0; k < 3; k += 1) {
        const faded = 255 - (255 - raster.data[i + k]) * c;
        out[i + k] = clampByte((faded * (255 - s * (255 - tint[k]))) / 255);
      }
    }
  }
  return { width: raster.width, height: raster.height, data: out };
}
