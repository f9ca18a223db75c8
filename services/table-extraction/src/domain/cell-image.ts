// The image of one cell, before any OCR: its text lines, whether it holds only a dash, ruling leftovers.
import { INK_LEVEL, Raster } from '../../../../shared/adapters/raster';
import { InkGroup, inkGroups } from '../../../../shared/domain/ink-groups';
import type { PageGeometry } from '../../../../shared/domain/page-geometry';

// A mark of print reaches at least 1/25 inch one way: a digit at 8 pt is 1/12 inch high, a dash at 9 pt
// about 1/20 inch long, a thin "1" or "2" as high as any digit. Specks are gone from the page already (under
// 1/80 inch or a stroke), and JPEG ringing around a ruling's remnant stays as small.
const MIN_MARK_IN = 1 / 25;
// On a page of heavy strokes (a photocopy, a low-resolution scan), noise grows with them: a mark is then also
// at least 3 strokes long (12 px at 300 DPI on a clean scan, the same as MIN_MARK_IN) ...
const MIN_MARK_STROKES = 3;
// ... but never more than half the page's glyph height: half a digit is always a mark.
const MAX_MARK_GLYPHS = 0.5;

// A glyph that comes apart at INK_LEVEL is still one mark: its pieces are joined through the faint pixels the
// normalisation keeps beside print (mapped from paper at its faint floor down to INK_LEVEL at half the print's
// darkness). From the middle of that range: a "2" on a defocused phone photo (soft seed 128500853, Shizuishan) fell
// into pieces of 16 and 7 px, under the page's mark size of 18, its thin diagonal at 130-170 (the cell was called
// blank at 0.99 with its figure in it, a silent error), while bleed-through and stains, at most 0.3 of the print's
// darkness, are paper or grey lighter than 200.
const JOIN_LEVEL = 192;
// A joined group wider or taller than 1.5 glyphs is a ruling's remnant with its grey edge, not a glyph.
const MAX_JOINED_GLYPHS = 1.5;

/**
 * Whether the crop holds a mark of print. A blank is a claim: a cell is blank only when no group of ink
 * in it is glyph-sized, however little ink a thin digit in a wide cell makes (under 0.3% of the cell), and no two
 * or more pieces of print joined by faint ink (JOIN_LEVEL) within a glyph's size span a mark together. The size of
 * a mark is measured against the page's own noise: its stroke and glyph height.
 */
export function hasMark(crop: Raster, dpi: number, geometry: PageGeometry | null): boolean {
  const min = markSize(dpi, geometry);
  const large = (g: InkGroup) => extent(g) >= min;
  // Pieces under a mark keep their pixels; a larger one is a mark at once.
  const pieces = inkGroups(crop, INK_LEVEL, Math.ceil(min));
  if (pieces.some(large)) {
    return true;
  }
  // Joining needs two pieces: a cell with none or one (most blanks) is not flooded again.
  if (pieces.length < 2) {
    return false;
  }
  const glyph = Math.ceil(MAX_JOINED_GLYPHS * (geometry?.textHeightPx ?? 2 * min));
  return inkGroups(crop, JOIN_LEVEL, glyph).some((joined) => {
    if (!joined.members) {
      return false;
    }
    const members = new Set(joined.members);
    const inside = pieces.filter((p) => p.members && members.has(p.members[0]));
    const span = (from: (p: InkGroup) => number, to: (p: InkGroup) => number) =>
      Math.max(...inside.map(to)) - Math.min(...inside.map(from)) + 1;
    return (
      inside.length > 1 &&
      (span(
        (p) => p.x0,
        (p) => p.x1,
      ) >= min ||
        span(
          (p) => p.y0,
          (p) => p.y1,
        ) >= min)
    );
  });
}

/** A group's larger extent, across or down, in pixels. */
function extent(g: InkGroup): number {
  return Math.max(g.x1 - g.x0 + 1, g.y1 - g.y0 + 1);
}

/** The least extent, in pixels, of a mark of print on a page of `geometry` (MIN_MARK_IN, MIN_MARK_STROKES,
 * MAX_MARK_GLYPHS). */
function markSize(dpi: number, geometry: PageGeometry | null): number {
  const fromStrokes = Math.max(MIN_MARK_IN * dpi, MIN_MARK_STROKES * (geometry?.strokePx ?? 0));
  return geometry?.textHeightPx ? Math.min(fromStrokes, MAX_MARK_GLYPHS * geometry.textHeightPx) : fromStrokes;
}

