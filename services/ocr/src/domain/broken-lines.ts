// Lines through the sheet broken into pieces. A crease is found and lifted when it is a line (sheet-lines.ts), but a
// fax, or a scanning app's black-and-white filter, thresholds a grey crease into dashes with gaps as long as they are
// (a folded Yinchuan page faxed at 150 dpi, compound captures seed 141421356): too broken to be found as a line, its
// pieces stayed on the page, read as a ruling through a table's row (cell structure 268/289), as dashes in the prose
// ("--一", "--一一-") and, alone in a blank cell, as a printed dash, that is a zero, at 0.99 (a silent error). A report
// prints nothing in its side margins (0.75 inch or more: GB/T 9704's 26-37 mm, office defaults 0.75-1.25 inch) and a
// crease runs through them: pieces of line in the margins at both ends, on one straight course with pieces along it,
// are a crease's, and every thin piece on that course is made paper. What crosses it (a glyph's stroke, a ruling) is
// ink beyond the piece's thickness and stays.
import { INK_LEVEL, type Raster } from '../../../../shared/adapters/raster';
// A crease's course is straight and within 4 degrees of the page's axis, its pieces on it within 1/150 inch, as a
// whole crease's (sheet-lines.ts, where the values are argued).
import { COURSE_IN, MAX_SLOPE, pixelOf } from './sheet-lines';

// The margins looked in: the page's outer half inch at either end of the course, inside every report's margin.
const END_MARGIN_IN = 1 / 2;
// A piece is at least 1/25 inch long (the smallest mark of print, cell-image.ts; a fax's specks are dots) and at most
// 1/50 inch thick (a crease's dark line is 0.2-0.5 mm, 1/125-1/50 inch; a ruling is thinner, and lies inside the
// margins), with paper that far again beside it: a feeder's dark backing or a copier's edge down the page's side is
// no piece, nor is a glyph's stroke with the rest of the glyph beside it.
const MIN_PIECE_IN = 1 / 25;
const MAX_THICK_IN = 1 / 50;
// Along the course, thin pieces cover at least a quarter of the page's length: the broken crease's pieces are half of
// it, less what print and rulings it crosses hide. Two unrelated marks in the two margins, paired, find no such run
// of thin pieces between them: a line of prose has ink above and below its strokes, a ruling is one long run.
const MIN_COVER = 1 / 4;
// A run of ink along the course longer than an inch is not a crease's piece but print the course follows (a table's
// rule, whose run goes through its rulings): the pieces seen were 0.1-0.5 inch.
const MAX_PIECE_IN = 1;

/** A line's course: across = at + slope * along, in pixels. */
interface Course {
  at: number;
  slope: number;
}

/** Pixel access along one axis: `along` the course's axis, `across` it. */
interface Axis {
  length: number;
  breadth: number;
  index: (along: number, across: number) => number;
}

const axesOf = (page: Raster): Axis[] => [
  { length: page.width, breadth: page.height, index: pixelOf(page.width, false) },
  { length: page.height, breadth: page.width, index: pixelOf(page.width, true) },
];

/** Makes paper, in place, the pieces of the broken lines through the sheet on `page` (at `dpi`); returns how many
 * lines it found. */
export function eraseBrokenLines(page: Raster, dpi: number): number {
  const sizes = {
    margin: Math.round(END_MARGIN_IN * dpi),
    minPiece: Math.max(2, Math.round(MIN_PIECE_IN * dpi)),
    maxThick: Math.max(1, Math.round(MAX_THICK_IN * dpi)),
    course: Math.max(1, COURSE_IN * dpi),
    maxPiece: Math.round(MAX_PIECE_IN * dpi),
  };
  let found = 0;
  for (const axis of axesOf(page)) {
    if (axis.length < 4 * sizes.margin) {
      continue;
    }
    const ink = (along: number, across: number) =>
      across >= 0 && across < axis.breadth && page.data[axis.index(along, across)] < INK_LEVEL;
    const thinAt = (along: number, across: number) => thickness(ink, along, across, sizes.maxThick) !== null;
    const starts = piecesIn(ink, 0, sizes.margin, axis.breadth, sizes);
    const ends = piecesIn(ink, axis.length - sizes.margin, axis.length, axis.breadth, sizes);
    const courses: Course[] = [];
    for (const s of starts) {
      for (const e of ends) {
        const slope = (e.across - s.across) / (e.along - s.along);
        const course = { at: s.across - slope * s.along, slope };
        const near = courses.some((c) => Math.abs(c.at - course.at) <= 2 * sizes.course + sizes.maxThick);
        if (Math.abs(slope) <= MAX_SLOPE && !near && cover(thinAt, axis.length, course, sizes) >= MIN_COVER) {
          courses.push(course);
        }
      }
    }
    for (const course of courses) {
      erase(page, axis, ink, course, sizes);
    }
    found += courses.length;
  }
  return found;
}

