// Tables with no ruling inside (an outer frame only, or rules only across): columns from the vertical
// stripes of white that run through every line, rows from the text lines. The common borderless case.
import type { BBox } from '../../../../shared/contracts/geometry';
import { unionBox } from '../../../../shared/contracts/geometry';
import type { Word } from '../../../../shared/contracts/page';
import { joinPieces } from '../../../../shared/domain/cjk-text';
import { wordsToLines } from '../../../../shared/domain/lines';

export interface WordCell {
  row: number;
  col: number;
  text: string;
  confidence: number;
  bbox: BBox;
  words: Word[];
}

// A column gap is at least one character wide (the height of a line of text): word spacing inside a cell
// is narrower, the space between columns wider.
const MIN_GAP_LINE_HEIGHTS = 1;

/** Cells of a borderless table from its words, and its column boundaries; `frame` is the table's box. */
export function gridFromWords(words: readonly Word[], frame: BBox): { cells: WordCell[]; edges: number[] } {
  const lines = wordsToLines(words);
  if (lines.length === 0) {
    return { cells: [], edges: [] };
  }
  const lineHeight = lines.map((l) => l.bbox.height).sort((a, b) => a - b)[Math.floor(lines.length / 2)];
  const edges = columnEdges(words, frame, MIN_GAP_LINE_HEIGHTS * lineHeight);
  const cells: WordCell[] = [];
  lines.forEach((line, row) => {
    for (let col = 0; col < edges.length - 1; col += 1) {
      const inside = line.words.filter((w) => {
        const centre = w.bbox.x + w.bbox.width / 2;
        return centre >= edges[col] && centre < edges[col + 1];
      });
      cells.push({
        row, col,
        text: joinPieces(inside.map((w) => w.text)),
        confidence: inside.length ? Math.min(...inside.map((w) => w.confidence)) : 0.99,
        bbox: unionBox(inside.map((w) => w.bbox)) ?? { x: edges[col], y: line.bbox.y, width: edges[col + 1] - edges[col], height: line.bbox.height },
        words: inside,
      });
    }
  });
  return { cells, edges };
}

/** Column boundaries: the frame's sides and the middle of every white stripe at least `minGap` wide. */
function columnEdges(words: readonly Word[], frame: BBox, minGap: number): number[] {
  const spans = words.map((w) => [w.bbox.x, w.bbox.x + w.bbox.width] as const).sort((a, b) => a[0] - b[0]);
  const edges = [frame.x];
  let reach = spans[0]?.[1] ?? frame.x;
  for (const [from, to] of spans.slice(1)) {
    if (from - reach >= minGap) {
      edges.push((reach + from) / 2);
    }
    reach = Math.max(reach, to);
  }
  edges.push(frame.x + frame.width);
  return edges;
}