// A piece of ink under a mark's size standing more than a glyph's height from every mark of its cell, and from every
// piece kept beside one, is toner or dust beside the print, not a part of it: a full stop, a decimal point, a comma or
// the dot of a character stands within a glyph of the character it belongs to (a full-width 。 in its own em box is
// less than half a glyph from the last character), and the dots of an ellipsis or a leader within a glyph of each
// other; while a photocopy's toner specks scattered beside a figure were read as its tail: 247 as "247”一"
// (photocopy200 seed 384542573, Shizuishan, specks 2.6 glyphs right of the 7). Pieces are taken at JOIN_LEVEL, with
// the faint ink beside print, so that a faint glyph broken into pieces at INK_LEVEL is one mark.
const STRAY_GLYPHS = 1;
// ... and only a piece within a quarter of a glyph each way: a digit stands about 0.7 of the page's (Chinese) glyph
// high, and half of one broken off by paper is kept wherever it stands; the specks were a few pixels, under 0.2 of a
// glyph.
const MAX_STRAY_GLYPHS = 1 / 4;

/**
 * Whitens, in place, the pieces of ink smaller than a mark and than MAX_STRAY_GLYPHS each way that stand more than
 * STRAY_GLYPHS from every mark of the crop and every piece kept beside one; a crop with no mark, or on a page
 * whose glyph height is unknown, is left as it is.
 */
export function clearStrays(crop: Raster, dpi: number, geometry: PageGeometry | null): void {
  const glyph = geometry?.textHeightPx;
  if (!glyph) {
    return;
  }
  const min = markSize(dpi, geometry);
  const groups = inkGroups(crop, JOIN_LEVEL, Math.ceil(min));
  // A stray candidate: under a mark, and within MAX_STRAY_GLYPHS; everything else is kept, and anchors the reach.
  const small = (g: InkGroup) => extent(g) < min && extent(g) <= MAX_STRAY_GLYPHS * glyph;
  let loose = groups.filter(small);
  if (loose.length === 0 || !groups.some((g) => extent(g) >= min)) {
    return;
  }
  const kept = groups.filter((g) => !small(g));
  // The blank pixels between two groups' boxes, the larger of across and down.
  const gap = (a: InkGroup, b: InkGroup) => Math.max(a.x0 - b.x1, b.x0 - a.x1, a.y0 - b.y1, b.y0 - a.y1, 1) - 1;
  for (let grown = true; grown;) {
    const near = loose.filter((g) => kept.some((k) => gap(g, k) <= STRAY_GLYPHS * glyph));
    grown = near.length > 0;
    kept.push(...near);
    loose = loose.filter((g) => !near.includes(g));
  }
  whiten(crop.data, crop, loose);
}

/** Rows of ink separated by blank rows: the text lines of a cell. */
export function textBands(crop: Raster): { from: number; to: number }[] {
  const bands: { from: number; to: number }[] = [];
  const minHeight = Math.max(3, Math.round(crop.height * 0.08));
  let start = -1;
  for (let y = 0; y <= crop.height; y += 1) {
    let ink = false;
    for (let x = 0; y < crop.height && x < crop.width && !ink; x += 1) {
      ink = crop.data[y * crop.width + x] < INK_LEVEL;
    }
    if (ink && start < 0) {
      start = y;
    } else if (!ink && start >= 0) {
      if (y - start >= minHeight) {
        bands.push({ from: Math.max(0, start - 2), to: Math.min(crop.height, y + 2) });
      }
      start = -1;
    }
  }
  return bands;
}

// A dash is one stroke thick: at most 0.03 in (9 px at 300 DPI, over two strokes of clean print) or two of
// the page's measured strokes, where they are heavier.
const MAX_DASH_IN = 0.03;
const MAX_DASH_STROKES = 2;

// A printed dash stands where the cell's text stands: clear of the cell's sides and with its middle in the middle half
// of the cell's height. A stroke that touches a side of the crop or lies near its top or bottom crosses the cell (the
// end of a pen's line or a stain's edge) or is left of a ruling, and a dash read from it is a zero made of nothing.
const DASH_BAND = 0.25;

/** A cell's only ink as one thin horizontal stroke: a dash where text stands, else a stroke astray. */
export type LoneStroke = { dash: '—' | '——' } | { astray: true };

