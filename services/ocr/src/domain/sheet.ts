// The sheet of paper in a photograph: a phone photo shows the page on a desk, seen at an angle (keystone),
// turned a little, its edges bowed by curl. The sheet is found as the largest bright region against the darker
// desk, its four sides fitted as lines, and a perspective transform (homography) maps it onto a flat rectangle
// of the paper size its proportions name. A scan, whose paper fills the image, has no sheet to find.
import type { Raster, RgbRaster } from '../../../../shared/adapters/raster';
import { otsuThreshold } from '../../../../shared/adapters/raster';
import { Region, flood, regions } from '../../../../shared/domain/flood-fill';
import { Point, Quad, homography, mapPoint } from '../../../../shared/domain/homography';

export type { Quad } from '../../../../shared/domain/homography';

// Math's functions taken once: a global looked up in a per-pixel loop is ~100 times slower where the code runs in
// a vm context (jest runs the services in one: a page took 40 s in the pipeline test).
const { abs, ceil, floor, hypot, max, min, round, sqrt } = Math;

// A photo shows desk along most of its border: at least 60% of the pixels of a band 2% of the image wide along
// the edges are darker than the paper. A scan's border is paper, but for a copier's dark edge or a gutter
// along one side (at most a quarter of the border) or a tilted scan's corners.
const MIN_DESK_BORDER = 0.6;
const BORDER_BAND = 0.02;
// The sheet covers at least a fifth of the photo (a page photographed to be read fills most of the frame; a
// smaller bright region is a sticker or a lamp's glare) ...
const MIN_SHEET_AREA = 0.2;
// ... and at most 92% of it: more, and the "desk" is a scan's dark edge, which flattening handles in place.
const MAX_SHEET_AREA = 0.92;
// Each side's line is fitted to the middle 80% of the edge between its corners: the corners themselves are
// rounded by blur and the fit is for the straight part.
const SIDE_MARGIN = 0.1;
// Print and rulings cut the paper into pieces (a table's rulings reach the sheet's edge on a tight crop): dark
// lines up to 0.5% of the probe's long side on either side (twice that across, 8 px of an 800 px probe: a heading's
// stroke or a ruling, not a desk) are closed before the sheet is looked for.
const CLOSE_SHARE = 0.005;
// Where the sheet begins, as shares of the way from the desk's mean grey to the paper's: a hand's or a phone's
// shadow keeps 60% of the light on the paper it falls on, and Otsu's classes may count such shaded paper as desk
// (a light desk at 110 and shaded paper at 139 against lit paper at 232): the lowest level still keeps it, the
// higher ones serve a dark desk's bright texture. The largest region that is a sheet at any level is the sheet.
const SHEET_LEVELS = [1 / 6, 1 / 3, 1 / 2];
// A sheet fills its fitted quad: region and quad areas within 10% (a region that leaked into the desk, or was cut
// by a shadow's curved edge, does not).
const MAX_FILL_ERROR = 0.1;

/** The sheet's corners in `grey` (a small render of the page is enough), or null when the paper fills the image. */
export function findSheet(grey: Raster): Quad | null {
  const { desk, paper } = classMeans(grey);
  let best: { quad: Quad; area: number } | null = null;
  for (const share of SHEET_LEVELS) {
    const found = sheetAt(grey, desk + share * (paper - desk));
    if (found && (!best || found.area > best.area)) {
      best = found;
    }
  }
  return best?.quad ?? null;
}

/** The sheet as the bright region at `level`, if it is one: its size, desk around it, four straight sides. */
function sheetAt(grey: Raster, level: number): { quad: Quad; area: number } | null {
  const { width, height } = grey;
  const bright = new Uint8Array(width * height);
  for (let i = 0; i < bright.length; i += 1) {
    bright[i] = grey.data[i] >= level ? 1 : 0;
  }
  const closed = close(bright, width, height, max(1, round(CLOSE_SHARE * max(width, height))));
  const sheet = largestRegion(closed, width, height);
  if (!sheet || sheet.area < MIN_SHEET_AREA * width * height || sheet.area > MAX_SHEET_AREA * width * height) {
    return null;
  }
  if (deskShareOfBorder(sheet.mask, width, height) < MIN_DESK_BORDER) {
    return null;
  }
  const quad = fitQuad(sheet.mask, width, height);
  const fill = sheet.area / quadArea(quad);
  return abs(fill - 1) <= MAX_FILL_ERROR ? { quad, area: sheet.area } : null;
}

