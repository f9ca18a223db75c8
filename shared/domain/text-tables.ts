// Tables drawn without rulings (borderless, key-value, three-line tables whose rules are too far apart to be a
// stack): found from the text alone, as runs of lines whose phrases stand in columns with white stripes between.
// The OCR stage takes their words out of the prose; the table stage builds their grid (word-grid.ts).
import type { BBox } from '../contracts/geometry';
import { unionBox } from '../contracts/geometry';
import type { Line, Word } from '../contracts/page';
import { COLUMN_GAP_LINE_HEIGHTS, type Segment, lineHeightOf, segmentsOf, whiteStripes } from './text-columns';

// A table is at least three lines with two phrases or more standing in columns: two such lines are a heading
// and a date, an address block; prose never has three.
const MIN_TABULAR_LINES = 3;
// Lines of a table follow each other closely: a gap over 1.5 line heights is a paragraph's or a figure's.
const MAX_LINE_GAP_LINE_HEIGHTS = 1.5;
// Read from a scan as one block, Tesseract drops a short line of a wrapped cell now and then (water, affairs and
// services under three-line labels of a 150 dpi table): the gap it leaves is about 2.1 line heights. One dropped line
// is bridged; a figure or a paragraph's gap (more than a line's pitch again) still ends a table. Measured on one
// generated table; the pages of the check under MARK_CONFIDENCE give no text table at 1.5 or at 2.5.
export const SCANNED_LINE_GAP_LINE_HEIGHTS = 2.5;
// A line that touches the table from above or below by under half a line height is part of it (a spanning
// header centred over its columns, a wrapped label): a caption stands a paragraph's gap away.
const TOUCH_LINE_HEIGHTS = 0.5;
// Regions are padded by 4 pt: the table stage reads a region 2 pt inside its box.
const PAD_PT = 4;

// On a scan, marks beside the text (a stain's edge, a copier's shadow, a pen's tick) are read as a word or two at
// the ends of lines, standing apart from the text as a column would. Read as printed, a character at a line's end
// scores 0.9 or more on the unseen captures (faded Ningxia, seed 1436433146: 0.92-0.97), and the marks 0.00-0.70
// (产 0.70, 圈 0.40, 一 0.00) or as punctuation alone (| , - “ > at up to 0.88): a word under 0.8 between the two is
// taken for a mark. Only at a line's ends: a doubtful word inside a line leaves a gap where there is none. Checked
// beyond that draw: no page of the three corpus scans, of that faded Ningxia draw, or of the photocopy200 and fax
// draws of captures seed 1339972815 (ten documents, 95 pages) gives a text table (and the faded and marked draws of
// that seed gave reports identical to the code before), while three generated borderless scans (150-300 dpi) do.
export const MARK_CONFIDENCE = 0.8;

/** Whether a word read holds a letter, a digit or a character (not punctuation or a stroke alone). */
export const holdsText = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);

/** A scanned line without the marks read at its ends (see MARK_CONFIDENCE); null when nothing but marks is left. */
export function withoutEndMarks(line: Line): Line | null {
  const legible = (w: Word) => w.confidence >= MARK_CONFIDENCE && holdsText(w.text);
  const words = [...line.words].sort((a, b) => a.bbox.x - b.bbox.x);
  const first = words.findIndex(legible);
  if (first < 0) {
    return null;
  }
  const last = words.length - 1 - [...words].reverse().findIndex(legible);
  const kept = words.slice(first, last + 1);
  return kept.length === words.length
    ? line
    : { ...line, words: kept, bbox: unionBox(kept.map((w) => w.bbox)) as BBox };
}

/** Boxes of the tables the lines' alignment shows, top to bottom; lines more than `maxLineGap` line heights apart
 * are never of one table. */
export function findTextTables(lines: readonly Line[], maxLineGap = MAX_LINE_GAP_LINE_HEIGHTS): BBox[] {
  const ordered = bands(lines);
  const lineHeight = lineHeightOf(ordered);
  if (lineHeight <= 0) {
    return [];
  }
  const segments = ordered.map((l) => segmentsOf(l, lineHeight));
  const tabular = (i: number) => columnGaps(segments[i], lineHeight) > 0;
  const blocks: number[][] = [];
  let block: number[] = [];
  const close = () => {
    while (block.length > 0 && !tabular(block[block.length - 1])) {
      block.pop();
    }
    if (block.filter(tabular).length >= MIN_TABULAR_LINES && stripesOf(block).length > 0) {
      blocks.push(block);
    }
    block = [];
  };
  const stripesOf = (members: readonly number[]) => {
    return whiteStripes(
      members.map((i) => segments[i]),
      COLUMN_GAP_LINE_HEIGHTS * lineHeight,
      0,
    );
  };
  ordered.forEach((line, i) => {
    const last = block[block.length - 1];
    const near =
      last !== undefined && line.bbox.y - (ordered[last].bbox.y + ordered[last].bbox.height) <= maxLineGap * lineHeight;
    if (last !== undefined && !near) {
      close();
    }
    if (tabular(i)) {
      // A tabular line that closes every stripe of the block so far starts another table.
      if (block.length > 0 && stripesOf([...block, i]).length === 0) {
        close();
      }
      block.push(i);
    } else if (block.length > 0 && stripesOf([...block, i]).length > 0) {
      // A one-phrase line that leaves a column gap open: a wrapped cell, a long value across several columns.
      block.push(i);
    } else {
      close();
    }
  });
  close();
  return blocks.map((members) => {
    const taken = new Set(members);
    let box = unionBox(members.map((i) => ordered[i].bbox)) as BBox;
    // Lines that touch the table and lie within its width, one after another: a group header above the header
    // row it spans, the header lines over it, a wrapped last label below.
    for (let grown = true; grown;) {
      grown = false;
      ordered.forEach((l, i) => {
        const within = l.bbox.x >= box.x - lineHeight && l.bbox.x + l.bbox.width <= box.x + box.width + lineHeight;
        const touches =
          l.bbox.y + l.bbox.height >= box.y - TOUCH_LINE_HEIGHTS * lineHeight &&
          l.bbox.y <= box.y + box.height + TOUCH_LINE_HEIGHTS * lineHeight;
        if (!taken.has(i) && within && touches) {
          taken.add(i);
          box = unionBox([box, l.bbox]) as BBox;
          grown = true;
        }
      });
    }
    return { x: box.x - PAD_PT, y: box.y - PAD_PT, width: box.width + 2 * PAD_PT, height: box.height + 2 * PAD_PT };
  });
}

/**
 * Lines that overlap from top to bottom taken as one band: a label wrapped over two lines with its value centred
 * between them is three lines of one phrase each, and one band of two phrases.
 */
function bands(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (const line of [...lines].filter((l) => l.words.length > 0).sort((a, b) => a.bbox.y - b.bbox.y)) {
    const last = out[out.length - 1];
    if (last && line.bbox.y < last.bbox.y + last.bbox.height) {
      out[out.length - 1] = {
        ...last,
        words: [...last.words, ...line.words],
        bbox: unionBox([last.bbox, line.bbox]) as BBox,
        confidence: Math.min(last.confidence, line.confidence),
      };
    } else {
      out.push(line);
    }
  }
  return out;
}

/** How many column gaps (at least a line height of white) a line has between its phrases. */
function columnGaps(segments: readonly Segment[], lineHeight: number): number {
  let gaps = 0;
  for (let k = 1; k < segments.length; k += 1) {
    gaps += segments[k].x0 - segments[k - 1].x1 >= COLUMN_GAP_LINE_HEIGHTS * lineHeight ? 1 : 0;
  }
  return gaps;
}
