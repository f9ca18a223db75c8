// Deskew on a real page: the digital Shizuishan page 1, rendered, turned by known angles, measured back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openPdf } from '../../shared/adapters/pdf.adapter';
import { rotateRaster } from '../../shared/adapters/image.adapter';
import { Raster, inkMask, otsuThreshold } from '../../shared/adapters/raster';
import { estimateSkew } from '../../services/ocr/src/domain/deskew';
import { CORPUS, SHIZUISHAN } from '../../harness/corpus';

let page: Raster;

beforeAll(async () => {
  const pdf = await openPdf(readFileSync(path.join(CORPUS, `${SHIZUISHAN}.digital.pdf`)));
  page = await pdf.render(1, 100);
  await pdf.close();
});

const measure = (raster: Raster) => estimateSkew({ ...raster, data: inkMask(raster, otsuThreshold(raster)) });

describe('estimateSkew', () => {
  it('finds an upright page level', () => {
    expect(Math.abs(measure(page))).toBeLessThanOrEqual(0.1);
  });

  it.each([1.3, -0.7, 3.2, -4.5])('finds a page turned by %p degrees within 0.2 degrees', async (angle) => {
    const turned = await rotateRaster(page, angle);
    expect(Math.abs(measure(turned) - angle)).toBeLessThanOrEqual(0.2);
  });

  it('levels a turned page when rotated back by the opposite angle', async () => {
    const turned = await rotateRaster(page, 2);
    const levelled = await rotateRaster(turned, -measure(turned));
    expect(Math.abs(measure(levelled))).toBeLessThanOrEqual(0.2);
  });

  it('gives 0 for a blank page', () => {
    const blank = { width: 200, height: 300, data: new Uint8Array(200 * 300).fill(255) };
    expect(measure(blank)).toBe(0);
  });
});
