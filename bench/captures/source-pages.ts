// The clean source of a capture: each page of a report's born-digital PDF, rendered in colour by poppler's
// pdftoppm (the renderer render.py uses), with its words' boxes from the PDF's text layer.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openPdfFile } from '../../shared/adapters/pdf.adapter';
import type { RgbRaster } from './rgb-raster';
import type { WordBox } from './sheet';

const run = promisify(execFile);

// The resolution pages are printed at before any capture: 300 dpi is finer than every device drawn (scanners
// to 300, phones to 170 on the sheet, faxes to 200), so each samples down from it as from paper.
export const SOURCE_DPI = 300;

/** A PDF's pages: how many, and each rendered with its words. */
export interface SourceDocument {
  pageCount: number;
  page(n: number): Promise<{ raster: RgbRaster; words: WordBox[] }>;
  close(): Promise<void>;
}

/** Opens the born-digital `pdf` for rendering at SOURCE_DPI. */
export async function openSource(pdf: string): Promise<SourceDocument> {
  const file = await openPdfFile(pdf);
  const scale = SOURCE_DPI / 72;
  return {
    pageCount: file.pageCount,
    page: async (n) => {
      const [raster, runs] = await Promise.all([renderPage(pdf, n), file.textRuns(n)]);
      const words = runs.map((r) => ({
        text: r.text,
        x: r.x * scale,
        y: r.y * scale,
        width: r.width * scale,
        height: r.height * scale,
      }));
      return { raster, words };
    },
    close: () => file.close(),
  };
}

/** Page `n` (from 1) of `pdf` at SOURCE_DPI as RGB, read from pdftoppm's binary PPM on stdout. */
async function renderPage(pdf: string, n: number): Promise<RgbRaster> {
  // An A4 page at 300 dpi is 26 MB of RGB; 64 MB leaves room for larger sheets.
  const { stdout } = await run('pdftoppm', ['-r', String(SOURCE_DPI), '-f', String(n), '-l', String(n), pdf], {
    encoding: 'buffer',
    maxBuffer: 1 << 26,
  });
  return parsePpm(stdout);
}

/** A binary PPM (P6, maxval 255): header "P6 width height 255" then RGB bytes. */
function parsePpm(bytes: Buffer): RgbRaster {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) {
    throw new Error('pdftoppm did not give a binary 8-bit PPM');
  }
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  return { width, height, data: new Uint8Array(bytes.subarray(start, start + width * height * 3)) };
}
