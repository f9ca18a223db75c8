// The searchable PDF of a photographed page: text read on the flattened sheet is placed back on the photo through
// the sheet's corners, where the words are in the photo (pdftotext reads the positions back).
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { withTextLayer } from '../../shared/adapters/searchable-pdf.adapter';
import type { Quad } from '../../shared/domain/homography';

const run = promisify(execFile);

/** A blank page of `width` x `height` points (the photo), as a PDF. */
async function photoPage(width: number, height: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([width, height]);
  return pdf.save();
}

/** Each word's box as pdftotext reads it (points, top-left origin). */
async function wordBoxes(pdf: Uint8Array): Promise<{ word: string; x: number; y: number }[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docpipe-sheet-'));
  await writeFile(path.join(dir, 'p.pdf'), pdf);
  const { stdout } = await run('pdftotext', ['-bbox', path.join(dir, 'p.pdf'), '-']);
  return [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)<\/word>/g)].map((m) => ({
    word: m[3],
    x: Number(m[1]),
    y: Number(m[2]),
  }));
}

describe('the searchable PDF of a photographed sheet', () => {
  it('puts a word read on the flattened sheet where the sheet shows it in the photo', async () => {
    // The photo is 1000 x 1300 pt; the A4 sheet's corners in it are a keystone, the sheet flattened to 595 x 842.
    const sheet: Quad = [
      { x: 200, y: 150 },
      { x: 800, y: 180 },
      { x: 830, y: 1150 },
      { x: 160, y: 1120 },
    ];
    const text = {
      page: 1,
      width: 595.28,
      height: 841.89,
      rotation: 0,
      skewDegrees: 0,
      sheet,
      runs: [
        { text: 'corner', bbox: { x: 0, y: 0, width: 60, height: 12 } },
        { text: 'middle', bbox: { x: 297.64, y: 420.945, width: 60, height: 12 } },
      ],
    };
    const words = await wordBoxes(await withTextLayer(await photoPage(1000, 1300), [text]));
    const corner = words.find((w) => w.word === 'corner');
    const middle = words.find((w) => w.word === 'middle');
    // The sheet's top-left corner is the photo's (200, 150); without the sheet the word would be at (0, 0).
    expect(Math.hypot((corner?.x ?? 0) - 200, (corner?.y ?? 0) - 150)).toBeLessThan(10);
    // The sheet's middle lies where its diagonals cross in the photo, (498.2, 623.3); a mere scaling of the sheet
    // onto the photo would put it at (500, 650).
    expect(Math.hypot((middle?.x ?? 0) - 498.2, (middle?.y ?? 0) - 623.3)).toBeLessThan(10);
  });
});
