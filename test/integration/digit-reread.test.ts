// A doubtful number is read once more in black and white. The two cells are real crops, as the table stage cuts
// them, from the robustness matrix's photocopy renders (render.py --seed 3 --stress photocopy): grey paper with
// speckle and bleed-through. Tesseract's digits model reads them wrong as they are (a 5 as 2 at 0.25, a 9 as 0);
// binarised at its Otsu threshold it reads them right and surely.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage } from '../../shared/adapters/image.adapter';
import { createOcrPool, OcrPool } from '../../shared/adapters/tesseract.adapter';
import { CellReading, readDigitsByRow, rereadNumericCells } from '../../services/table-extraction/src/read-cells';
import type { Raster } from '../../shared/adapters/raster';
import { scriptedOcr } from '../support/no-ocr';

let ocr: OcrPool;
beforeAll(() => {
  ocr = createOcrPool(1);
});
afterAll(async () => {
  await ocr.close();
});

const cell = { row: 3, col: 2, rowSpan: 1, colSpan: 1, bbox: { x: 0, y: 0, width: 36, height: 18 } };

async function settled(fixture: string, general: { text: string; confidence: number }): Promise<CellReading> {
  const image = await decodeImage(readFileSync(path.join(__dirname, '../fixtures/cells', fixture)));
  const read: CellReading[] = [{ ...general, alternatives: [], words: [], image, pending: { crop: image, general } }];
  await readDigitsByRow([cell], read, ocr);
  return read[0];
}

describe('a number whose readings disagree or are unsure', () => {
  it('is read again binarised: a lone 5 the digits model took for a 2', async () => {
    expect(
      (
        await ocr.recognise(
          await decodeImage(readFileSync(path.join(__dirname, '../fixtures/cells/photocopy-five.png'))),
          'digits',
        )
      ).text.trim(),
    ).not.toBe('5');
    const reading = await settled('photocopy-five.png', { text: '5', confidence: 0.53 });
    expect(reading.text).toBe('5');
    expect(reading.confidence).toBeGreaterThan(0.9);
  });

  it('is read again binarised: a 9 the digits model took for a 0, where the general reading had it right', async () => {
    const reading = await settled('photocopy-nine.png', { text: '9', confidence: 0.96 });
    expect(reading.text).toBe('9');
    expect(reading.confidence).toBeGreaterThan(0.9);
  });
});

describe('a figure in soft focus', () => {
  // Real crops, as the table stage cuts them, of a phone photo 0.0106 inch out of focus (Ningxia, captures soft seed
  // 1734023341, page 12): at 300 DPI the digits model reads 264 as nothing and 432 as 43; at smaller scales it reads
  // both right.
  const fixture = async (name: string) => decodeImage(readFileSync(path.join(__dirname, '../fixtures/cells', name)));

  it('is read again at smaller scales, and stays doubtful where the general reading disagreed', async () => {
    expect((await ocr.recognise(await fixture('soft-focus-264.png'), 'digits')).text.trim()).toBe('');
    const reading = await settled('soft-focus-264.png', { text: '204', confidence: 0.71 });
    expect(reading.text).toBe('264');
    expect(reading.confidence).toBeLessThan(0.9);
    expect(reading.alternatives.map((a) => a.text)).toContain('204');
  });

  it("is read again for digits in a table's first data row, though the reading there is no number", async () => {
    const image = await fixture('soft-focus-432.png');
    expect((await ocr.recognise(image, 'digits')).text.trim()).not.toBe('432');
    const cells = [0, 1, 2, 3].map((row) => ({ ...cell, row, col: 2 }));
    const read: CellReading[] = ['统计数', '一32', '5', '5'].map((text) => ({
      text,
      confidence: text === '一32' ? 0.7 : 0.99,
      alternatives: [],
      words: [],
      image,
    }));
    await rereadNumericCells(cells, read, ocr);
    expect(read.map((r) => r.text)).toEqual(['统计数', '432', '5', '5']);
    // No reading at the page's scale had 432: offered first, for review.
    expect(read[1].confidence).toBeLessThan(0.9);
  });

  // A pool that reads a 20 px wide cell as 432 and its smaller copies (10 and 12 px wide) as it is told.
  const scaledReader = (smaller: Record<number, string>) =>
    scriptedOcr(async (image) =>
      image.width === 20
        ? { text: '432', confidence: 0.6, lines: [] }
        : { text: smaller[image.width], confidence: 0.95, lines: [] },
    );
  const doubtful = async (smaller: Record<number, string>) => {
    const image = { width: 20, height: 10, data: new Uint8Array(200).fill(255) };
    const general = { text: '432', confidence: 0.15 };
    const read: CellReading[] = [{ ...general, alternatives: [], words: [], image, pending: { crop: image, general } }];
    await readDigitsByRow([cell], read, scaledReader(smaller));
    return read[0];
  };

  it('is never settled by the smaller scales alone, where no reading at the page scale had it', async () => {
    // 432 read twice at the page's scale, unsurely (0.66 together); 482 surely at both smaller scales.
    const reading = await doubtful({ 10: '482', 12: '482' });
    expect(reading.text).toBe('482');
    expect(reading.confidence).toBeLessThanOrEqual(0.5);
    expect(reading.alternatives.map((a) => a.text)).toEqual(['432']);
  });

  it('keeps the figure it had where the smaller scales disagree', async () => {
    const reading = await doubtful({ 10: '482', 12: '487' });
    expect(reading.text).toBe('432');
    expect(reading.confidence).toBeCloseTo(0.66, 2);
  });
});

