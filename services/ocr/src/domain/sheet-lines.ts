// Lines through the whole sheet that no one printed. A report posted or filed folded, opened out and scanned or
// photographed, carries each crease as a straight grey line from one edge of the sheet to the other, with a shadow
// beside it; a sheet feeder with dust on its glass draws a streak, grey or black, straight down every page it feeds.
// Too narrow for the paper's flattening (blocks of 1/6 inch) and joined to the print they cross, such lines stayed
// on the normalised page: through a table a crease was a ruling that split a column, across a photo it made a table of
// its own; a streak down a page joined every table it crossed to the page's prose as one table (a streaked Shizuishan
// scan: 138/198 fields, prose CER 32%). Found here on the page's darkness, a grey line is divided out like any other
// shading of the paper, leaving the print it crossed as it was (less what a crease cracked off), and a dark one,
// under which nothing can be read, is made paper.

// Math's functions taken once: a global looked up in a per-pixel loop is ~100 times slower where the code runs in
// a vm context (see page-normalisation.ts).
const { abs, floor, max, min, round } = Math;

// A line is darker than the paper by at least a tenth of black: JPEG noise and flattened paper texture stay under
// that (FAINT in page-normalisation.ts), and the faintest crease a reader notices is about that.
const LINE_DARKNESS = 0.1 * 255;
// The page is cut across the line's course into strips 1/4 inch long. In a strip, a line covers its column (give
// or take a pixel) over at least 90% of the strip's length wherever its slope is under 4 degrees (a 1 px wide crease
// at 300 DPI crosses 3 columns in 43 px); print does not: a glyph's stroke is at most 0.18 inch long, and the
// paper between text lines breaks any column through text. Only a ruling does, within its table.
const STRIP_IN = 1 / 4;
const STRIP_COVER = 0.9;
// Such a column is a line's only if the dark columns side by side are at most 1/12 inch across: a crease's line
// is 0.2-0.5 mm, its shadow's darkest part and the capture's blur add a millimetre or so; a gutter, a copier's edge
// or the shadow of a sheet's border is wider, and the paper's flattening and the page's cleaning see to those.
const MAX_WIDTH_IN = 1 / 12;
// A line is straight, its course within 4 degrees of the page's axis (a hand fold and a scanner's skew, each up to
// 2 degrees), and found in at least half the strips along it: a photo on its way hides it (one across half the
// width of a Ningxia page hid a crease over 54% of the page, and with 80% asked for, crease and photo edge were read
// as a table). A strip's finding lies within 1/150 inch of the straight course.
export const MAX_SLOPE = 0.07;
const LINE_STRIPS = 0.5;
export const COURSE_IN = 1 / 150;
// And it reaches both ends of the sheet (a streak, the image's): it covers one of the two strips in the page's outer
// 1/2 inch at either end, so it runs to within about 1/4 inch of the edge (0.27-0.54 inch measured on A4, A5 and
// Letter pages at 100 and 300 DPI), where a report prints nothing (its margins are 0.75 inch or more: GB/T 9704's
// 26-37 mm, office defaults 0.75-1.25 inch), so no ruling is taken for a line however long its table. Not the
// outermost strip alone: a sheet laid on the glass a degree askew leaves a corner of white lid, and a crease at two
// thirds of a Shizuishan page (folded, captures seed 378061642) covered only half of the first 1/4 inch, was left,
// and its table row read as 一一一. A line that stops further from the edge (a crease fading out) is left.
const END_IN = 1 / 2;
// A crease is grey: the paper keeps 55-85% of its light on it as captured (a reader's "plainly visible" crease),
// and is divided back to white. Where a line takes more than 60% of the light (a streak of dust, a crease pressed
// black) what lies under it cannot be told from it: it is made paper, but for print dark on both sides of it, which
// is carried through (a ruling across it, a stroke: fillCore).
const MAX_GREY_LINE = 0.6 * 255;
// Under such a line, a pixel darker than the line's own darkness there (its median in the margins) by 5% of black is
// print the line runs over (black toner under a 90% streak reads 100%); the JPEG's and the sensor's noise on a
// streak is 1.5-4 grey levels, well under it.
const PRINT_UNDER = 0.05 * 255;
// A line's shading is measured and lifted to 1/10 inch either side of its course: its dark line (0.2-0.5 mm)
// and the near part of its shadow; the far part of a shadow is wider than a block and the flattening has it.
const PROFILE_IN = 1 / 10;
// It is measured in the page's outer 3/4 inch at either end, where nothing is printed (the margins above): along the
// whole course, a ruling beside the crease over half the page's width was the median there, and was divided out.
const MARGIN_IN = 3 / 4;

/** A line's course: across = `at + slope * along`, in pixels, along and across the axis it follows. */
export interface SheetLine {
  vertical: boolean;
  at: number;
  slope: number;
}

