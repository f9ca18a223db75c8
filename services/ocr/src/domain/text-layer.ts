// Text-layer decisions: is a page's own text real, and its runs as words.
import type { TextRun } from '../../../../shared/adapters/pdf.adapter';
import type { Word } from '../../../../shared/contracts/page';
import { isCjk } from '../../../../shared/domain/cjk-text';
import { unifyRadicals } from '../../../../shared/domain/radicals';

// Fewer than this many characters is a page number or a stray mark, not a text layer worth trusting.
const MIN_CHARS = 10;
// An invisible OCR layer of garbage or a broken font encoding shows up as replacement, control or
// private-use characters; real text has almost none.
const MIN_CLEAN_SHARE = 0.95;

/** Whether the runs are real, readable text rather than nothing or an encoding mess. */
export function isRealTextLayer(runs: readonly TextRun[]): boolean {
  const chars = [...unifyRadicals(runs.map((r) => r.text).join('')).replace(/\s+/g, '')];
  if (chars.length < MIN_CHARS) {
    return false;
  }
  const clean = chars.filter(
    (c) => isCjk(c) || /[\x21-\x7e\u00a0-\u024f\u2000-\u206f\u2100-\u22ff\u2460-\u24ff]/.test(c),
  ).length;
  return clean / chars.length >= MIN_CLEAN_SHARE;
}

/** Text-layer runs as words with confidence 1, radical code points unified. */
export function runsToWords(runs: readonly TextRun[]): Word[] {
  return runs.map((r) => ({
    text: unifyRadicals(r.text),
    confidence: 1,
    bbox: { x: r.x, y: r.y, width: r.width, height: r.height },
  }));
}
