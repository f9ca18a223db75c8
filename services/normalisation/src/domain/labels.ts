// Fuzzy label matching that survives OCR errors: labels compared without punctuation, by edit distance.
import { comparable } from '../../../../shared/domain/cjk-text';
import { editDistance } from '../../../../shared/domain/edit-distance';
import type { Labelled } from './template-2019';

/** The form labels are compared in: NFKC, no whitespace, no punctuation or symbols. */
export function labelForm(text: string): string {
  return comparable(text).replace(/[\p{P}\p{S}]/gu, '');
}

/** 1 for equal strings, 0 for nothing in common: 1 - edit distance / longer length. */
export function similarity(a: string, b: string): number {
  const x = [...labelForm(a)];
  const y = [...labelForm(b)];
  if (x.length === 0 || y.length === 0) {
    return x.length === y.length ? 1 : 0;
  }
  return 1 - editDistance(x, y) / Math.max(x.length, y.length);
}

// Two of three characters right is still the label; OCR of a clean scan rarely does worse on labels,
// and the template's labels differ from each other by far more.
const MIN_LABEL_SIMILARITY = 0.66;

/** The best-matching entry for `text`, if any reaches MIN_LABEL_SIMILARITY. */
export function bestMatch<T extends Labelled>(text: string, candidates: readonly T[]): { item: T; score: number } | undefined {
  let best: { item: T; score: number } | undefined;
  for (const item of candidates) {
    for (const label of item.labels) {
      const score = similarity(text, label);
      if (score >= MIN_LABEL_SIMILARITY && (!best || score > best.score)) {
        best = { item, score };
      }
    }
  }
  return best;
}
