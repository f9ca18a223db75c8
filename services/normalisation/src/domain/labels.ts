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
export const MIN_LABEL_SIMILARITY = 0.66;

/** The best-matching entry for `text`, if any reaches MIN_LABEL_SIMILARITY. */
export function bestMatch<T extends Labelled>(
  text: string,
  candidates: readonly T[],
): { item: T; score: number } | undefined {
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

/**
 * A template fixes its labels' order, so labels that were not recognised (a stacked 总计 misread as 出AE计, a
 * fax's 行武处钊 for 行政处罚) are the template entries missing between their recognised neighbours: when as many
 * unrecognised labels as missing entries stand between the same two recognised ones (or a table's edge), they
 * are those entries in order. `indices` are the labels' template positions in the order they stand, -1 where
 * not recognised; the result fills in what the order decides. Recognised labels out of the template's order, or
 * counts that differ, leave everything as it was: a guess is never made.
 */
export function placeByOrder(indices: readonly number[], templateLength: number): number[] {
  const known = indices.flatMap((k, i) => (k >= 0 ? [i] : []));
  const out = [...indices];
  if (known.some((at, j) => j > 0 && indices[at] <= indices[known[j - 1]])) {
    return out;
  }
  for (let j = 0; j <= known.length; j += 1) {
    const from = j > 0 ? known[j - 1] + 1 : 0;
    const to = j < known.length ? known[j] : indices.length;
    const low = j > 0 ? indices[known[j - 1]] : -1;
    const high = j < known.length ? indices[known[j]] : templateLength;
    if (to > from && high - low - 1 === to - from) {
      for (let k = from; k < to; k += 1) {
        out[k] = low + 1 + (k - from);
      }
    }
  }
  return out;
}