/** The quad's area (shoelace). */
function quadArea(q: Quad): number {
  let twice = 0;
  for (let i = 0; i < 4; i += 1) {
    const [p, r] = [q[i], q[(i + 1) % 4]];
    twice += p.x * r.y - r.x * p.y;
  }
  return abs(twice) / 2;
}

/** The mean grey of the desk and of the paper: the classes Otsu's split makes. */
function classMeans(grey: Raster): { desk: number; paper: number } {
  const split = otsuThreshold(grey);
  let dark = 0;
  let darkN = 0;
  let light = 0;
  let lightN = 0;
  for (const v of grey.data) {
    if (v < split) {
      dark += v;
      darkN += 1;
    } else {
      light += v;
      lightN += 1;
    }
  }
  return { desk: darkN > 0 ? dark / darkN : 0, paper: lightN > 0 ? light / lightN : 255 };
}

/** Morphological closing of a 0/1 mask (bright grown by `r` then shrunk by `r`, square): thin dark lines vanish. */
function close(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  return filter(filter(mask, width, height, r, 1), width, height, r, 0);
}

/** Dilation (`keep` 1: any 1 within r makes 1) or erosion (`keep` 0: any 0 within r makes 0), rows then columns. */
function filter(mask: Uint8Array, width: number, height: number, r: number, keep: 0 | 1): Uint8Array {
  return pass(pass(mask, width, r, keep, 1, width), width, r, keep, width, height);
}

/**
 * One direction of `filter`: along rows (`step` 1, `length` the width) or columns (`step` the width, `length` the
 * height). A running count of `keep` pixels in the window makes each pixel O(1) whatever `r`.
 */
function pass(mask: Uint8Array, width: number, r: number, keep: 0 | 1, step: number, length: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  const lines = mask.length / length;
  // A line's pixels are `step` apart; lines start 1 apart within a row's width (columns) or a width apart (rows).
  const lineStep = step === 1 ? width : 1;
  for (let line = 0; line < lines; line += 1) {
    const first = line * lineStep;
    let count = 0;
    for (let k = 0; k < min(r, length); k += 1) {
      count += mask[first + k * step] === keep ? 1 : 0;
    }
    for (let at = 0; at < length; at += 1) {
      const enter = at + r;
      if (enter < length) {
        count += mask[first + enter * step] === keep ? 1 : 0;
      }
      const leave = at - r - 1;
      if (leave >= 0) {
        count -= mask[first + leave * step] === keep ? 1 : 0;
      }
      out[first + at * step] = count > 0 ? keep : 1 - keep;
    }
  }
  return out;
}

function largestRegion(bright: Uint8Array, width: number, height: number): { mask: Uint8Array; area: number } | null {
  // The first of the largest, as regions come in the order of their first pixel. No region keeps its cells: the
  // sheet's are taken again by a fill from its first (kept for every region, the paper's half million cells cost a
  // third of the search on a scan).
  const best = regions(bright, width, height, { connectivity: 4, keepMembersUpTo: 0 }).reduce<Region | null>(
    (largest, region) => (largest && largest.area >= region.area ? largest : region),
    null,
  );
  if (!best) {
    return null;
  }
  const size = width * height;
  const sheet = new Uint8Array(size);
  const unfilled = Uint8Array.from(bright);
  unfilled[best.start] = 0;
  flood([best.start], unfilled, width, height, 4, (i) => {
    sheet[i] = 1;
  });
  // Holes inside the sheet (print, shadows) are the sheet's: fill what the border cannot reach through non-sheet.
  // Open where the fill from the border may still go: all but the sheet at first, less what the border reaches.
  const open = sheet.map((v) => 1 - v);
  const stack: number[] = [];
  const seed = (j: number) => {
    if (open[j] !== 0) {
      open[j] = 0;
      stack.push(j);
    }
  };
  for (let x = 0; x < width; x += 1) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y += 1) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  flood(stack, open, width, height, 4);
  // The sheet: its own region and the holes in it, which the border did not reach.
  const mask = open;
  let area = 0;
  for (let i = 0; i < size; i += 1) {
    mask[i] |= sheet[i];
    area += mask[i];
  }
  return { mask, area };
}

