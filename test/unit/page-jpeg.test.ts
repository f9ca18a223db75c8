import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { openPdf, openPdfFile } from '../../shared/adapters/pdf.adapter';
import { pageJpegs, singleDrawing } from '../../shared/adapters/page-jpeg.adapter';
import * as images from '../../shared/adapters/image.adapter';

// A 300 dpi grey "scan" 1.2 x 1.6 in: strokes of print on paper, as a JPEG.
const [W, H] = [360, 480];
async function scanJpeg(): Promise<Buffer> {
  const pixels = Buffer.alloc(W * H, 235);
  for (let y = 40; y < H - 40; y += 24) {
    for (let x = 30; x < W - 30; x += 1) {
      if ((x >> 3) % 3 !== 0) {
        pixels.fill(30, y * W + x, y * W + x + 1);
        pixels.fill(30, (y + 1) * W + x, (y + 1) * W + x + 1);
      }
    }
  }
  return sharp(pixels, { raw: { width: W, height: H, channels: 1 } }).jpeg({ quality: 85 }).toBuffer();
}

/** A one-page PDF of the JPEG drawn at `box` (points) on a page of the JPEG's size at 300 dpi, then `extra`. */
async function pdfOf(jpeg: Buffer, box?: { x: number; y: number; width: number; height: number }, extra?: (page: ReturnType<PDFDocument['addPage']>, pdf: PDFDocument) => Promise<void>): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const size: [number, number] = [(W * 72) / 300, (H * 72) / 300];
  const page = pdf.addPage(size);
  page.drawImage(await pdf.embedJpg(jpeg), box ?? { x: 0, y: 0, width: size[0], height: size[1] });
  await extra?.(page, pdf);
  return pdf.save();
}

describe('a page that is one JPEG', () => {
  it('reads what a content stream draws: one XObject under q/cm, nothing else', () => {
    expect(singleDrawing('q 86.4 0 0 115.2 0 0 cm /Im0 Do Q')).toEqual({ name: 'Im0', matrix: [86.4, 0, 0, 115.2, 0, 0] });
    // Matrices compose, the inner applied first.
    expect(singleDrawing('q 2 0 0 2 10 20 cm q 3 0 0 4 1 1 cm /X Do Q Q')?.matrix).toEqual([6, 0, 0, 8, 12, 22]);
    expect(singleDrawing('q 1 0 0 1 0 0 cm /Im0 Do Q BT /F1 12 Tf (x) Tj ET')).toBeNull();
    expect(singleDrawing('q /Im0 Do Q q /Im1 Do Q')).toBeNull();
    expect(singleDrawing('0 0 10 10 re f q 1 0 0 1 0 0 cm /Im0 Do Q')).toBeNull();
    expect(singleDrawing('q 1 0 0 cm /Im0 Do Q')).toBeNull();
    expect(singleDrawing('')).toBeNull();
  });

  it('is found when it covers the page exactly, and not when the page holds more or places it otherwise', async () => {
    const jpeg = await scanJpeg();
    const found = (await pageJpegs(await pdfOf(jpeg))).of(1);
    expect(found).toEqual({ jpeg: expect.any(Uint8Array), width: W, height: H });
    expect(Buffer.from(found!.jpeg).equals(jpeg)).toBe(true);
    expect((await pageJpegs(await pdfOf(jpeg, { x: 10, y: 10, width: 60, height: 90 }))).of(1)).toBeNull();
    const withText = await pdfOf(jpeg, undefined, async (page, pdf) => {
      page.drawText('note', { x: 5, y: 5, size: 8, font: await pdf.embedFont(StandardFonts.Helvetica) });
    });
    expect((await pageJpegs(withText)).of(1)).toBeNull();
    const rotated = await PDFDocument.load(await pdfOf(jpeg));
    rotated.getPage(0).setRotation({ type: 'degrees', angle: 90 } as never);
    expect((await pageJpegs(await rotated.save())).of(1)).toBeNull();
    expect((await pageJpegs(await pdfOf(jpeg))).of(2)).toBeNull();
    for (const key of ['Decode', 'DecodeParms']) {
      const remapped = await PDFDocument.load(await pdfOf(jpeg));
      const [, image] = remapped.context.enumerateIndirectObjects().find(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) as [unknown, PDFRawStream];
      image.dict.set(PDFName.of(key), key === 'Decode' ? remapped.context.obj([1, 0]) : remapped.context.obj({ ColorTransform: 0 }));
      expect((await pageJpegs(await remapped.save())).of(1)).toBeNull();
    }
    expect((await pageJpegs(Buffer.from('%PDF-1.4 not a pdf'))).of(1)).toBeNull();
  });

  it('decodes to what pdfjs renders at the JPEG\'s resolution, and leaves other resolutions to pdfjs', async () => {
    const bytes = await pdfOf(await scanJpeg());
    const dir = await mkdtemp(path.join(os.tmpdir(), 'page-jpeg-'));
    try {
      await writeFile(path.join(dir, 'scan.pdf'), bytes);
      const [decoded, rendered] = [await openPdf(bytes), await openPdfFile(path.join(dir, 'scan.pdf'))];
      const decodes = jest.spyOn(images, 'decodePageJpeg');
      for (const dpi of [300, 200]) {
        const [a, b] = [await decoded.renderColour(1, dpi), await rendered.renderColour(1, dpi)];
        expect(decodes).toHaveBeenCalledTimes(1);
        expect([a.width, a.height]).toEqual([b.width, b.height]);
        const worst = a.data.reduce((m, v, i) => Math.max(m, Math.abs(v - b.data[i])), 0);
        // Two JPEG decoders differ by a level at most; at 200 dpi both are pdfjs's render.
        expect(worst).toBeLessThanOrEqual(dpi === 300 ? 1 : 0);
      }
      await Promise.all([decoded.close(), rendered.close()]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
