// Words into lines: used for text-layer prose (OCR stage) and for the text inside a cell (table stage).
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