describe('short readings that are not numbers among numbers', () => {
  // Section 三 of a fax (Shizuishan, fax seed 779): its 0s without their thin top and bottom read as 山 or 日, so
  // that no value column is a third numbers, while its rows are. A pool that reads every image as 0 shows which
  // cells were read again for digits.
  const reader = (): OcrPool & { read: Raster[] } => {
    const read: Raster[] = [];
    return {
      read,
      ...scriptedOcr(async (image) => {
        read.push(image);
        return { text: '0', confidence: 0.9, lines: [] };
      }),
    };
  };
  const grid = (texts: string[][]) =>
    texts.flatMap((row, r) =>
      row.map((_, c) => ({
        row: r,
        col: c,
        rowSpan: 1,
        colSpan: 1,
        bbox: { x: c * 40, y: r * 20, width: 40, height: 20 },
      })),
    );
  const readings = (texts: string[][]): CellReading[] =>
    texts.flat().map((text) => ({
      text,
      confidence: 0.6,
      alternatives: [],
      words: [],
      image: { width: 20, height: 10, data: new Uint8Array(200).fill(255) },
    }));

  it("are read again as digits in a row of numbers, but a row's label is not", async () => {
    // The first row is a third numbers, no column is (one number in six).
    const texts = [
      ['规章', '0', '0', '山', '日', '山', '山'],
      ['规范', '山', '山', '0', '山', '山', '山'],
      ['其他', '山', '日', '山', '0', '山', '山'],
      ['合计', '日', '山', '山', '山', '0', '山'],
      ['小计', '山', '山', '日', '山', '山', '0'],
      ['总计', '日', '山', '山', '山', '日', '山'],
    ];
    const pool = reader();
    const read = readings(texts);
    await rereadNumericCells(grid(texts), read, pool);
    expect(read.map((r) => r.text)).toEqual([['规章', '0', '0', '0', '0', '0', '0'], ...texts.slice(1)].flat());
    // Four cells, each read as it is and, still doubtful (0.75: the general reading disagreed), at two smaller scales.
    expect(pool.read.filter((image) => image.width === 20)).toHaveLength(4);
    expect(pool.read.filter((image) => image.width < 20)).toHaveLength(8);
  });

  it("leave a header's word with a digit in it as read, above a column of figures", async () => {
    const texts = [['1月'], ['5'], ['6']];
    const pool = reader();
    const read = readings(texts);
    await rereadNumericCells(grid(texts), read, pool);
    expect(read.map((r) => r.text)).toEqual(['1月', '5', '6']);
    expect(pool.read).toHaveLength(0);
  });

  it('stay as read in a table of words', async () => {
    const texts = [
      ['是', '否', '无'],
      ['否', '是', '是'],
    ];
    const read = readings(texts);
    await rereadNumericCells(grid(texts), read, reader());
    expect(read.map((r) => r.text)).toEqual(texts.flat());
  });
});