function deskShareOfBorder(mask: Uint8Array, width: number, height: number): number {
  const band = max(1, round(BORDER_BAND * min(width, height)));
  let desk = 0;
  let n = 0;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (x < band || y < band || x >= width - band || y >= height - band) {
        desk += mask[y * width + x] ? 0 : 1;
        n += 1;
      }
    }
  }
  return desk / n;
}

/** Four corners from the extremes along the diagonals, then each side refitted as a line through its edge. */
function fitQuad(mask: Uint8Array, width: number, height: number): Quad {
  const extremes = {
    tl: { x: 0, y: 0, v: Infinity },
    br: { x: 0, y: 0, v: -Infinity },
    tr: { x: 0, y: 0, v: -Infinity },
    bl: { x: 0, y: 0, v: Infinity },
  };
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (!mask[y * width + x]) {
        continue;
      }
      if (x + y < extremes.tl.v) {
        extremes.tl = { x, y, v: x + y };
      }
      if (x + y > extremes.br.v) {
        extremes.br = { x, y, v: x + y };
      }
      if (x - y > extremes.tr.v) {
        extremes.tr = { x, y, v: x - y };
      }
      if (x - y < extremes.bl.v) {
        extremes.bl = { x, y, v: x - y };
      }
    }
  }
  const { tl, tr, br, bl } = extremes;
  const edgeAt = (along: 'x' | 'y', fromEnd: boolean, p: number) => edgePoint(mask, width, height, along, fromEnd, p);
  const top = fitLine(
    samples(tl.x, tr.x, (x) => edgeAt('x', false, x)),
    'x',
  );
  const bottom = fitLine(
    samples(bl.x, br.x, (x) => edgeAt('x', true, x)),
    'x',
  );
  const left = fitLine(
    samples(tl.y, bl.y, (y) => edgeAt('y', false, y)),
    'y',
  );
  const right = fitLine(
    samples(tr.y, br.y, (y) => edgeAt('y', true, y)),
    'y',
  );
  if (!top || !bottom || !left || !right) {
    return [tl, tr, br, bl];
  }
  return [intersect(top, left), intersect(top, right), intersect(bottom, right), intersect(bottom, left)];
}

/** The first sheet pixel from one side: along a column (`x`: from the top, or the bottom) or a row (`y`). */
function edgePoint(
  mask: Uint8Array,
  width: number,
  height: number,
  along: 'x' | 'y',
  fromEnd: boolean,
  p: number,
): Point | null {
  const length = along === 'x' ? height : width;
  for (let k = 0; k < length; k += 1) {
    const q = fromEnd ? length - 1 - k : k;
    const [x, y] = along === 'x' ? [p, q] : [q, p];
    if (mask[y * width + x]) {
      // A sheet cut by the photo's edge has no edge of its own there: the photo's is no sample of its side.
      const onBorder = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      return onBorder ? null : { x, y };
    }
  }
  return null;
}

function samples(from: number, to: number, at: (p: number) => Point | null): Point[] {
  const lo = min(from, to);
  const hi = max(from, to);
  const margin = (hi - lo) * SIDE_MARGIN;
  const out: Point[] = [];
  for (let p = ceil(lo + margin); p <= floor(hi - margin); p += 1) {
    const point = at(p);
    if (point) {
      out.push(point);
    }
  }
  return out;
}

/** A line as y = a x + b (`x`: a top or bottom side) or x = a y + b (`y`: a left or right side). */
interface Line {
  along: 'x' | 'y';
  a: number;
  b: number;
}

