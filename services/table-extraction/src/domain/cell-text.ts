// What a cell says: from text-layer words inside it, or from OCR readings of its image, reconciled.
import type { BBox } from '../../../../shared/contracts/geometry';
import { centreInside } from '../../../../shared/contracts/geometry';
import type { Word } from '../../../../shared/contracts/page';
import { cleanCjkText, joinPieces, repairOcrPunctuation } from '../../../../shared/domain/cjk-text';
import { wordsToLines } from '../../../../shared/domain/lines';

export interface Reading {
  text: string;
  confidence: number;
}

/** Text-layer words whose centre lies in the cell, as one string (wrapped lines joined). */
export function textFromWords(words: readonly Word[], cell: BBox): { text: string; words: Word[] } {
  const inside = words.filter((w) => centreInside(w.bbox, cell));
  return { text: joinPieces(wordsToLines(inside).map((l) => l.text)), words: inside };
}

// What a numeric cell may hold: a sign, digits with separators and a decimal point, and an amount unit.
const NUMERIC = /^[+\-－]?[\d,，.]+(万元|元)?$/;
// Characters Tesseract's Chinese model confuses with digits in a numeric column. L is a serif 1 whose foot the
// model saw as a letter's (Ningxia's 140 read "IL40" on a phone photo, seed 141421356, and "1L40" on a fax, seed
// 2094011731): both then read no number and went to a reviewer with the value null. L only beside a digit: alone it
// is a size or a litre in a table of any kind.
const DIGIT_LOOKALIKES = /^[+\-－]?(?:[\dOoDQIl|!SZzB.,，]+|(?=.*\d)[\dOoDQIlL|!SZzB.,，]+)$/;

/** Whether a first reading looks like a number, so that a digits-only second reading is worth taking. */
export function looksNumeric(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return compact !== '' && (NUMERIC.test(compact) || DIGIT_LOOKALIKES.test(compact));
}

/** Cleans an OCR reading of a cell: lines joined, CJK spacing, punctuation and quotes normalised. */
export function cleanCellText(text: string): string {
  return repairOcrPunctuation(cleanCjkText(joinPieces(text.split('\n'))));
}

/**
 * Reconciles the general reading with the digits-only one. The digits model is the better reader of
 * numbers, so it wins where it read a plain number; agreement raises confidence, disagreement lowers it,
 * and the losing reading is kept as an alternative for normalisation.
 */
export function reconcile(general: Reading, digits: Reading | undefined): Reading & { alternatives: Reading[] } {
  if (!digits || digits.text === '') {
    return { ...general, alternatives: [] };
  }
  const unit = /(万元|元)$/.exec(general.text)?.[1] ?? '';
  const candidate = { text: digits.text + unit, confidence: digits.confidence };
  if (candidate.text === general.text) {
    return { text: general.text, confidence: 1 - (1 - general.confidence) * (1 - digits.confidence), alternatives: [] };
  }
  const [best, other] = NUMERIC.test(candidate.text) ? [candidate, general] : [general, candidate];
  return { text: best.text, confidence: Math.min(best.confidence, 1 - other.confidence / 2), alternatives: [other] };
}
