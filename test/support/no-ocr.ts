// An OCR pool for text-layer paths, which never OCR: a call is a bug, and fails the test that makes it.
import type { OcrPool } from '../../shared/adapters/tesseract.adapter';

export const noOcr: OcrPool = {
  recognise: () => Promise.reject(new Error('no OCR for a text layer')),
  load: () => ({ workers: 0, jobs: 0, busy: 0 }),
  close: () => Promise.resolve(),
};
