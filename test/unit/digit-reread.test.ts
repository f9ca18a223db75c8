// A doubtful number is read once more in black and white. The two cells are real crops, as the table stage cuts
// them, from the robustness matrix's photocopy renders (render.py --seed 3 --stress photocopy): grey paper with
// speckle and bleed-through. Tesseract's digits model reads them wrong as they are (a 5 as 2 at 0.25, a 9 as 0);
// binarised at its Otsu threshold it reads them right and surely.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage } from '../../shared/adapters/image.adapter';
import { createOcrPool, OcrPool } from '../../shared/adapters/tesseract.adapter';
import { CellReading, readDigitsByRow } from '../../services/table-extraction/src/read-cells';

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
    expect((await ocr.recognise(await decodeImage(readFileSync(path.join(__dirname, '../fixtures/cells/photocopy-five.png'))), 'digits')).text.trim()).not.toBe('5');
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
