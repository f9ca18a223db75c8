// Words read from a scan, their boxes narrowed to the print under them. Tesseract's word boxes reach past the ink: a
// quote mark it reads where none is printed (“7,659,232, “三千四百一十一), an underscore over white, a character's box
// stretched over the white beside it. Across the tight gutter of a table without rulings inside (7-11 pt between
// columns) they close it, and the columns on either side are read as one. Only the boxes change: a quote read where
// none is printed stays in the word's text (its cell reads “1,200).
import { INK_LEVEL, type PixelBox, type Raster } from '../../../../shared/adapters/raster';

/**
 * The words with their boxes narrowed, left and right, to the ink inside them; a word with no ink under it is left
 * out. Boxes keep their height: Tesseract places the boxes of Chinese characters loosely, and narrowed from top and
 * bottom too, a box found only a sliver of its neighbour's ink, stood as a line of its own, and split a column in two.
 */
export function narrowedToPrint<W extends { bbox: PixelBox }>(words: readonly W[], image: Raster): W[] {
  const out: W[] = [];
  for (const word of words) {
    const x0 = Math.max(0, Math.floor(word.bbox.x));
    const y0 = Math.max(0, Math.floor(word.bbox.y));
    const x1 = Math.min(image.width, Math.ceil(word.bbox.x + word.bbox.width));
    const y1 = Math.min(image.height, Math.ceil(word.bbox.y + word.bbox.height));
    let left = Infinity;
    let right = -Infinity;
    for (let y = y0; y < y1; y += 1) {
      for (let x = x0; x < x1; x += 1) {
        if (image.data[y * image.width + x] < INK_LEVEL) {
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
      }
    }
    if (right >= left) {
      out.push({ ...word, bbox: { ...word.bbox, x: left, width: right + 1 - left } });
    }
  }
  return out;
}
