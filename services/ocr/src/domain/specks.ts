// Specks: isolated dots of ink from a fax, a binarised scan or dust. Tesseract reads them as strokes (国, 园
// beside clean text), and a cell holding only specks looks inked. A speck is a connected group of ink
// smaller than any mark of print: the smallest, a full stop or decimal point at 9 pt, is about 1/50 inch.
import { GrayImage, inkGroups } from '../../../../shared/domain/ink-groups';

// At most 1/80 inch each way (4 px at 300 DPI; a 150 DPI scan's one-pixel dot becomes 2-3 px when rendered
// at 300): well under a decimal point, over a scanner's single-pixel noise. On a page whose strokes are
// heavier (a photocopy, a low-resolution scan rendered up: 5-7 px), its noise is as heavy: a speck is then
// anything that fits in a square a pixel narrower than its stroke. Not the stroke itself: the dot strokes of
// characters (、, the dot of 主) are about a stroke across, and whitening them cost cell text and prose CER at
// 150 dpi in the matrix (s2-150dpi, stroke 5 px: cell text 95.06% -> 94.44%, CER 0.83% -> 0.89%).
const MAX_SPECK_IN = 1 / 80;

/** Whitens, in place, every group of ink pixels (darker than `threshold`) that fits in a square of
 * MAX_SPECK_IN or of a pixel under the page's stroke width `strokePx`, whichever is larger. Returns how many
 * groups it whitened. */
export function removeSpecks(image: GrayImage, dpi: number, threshold: number, strokePx: number): number {
  const max = Math.max(1, Math.round(MAX_SPECK_IN * dpi), Math.round(strokePx) - 1);
  let removed = 0;
  for (const group of inkGroups(image, threshold, max)) {
    if (group.members) {
      for (const i of group.members) {
        image.data[i] = 255;
      }
      removed += 1;
    }
  }
  return removed;
}
