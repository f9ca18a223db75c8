// OCR pools for tests: one for text-layer paths, which never OCR (a call is a bug, and fails the test that makes
// it), and one that answers as a test scripts it.
import type { OcrPool } from '../../shared/adapters/tesseract.adapter';

export const noOcr: OcrPool = {
  recognise: () => Promise.reject(new Error('no OCR for a text layer')),
  load: () => ({ workers: 0, jobs: 0, busy: 0 }),
  close: () => Promise.resolve(),
};

/** A pool whose every reading is `recognise`'s answer. */
export const scriptedOcr = (recognise: OcrPool['recognise']): OcrPool => ({
  recognise,
  load: () => ({ workers: 1, jobs: 0, busy: 0 }),
  close: () => Promise.resolve(),
});