function fitLine(points: readonly Point[], along: 'x' | 'y'): Line | null {
  if (points.length < 5) {
    return null;
  }
  const u = (p: Point) => (along === 'x' ? p.x : p.y);
  const v = (p: Point) => (along === 'x' ? p.y : p.x);
  const n = points.length;
  const mu = points.reduce((s, p) => s + u(p), 0) / n;
  const mv = points.reduce((s, p) => s + v(p), 0) / n;
  let suu = 0;
  let suv = 0;
  for (const p of points) {
    suu += (u(p) - mu) ** 2;
    suv += (u(p) - mu) * (v(p) - mv);
  }
  const a = suu === 0 ? 0 : suv / suu;
  return { along, a, b: mv - a * mu };
}

/** Where a top/bottom line (y = a x + b) meets a left/right one (x = c y + d). */
function intersect(h: Line, v: Line): Point {
  // y = a (c y + d) + b  =>  y (1 - a c) = a d + b
  const y = (h.a * v.b + h.b) / (1 - h.a * v.a);
  return { x: v.a * y + v.b, y };
}

/** The lengths of the quad's sides, averaged in pairs: its width and height as seen. */
export function quadSize(q: Quad): { width: number; height: number } {
  const d = (p: Point, r: Point) => hypot(p.x - r.x, p.y - r.y);
  return { width: (d(q[0], q[1]) + d(q[3], q[2])) / 2, height: (d(q[0], q[3]) + d(q[1], q[2])) / 2 };
}

// A photographed sheet is given A4's short side (595.28 pt, the paper these reports are printed on; US letter is
// 3% wider) and the long side its proportions give. The proportions are not snapped to a paper size: a photo's
// keystone leaves them up to 8% off (measured on the unseen-capture run's phone draws, an A4 sheet seen at 1.32
// where A4 is 1.41, nearer letter's 1.29), while the short side fixes the scale of everything printed across the
// page, and a table cut by a page break then has the same width on both pages.
const SHORT_SIDE_PT = 595.28;

/** The sheet's size in points: A4's short side, its long side from the sheet's proportions. */
export function paperOf(size: { width: number; height: number }): { width: number; height: number } {
  const long = (SHORT_SIDE_PT * max(size.width, size.height)) / min(size.width, size.height);
  return size.width > size.height ? { width: long, height: SHORT_SIDE_PT } : { width: SHORT_SIDE_PT, height: long };
}

// A phone's main camera is a 26 mm lens in 35 mm terms: its focal length is 0.6 of the image's diagonal. Used when
// the photo's perspective is too weak to tell the focal length itself (then it matters little).
const TYPICAL_FOCAL = 0.6;
// A page photographed to be read is seen within about 30 degrees of square on, which foreshortens it by at most
// 15%: a correction larger than that comes from corners that no camera made (a cropped or edited photo, a curled
// sheet), and the proportions are then taken as seen (measured: a generated keystone gave a "corrected" A4 page
// three times as tall as wide, its text read squashed).
const MAX_FORESHORTENING = 0.15;

/**
 * The sheet's true proportions (width and height up to a common scale), with perspective undone: the sides as
 * seen are foreshortened (a sheet photographed from below its middle looks shorter than it is, enough to take A4
 * for letter). Zhang and He's rectangle method (whiteboard scanning, 2007): the quad's corners and the camera's
 * focal length give the rectangle's aspect ratio; the focal length comes from the quad itself where the
 * perspective is strong enough, else a phone's typical one. The image centre is taken as the principal point.
 */
