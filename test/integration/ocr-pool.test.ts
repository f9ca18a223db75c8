// The Tesseract pool as the services size it: `size` workers read text, one reads digits, whatever the size (digit
// readings are a small share of a page's work, and each eng worker holds about 90 MB).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage } from '../../shared/adapters/image.adapter';
import { createOcrPool } from '../../shared/adapters/tesseract.adapter';

it('starts size text workers and one digits worker, lazily, and reads with them side by side', async () => {
  const ocr = createOcrPool(2);
  try {
    expect(ocr.load()).toEqual({ workers: 0, jobs: 0, busy: 0 });
    const five = await decodeImage(readFileSync(path.join(__dirname, '../fixtures/cells/photocopy-five.png')));
    const reading = Promise.all([1, 2, 3].map(() => ocr.recognise(five, 'digits')));
    // Three jobs for the one digits worker (counted from its start): one busy worker, not three.
    expect(ocr.load()).toEqual({ workers: 1, jobs: 3, busy: 1 });
    const digits = await reading;
    expect(ocr.load()).toEqual({ workers: 1, jobs: 0, busy: 0 });
    // The three readings of one image on one worker agree.
    expect(new Set(digits.map((d) => d.text)).size).toBe(1);
    const text = ocr.recognise(five, 'text');
    const more = [1, 2, 3].map(() => ocr.recognise(five, 'digits'));
    // Text workers starting, one digits worker with three jobs: 2 + 1 workers, 1 busy with digits and 1 with text.
    expect(ocr.load()).toEqual({ workers: 3, jobs: 4, busy: 2 });
    await Promise.all([text, ...more]);
    expect(ocr.load()).toEqual({ workers: 3, jobs: 0, busy: 0 });
  } finally {
    await ocr.close();
  }
});
