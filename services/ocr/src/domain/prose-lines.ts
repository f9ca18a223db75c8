// Which lines Tesseract read on a page are prose, and which are the marks around it read as characters: specks,
// stamps, a table's residue, the frame of a photo or the boxes of a chart (a box's side read as （ or |, its
// bottom as L___ 一一一).
import type { Line } from '../../../../shared/contracts/page';
import { unionBox } from '../../../../shared/contracts/geometry';
import { MARK_CONFIDENCE, holdsText } from '../../../../shared/domain/text-tables';

// Below this confidence a line is noise: on the corpus scans real prose lines score above 0.8 and such noise
// below 0.5; on unseen captures real lines read down to 0.67 (a 150 dpi fax of Shizuishan) and 0.7, while a pen's
// note in a margin read 0.51 (I3y F 7 and L/A 1 仁仪二 on a phone photo, captures seed 540155736: the first stood
// between a table's two parts and kept them from being joined) and a photo's residue 0.58.
const NOISE_CONFIDENCE = 0.6;
// Between the two, a line must also read as words. Prose lines read at 0.93-0.96 on faded, marked and photocopied
// captures (a short last line of a paragraph, 媒体发稿3956篇, at 0.81); the frames of a photo and of a chart's boxes
// at 0.53-0.86 (faded Ningxia, captures seed 1757812095, pages 3 and 4).
const SURE_CONFIDENCE = 0.9;
// Words: two Chinese characters in a row (not 一一, a stroke's reading), or three letters or digits in a row; and
// no character three times running (rrr, 一一一, ___: a ruled edge read as characters), but a digit (1000 is a
// number) or the w of www.
const HAN = /\p{Script=Han}/u;
const ALNUM_RUN = /[\p{L}\p{N}]{3}/u;
const REPEATED = /(?![wW])(\P{N})\1\1/u;
// A prose line's end mark is one that holds no letter, digit or character, reads under the scanned lines' mark
// confidence (text-tables.ts) and stands more than three line heights apart from the rest: the edge of a copier's
// shadow or of a page read as | beyond the last character (0.23-0.64 on a 200 dpi photocopy, captures seed 312557232,
// 90-290 pt past the text), while printed punctuation touches its character and reads at 0.9 or more. Words in a line
// of prose are at most a space apart, but a full-width mark leaves up to an em of white after it: +。 at a line's
// start, read at 0.67, stood 15 pt (1.1 line heights) before the next character on a mixed Ningxia capture of the
// same seed.
const MARK_GAP_LINE_HEIGHTS = 3;
// The line height there is the lower median height of the line's other words: a page edge's mark is taller than the
// text it stands beside (0.6 pt by 25 pt before a 13 pt line, on a 200 dpi photocopy of Ningxia, captures seed
// 1299709), and it ran the line's box to twice the text's height, so that its 60 pt of white counted as less than
// three line heights. The edge read as a digit (1, at 0.00) is such a mark too when its ink is a sliver: at most 0.04
// of that line height wide. The edges read as 1 measured 0.3 pt beside 11.8 pt text (0.025); a printed 1's stem is
// about 0.08 of its line's Chinese height (0.9 pt in 10.5 pt type), and even one pixel of a 150 dpi fax (0.48 pt) is
// 0.046 of a 10.5 pt line.
const SLIVER_OF_LINE_HEIGHT = 0.04;
// A paragraph's short last line (5 件。, 况。, 1人。, 0951-6915173）。, or 无 under its heading) reads at 0.34-0.89: Tesseract
// is less sure of a few characters than of a line of them, and no two characters in a row make it read as words. Such a
// line is kept where it stands as a paragraph's next line stands under the nearest line above it that is prose by
// itself. Measured on the corpus scans and faded, phone and photocopied captures (seeds 1006310265 and 312557232), in
// line heights of the line above: the real ones stood 0.69-1.29 below it, within 0.8 of its left edge or 1.9 right of
// it (a new paragraph's two-character indent) and 0.81-0.97 times its height; every mark read as characters near prose
// missed at least one of these by far (a chart's box letters 0.45 its height or 12 to the right; a rule's stroke 2.7
// times as tall; a photo's residue 3.6 to the right or more), or read as a run (mmmm).
const PARAGRAPH_GAP_LINE_HEIGHTS = 2;
// A continuation starts at the left margin, up to two characters left of an indented first line; a new paragraph
// after a line at the margin starts two characters in. Characters are square: a line height is a character's width.
const PARAGRAPH_INDENT_LINE_HEIGHTS = 2.5;
// The same type: Tesseract boxes a line by its glyphs, so a line of one or two characters is boxed smaller than a
// full line (无 0.81 of its heading's height) and a line with brackets taller; marks read as text were under 0.5 or
// over 1.6 times the line above where they stood near it.
const PARAGRAPH_HEIGHT_RATIO = 1.4;
// And read at 0.3 or more: the real ones read 0.34-0.89. No mark near prose stood where such a line stands on the
// renders measured, so this is a margin, not a measured divide: a line Tesseract reads under 0.3 is mostly guesses.
const PARAGRAPH_MIN_CONFIDENCE = 0.3;

