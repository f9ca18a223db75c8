// Words into lines: used for text-layer prose (OCR stage) and for the text inside a cell (table stage); and the
// mean confidence of lines read (a page's orientation in the OCR stage, the document's verdict in normalisation).
import { unionBox } from '../contracts/geometry';
import type { Line, Word } from '../contracts/page';
import { joinPieces } from './cjk-text';

/** Groups words into lines, top to bottom: words whose vertical centres lie within half a line height. */
export function wordsToLines(words: readonly Word[]): Line[] {
  const sorted = [...words].sort((a, b) => centreY(a) - centreY(b) || a.bbox.x - b.bbox.x);
  const groups: Word[][] = [];
  for (const word of sorted) {
    const group = groups[groups.length - 1];
    if (group && Math.abs(centreY(word) - centreY(group[0])) < Math.max(word.bbox.height, group[0].bbox.height) / 2) {
      group.push(word);
    } else {
      groups.push([word]);
    }
  }
  return groups.map((group) => {
    const ordered = group.sort((a, b) => a.bbox.x - b.bbox.x);
    return {
      text: joinPieces(ordered.map((w) => w.text)),
      confidence: Math.min(...ordered.map((w) => w.confidence)),
      bbox: unionBox(ordered.map((w) => w.bbox)) ?? ordered[0].bbox,
      words: ordered,
    };
  });
}

const centreY = (w: Word) => w.bbox.y + w.bbox.height / 2;

/** Mean confidence of lines read by OCR, weighted by each line's characters; null when they hold fewer than
 * `minCharacters` (none, by default). */
export function proseConfidence(lines: readonly Pick<Line, 'text' | 'confidence'>[], minCharacters = 1): number | null {
  let characters = 0;
  let weighted = 0;
  for (const line of lines) {
    const n = [...line.text.replace(/\s/g, '')].length;
    characters += n;
    weighted += n * line.confidence;
  }
  return characters < minCharacters || characters === 0 ? null : weighted / characters;
}