/** The lines through the sheet in `darkness` (0 paper .. 255 black, row by row), lifted from it in place. */
export function liftSheetLines(darkness: Uint8Array, width: number, height: number, dpi: number): SheetLine[] {
  const half = darkHalf(darkness, width, height);
  const strip = max(8, round((STRIP_IN * dpi) / 2));
  const counts = darkRuns(half, strip);
  // Back from the half-resolution mask, whose pixel (X, Y) has its centre at (2X + 1/2, 2Y + 1/2) on the page.
  const full = (f: SheetLine): SheetLine => ({ ...f, at: 2 * f.at + 0.5 - f.slope * 0.5 });
  const lines = [
    ...findLines(counts.down, half.width, floor(half.height / strip), strip, dpi / 2, true),
    ...findLines(counts.across, half.height, floor(half.width / strip), strip, dpi / 2, false),
  ].map(full);
  const reach = max(2, round(PROFILE_IN * dpi));
  for (const line of lines) {
    lift(darkness, width, height, line, { reach, margin: round(MARGIN_IN * dpi) });
  }
  return lines;
}

/**
 * The page's dark pixels (LINE_DARKNESS) at half its resolution, a pixel dark where any of the four under it is: a
 * quarter of the work, and a crease at least a pixel wide at 300 DPI is still a pixel wide.
 */
function darkHalf(
  darkness: Uint8Array,
  width: number,
  height: number,
): { width: number; height: number; data: Uint8Array } {
  const w = floor(width / 2);
  const h = floor(height / 2);
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y += 1) {
    const top = 2 * y * width;
    const bottom = top + width;
    for (let x = 0; x < w; x += 1) {
      const i = top + 2 * x;
      const j = bottom + 2 * x;
      data[y * w + x] =
        darkness[i] >= LINE_DARKNESS ||
        darkness[i + 1] >= LINE_DARKNESS ||
        darkness[j] >= LINE_DARKNESS ||
        darkness[j + 1] >= LINE_DARKNESS
          ? 1
          : 0;
    }
  }
  return { width: w, height: h, data };
}

/**
 * For each strip of `strip` rows and each column, how many of the strip's pixels in that column are dark, or have a
 * dark neighbour across the column (`down`, strip by strip); the same for strips of columns and each row (`across`).
 * One pass in memory order.
 */
function darkRuns(
  mask: { width: number; height: number; data: Uint8Array },
  strip: number,
): { down: Uint16Array; across: Uint16Array } {
  const { width, height, data: dark } = mask;
  const down = new Uint16Array(floor(height / strip) * width);
  const across = new Uint16Array(floor(width / strip) * height);
  const lastDown = floor(height / strip) * strip;
  // Where each column's count for its strip of columns goes (the row is added), or -1 past the last whole strip.
  const acrossAt = Int32Array.from({ length: width }, (_, x) =>
    x < floor(width / strip) * strip ? floor(x / strip) * height : -1,
  );
  // The outermost rows and columns are left out: a crease is found well inside the sheet's edges too.
  for (let y = 1; y < height - 1; y += 1) {
    const row = y * width;
    const downRow = y < lastDown ? floor(y / strip) * width : -1;
    for (let x = 1; x < width - 1; x += 1) {
      const i = row + x;
      if (downRow >= 0 && (dark[i] | dark[i - 1] | dark[i + 1]) === 1) {
        down[downRow + x] += 1;
      }
      if (acrossAt[x] >= 0 && (dark[i] | dark[i - width] | dark[i + width]) === 1) {
        across[acrossAt[x] + y] += 1;
      }
    }
  }
  return { down, across };
}

/**
 * The courses of lines through the sheet along one axis, from `counts` (strip by strip, `breadth` positions across
 * each): positions dark over STRIP_COVER of a strip, side by side at most MAX_WIDTH_IN across, in strips within END_IN
 * of both ends and in LINE_STRIPS of all strips on one straight course.
 */
function findLines(
  counts: Uint16Array,
  breadth: number,
  strips: number,
  strip: number,
  dpi: number,
  vertical: boolean,
): SheetLine[] {
  const cover = STRIP_COVER * strip;
  const maxWidth = MAX_WIDTH_IN * dpi;
  const found: { along: number; across: number }[][] = [];
  for (let s = 0; s < strips; s += 1) {
    const inStrip: { along: number; across: number }[] = [];
    const o = s * breadth;
    for (let across = 0; across < breadth; across += 1) {
      if (counts[o + across] >= cover) {
        let end = across;
        while (end + 1 < breadth && counts[o + end + 1] >= cover) {
          end += 1;
        }
        if (end - across + 1 <= maxWidth) {
          inStrip.push({ along: (s + 0.5) * strip, across: (across + end) / 2 });
        }
        across = end;
      }
    }
    found.push(inStrip);
  }
  const course = COURSE_IN * dpi + 1;
  const middle = (strips * strip) / 2;
  const lines: SheetLine[] = [];
  // A course through a finding near one end and one near the other, kept when the strips between agree with it.
  const ends = max(1, round((END_IN * dpi) / strip));
  for (const first of found.slice(0, ends).flat()) {
    for (const last of found.slice(strips - ends).flat()) {
      const slope = (last.across - first.across) / (last.along - first.along);
      const at = first.across - slope * first.along;
      const on = (p: { along: number; across: number }) => abs(p.across - (at + slope * p.along)) <= course;
      if (
        abs(slope) <= MAX_SLOPE &&
        found.filter((inStrip) => inStrip.some(on)).length >= LINE_STRIPS * strips &&
        !lines.some((f) => abs(f.at + f.slope * middle - (at + slope * middle)) <= 2 * course)
      ) {
        lines.push({ vertical, at, slope });
      }
    }
  }
  return lines;
}