/** The line without the stray marks at its ends (see MARK_GAP_LINE_HEIGHTS); its first and last words stay. */
export function withoutStrayMarks(line: Line): Line {
  type Word = Line['words'][number];
  const words = [...line.words].sort((a, b) => a.bbox.x - b.bbox.x);
  const gap = (left: Word, right: Word) => right.bbox.x - (left.bbox.x + left.bbox.width);
  const heightBeside = (mark: Word) => {
    const others = words
      .filter((w) => w !== mark)
      .map((w) => w.bbox.height)
      .sort((a, b) => a - b);
    return others[Math.floor((others.length - 1) / 2)];
  };
  const stray = (w: Word, apart: number) => {
    const height = heightBeside(w);
    const sliver = [...w.text].length === 1 && w.bbox.width <= SLIVER_OF_LINE_HEIGHT * height;
    return (!holdsText(w.text) || sliver) && w.confidence < MARK_CONFIDENCE && apart > height * MARK_GAP_LINE_HEIGHTS;
  };
  let first = 0;
  let last = words.length - 1;
  let text = line.text.trim();
  // A mark is taken off the text only where the text shows it, so that words and text still agree.
  while (
    first < last &&
    stray(words[first], gap(words[first], words[first + 1])) &&
    text.startsWith(words[first].text)
  ) {
    text = text.slice(words[first].text.length).trimStart();
    first += 1;
  }
  while (last > first && stray(words[last], gap(words[last - 1], words[last])) && text.endsWith(words[last].text)) {
    text = text.slice(0, -words[last].text.length).trimEnd();
    last -= 1;
  }
  if (first === 0 && last === words.length - 1) {
    return line;
  }
  const kept = words.slice(first, last + 1);
  return { ...line, text, words: kept, bbox: unionBox(kept.map((w) => w.bbox)) as Line['bbox'] };
}

/** Whether a line read on a page is prose, to keep. */
export function isProseLine(line: Pick<Line, 'text' | 'confidence'>): boolean {
  if (line.text.trim() === '' || line.confidence < NOISE_CONFIDENCE) {
    return false;
  }
  return line.confidence >= SURE_CONFIDENCE || readsAsWords(line.text);
}

/**
 * The lines read on a page that are prose, in their order: those that are prose by themselves (isProseLine), and the
 * short lines that stand where a paragraph's next line stands under one of those (see PARAGRAPH_GAP_LINE_HEIGHTS).
 */
export function proseLinesOf(lines: readonly Line[]): Line[] {
  const prose = new Set(lines.filter(isProseLine));
  const bottom = (l: Line) => l.bbox.y + l.bbox.height;
  // Only a line that is prose by itself stands for its paragraph: a short line kept never keeps another under it.
  const lineAbove = (line: Line) =>
    [...prose]
      .filter((k) => bottom(k) <= line.bbox.y + line.bbox.height / 2)
      .reduce<Line | undefined>((best, k) => (best === undefined || bottom(k) > bottom(best) ? k : best), undefined);
  const ends = new Set(
    lines.filter((line) => {
      const above = isProseLine(line) ? undefined : lineAbove(line);
      return above !== undefined && endsParagraph(line, above);
    }),
  );
  return lines.filter((l) => ends.has(l) || prose.has(l));
}

function endsParagraph(line: Line, above: Line): boolean {
  const h = above.bbox.height;
  const ratio = line.bbox.height / h;
  return (
    line.confidence >= PARAGRAPH_MIN_CONFIDENCE &&
    holdsText(line.text) &&
    !repeatsAMark(line.text) &&
    line.bbox.y - (above.bbox.y + h) <= h * PARAGRAPH_GAP_LINE_HEIGHTS &&
    Math.abs(line.bbox.x - above.bbox.x) <= h * PARAGRAPH_INDENT_LINE_HEIGHTS &&
    ratio <= PARAGRAPH_HEIGHT_RATIO &&
    ratio >= 1 / PARAGRAPH_HEIGHT_RATIO
  );
}

const repeatsAMark = (text: string) => REPEATED.test(text.replace(/\s+/g, ''));

function readsAsWords(text: string): boolean {
  if (repeatsAMark(text)) {
    return false;
  }
  const chars = [...text];
  const hanPair = chars.some(
    (c, i) => i > 0 && HAN.test(c) && HAN.test(chars[i - 1]) && !(c === '一' && chars[i - 1] === '一'),
  );
  return hanPair || ALNUM_RUN.test(text.replace(/\p{Script=Han}/gu, ' '));
}
