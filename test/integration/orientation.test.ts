// Pages turned by quarter turns come back upright: a real page, rendered, turned, recognised.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PdfFile, openPdf } from '../../shared/adapters/pdf.adapter';
import { turnRaster } from '../../shared/adapters/image.adapter';
import type { Raster } from '../../shared/adapters/raster';
import { createOcrPool, OcrPool } from '../../shared/adapters/tesseract.adapter';
import { recognisePage } from '../../services/ocr/src/recognise-page';
import { CORPUS, SHIZUISHAN } from '../../harness/corpus';
import { rgbOf } from '../support/rasters';

let page: Raster;
let ocr: OcrPool;

beforeAll(async () => {
  const pdf = await openPdf(readFileSync(path.join(CORPUS, `${SHIZUISHAN}.digital.pdf`)));
  page = await pdf.render(1, 200);
  await pdf.close();
  ocr = createOcrPool(2);
});

afterAll(() => ocr.close());

/** A one-page "scan" (no text layer) showing `raster`. */
const scanOf = (raster: Raster): PdfFile => ({
  pageCount: 1,
  pageSize: async () => ({ width: (raster.width * 72) / 200, height: (raster.height * 72) / 200 }),
  textRuns: async () => [],
  render: async () => raster,
  renderColour: async () => rgbOf(raster),
  close: async () => undefined,
});

describe('page orientation', () => {
  it.each([0, 90, 180, 270] as const)('reads a page turned by %p degrees upright', async (degrees) => {
    const turned = await turnRaster(page, degrees);
    const { recognition } = await recognisePage(scanOf(turned), 'd', 1, { ocr, dpi: 200 });
    expect(recognition.rotation).toBe((360 - degrees) % 360);
    expect(recognition.lines.map((l) => l.text).join('')).toContain('政府信息公开工作年度报告');
    expect(recognition.width).toBeLessThan(recognition.height);
  });
});
