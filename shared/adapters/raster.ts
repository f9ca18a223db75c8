// A grayscale raster (one byte per pixel, 0 black .. 255 white): the image type the pure domain code works on.

export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A colour raster: three bytes a pixel (red, green, blue), row-major. Scans are normalised from it. */
export interface RgbRaster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A rectangle in raster pixels. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Ink on a normalised page (paper 255, print at most half its local contrast from black): darker than
 * mid-gray. (Otsu would split paper from paper noise on a crop or a page that holds almost no ink.) */
export const INK_LEVEL = 128;

/** Share of ink pixels in the whole raster, at INK_LEVEL. */
export function inkShareOf(raster: Raster): number {
  return inkShare(inkMask(raster, INK_LEVEL), raster.width, raster.height, {
    x: 0,
    y: 0,
    width: raster.width,
    height: raster.height,
  });
}

/** Otsu's threshold, as the level below which a pixel is ink (`inkMask`): the darker class is the levels up to
 * Otsu's split, that level included. (Returning the split itself lost every ink pixel of a pure black-and-white
 * page, where any split between 0 and 255 is as good and the first, 0, was taken: a fax page read with no
 * rulings.) */
export function otsuThreshold(raster: Raster): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of raster.data) {
    hist[v] += 1;
  }
  const total = raster.data.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i += 1) {
    sumAll += i * hist[i];
  }
  let sumBack = 0;
  let weightBack = 0;
  let best = 127;
  let bestVar = -1;
  for (let t = 0; t < 256; t += 1) {
    weightBack += hist[t];
    if (weightBack === 0) {
      continue;
    }
    const weightFore = total - weightBack;
    if (weightFore === 0) {
      break;
    }
    sumBack += t * hist[t];
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const between = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (between > bestVar) {
      bestVar = between;
      best = t;
    }
  }
  return best + 1;
}

/** 1 where the pixel is ink (darker than `threshold`), else 0. */
export function inkMask(raster: Raster, threshold: number): Uint8Array {
  const mask = new Uint8Array(raster.data.length);
  for (let i = 0; i < raster.data.length; i += 1) {
    mask[i] = raster.data[i] < threshold ? 1 : 0;
  }
  return mask;
}

/** Share of ink pixels inside `box` (clipped to the raster). */
export function inkShare(mask: Uint8Array, width: number, height: number, box: PixelBox): number {
  const x0 = Math.max(0, Math.round(box.x));
  const y0 = Math.max(0, Math.round(box.y));
  const x1 = Math.min(width, Math.round(box.x + box.width));
  const y1 = Math.min(height, Math.round(box.y + box.height));
  if (x1 <= x0 || y1 <= y0) {
    return 0;
  }
  let ink = 0;
  for (let y = y0; y < y1; y += 1) {
    const row = y * width;
    for (let x = x0; x < x1; x += 1) {
      ink += mask[row + x];
    }
  }
  return ink / ((x1 - x0) * (y1 - y0));
}

/** Paints `boxes` white, in place: used to hide tables and photos from prose OCR. */
export function whiteOut(raster: Raster, boxes: readonly PixelBox[]): void {
  for (const box of boxes) {
    const x0 = Math.max(0, Math.floor(box.x));
    const y0 = Math.max(0, Math.floor(box.y));
    const x1 = Math.min(raster.width, Math.ceil(box.x + box.width));
    const y1 = Math.min(raster.height, Math.ceil(box.y + box.height));
    for (let y = y0; y < y1; y += 1) {
      raster.data.fill(255, y * raster.width + x0, y * raster.width + x1);
    }
  }
}

/** Lays rasters side by side on white, tops aligned, `gap` pixels apart: text lines become one line. */
export function sideBySide(parts: readonly Raster[], gap: number): Raster {
  const width = parts.reduce((w, p) => w + p.width, 0) + gap * Math.max(0, parts.length - 1);
  const height = Math.max(1, ...parts.map((p) => p.height));
  const data = new Uint8Array(width * height).fill(255);
  let left = 0;
  for (const part of parts) {
    for (let y = 0; y < part.height; y += 1) {
      data.set(part.data.subarray(y * part.width, (y + 1) * part.width), y * width + left);
    }
    left += part.width + gap;
  }
  return { width, height, data };
}

/** Cuts `box` out of the raster (clipped to it), with `pad` pixels of white around: plain copies, far
 * cheaper than an image library's pipeline for the hundreds of small cell crops of a table. */
export function cut(raster: Raster, box: PixelBox, pad = 0): Raster {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const w = Math.max(1, Math.min(raster.width - x0, Math.ceil(box.width)));
  const h = Math.max(1, Math.min(raster.height - y0, Math.ceil(box.height)));
  const width = w + 2 * pad;
  const data = new Uint8Array(width * (h + 2 * pad)).fill(255);
  for (let y = 0; y < h; y += 1) {
    data.set(
      raster.data.subarray((y0 + y) * raster.width + x0, (y0 + y) * raster.width + x0 + w),
      (y + pad) * width + pad,
    );
  }
  return { width, height: h + 2 * pad, data };
}