/** Index of the pixel `along` a line's axis and `across` it. */
export const pixelOf = (width: number, vertical: boolean) =>
  vertical
    ? (along: number, across: number) => along * width + across
    : (along: number, across: number) => across * width + along;

/**
 * Lifts a line's shading from `darkness`: the paper's darkness at each offset across its course, to `reach`, is its
 * median along the course in the page's outer `margin` at either end (MARGIN_IN). Where the line leaves the paper
 * MAX_GREY_LINE of its light or more, every pixel is lightened by it as the paper's flattening lightens a shadow, so
 * the line's paper comes out white and print stays dark; where it takes more, its core is paper but for print that
 * crosses it (fillCore).
 */
function lift(
  darkness: Uint8Array,
  width: number,
  height: number,
  line: SheetLine,
  { reach, margin }: { reach: number; margin: number },
): void {
  const length = line.vertical ? height : width;
  const breadth = line.vertical ? width : height;
  const pixel = pixelOf(width, line.vertical);
  const centre = (along: number) => round(line.at + line.slope * along);
  const light = new Float32Array(2 * reach + 1);
  const profile = new Uint8Array(2 * reach + 1);
  const samples: number[] = [];
  // The margin at either end (the whole course on a page shorter than both margins).
  const ends = length > 2 * margin ? [0, margin, length - margin, length] : [0, length];
  for (let offset = -reach; offset <= reach; offset += 1) {
    samples.length = 0;
    for (let e = 0; e < ends.length; e += 2) {
      for (let along = ends[e]; along < ends[e + 1]; along += 1) {
        const across = centre(along) + offset;
        if (across >= 0 && across < breadth) {
          samples.push(darkness[pixel(along, across)]);
        }
      }
    }
    samples.sort((a, b) => a - b);
    const paper = samples.length > 0 ? samples[floor(samples.length / 2)] : 0;
    profile[offset + reach] = paper;
    // 0 for a dark line's core: nothing under it is kept.
    light[offset + reach] = paper > MAX_GREY_LINE ? 0 : (255 - paper) / 255;
  }
  // The dark core: the run of dark offsets at the course (another line's core within reach is its own to lift),
  // filled from the print either side of it once the rest is divided.
  const dark = (offset: number) => offset >= -reach && offset <= reach && light[offset + reach] === 0;
  let first = [0, -1, 1].find(dark) ?? 0;
  let last = first;
  while (dark(first - 1)) {
    first -= 1;
  }
  while (dark(last + 1)) {
    last += 1;
  }
  // With the line's own darkness at each of its offsets: print under it is darker (PRINT_UNDER).
  const core = dark(first)
    ? { from: first, to: last, darkness: profile.subarray(first + reach, last + reach + 1) }
    : null;
  for (let along = 0; along < length; along += 1) {
    const c = centre(along);
    for (let offset = -reach; offset <= reach; offset += 1) {
      const across = c + offset;
      if (across < 0 || across >= breadth || light[offset + reach] === 0) {
        continue; // a dark core: this line's is filled below, another's is left to its own lifting
      }
      const i = pixel(along, across);
      darkness[i] = 255 - min(255, round((255 - darkness[i]) / light[offset + reach]));
    }
    if (core) {
      fillCore(darkness, pixel, along, { from: c + core.from, to: c + core.to, darkness: core.darkness }, breadth);
    }
  }
}

/**
 * A dark line's core across `from`..`to` at one place along it: print that crosses it continues through it (a ruling
 * or a stroke across a streak, dark on both sides, is filled with the lighter of its two sides' darkness), print
 * under it darker than the line there (`darkness`, from `from` on) by PRINT_UNDER is kept (a ruling the streak runs
 * along), and the rest is paper. Made paper whole, a streak cut every ruling across it, and a table it ran through
 * was read as two.
 */
function fillCore(
  darkness: Uint8Array,
  pixel: (along: number, across: number) => number,
  along: number,
  core: { from: number; to: number; darkness: Uint8Array },
  breadth: number,
): void {
  const side = (across: number) => (across >= 0 && across < breadth ? darkness[pixel(along, across)] : 0);
  const through = min(side(core.from - 1), side(core.to + 1));
  const fill = through >= LINE_DARKNESS ? through : 0;
  for (let across = max(0, core.from); across <= min(breadth - 1, core.to); across += 1) {
    const i = pixel(along, across);
    darkness[i] = darkness[i] >= core.darkness[across - core.from] + PRINT_UNDER ? darkness[i] : fill;
  }
}