export function sheetProportions(q: Quad, imageWidth: number, imageHeight: number): { width: number; height: number } {
  const u0 = imageWidth / 2;
  const v0 = imageHeight / 2;
  // Zhang's order: m1 (0, 0), m2 (w, 0), m3 (0, h), m4 (w, h).
  const [m1, m2, m4, m3] = q.map((p) => [p.x, p.y, 1]);
  const k2 = dot(cross(m1, m4), m3) / dot(cross(m2, m4), m3);
  const k3 = dot(cross(m1, m4), m2) / dot(cross(m3, m4), m2);
  const n2 = m2.map((v, i) => k2 * v - m1[i]);
  const n3 = m3.map((v, i) => k3 * v - m1[i]);
  const [a, b, c] = n2;
  const [d, e, g] = n3;
  const squared =
    -(a * d - (a * g + c * d) * u0 + c * g * u0 * u0 + (b * e - (b * g + c * e) * v0 + c * g * v0 * v0)) / (c * g);
  const typical = TYPICAL_FOCAL * hypot(imageWidth, imageHeight);
  // A focal length the quad gives is trusted between a third and three times the typical (wide to tele lenses).
  const f =
    Number.isFinite(squared) && squared > (typical / 3) ** 2 && squared < (3 * typical) ** 2 ? sqrt(squared) : typical;
  const norm = (n: number[]) => ((n[0] - u0 * n[2]) ** 2 + (n[1] - v0 * n[2]) ** 2) / (f * f) + n[2] * n[2];
  const seen = quadSize(q);
  const ratio = sqrt(norm(n2) / norm(n3));
  const change = ratio / (seen.width / seen.height);
  return Number.isFinite(change) && abs(change - 1) <= MAX_FORESHORTENING
    ? { width: ratio * seen.height, height: seen.height }
    : seen;
}

const cross = (p: number[], r: number[]) => [
  p[1] * r[2] - p[2] * r[1],
  p[2] * r[0] - p[0] * r[2],
  p[0] * r[1] - p[1] * r[0],
];
const dot = (p: number[], r: number[]) => p[0] * r[0] + p[1] * r[1] + p[2] * r[2];

/** A small grey copy of a colour raster (the mean luma of each `factor` x `factor` block): enough to find a sheet. */
export function greyThumbnail(rgb: RgbRaster, factor: number): Raster {
  const width = max(1, floor(rgb.width / factor));
  const height = max(1, floor(rgb.height / factor));
  const sums = new Float64Array(width * height);
  for (let y = 0; y < height * factor; y += 1) {
    const row = floor(y / factor) * width;
    for (let x = 0; x < width * factor; x += 1) {
      const i = (y * rgb.width + x) * 3;
      sums[row + floor(x / factor)] += 0.299 * rgb.data[i] + 0.587 * rgb.data[i + 1] + 0.114 * rgb.data[i + 2];
    }
  }
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i += 1) {
    data[i] = round(sums[i] / (factor * factor));
  }
  return { width, height, data };
}

/** `quad` scaled by `factor` (from a small render to a larger one of the same page). */
export const scaleQuad = (q: Quad, factor: number): Quad =>
  q.map((p) => ({ x: p.x * factor, y: p.y * factor })) as Quad;

/**
 * The sheet warped flat into a `width` x `height` colour raster (bilinear sampling; outside the photo white), a
 * band `clear` pixels wide along its edges left white: the fitted sides may stray a few pixels onto the desk, which
 * would then be a dark line along the page, while print keeps a margin far wider.
 */
export function warpSheet(photo: RgbRaster, quad: Quad, width: number, height: number, clear = 0): RgbRaster {
  const h = homography(quad, width, height);
  const data = new Uint8Array(width * height * 3).fill(255);
  for (let y = clear; y < height - clear; y += 1) {
    for (let x = clear; x < width - clear; x += 1) {
      const p = mapPoint(h, x + 0.5, y + 0.5);
      const sx = p.x - 0.5;
      const sy = p.y - 0.5;
      const x0 = floor(sx);
      const y0 = floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= photo.width || y0 + 1 >= photo.height) {
        continue;
      }
      const tx = sx - x0;
      const ty = sy - y0;
      const i00 = (y0 * photo.width + x0) * 3;
      const i10 = i00 + 3;
      const i01 = i00 + photo.width * 3;
      const i11 = i01 + 3;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c += 1) {
        const top = photo.data[i00 + c] * (1 - tx) + photo.data[i10 + c] * tx;
        const bottom = photo.data[i01 + c] * (1 - tx) + photo.data[i11 + c] * tx;
        data[o + c] = round(top * (1 - ty) + bottom * ty);
      }
    }
  }
  return { width, height, data };
}
