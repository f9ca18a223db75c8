// The only module that touches pdfjs-dist: opening PDFs, page sizes, text layers and rendering to grayscale.
import { open as openFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors/errors';
import type { Raster, RgbRaster } from './raster';
import { decodePageJpeg } from './image.adapter';
import { PageJpeg, pageJpegs } from './page-jpeg.adapter';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });
type PdfDocumentProxy = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;

let pdfjsPromise: Promise<Pdfjs> | undefined;
// pdfjs-dist is an ES module; the legacy build is the one meant for Node.
const loadPdfjs = () => (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
// CJK PDFs without embedded fonts need pdfjs's CMaps and standard fonts; read from the package, never a CDN.
const assets = {
  cMapUrl: `${path.join(pdfjsRoot, 'cmaps')}/`,
  cMapPacked: true,
  standardFontDataUrl: `${path.join(pdfjsRoot, 'standard_fonts')}/`,
};

/** A run of text from the text layer, its box in PDF points with the origin at the top-left. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfFile {
  pageCount: number;
  /** Page size in points, after the page's own /Rotate. */
  pageSize(page: number): Promise<{ width: number; height: number }>;
  textRuns(page: number): Promise<TextRun[]>;
  /** Renders at `dpi` to grayscale. */
  render(page: number, dpi: number): Promise<Raster>;
  /** Renders at `dpi` in colour: scans are normalised from it (inks told apart by their colour). */
  renderColour(page: number, dpi: number): Promise<RgbRaster>;
  close(): Promise<void>;
}

// Images over 100 megapixels are not decoded (pdfjs leaves them out of the render): a 600 dpi scan of an A3
// page is 70 megapixels, while a 40000 x 40000 image, 1.5 MB compressed, decodes to 1.6 gigapixels (3.4 GB
// and two minutes for one page, measured). A page that loses its image reads as blank and its report says so.
const MAX_IMAGE_PIXELS = 100_000_000;

/** Opens a PDF held in memory, or throws InputError with a reason a person understands. */
export async function openPdf(bytes: Uint8Array): Promise<PdfFile> {
  checkHeader(bytes.subarray(0, 1024));
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy. A page that is one grey JPEG is
  // decoded from its bytes rather than rendered (page-jpeg.adapter.ts): the file's structure is read when the first
  // page is rendered in colour, the bytes let go then (or kept until close if no page ever is).
  let source: Uint8Array | undefined = bytes;
  let jpegs: Promise<(PageJpeg | null)[]> | undefined;
  return openSource({ data: new Uint8Array(bytes) }, async (n, pageCount) => {
    jpegs ??= pageJpegs(source ?? new Uint8Array(0), pageCount).finally(() => {
      source = undefined;
    });
    return (await jpegs)[n - 1] ?? null;
  });
}

/**
 * Opens a PDF file on disk, reading only the byte ranges pdfjs asks for (no streaming, no auto-fetch): a 200 MB
 * upload is checked without holding it in memory.
 */
export async function openPdfFile(filePath: string): Promise<PdfFile> {
  const handle = await openFile(filePath, 'r');
  try {
    const head = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    checkHeader(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
  return openSource({ url: pathToFileURL(filePath).href, disableStream: true, disableAutoFetch: true });
}

function checkHeader(head: Uint8Array): void {
  if (!Buffer.from(head).includes('%PDF-')) {
    throw new InputError('the file is not a PDF (no %PDF- header)', 'not-pdf');
  }
}

type PageJpegOf = (page: number, pageCount: number) => Promise<PageJpeg | null>;

async function openSource(
  source: { data: Uint8Array } | { url: string; disableStream: boolean; disableAutoFetch: boolean },
  jpegOf?: PageJpegOf,
): Promise<PdfFile> {
  const pdfjs = await loadPdfjs();
  let doc: PdfDocumentProxy;
  try {
    doc = await pdfjs.getDocument({
      ...source,
      verbosity: 0,
      isEvalSupported: false,
      maxImageSize: MAX_IMAGE_PIXELS,
      ...assets,
    }).promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new InputError('the PDF is password-protected', 'pdf-encrypted');
    }
    throw new InputError(`the PDF cannot be read: ${(error as Error).message}`, 'pdf-unreadable');
  }
  return wrap(doc, jpegOf);
}

function wrap(doc: PdfDocumentProxy, jpegOf?: PageJpegOf): PdfFile {
  return {
    pageCount: doc.numPages,
    async pageSize(n) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      return { width, height };
    },
    async textRuns(n) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') {
          continue;
        }
        // transform = [a, b, c, d, e, f]: (e, f) is the baseline origin in PDF space; the font size is |d|.
        const [, , , d, e, f] = item.transform as number[];
        const size = Math.abs(d) || item.height;
        const [x, baseline] = viewport.convertToViewportPoint(e, f);
        // Glyphs rise about 0.88 of the font size above the baseline and fall 0.12 below it (CJK fonts).
        runs.push({ text: item.str, x, y: baseline - size * 0.88, width: item.width, height: size });
      }
      return runs;
    },
    async render(n, dpi) {
      return renderPixels(doc, n, dpi, (width, height, rgba) => {
        const data = new Uint8Array(width * height);
        for (let i = 0, j = 0; j < data.length; i += 4, j += 1) {
          data[j] = grayWithoutStamps(rgba[i], rgba[i + 1], rgba[i + 2]);
        }
        return { width, height, data };
      });
    },
    async renderColour(n, dpi) {
      const jpeg = jpegOf ? await jpegOf(n, doc.numPages) : null;
      const decoded = jpeg ? await decodedAt(await doc.getPage(n), jpeg, dpi) : null;
      if (decoded) {
        return decoded;
      }
      return renderPixels(doc, n, dpi, (width, height, rgba) => {
        const data = new Uint8Array(width * height * 3);
        for (let i = 0, j = 0; j < data.length; i += 4, j += 3) {
          data[j] = rgba[i];
          data[j + 1] = rgba[i + 1];
          data[j + 2] = rgba[i + 2];
        }
        return { width, height, data };
      });
    },
    async close() {
      await doc.destroy();
    },
  };
}

