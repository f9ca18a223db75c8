// Small synthetic images for tests of the reading mechanisms.
import type { Raster, RgbRaster } from '../../shared/adapters/raster';

/** A white raster with rectangles [x, y, w, h] painted at `level` (black by default). */
export function raster(width: number, height: number, boxes: [number, number, number, number][], level = 0): Raster {
  const image = { width, height, data: new Uint8Array(width * height).fill(255) };
  paint(image, boxes, level);
  return image;
}

/** Paints rectangles [x, y, w, h] at `level`, in place. */
export function paint(image: Raster, boxes: [number, number, number, number][], level = 0): void {
  for (const [x0, y0, w, h] of boxes) {
    for (let y = Math.max(0, y0); y < Math.min(image.height, y0 + h); y += 1) {
      image.data.fill(level, y * image.width + Math.max(0, x0), y * image.width + Math.min(image.width, x0 + w));
    }
  }
}

/** The grey raster as colour (each channel the grey): what a PDF of a grey scan renders to. */
export function rgbOf(raster: Raster): RgbRaster {
  const data = new Uint8Array(raster.data.length * 3);
  raster.data.forEach((v, i) => data.fill(v, i * 3, i * 3 + 3));
  return { width: raster.width, height: raster.height, data };
}
