// Which lines Tesseract read on a page are prose, and which are the marks around it read as characters: specks,
// stamps, a table's residue, the frame of a photo or the boxes of a chart (a box's side read as （ or |, its
// bottom as L___ 一一一).
import type { Line } from '../../../../shared/contracts/page';

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

/** Whether a line read on a page is prose, to keep. */
export function isProseLine(line: Pick<Line, 'text' | 'confidence'>): boolean {
  if (line.text.trim() === '' || line.confidence < NOISE_CONFIDENCE) {
    return false;
  }
  return line.confidence >= SURE_CONFIDENCE || readsAsWords(line.text);
}

function readsAsWords(text: string): boolean {
  if (REPEATED.test(text.replace(/\s+/g, ''))) {
    return false;
  }
  const chars = [...text];
  const hanPair = chars.some(
    (c, i) => i > 0 && HAN.test(c) && HAN.test(chars[i - 1]) && !(c === '一' && chars[i - 1] === '一'),
  );
  return hanPair || ALNUM_RUN.test(text.replace(/\p{Script=Han}/gu, ' '));
}
