// Columns of text without rulings: a line's words gathered into phrases (segments) where no column's white
// separates them, and the white stripes that run down through the lines of a table. Used to find tables drawn
// with no rules (OCR stage, text-tables.ts) and to build their grid (table stage, word-grid.ts).
import { unionBox } from '../contracts/geometry';
import type { BBox } from '../contracts/geometry';
import type { Line, Word } from '../contracts/page';

/** A phrase of one line: words with no column gap between them. */
export interface Segment {
  x0: number;
  x1: number;
  words: Word[];
  bbox: BBox;
}

// A column gap is at least one character wide (the height of a line of text, or of the glyphs where they are
// measured); a space between words is a quarter to a third of it. Words closer than half a line height are one phrase.
export const COLUMN_GAP_LINE_HEIGHTS = 1;
const PHRASE_GAP_LINE_HEIGHTS = 0.5;

/** The median height of the lines: the size every gap is measured in. */
export function lineHeightOf(lines: readonly Line[]): number {
  const heights = lines.map((l) => l.bbox.height).sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? 0;
}

/** A line's words as phrases, left to right. */
export function segmentsOf(line: Line, lineHeight: number): Segment[] {
  const words = [...line.words].sort((a, b) => a.bbox.x - b.bbox.x);
  const segments: Word[][] = [];
  let reach = -Infinity;
  for (const w of words) {
    if (segments.length === 0 || w.bbox.x - reach >= PHRASE_GAP_LINE_HEIGHTS * lineHeight) {
      segments.push([w]);
    } else {
      segments[segments.length - 1].push(w);
    }
    reach = Math.max(reach, w.bbox.x + w.bbox.width);
  }
  return segments.map((ws) => {
    const bbox = unionBox(ws.map((w) => w.bbox)) as BBox;
    return { x0: bbox.x, x1: bbox.x + bbox.width, words: ws, bbox };
  });
}

// The columns beside a stripe are covered by half again as many lines as cross it, or more: a key column with
// a few keys beside values that long values cross (5 lines against 3) is one; the white right of the shorter
// labels of a stub whose header is centred further right (6 against 5) is not.
const VALLEY_DEPTH = 1.5;

/** A white stripe down a table: from x0 to x1, clear in all lines but `blockedBy`. */
export interface Stripe {
  x0: number;
  x1: number;
  blockedBy: number;
}

/**
 * White stripes at least `minWidth` wide down the lines, each clear in every line but at most `maxBlocked` of them
 * (spanning headers and long values cross a column boundary). Each line is its segments' extents. A stripe is a
 * valley: a run of x covered by at most `level` lines, the columns on either side of it at their fullest covered
 * by half again as many or more, taken from the clearest level up and never over a stripe already taken. So the white between a
 * column of labels and the figures is a stripe, and the white right of the shorter labels is not, nor the white
 * right of the last column where only a long value reaches.
 */
export function whiteStripes(lines: readonly Segment[][], minWidth: number, maxBlocked: number): Stripe[] {
  const events: { x: number; d: number }[] = [];
  for (const segs of lines) {
    for (const s of mergedExtents(segs)) {
      events.push({ x: s[0], d: 1 }, { x: s[1], d: -1 });
    }
  }
  events.sort((a, b) => a.x - b.x || a.d - b.d);
  // The profile: stretches between consecutive events, each with how many lines cover it.
  const profile: { x0: number; x1: number; covered: number }[] = [];
  let covered = 0;
  events.forEach((e, i) => {
    covered += e.d;
    const next = events[i + 1];
    if (next && next.x > e.x) {
      profile.push({ x0: e.x, x1: next.x, covered });
    }
  });
  const stripes: Stripe[] = [];
  for (let level = 0; level <= maxBlocked; level += 1) {
    for (let i = 0; i < profile.length; i += 1) {
      if (profile[i].covered > level) {
        continue;
      }
      let j = i;
      while (j + 1 < profile.length && profile[j + 1].covered <= level) {
        j += 1;
      }
      const x0 = profile[i].x0;
      const x1 = profile[j].x1;
      // The peak of the column on either side, up to the next run as clear as this one.
      const peak = (from: number, step: number) => {
        let top = -1;
        for (let k = from; k >= 0 && k < profile.length && profile[k].covered > level; k += step) {
          top = Math.max(top, profile[k].covered);
        }
        return top;
      };
      const valley = peak(i - 1, -1) >= VALLEY_DEPTH * level + 0.5 && peak(j + 1, 1) >= VALLEY_DEPTH * level + 0.5;
      if (x1 - x0 >= minWidth && valley && !stripes.some((s) => s.x0 < x1 && s.x1 > x0)) {
        stripes.push({ x0, x1, blockedBy: Math.max(...profile.slice(i, j + 1).map((p) => p.covered)) });
      }
      i = j;
    }
  }
  return stripes.sort((a, b) => a.x0 - b.x0);
}

/** A line's segment extents, overlapping ones merged (a line covers a point once). */
function mergedExtents(segs: readonly Segment[]): [number, number][] {
  const out: [number, number][] = [];
  for (const s of [...segs].sort((a, b) => a.x0 - b.x0)) {
    const last = out[out.length - 1];
    if (last && s.x0 <= last[1]) {
      last[1] = Math.max(last[1], s.x1);
    } else {
      out.push([s.x0, s.x1]);
    }
  }
  return out;
}
