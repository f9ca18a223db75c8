// Accuracy measures against the corpus truth files: fields, silent errors, review load, cells, prose CER.
import type { Report } from '../shared/contracts/report';
import { comparable } from '../shared/domain/cjk-text';
import { editDistance } from '../shared/domain/edit-distance';
import type { Truth, TruthCell } from '../harness/corpus';

export interface FieldScore {
  total: number;
  correct: number;
  flagged: number;
  silentErrors: number;
  wrong: {
    key: string;
    expected: number | null;
    got: number | null;
    raw: string;
    confidence: number;
    flagged: boolean;
  }[];
  /** Confidence of each field and whether it was right: input to the reliability table. */
  samples: { confidence: number; correct: boolean }[];
}

export function scoreFields(report: Report, truth: Truth): FieldScore {
  const score: FieldScore = { total: 0, correct: 0, flagged: 0, silentErrors: 0, wrong: [], samples: [] };
  for (const [key, expected] of Object.entries(truth.fields)) {
    const got = report.fields[key];
    const value = got?.value ?? null;
    const ok =
      got !== undefined &&
      (value === expected.value ||
        (value !== null && expected.value !== null && Math.abs(value - expected.value) < 1e-9));
    const flagged = got?.needsReview ?? true;
    score.total += 1;
    score.correct += ok ? 1 : 0;
    score.flagged += flagged ? 1 : 0;
    score.samples.push({ confidence: got?.confidence ?? 0, correct: ok });
    if (!ok) {
      score.silentErrors += flagged ? 0 : 1;
      score.wrong.push({
        key,
        expected: expected.value,
        got: value,
        raw: got?.raw ?? '(missing)',
        confidence: got?.confidence ?? 0,
        flagged,
      });
    }
  }
  return score;
}

export interface CellScore {
  total: number;
  structure: number;
  text: number;
  numeric: number;
  numericCorrect: number;
  misses: string[];
}

/** Each truth table against the report table sharing most cell positions with it. */
export function scoreCells(report: Report, truth: Truth): CellScore {
  const score: CellScore = { total: 0, structure: 0, text: 0, numeric: 0, numericCorrect: 0, misses: [] };
  const at = (c: TruthCell) => `${c.row}:${c.col}:${c.rowSpan}:${c.colSpan}`;
  for (const table of truth.tables) {
    const positions = new Set(table.cells.map(at));
    const candidates = report.tables.map((t) => ({ t, overlap: t.cells.filter((c) => positions.has(at(c))).length }));
    const best = candidates.sort((a, b) => b.overlap - a.overlap)[0]?.t;
    const ours = new Map((best?.cells ?? []).map((c) => [at(c), c]));
    for (const cell of table.cells) {
      const mine = ours.get(at(cell));
      const numeric = /^[+-]?[\d.,]+(万元|元)?$/.test(cell.text.trim());
      score.total += 1;
      score.numeric += numeric ? 1 : 0;
      if (mine) {
        score.structure += 1;
        const same = comparable(mine.text) === comparable(cell.text);
        score.text += same ? 1 : 0;
        score.numericCorrect += numeric && same ? 1 : 0;
        if (!same && score.misses.length < 40) {
          score.misses.push(`${table.name}[${at(cell)}] "${cell.text}" read "${mine.text}"`);
        }
      } else if (score.misses.length < 40) {
        score.misses.push(`${table.name}[${at(cell)}] "${cell.text}" has no cell`);
      }
    }
  }
  return score;
}

/** Character error rate, whitespace ignored, NFKC-normalised: edit distance / truth length. */
export function characterErrorRate(got: string, expected: string): number {
  const a = [...comparable(got)];
  const b = [...comparable(expected)];
  if (b.length === 0) {
    return a.length === 0 ? 0 : 1;
  }
  return editDistance(a, b) / b.length;
}

const BUCKETS = [0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0001];

/** Confidence bucket -> count and observed accuracy. */
export function reliability(samples: readonly { confidence: number; correct: boolean }[]) {
  return BUCKETS.slice(0, -1).map((low, i) => {
    const high = BUCKETS[i + 1];
    const inBucket = samples.filter((s) => s.confidence >= low && s.confidence < high);
    return {
      bucket: `${low.toFixed(2)}-${Math.min(1, high).toFixed(2)}`,
      count: inBucket.length,
      accuracy: inBucket.length ? inBucket.filter((s) => s.correct).length / inBucket.length : null,
    };
  });
}

// Ten equal-width confidence bins for the expected calibration error, the usual choice (Guo et al., 2017).
const ECE_BINS = 10;

/** Expected calibration error: the gap between confidence and accuracy per bin, weighted by the bin's share. */
export function expectedCalibrationError(samples: readonly { confidence: number; correct: boolean }[]): number {
  if (samples.length === 0) {
    return 0;
  }
  let total = 0;
  for (let b = 0; b < ECE_BINS; b += 1) {
    const inBin = samples.filter((s) => Math.min(ECE_BINS - 1, Math.floor(s.confidence * ECE_BINS)) === b);
    if (inBin.length > 0) {
      const accuracy = inBin.filter((s) => s.correct).length / inBin.length;
      const confidence = inBin.reduce((sum, s) => sum + s.confidence, 0) / inBin.length;
      total += (inBin.length / samples.length) * Math.abs(accuracy - confidence);
    }
  }
  return total;
}

/** The middle value (the mean of the two middle ones when even); 0 for none. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
