// Coffee rings and water stains: translucent brown rings and blotches of irregular outline, multiplied in.
import { applyInk, strokeMask } from './ink';
import type { RgbRaster } from './rgb-raster';
import { cloneRaster } from './rgb-raster';
import type { Rng } from './rng';
import type { Sheet } from './sheet';
import { smoothField } from './smooth-field';

// Tea and coffee dry to a light brown; water stains on aged paper are a paler yellow-brown.
const COFFEE = [150, 95, 45] as const;
const WATER = [190, 160, 110] as const;

/** One or two stains anywhere on the sheet, each a cup's ring or a blotch. */
export function stain(raster: RgbRaster, rng: Rng, sheet: Sheet): RgbRaster {
  const out = cloneRaster(raster);
  const mm = sheet.dpi / 25.4;
  for (let k = rng.int(1, 2); k > 0; k -= 1) {
    const cx = rng.uniform(0.1, 0.9) * raster.width;
    const cy = rng.uniform(0.1, 0.9) * raster.height;
    const wobble = smoothField(rng.fork(`stain${k}`), 360, 1, 6);
    if (rng.chance(0.6)) {
      // A cup's ring: 25-40 mm in radius (the foot of a mug or a paper cup), 1-3 mm of dried edge, an arc of
      // 60-100% of the circle (the cup was set down at a slant), opacity 25-50% (visible, the print still read through it).
      const radius = rng.uniform(25, 40) * mm;
      const start = rng.uniform(0, 2 * Math.PI);
      const arc = rng.uniform(0.6, 1) * 2 * Math.PI;
      const points = Array.from({ length: 121 }, (_, i) => {
        const a = start + (arc * i) / 120;
        const r = radius * (0.96 + 0.08 * wobble((360 * i) / 121, 0));
        return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as const;
      });
      // The dried edge is darker in places: 60-100% of the opacity, following a field over 40 cells.
      const mottle = smoothField(rng.fork(`mottle${k}`), raster.width, raster.height, 40);
      applyInk(
        out,
        strokeMask(points, rng.uniform(1, 3) * mm),
        COFFEE,
        rng.uniform(0.25, 0.5),
        (x, y) => 0.6 + 0.4 * mottle(x, y),
      );
    } else {
      // A blotch: 8-20 mm across, opacity 15-35%, filled by a spiral of strokes so its outline stays irregular.
      const radius = rng.uniform(8, 20) * mm;
      const points = Array.from({ length: 400 }, (_, i) => {
        const a = (i / 400) * 12 * Math.PI;
        const r = radius * (i / 400) * (0.8 + 0.4 * wobble(((a * 180) / Math.PI) % 360, 0));
        return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as const;
      });
      applyInk(out, strokeMask(points, radius / 4), WATER, rng.uniform(0.15, 0.35));
    }
  }
  return out;
}
