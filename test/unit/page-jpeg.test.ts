import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { openPdf, openPdfFile } from '../../shared/adapters/pdf.adapter';
import { pageJpegs, singleDrawing } from '../../shared/adapters/page-jpeg.adapter';
import * as images from '../../shared/adapters/image.adapter';

// A 300 dpi "scan" 1.2 x 1.6 in: strokes of print on paper, as a JPEG (grey, or in colour with a red mark).
const [W, H] = [360, 480];
async function scanJpeg(colour = false): Promise<Buffer> {
  const pixels = Buffer.alloc(W * H * 3, 235);
  for (let y = 40; y < H - 40; y += 24) {
    for (let x = 30; x < W - 30; x += 1) {
      if ((x >> 3) % 3 !== 0) {
        for (const row of [y, y + 1]) {
          pixels.fill(30, (row * W + x) * 3, (row * W + x) * 3 + 3);
        }
      }
    }
  }
  if (colour) {
    for (let i = 0; i < 40 * W; i += 1) {
      pixels.set([200, 40, 40], (100 * W + i) * 3);
    }
  }
  const image = sharp(pixels, { raw: { width: W, height: H, channels: 3 } });
  return (colour ? image : image.toColourspace('b-w')).jpeg({ quality: 85 }).toBuffer();
}

const SIZE: [number, number] = [(W * 72) / 300, (H * 72) / 300];

/** A one-page PDF of the JPEG drawn at `box` (points; default the whole page) on a page of `size`, then `extra`. */
async function pdfOf(
  jpeg: Buffer,
  options: {
    box?: { x: number; y: number; width: number; height: number };
    size?: [number, number];
    extra?: (page: ReturnType<PDFDocument['addPage']>, pdf: PDFDocument) => Promise<void>;
  } = {},
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const size = options.size ?? SIZE;
  const page = pdf.addPage(size);
  page.drawImage(await pdf.embedJpg(jpeg), options.box ?? { x: 0, y: 0, width: size[0], height: size[1] });
  await options.extra?.(page, pdf);
  return pdf.save();
}

const found = async (bytes: Uint8Array) => (await pageJpegs(bytes, 1))[0];

/** The first image stream of a PDF, to edit its dictionary. */
const imageOf = (pdf: PDFDocument) =>
  (
    pdf.context
      .enumerateIndirectObjects()
      .find(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) as [
      unknown,
      PDFRawStream,
    ]
  )[1];

