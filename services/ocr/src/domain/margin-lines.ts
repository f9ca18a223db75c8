// Lines in a page's margins that no one printed: the outline of a sheet scanned crooked on a light backing, darkened
// by a copier's edge, and what the cleaning of a copier's shadow leaves of its inner rim. Straight, thin and long,
// they stand beside the text with paper between, and Tesseract joined them to the lines of prose they stood beside as
// "|" at a line's start or end (a crooked photocopy, compound captures seed 1792107905: 19 of them, prose CER 1.59%).
// A page's margins hold nothing printed that is such a line: the rules of a table meet its rulings and its text, a
// header's or footnote's rule has print beside it, and a report's margins are 0.75 inch or more (GB/T 9704).
import { flood, regions, type Region } from '../../../../shared/domain/flood-fill';
import type { GrayImage } from '../../../../shared/domain/ink-groups';

// Longer than any glyph's stroke (a 19 pt heading's is under 1/4 inch) and than a speck: a line.
const MIN_LENGTH_IN = 1 / 4;
// A line's mean thickness (its pixels over its length) is at most 1/12 inch, as a crease's (sheet-lines.ts): a
// sheet's outline and a copier's edge line are 0.01-0.05 inch; a glyph's or a grid's pixels over its extent far more.
const MAX_THICKNESS_IN = 1 / 12;
// Within 8 degrees of the page's axis: a feeder turns a sheet by up to 6 degrees (bench/captures/feeder.ts), the
// flatbed families by 1.2, and a phone's flattened sheet keeps a degree or two.
const MAX_SLANT = Math.tan((8 * Math.PI) / 180);
// It lies within 1.25 inch of the image's edge it runs along: the margin (0.75 inch or more) and what a sheet turned
// by 6 degrees moves its outline in over half a page's length (0.5 inch).
const EDGE_IN = 1.25;
// And paper lies 1/10 inch round it on the side toward the page's middle and past its ends: a table's outer rule has
// the text of its cells within 2-4 pt, even where its rulings are broken off it; a dash (——) has characters at its
// ends; an outline stands 0.3 inch or more off the text.
const CLEAR_IN = 1 / 10;

// Looked for at half the page's resolution (a pixel dark where any of the four under it is, as sheet-lines.ts
// does: a line a pixel wide at 300 DPI stays one) and only in the page's outer band, where such a line and the paper
// beside it lie: an eighth of the work of the whole page (a 300 DPI page took 200-300 ms at full resolution).
const BAND_IN = EDGE_IN + 2 * CLEAR_IN;

/** Whitens, in place, the lines in the margins of `page` (at `dpi`; ink darker than `level`) with the grey rim a
 * line's blur leaves round it. Returns how many it whitened. */
export function removeMarginLines(page: GrayImage, dpi: number, level: number): number {
  const { width, height, data } = page;
  const w = Math.floor(width / 2);
  const h = Math.floor(height / 2);
  const band = Math.round((BAND_IN * dpi) / 2);
  const half = new Uint8Array(w * h);
  for (let y = 0; y < h; y += 1) {
    const inner = y >= band && y < h - band;
    for (let x = 0; x < w; x += inner && x === band ? w - 2 * band : 1) {
      const i = 2 * y * width + 2 * x;
      half[y * w + x] =
        data[i] < level || data[i + 1] < level || data[i + width] < level || data[i + width + 1] < level ? 1 : 0;
    }
  }
  const lines = marginLines(regions(half, w, h, { connectivity: 8, keepMembersUpTo: 0 }), w, h, dpi / 2);
  if (lines.length === 0) {
    return 0;
  }
  const ink = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += 1) {
    ink[i] = data[i] < level ? 1 : 0;
  }
  for (const line of lines) {
    // Flooded at full resolution from an ink pixel under the line's first half-resolution pixel.
    const sx = 2 * (line.start % w);
    const sy = 2 * Math.floor(line.start / w);
    const start = [0, 1, width, width + 1].map((d) => sy * width + sx + d).find((i) => ink[i] === 1);
    if (start === undefined) {
      continue;
    }
    ink[start] = 0;
    flood([start], ink, width, height, 8, (i) => {
      data[i] = 255;
      const x = i % width;
      for (const j of [i - width, i + width, x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1]) {
        if (j >= 0 && j < data.length && data[j] >= level) {
          data[j] = 255;
        }
      }
    });
  }
  return lines.length;
}

/** The groups of `groups` (ink of a `width` x `height` page at `dpi`) that are lines in its margins (see above). */
export function marginLines(groups: readonly Region[], width: number, height: number, dpi: number): Region[] {
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
    // The side of the page it stands on; the box beside it toward the middle, and past its ends, holds no other ink
    // (a dash —— on a page's last line, near its foot, has characters at its ends).
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
