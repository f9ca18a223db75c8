// The only module that touches sharp: decoding, rotation, contrast normalisation, crops and PNG, WebP and JPEG encoding.
import sharp from 'sharp';
import type { PixelBox, Raster, RgbRaster } from './raster';

// Pages are processed once each: sharp's operation cache only holds memory. One libvips thread per call,
// because parallelism comes from running pages side by side, not from splitting one image.
sharp.cache(false);
sharp.concurrency(1);

const gray = (raster: Raster) =>
  sharp(Buffer.from(raster.data.buffer, raster.data.byteOffset, raster.data.byteLength), {
    raw: { width: raster.width, height: raster.height, channels: 1 },
  });

async function toRaster(image: sharp.Sharp): Promise<Raster> {
  const { data, info } = await image.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) {
    throw new Error(`expected one channel, got ${info.channels}`);
  }
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

/** Decodes any image sharp reads (PNG, JPEG) to a grayscale raster. */
export function decodeImage(bytes: Buffer): Promise<Raster> {
  return toRaster(sharp(bytes, { failOn: 'error' }).grayscale());
}

/**
 * Decodes a page's grey JPEG to RGB on a canvas of `width` x `height` (at most a pixel larger or smaller), as pdfjs
 * draws it pixel for pixel: white beyond it at the right and bottom. The JPEG's embedded colour profile is ignored,
 * as pdfjs ignores it; one that is not what the PDF declares (its size, one channel) or is damaged is refused.
 */
export async function decodePageJpeg(
  page: { jpeg: Uint8Array; width: number; height: number },
  width: number,
  height: number,
): Promise<RgbRaster> {
  const image = sharp(page.jpeg, { failOn: 'warning', ignoreIcc: true });
  const meta = await image.metadata();
  if (
    meta.format !== 'jpeg' ||
    meta.channels !== 1 ||
    meta.width !== page.width ||
    meta.height !== page.height ||
    Math.abs(width - page.width) > 1 ||
    Math.abs(height - page.height) > 1
  ) {
    throw new Error(
      `the page's JPEG (${meta.format}, ${meta.channels} channels, ${meta.width} x ${meta.height}) is not the declared grey ${page.width} x ${page.height} on ${width} x ${height}`,
    );
  }
  const { data, info } = await image
    .extend({ right: 1, bottom: 1, background: '#ffffff' })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    rgb.set(data.subarray(y * info.width * 3, y * info.width * 3 + width * 3), y * width * 3);
  }
  return { width, height, data: rgb };
}

/** Rotates by `degrees` clockwise about the centre onto white, keeping the raster's size. */
export async function rotateRaster(raster: Raster, degrees: number): Promise<Raster> {
  if (degrees === 0) {
    return raster;
  }
  const rotated = await toRaster(gray(raster).rotate(degrees, { background: '#ffffff' }));
  const left = Math.max(0, Math.round((rotated.width - raster.width) / 2));
  const top = Math.max(0, Math.round((rotated.height - raster.height) / 2));
  return toRaster(gray(rotated).extract({ left, top, width: raster.width, height: raster.height }));
}

/** Cuts `box` out of the raster (clipped to it), padded with `pad` pixels of white on every side. */
export function cropRaster(raster: Raster, box: PixelBox, pad = 0): Promise<Raster> {
  const left = Math.max(0, Math.floor(box.x));
  const top = Math.max(0, Math.floor(box.y));
  const width = Math.max(1, Math.min(raster.width - left, Math.ceil(box.width)));
  const height = Math.max(1, Math.min(raster.height - top, Math.ceil(box.height)));
  return toRaster(
    gray(raster)
      .extract({ left, top, width, height })
      .extend({ top: pad, bottom: pad, left: pad, right: pad, background: '#ffffff' }),
  );
}

/** Scales by `factor` (Lanczos). */
export function scaleRaster(raster: Raster, factor: number): Promise<Raster> {
  return toRaster(
    gray(raster).resize(
      Math.max(1, Math.round(raster.width * factor)),
      Math.max(1, Math.round(raster.height * factor)),
    ),
  );
}

/** Lossless PNG, fast compression: page images are written once and read a few times. */
export function encodePng(raster: Raster): Promise<Buffer> {
  return gray(raster).png({ compressionLevel: 3 }).toBuffer();
}

// What a person looks at (the page view, a cell's crop) is sent lossy, at quality 80, where 9 pt strokes keep clean
// edges at 100 DPI (lower blurs the thin strokes of Chinese characters): Shizuishan's scanned table page at 100 DPI is
// 586 kB as PNG, 154 kB as WebP, 217 kB as JPEG.
const VIEW_QUALITY = 80;

/** Lossy WebP for viewing. */
export function encodeWebp(raster: Raster): Promise<Buffer> {
  return gray(raster).webp({ quality: VIEW_QUALITY }).toBuffer();
}

/** Lossy JPEG for viewing, for clients without WebP. */
export function encodeJpeg(raster: Raster): Promise<Buffer> {
  return gray(raster).jpeg({ quality: VIEW_QUALITY }).toBuffer();
}

/** Turns by a multiple of 90 degrees clockwise (width and height swap for odd quarters). */
export function turnRaster(raster: Raster, degrees: 0 | 90 | 180 | 270): Promise<Raster> {
  return degrees === 0 ? Promise.resolve(raster) : toRaster(gray(raster).rotate(degrees));
}