describe('a page that is one JPEG', () => {
  it('reads what a content stream draws: one XObject under q/cm, nothing else', () => {
    expect(singleDrawing('q 86.4 0 0 115.2 0 0 cm /Im0 Do Q')).toEqual({
      name: 'Im0',
      matrix: [86.4, 0, 0, 115.2, 0, 0],
    });
    // Matrices compose, the inner applied first.
    expect(singleDrawing('q 2 0 0 2 10 20 cm q 3 0 0 4 1 1 cm /X Do Q Q')?.matrix).toEqual([6, 0, 0, 8, 12, 22]);
    expect(singleDrawing('q 1 0 0 1 0 0 cm /Im0 Do Q BT /F1 12 Tf (x) Tj ET')).toBeNull();
    expect(singleDrawing('q /Im0 Do Q q /Im1 Do Q')).toBeNull();
    expect(singleDrawing('0 0 10 10 re f q 1 0 0 1 0 0 cm /Im0 Do Q')).toBeNull();
    expect(singleDrawing('q 1 0 0 cm /Im0 Do Q')).toBeNull();
    // pdfjs ignores a Q with nothing saved, where this would reset the matrix: refused.
    expect(singleDrawing('2 0 0 2 0 0 cm Q /Im0 Do')).toBeNull();
    // A vertical tab is not PDF white space.
    expect(singleDrawing('q\v1 0 0 1 0 0 cm /Im0 Do Q')).toBeNull();
    expect(singleDrawing('')).toBeNull();
  });

  it('is found when grey and drawn plainly, and not when the page holds more or the image is coloured or remapped', async () => {
    const jpeg = await scanJpeg();
    const plain = await found(await pdfOf(jpeg));
    expect(plain).toEqual({
      jpeg: expect.any(Uint8Array),
      width: W,
      height: H,
      placed: { x: 0, y: 0, width: SIZE[0], height: SIZE[1] },
    });
    expect(Buffer.from(plain!.jpeg).equals(jpeg)).toBe(true);
    expect(await found(await pdfOf(await scanJpeg(true)))).toBeNull();
    const withText = await pdfOf(jpeg, {
      extra: async (page, pdf) => {
        page.drawText('note', { x: 5, y: 5, size: 8, font: await pdf.embedFont(StandardFonts.Helvetica) });
      },
    });
    expect(await found(withText)).toBeNull();
    for (const key of ['Decode', 'DecodeParms', 'OC']) {
      const remapped = await PDFDocument.load(await pdfOf(jpeg));
      imageOf(remapped).dict.set(
        PDFName.of(key),
        key === 'Decode' ? remapped.context.obj([1, 0]) : remapped.context.obj({ ColorTransform: 0 }),
      );
      expect(await found(await remapped.save())).toBeNull();
    }
    // pdfjs's page count is the reference: a disagreement leaves every page to pdfjs.
    expect(await pageJpegs(await pdfOf(jpeg), 2)).toEqual([null, null]);
    expect(await pageJpegs(Buffer.from('%PDF-1.4 not a pdf'), 1)).toEqual([null]);
  });

  it('decodes to what pdfjs renders where pdfjs draws it pixel for pixel, and leaves every other page to pdfjs', async () => {
    const jpeg = await scanJpeg();
    const inverted = await PDFDocument.load(await pdfOf(jpeg));
    // The same box with its corners given top first: pdfjs orders them, and so the page is drawn as before.
    inverted.getPage(0).node.set(PDFName.of('MediaBox'), inverted.context.obj([0, SIZE[1], SIZE[0], 0]));
    const rotated = await PDFDocument.load(await pdfOf(jpeg));
    rotated.getPage(0).setRotation({ type: 'degrees', angle: 90 } as never);
    const cases: { name: string; bytes: Uint8Array; dpi: number; decoded: boolean }[] = [
      { name: 'its own resolution', bytes: await pdfOf(jpeg), dpi: 300, decoded: true },
      { name: 'another resolution', bytes: await pdfOf(jpeg), dpi: 200, decoded: false },
      {
        name: 'placed 0.4 pt in',
        bytes: await pdfOf(jpeg, {
          box: { x: 0.4, y: 0, width: SIZE[0], height: SIZE[1] },
          size: [SIZE[0] + 0.4, SIZE[1]],
        }),
        dpi: 300,
        decoded: false,
      },
      {
        name: 'stretched by 0.9 px',
        bytes: await pdfOf(jpeg, { size: [SIZE[0] + 0.216, SIZE[1]] }),
        dpi: 300,
        decoded: false,
      },
      { name: 'a box given top first', bytes: await inverted.save(), dpi: 300, decoded: true },
      {
        name: 'an image drawn upside down',
        bytes: await pdfOf(jpeg, { box: { x: 0, y: SIZE[1], width: SIZE[0], height: -SIZE[1] } }),
        dpi: 300,
        decoded: false,
      },
      { name: 'a turned page', bytes: await rotated.save(), dpi: 300, decoded: false },
    ];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'page-jpeg-'));
    const decodes = jest.spyOn(images, 'decodePageJpeg');
    try {
      for (const c of cases) {
        decodes.mockClear();
        await writeFile(path.join(dir, 'scan.pdf'), c.bytes);
        const [decoded, rendered] = [await openPdf(c.bytes), await openPdfFile(path.join(dir, 'scan.pdf'))];
        const [a, b] = [await decoded.renderColour(1, c.dpi), await rendered.renderColour(1, c.dpi)];
        await Promise.all([decoded.close(), rendered.close()]);
        // Decoded, and not refused on the way (which would fall back to pdfjs and compare equal all the same).
        expect([c.name, decodes.mock.calls.length]).toEqual([c.name, c.decoded ? 1 : 0]);
        if (c.decoded) {
          await expect(decodes.mock.results[0].value).resolves.toMatchObject({ width: b.width, height: b.height });
        }
        expect([c.name, a.width, a.height]).toEqual([c.name, b.width, b.height]);
        const worst = a.data.reduce((m, v, i) => Math.max(m, Math.abs(v - b.data[i])), 0);
        // Two JPEG decoders differ by a level at most; pdfjs's render against itself by none.
        expect([c.name, worst]).toEqual([c.name, c.decoded ? expect.any(Number) : 0]);
        expect(worst).toBeLessThanOrEqual(1);
      }
    } finally {
      decodes.mockRestore();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
