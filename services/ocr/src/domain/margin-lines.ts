// Lines in a page's margins that no one printed: the outline of a sheet scanned crooked on a light backing, darkened
// by a copier's edge, and what the cleaning of a copier's shadow leaves of its inner rim. Straight, thin and long,
// they stand beside the text with paper between, and Tesseract joined them to the lines of prose they stood beside as
// "|" at a line's start or end (a crooked photocopy, compound captures seed 1792107905: 19 of them, prose CER 1.59%).
// The rules of a table have its cells' text close beside them; a header's or footer's rule with nothing within a
// quarter inch below (above) it is taken, and no text goes with it.
import type { Region } from '../../../../shared/domain/flood-fill';
import { regions } from '../../../../shared/domain/flood-fill';
import type { GrayImage } from '../../../../shared/domain/ink-groups';

// Half an inch long at least: longer than any glyph (a 19 pt heading's is under 1/4 inch) and than a dash (——, two
// em dashes of 13 pt prose, 0.36 inch); the outline's pieces left between a shadow's cleaned blocks were 0.5-1.3 inch.
const MIN_LENGTH_IN = 1 / 2;
// A line's mean thickness (its pixels over its length) is at most 1/12 inch, as a crease's (sheet-lines.ts): a
// sheet's outline and a copier's edge line are 0.01-0.05 inch; a glyph's or a grid's pixels over its extent far more.
const MAX_THICKNESS_IN = 1 / 12;
// Within 8 degrees of the page's axis: a feeder turns a sheet by up to 6 degrees (bench/captures/feeder.ts), the
// flatbed families by 1.2, and a phone's flattened sheet keeps a degree or two.
const MAX_SLANT = Math.tan((8 * Math.PI) / 180);
// It lies within 1.25 inch of the image's edge it runs along: the margin (0.75 inch or more) and what a sheet turned
// by 6 degrees moves its outline in over half a page's length (0.5 inch).
const EDGE_IN = 1.25;
// And paper lies 1/4 inch round it on the side toward the page's middle and past its ends: a table's rule has its
// cells' text within 2-4 pt (a three-line table's bottom rule its last row's, 0.1-0.2 inch), a dash its characters at
// its ends; an outline stands 0.35 inch or more off the text (a margin of 0.75 inch, an outline 0.4 inch in at most).
const CLEAR_IN = 1 / 4;

// Looked for at half the page's resolution (a pixel dark where any of the four under it is, as sheet-lines.ts
// does: a line a pixel wide at 300 DPI stays one) and only in the page's outer band, where such a line and the paper
// beside it lie: an eighth of the work of the whole page (a 300 DPI page took 200-300 ms at full resolution). A group
// reaching the band's inner edge may go on beyond it (a table's rule and its rulings) and is never taken.
const BAND_IN = EDGE_IN + CLEAR_IN;

/** Whitens, in place, the lines in the margins of `page` (at `dpi`; ink darker than `level`) with the grey rim a
 * line's blur leaves round it. Returns how many it found. */
export function removeMarginLines(page: GrayImage, dpi: number, level: number): number {
  const { width, height, data } = page;
  const w = Math.floor(width / 2);
  const h = Math.floor(height / 2);
  const band = Math.round((BAND_IN * dpi) / 2);
  // The unsampled middle, [band, w - band) x [band, h - band); none on a page narrower or shorter than two bands.
  const hollow = w > 2 * band && h > 2 * band;
  const half = new Uint8Array(w * h);
  for (let y = 0; y < h; y += 1) {
    const inner = hollow && y >= band && y < h - band;
    for (let x = 0; x < w; x += inner && x === band - 1 ? w - 2 * band + 1 : 1) {
      const i = 2 * y * width + 2 * x;
      half[y * w + x] =
        data[i] < level || data[i + 1] < level || data[i + width] < level || data[i + width + 1] < level ? 1 : 0;
    }
  }
  const cut = (g: Region) => hollow && g.x1 >= band - 1 && g.x0 <= w - band && g.y1 >= band - 1 && g.y0 <= h - band;
  const groups = regions(half, w, h, { connectivity: 8, keepMembersUpTo: 0 });
  const lines = marginLines(groups, w, h, dpi / 2).filter((g) => !cut(g));
  for (const line of lines) {
    // Every ink pixel under the line's extent: clear of other ink (marginLines), so its pieces a pixel apart at full
    // resolution too, with the grey rim round them.
    const [x0, x1] = [2 * line.x0, Math.min(width - 1, 2 * line.x1 + 1)];
    const [y0, y1] = [2 * line.y0, Math.min(height - 1, 2 * line.y1 + 1)];
    for (let y = y0; y <= y1; y += 1) {
      for (let x = x0; x <= x1; x += 1) {
        if (data[y * width + x] < level) {
          whitenWithRim(page, x, y, level);
        }
      }
    }
  }
  return lines.length;
}

function whitenWithRim(page: GrayImage, x: number, y: number, level: number): void {
  const { width, height, data } = page;
  const i = y * width + x;
  data[i] = 255;
  const rim = (j: number) => {
    if (data[j] >= level) {
      data[j] = 255;
    }
  };
  if (x > 0) rim(i - 1);
  if (x < width - 1) rim(i + 1);
  if (y > 0) rim(i - width);
  if (y < height - 1) rim(i + width);
}

/** The groups of `groups` (ink of a `width` x `height` page at `dpi`) that are lines in its margins (see above). */
function marginLines(groups: readonly Region[], width: number, height: number, dpi: number): Region[] {
  const edge = EDGE_IN * dpi;
  const clear = CLEAR_IN * dpi;
  const isLine = (g: Region) => {
    const w = g.x1 - g.x0 + 1;
    const h = g.y1 - g.y0 + 1;
    const [along, across] = h >= w ? [h, w] : [w, h];
    return (
      along >= MIN_LENGTH_IN * dpi &&
      g.area <= MAX_THICKNESS_IN * dpi * along &&
      across <= MAX_THICKNESS_IN * dpi + MAX_SLANT * along
    );
  };
  const lines = new Set(groups.filter(isLine));
  // Other such lines do not stand in the way: the pieces of one outline that a copier shadow's cleaning cut apart.
  const others = groups.filter((g) => !lines.has(g));
  return [...lines].filter((line) => {
    const vertical = line.y1 - line.y0 >= line.x1 - line.x0;
    // The side of the page it stands on; the box beside it toward the middle, and past its ends, holds no other ink.
    const inner = vertical
      ? line.x0 < edge
        ? { x0: line.x0, x1: line.x1 + clear, y0: line.y0 - clear, y1: line.y1 + clear }
        : line.x1 > width - 1 - edge
          ? { x0: line.x0 - clear, x1: line.x1, y0: line.y0 - clear, y1: line.y1 + clear }
          : null
      : line.y0 < edge
        ? { x0: line.x0 - clear, x1: line.x1 + clear, y0: line.y0, y1: line.y1 + clear }
        : line.y1 > height - 1 - edge
          ? { x0: line.x0 - clear, x1: line.x1 + clear, y0: line.y0 - clear, y1: line.y1 }
          : null;
    return (
      inner !== null &&
      !others.some((g) => g.x0 <= inner.x1 && g.x1 >= inner.x0 && g.y0 <= inner.y1 && g.y1 >= inner.y0)
    );
  });
}