/**
 * A cell whose only ink is one thin horizontal stroke holds a dash, which Tesseract drops as a ruling, when the
 * stroke stands where text stands; longer than 14 pt (more than one em of table text) it is the doubled dash ——.
 * Elsewhere it is astray (a pen's line or a stain's edge crossing the cell): no figure, and no dash either, which
 * OCR would read as one and the template as a zero.
 */
export function loneStroke(crop: Raster, dpi: number, geometry: PageGeometry | null): LoneStroke | undefined {
  const rows: number[] = [];
  let x0 = crop.width;
  let x1 = -1;
  for (let y = 0; y < crop.height; y += 1) {
    for (let x = 0; x < crop.width; x += 1) {
      if (crop.data[y * crop.width + x] < INK_LEVEL) {
        if (rows[rows.length - 1] !== y) {
          rows.push(y);
        }
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
      }
    }
  }
  const thickness = rows.length > 0 ? rows[rows.length - 1] - rows[0] + 1 : 0;
  const length = x1 - x0 + 1;
  const maxThickness = Math.max(MAX_DASH_IN * dpi, MAX_DASH_STROKES * (geometry?.strokePx ?? 0));
  if (thickness === 0 || thickness > maxThickness || length < 4 * thickness) {
    return undefined;
  }
  const middle = (rows[0] + rows[rows.length - 1]) / 2;
  if (x0 === 0 || x1 === crop.width - 1 || Math.abs(middle - crop.height / 2) > DASH_BAND * crop.height) {
    return { astray: true };
  }
  return { dash: length > (14 / 72) * dpi ? '——' : '—' };
}

/** Whites out rows and columns at the crop's edges that are mostly ink: leftovers of the cell's rulings. `dpi`, when
 * known, lets a rule from the crop's top to its bottom be taken a little past the edge band (see RULE_DRIFT_IN). */
export function clearBorderLines(crop: Raster, dpi: number | null = null): void {
  const band = Math.max(2, Math.round(Math.min(crop.width, crop.height) * 0.15));
  // First, while a slanted leftover is whole: clearing the rows it fills would cut it into pieces that no longer
  // touch the edge.
  clearSlantedRulings(crop, band, band + (dpi === null ? 0 : RULE_DRIFT_IN * dpi));
  const rowInk = (y: number) => {
    let n = 0;
    for (let x = 0; x < crop.width; x += 1) {
      n += crop.data[y * crop.width + x] < INK_LEVEL ? 1 : 0;
    }
    return n / crop.width;
  };
  const colInk = (x: number) => {
    let n = 0;
    for (let y = 0; y < crop.height; y += 1) {
      n += crop.data[y * crop.width + x] < INK_LEVEL ? 1 : 0;
    }
    return n / crop.height;
  };
  for (let i = 0; i < band; i += 1) {
    for (const y of [i, crop.height - 1 - i]) {
      if (y >= 0 && y < crop.height && rowInk(y) > 0.5) {
        crop.data.fill(255, y * crop.width, (y + 1) * crop.width);
      }
    }
    for (const x of [i, crop.width - 1 - i]) {
      if (x >= 0 && x < crop.width && colInk(x) > 0.5) {
        for (let y = 0; y < crop.height; y += 1) {
          crop.data[y * crop.width + x] = 255;
        }
      }
    }
  }
}

// A ruling not level in the image (a bound page's rule bowed toward the spine, a sheet's curl) fills no row of the
// crop: it runs into the crop at a slant through the corner between an edge and a crossing edge, and on along the
// edge a few pixels deep. Its group of ink lies within that edge's band, touches both edges, and is at least
// RULING_ELONGATION times longer along the edge than deep, as a line is and a glyph's stroke joined to the rest of
// its glyph is not. Touching the crossing edge is what sets it apart from print: a lone flat stroke (the top of 三 or
// 元) can touch the top edge in a tight cell, but print reaches a corner only where it stands within 2 pt
// (INSET_PT) of two rulings at once. A rule crossing the pixel rows at a shallow angle is grey over most of its
// length (its 2-3 px averaged with paper): its group is taken at JOIN_LEVEL, not at INK_LEVEL, which holds only its
// darkest pixels and leaves a grey wedge Tesseract reads as "-". On a bound Ningxia page (captures seed 1688173560)
// the rules dropped 1 pt across the figures' column toward the spine, and the two figures at the top were read
// "0 -" and "0 一", their wedges 160-240 grey over 30 px, 8 px of them under INK_LEVEL.
const RULING_ELONGATION = 3;
// A rule drifting under 1/50 in along its length carries no slope (shared/domain/ruling-fit.ts), and the cells along
// it are cut at its centre: it stands up to that far past the side where they expect it.
const RULE_DRIFT_IN = 1 / 50;

