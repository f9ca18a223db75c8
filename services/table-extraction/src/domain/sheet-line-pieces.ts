// Whether a short stroke on the page is a piece of a line through the whole sheet. A crease is found and lifted from
// the page when it is a line (sheet-lines.ts), but a fax, or an app's black-and-white filter, thresholds a grey crease
// into dashes with gaps as long as they are (half the line, compound captures seed 141421356, a folded Yinchuan page
// faxed at 150 dpi): too broken to be found as a line, each dash left on the page. One that fell alone in a blank
// cell was read as a printed dash, that is a zero, at 0.99 (a silent error). A printed dash stands in its cell; a
// crease runs through the sheet's side margins, where a report prints nothing (0.75 inch or more: GB/T 9704's
// 26-37 mm, office defaults 0.75-1.25 inch), so a stroke with a piece of line in each side margin, the three on one
// straight course, is a crease's.
import { INK_LEVEL, type PixelBox, type Raster } from '../../../../shared/adapters/raster';

// The side margins looked in: the page's outer half inch on the left and on the right, inside every report's margin.
const SIDE_MARGIN_IN = 1 / 2;
// A crease's course is straight and within 4 degrees of the page's axis (a hand fold and a scan's skew, 2 degrees
// each; sheet-lines.ts), and its pieces lie on it within 1/150 inch (its course there) or the stroke's thickness.
const MAX_SLOPE = 0.07;
const COURSE_IN = 1 / 150;
// A piece is a line's where it is elongated as a dash is (loneStroke: four times as long as it is thick) and thin: the
// page is paper two thicknesses above and below its middle. A speck is shorter; a dark band down the page's side (a
// feeder's backing, a copier's edge) is paper nowhere near.
const PIECE_ELONGATION = 4;
const CLEAR_THICKNESSES = 2;

interface Piece {
  x: number;
  y: number;
}

/**
 * Whether `stroke` (pixels of `page`, a thin horizontal stroke) lies on one straight course with a piece of line in
 * each of the page's side margins (see the module comment).
 */
export function onLineThroughSheet(page: Raster, stroke: PixelBox, dpi: number): boolean {
  const margin = Math.round(SIDE_MARGIN_IN * dpi);
  if (page.width < 4 * margin) {
    return false;
  }
  const x = stroke.x + stroke.width / 2;
  const y = stroke.y + stroke.height / 2;
  const thickness = stroke.height;
  const left = piecesIn(page, 0, margin, { x, y }, thickness);
  const right = piecesIn(page, page.width - margin, page.width, { x, y }, thickness);
  const course = Math.max(COURSE_IN * dpi, thickness);
  return left.some((l) =>
    right.some((r) => {
      const slope = (r.y - l.y) / (r.x - l.x);
      return Math.abs(slope) <= MAX_SLOPE && Math.abs(l.y + slope * (x - l.x) - y) <= course;
    }),
  );
}

/**
 * Pieces of line in the columns `from`..`to`: runs of ink along a row at least PIECE_ELONGATION thicknesses long,
 * clear above and below, within MAX_SLOPE of the stroke at `at`; each by its middle.
 */
function piecesIn(page: Raster, from: number, to: number, at: Piece, thickness: number): Piece[] {
  const minLength = PIECE_ELONGATION * thickness;
  const clear = Math.ceil(CLEAR_THICKNESSES * thickness);
  const reach = MAX_SLOPE * Math.max(Math.abs(from - at.x), Math.abs(to - at.x)) + thickness;
  const top = Math.max(clear, Math.floor(at.y - reach));
  const bottom = Math.min(page.height - 1 - clear, Math.ceil(at.y + reach));
  const ink = (x: number, y: number) => page.data[y * page.width + x] < INK_LEVEL;
  const pieces: Piece[] = [];
  for (let y = top; y <= bottom; y += 1) {
    let start = -1;
    for (let x = from; x <= to; x += 1) {
      if (x < to && ink(x, y)) {
        start = start < 0 ? x : start;
        continue;
      }
      if (start >= 0 && x - start >= minLength) {
        const middle = Math.floor((start + x) / 2);
        if (!ink(middle, y - clear) && !ink(middle, y + clear)) {
          pieces.push({ x: middle, y });
        }
      }
      start = -1;
    }
  }
  return pieces;
}
