// What a degradation knows of the sheet it works on besides its pixels: the resolution, where the printed
// words are (so pens go where readers put them) and the page printed on the back (what shows through).
import type { RgbRaster } from './rgb-raster';

/** A run of printed text and its box, in the raster's pixels (origin top-left). */
export interface WordBox {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A printed sheet before it is captured. */
export interface Sheet {
  /** Pixels per inch of the raster on the paper. */
  dpi: number;
  words: readonly WordBox[];
  /** The sheet's reverse side as printed (same size), or null for a blank back. */
  back: RgbRaster | null;
}

/** A line of print: the words whose vertical centres fall together. */
export interface PrintLine {
  y: number;
  height: number;
  left: number;
  right: number;
  words: WordBox[];
}

const isNumber = (w: WordBox) => /^[\d,.]+$/.test(w.text);

/** The page's lines of print, top to bottom. */
export function printLines(words: readonly WordBox[]): PrintLine[] {
  const lines: PrintLine[] = [];
  for (const w of [...words].sort((a, b) => a.y + a.height / 2 - (b.y + b.height / 2))) {
    const centre = w.y + w.height / 2;
    const last = lines.at(-1);
    // Two runs are on one line when their centres are within half a glyph: table cells of one row share a
    // baseline to the pixel, and lines of prose are 1.75 glyphs apart (render.py's line-height).
    if (last && Math.abs(last.y + last.height / 2 - centre) < w.height / 2) {
      last.words.push(w);
      last.left = Math.min(last.left, w.x);
      last.right = Math.max(last.right, w.x + w.width);
    } else {
      lines.push({ y: w.y, height: w.height, left: w.x, right: w.x + w.width, words: [w] });
    }
  }
  return lines;
}

/**
 * The numbers a reader circles: numeric runs in type smaller than the page's median (the tables' figures,
 * set at 10 pt against the prose's 13 pt), or every numeric run when no smaller type is on the page.
 */
export function tableNumbers(words: readonly WordBox[]): WordBox[] {
  const numbers = words.filter(isNumber);
  const heights = words.map((w) => w.height).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)] ?? 0;
  const small = numbers.filter((w) => w.height < median * 0.9);
  return small.length > 0 ? small : numbers;
}

/** Lines that are a table's row: two numbers or more on one line. */
export function tableRows(words: readonly WordBox[]): PrintLine[] {
  return printLines(words).filter((l) => l.words.filter(isNumber).length >= 2);
}