type Ink = (along: number, across: number) => boolean;

/** The thickness of the ink across `across` at `along`, when it is at most `max` with as much paper beyond each side;
 * null where it is thicker or not clear. */
function thickness(ink: Ink, along: number, across: number, max: number): { from: number; to: number } | null {
  if (!ink(along, across)) {
    return null;
  }
  let from = across;
  let to = across;
  while (ink(along, from - 1) && across - from < max) {
    from -= 1;
  }
  while (ink(along, to + 1) && to - across < max) {
    to += 1;
  }
  const thick = to - from + 1;
  if (thick > max) {
    return null;
  }
  for (let k = 1; k <= thick; k += 1) {
    if (ink(along, from - 1 - k) || ink(along, to + 1 + k)) {
      return null;
    }
  }
  return { from, to };
}

/** Thin runs of ink along the axis between `from` and `to` (at least minPiece long, thin at their middle), each by the
 * middle of its thickness there. */
function piecesIn(
  ink: Ink,
  from: number,
  to: number,
  breadth: number,
  sizes: { minPiece: number; maxThick: number },
): { along: number; across: number }[] {
  const pieces: { along: number; across: number }[] = [];
  for (let across = 0; across < breadth; across += 1) {
    let start = -1;
    for (let along = from; along <= to; along += 1) {
      if (along < to && ink(along, across)) {
        start = start < 0 ? along : start;
        continue;
      }
      if (start >= 0 && along - start >= sizes.minPiece) {
        const middle = Math.floor((start + along) / 2);
        const thick = thickness(ink, middle, across, sizes.maxThick);
        // Once per piece: on the row at the middle of its thickness.
        if (thick && Math.floor((thick.from + thick.to) / 2) === across) {
          pieces.push({ along: middle, across });
        }
      }
      start = -1;
    }
  }
  return pieces;
}

/** The share of positions along the page where a thin piece of ink lies on `course`. */
function cover(
  thinAt: (along: number, across: number) => boolean,
  length: number,
  course: Course,
  sizes: { course: number },
): number {
  let on = 0;
  const reach = Math.ceil(sizes.course);
  const needed = MIN_COVER * length;
  for (let along = 0; along < length; along += 1) {
    if (on + (length - along) < needed) {
      return on / length; // short of MIN_COVER whatever the rest holds
    }
    const centre = Math.round(course.at + course.slope * along);
    for (let d = -reach; d <= reach; d += 1) {
      if (thinAt(along, centre + d)) {
        on += 1;
        break;
      }
    }
  }
  return on / length;
}

/** Makes paper the thin ink on `course` in runs of it no longer than maxPiece; the rest of the ink stays. */
function erase(
  page: Raster,
  axis: Axis,
  ink: Ink,
  course: Course,
  sizes: { course: number; maxThick: number; maxPiece: number },
): void {
  const reach = Math.ceil(sizes.course);
  // The thin span across the course at each position along it, or null.
  const spans = Array.from({ length: axis.length }, (_, along) => {
    const centre = Math.round(course.at + course.slope * along);
    for (let d = 0; d <= reach; d += 1) {
      for (const across of d === 0 ? [centre] : [centre - d, centre + d]) {
        const span = thickness(ink, along, across, sizes.maxThick);
        if (span) {
          return span;
        }
      }
    }
    return null;
  });
  let start = 0;
  for (let along = 0; along <= axis.length; along += 1) {
    const centre = Math.round(course.at + course.slope * along);
    let onInk = false;
    for (let d = -reach; d <= reach && along < axis.length && !onInk; d += 1) {
      onInk = ink(along, centre + d);
    }
    if (onInk) {
      continue;
    }
    if (along - start <= sizes.maxPiece) {
      for (let a = start; a < along; a += 1) {
        const span = spans[a];
        for (let across = span?.from ?? 0; span && across <= span.to; across += 1) {
          page.data[axis.index(a, across)] = 255;
        }
      }
    }
    start = along + 1;
  }
}