// A page's JPEG is its render when pdfjs would draw it pixel for pixel: its size and place on the canvas within a
// hundredth of a pixel of its own (a writer's rounding of the page size in points), where pdfjs would not resample.
const PIXEL_TOLERANCE = 0.01;

/**
 * The page's JPEG decoded, if at `dpi` pdfjs would draw it pixel for pixel from the canvas's top left corner, or
 * null: any other page, and a JPEG libjpeg-turbo refuses or finds other than the PDF says, is pdfjs's to render.
 */
async function decodedAt(
  page: Awaited<ReturnType<PdfDocumentProxy['getPage']>>,
  jpeg: PageJpeg,
  dpi: number,
): Promise<RgbRaster | null> {
  const s = dpi / 72;
  const [x0, , , y1] = page.view;
  const { placed } = jpeg;
  const exact = (v: number) => Math.abs(v) < PIXEL_TOLERANCE;
  if (
    page.rotate % 360 !== 0 ||
    !exact(placed.width * s - jpeg.width) ||
    !exact(placed.height * s - jpeg.height) ||
    !exact((placed.x - x0) * s) ||
    !exact((y1 - placed.y - placed.height) * s)
  ) {
    return null;
  }
  const viewport = page.getViewport({ scale: s });
  return decodePageJpeg(jpeg, Math.ceil(viewport.width), Math.ceil(viewport.height)).catch(() => null);
}

/** Renders page `n` on white at `dpi` and hands its RGBA pixels to `convert`. */
async function renderPixels<T>(
  doc: PdfDocumentProxy,
  n: number,
  dpi: number,
  convert: (width: number, height: number, rgba: Uint8ClampedArray) => T,
): Promise<T> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    target.context.fillStyle = '#ffffff';
    target.context.fillRect(0, 0, target.canvas.width, target.canvas.height);
    await page.render({ canvasContext: target.context, viewport, canvas: target.canvas }).promise;
    const { width, height } = target.canvas;
    return convert(width, height, target.context.getImageData(0, 0, width, height).data);
  } finally {
    factory.destroy(target);
    page.cleanup();
  }
}

interface CanvasTarget {
  canvas: { width: number; height: number };
  context: {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasTarget;
  destroy(target: CanvasTarget): void;
}

// Seals and stamps (公章) are red or blue; print is black. Chroma (max - min channel) tells them apart: gray
// print and scanner noise stay under about 30, seal ink is 80-170. Coloured pixels take their brightest
// channel, which for red or blue ink is near paper, so the seal leaves the page while black print under it,
// dark in every channel, stays. Between the two bounds the gray blends, so no hard edge is drawn.
const CHROMA_PRINT = 30;
const CHROMA_STAMP = 70;

/** ITU-R BT.601 luma, with coloured (stamp) ink lifted towards its brightest channel. */
export function grayWithoutStamps(r: number, g: number, b: number): number {
  const luma = (r * 299 + g * 587 + b * 114) / 1000;
  const chroma = Math.max(r, g, b) - Math.min(r, g, b);
  if (chroma <= CHROMA_PRINT) {
    return luma;
  }
  const share = Math.min(1, (chroma - CHROMA_PRINT) / (CHROMA_STAMP - CHROMA_PRINT));
  return luma + (Math.max(r, g, b) - luma) * share;
}
