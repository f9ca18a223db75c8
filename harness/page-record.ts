// A page record as the OCR stage stores it, for tests and seeded reports: an upright A4 page read at 300 DPI with
// nothing on it, and what the caller gives it.
import { type PageRecognition, emptyPageRecord } from '../shared/contracts/page';

export function pageRecord(given: Partial<PageRecognition> = {}): PageRecognition {
  return { ...emptyPageRecord('d', 1, 300), source: 'ocr', width: 595, height: 842, ...given };
}