/** Whites out the ink groups in the crop's corners that are slanted ruling leftovers (and the pixel round them);
 * `reach`: how far in from a side a rule from the crop's top to its bottom is taken. */
function clearSlantedRulings(crop: Raster, band: number, reach: number): void {
  const { width, height } = crop;
  const leftovers = inkGroups(crop, JOIN_LEVEL, Math.max(width, height) + 1).filter((g) => {
    const across = g.x1 - g.x0 + 1;
    const down = g.y1 - g.y0 + 1;
    const atTop = g.y0 === 0 && g.y1 < band;
    const atBottom = g.y1 === height - 1 && g.y0 >= height - band;
    const atLeft = g.x0 === 0 && g.x1 < band;
    const atRight = g.x1 === width - 1 && g.x0 >= width - band;
    const alongRows = (atTop || atBottom) && across >= RULING_ELONGATION * down && (g.x0 === 0 || g.x1 === width - 1);
    const alongColumns =
      (atLeft || atRight) && down >= RULING_ELONGATION * across && (g.y0 === 0 || g.y1 === height - 1);
    // A ruling a few pixels inside the crop (a rule slanted against the grid, the cell cut where the line is expected)
    // touches no side edge but runs from the top edge to the bottom one. Columns clearing takes only its core (the
    // pixel columns it fills more than half down) and leaves its slanted fringe, read "|": on a scanning app's page
    // (captures app seed 1792107905, Yinchuan) 19 blank cells were read "|" and 9 more unread that way, the rule 6-11
    // px (1.5-2.5 pt) in from the crop's side at 300 dpi, past the 9 px edge band. Such a group is taken up to `reach`
    // from a side (RULE_DRIFT_IN), as print never stands there from edge to edge; further in it is a wall the grid
    // missed, left to be read and flagged. A rule across the crop is taken within the band only: a long dash "——" can
    // span a narrow cell from side to side.
    const acrossRows =
      g.x0 === 0 && g.x1 === width - 1 && (g.y1 < band || g.y0 >= height - band) && across >= RULING_ELONGATION * down;
    const acrossColumns =
      g.y0 === 0 &&
      g.y1 === height - 1 &&
      (g.x1 < reach || g.x0 >= width - reach) &&
      down >= RULING_ELONGATION * across;
    return alongRows || alongColumns || acrossRows || acrossColumns;
  });
  whiten(crop.data, crop, leftovers);
}

// A pen's loop round a figure (a reviewer's circle, cut into arcs by the cell's sides) stands taller than any glyph
// of the table: on a marked-up Shizuishan faxed at 150 dpi (captures seed 382544822) the cells' printed glyphs
// reached 1.05 of the table's glyph height, the loops 1.37-2.5, read as brackets round the figure: （0）, 《3253）.
const LOOP_GLYPHS = 1.25;

/** The crop without the ink taller than a glyph of its table (a pen's loop or tick), or null when it has none. */
export function withoutLoops(crop: Raster, glyphPx: number): Raster | null {
  const loops = inkGroups(crop, INK_LEVEL, Math.max(crop.width, crop.height) + 1).filter(
    (g) => g.y1 - g.y0 + 1 > LOOP_GLYPHS * glyphPx,
  );
  if (loops.length === 0) {
    return null;
  }
  const data = Uint8Array.from(crop.data);
  whiten(data, crop, loops);
  return { ...crop, data };
}

/** `groups` of `crop` set to paper in `data` (crop's own pixels or a copy), with the grey rim round them. */
function whiten(data: Uint8Array, crop: Raster, groups: readonly InkGroup[]): void {
  const { width, height } = crop;
  for (const i of groups.flatMap((group) => group.members ?? [])) {
    data[i] = 255;
    // With the grey edge round it (lighter than ink, but what Tesseract would still see of the mark).
    const x = i % width;
    const y = (i - x) / width;
    for (let dy = -1; dy <= 1; dy += 1) {
      for (let dx = -1; dx <= 1; dx += 1) {
        const j = (y + dy) * width + x + dx;
        if (x + dx >= 0 && x + dx < width && y + dy >= 0 && y + dy < height && crop.data[j] >= INK_LEVEL) {
          data[j] = 255;
        }
      }
    }
  }
}
