// Captured pages into an image-only PDF, as a scanner or a phone app saves them: one image a page, the page's
// size taken from the image's pixels and its header resolution (a scan: the sheet's size; a phone: pixels at 72 dpi).
import { writeFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { CapturedPage } from './families';
import type { RgbRaster } from './rgb-raster';

/** A page's image file and what the PDF needs to place it. */
export interface EncodedPage {
  image: Buffer;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  headerDpi: number;
}

/** The page's image file: JPEG or PNG, its resolution also written into the image's own header. */
export async function encodePage(page: CapturedPage): Promise<EncodedPage> {
  const image = rawImage(page.raster).withMetadata({ density: page.headerDpi });
  const bytes = await (page.encoding.format === 'jpeg'
    ? // 4:2:0 chroma subsampling: what phones and scanners write by default.
      image.jpeg({ quality: page.encoding.quality, chromaSubsampling: '4:2:0' }).toBuffer()
    : // A fax is black and white: one grey channel, which sharp packs to 1 bit a pixel.
      image.toColourspace('b-w').png({ colours: 2 }).toBuffer());
  return {
    image: bytes,
    format: page.encoding.format,
    width: page.raster.width,
    height: page.raster.height,
    headerDpi: page.headerDpi,
  };
}

/** A PNG of `raster`, for people to look at a page. */
export function pngOf(raster: RgbRaster): Promise<Buffer> {
  return rawImage(raster).png().toBuffer();
}

const rawImage = (raster: RgbRaster) =>
  sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 3 } });

/** Writes the pages, in order, as an image-only PDF at `file`. */
export async function writeCapturePdf(file: string, pages: readonly EncodedPage[]): Promise<void> {
  const pdf = await PDFDocument.create();
  for (const page of pages) {
    const embedded = page.format === 'jpeg' ? await pdf.embedJpg(page.image) : await pdf.embedPng(page.image);
    const width = (page.width * 72) / page.headerDpi;
    const height = (page.height * 72) / page.headerDpi;
    pdf.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
  }
  await writeFile(file, await pdf.save());
}
