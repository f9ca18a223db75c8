// One normalised page, made once from the colour render, for every decision after it (orientation, deskew,
// rulings, cleanup, OCR, cell reading). A scan's paper is not white and not even (yellowing, toner fade, a
// shadow, a gutter, a stain, a phone's light), and not every mark on it is print (a seal, a pen, a
// highlighter): one global grey level cannot tell ink from paper across such a page. So:
//  1. the paper's colour is estimated in small blocks and divided out (flattening and white balance at once);
//  2. what is still coloured is not print (black or grey toner has no hue): red and blue pen, highlighter, seals
//     and the brown of a stain become paper, while black print under them, dark in every channel, stays;
//  2a. lines through the whole sheet that no one printed, too narrow for those blocks (a fold's crease, a feeder's
//     streak), are divided out as the paper was, or made paper where too dark to see through (sheet-lines.ts);
//  3. each pixel's darkness is measured against the strongest print near it (Wolf-style local contrast), so
//     faded toner is ink where it is the page's print, and bleed-through, stains and paper texture, far lighter
//     than the print around them, are paper.
// The result is a grey page whose paper is 255 and whose print is dark: the fixed INK_LEVEL of raster.ts is then
// the adaptive threshold, and Tesseract reads a clean page.
import { INK_LEVEL, Raster, RgbRaster } from '../../../../shared/adapters/raster';
import { flood } from '../../../../shared/domain/flood-fill';
import { liftSheetLines } from './sheet-lines';
import { unsharpMask } from './unsharp';

// Math's functions taken once: a global looked up in a per-pixel loop is ~100 times slower where the code runs in
// a vm context (jest runs the services in one: a page took 40 s in the pipeline test).
const { abs, ceil, floor, max, min, round } = Math;

// Blocks of 1/6 inch (50 px at 300 DPI): over a line of body text tall, so every block of a text area still
// holds paper between the lines, and small enough to follow a shadow's edge or a gutter.
const BLOCK_IN = 1 / 6;
// A block's paper is its 85th-percentile level per channel: text covers at most about half of a block (bold
// headings), a ruling much less; the top 15% stays clear of JPEG highlights' overshoot.
const PAPER_PERCENTILE = 0.85;
// A block whose paper is darker than its neighbourhood's median by this much (out of 255) is covered by print or
// a picture, not lit differently: its paper is taken from the neighbourhood. Shadows and stains change by a few
// levels from one 1/6 inch block to the next; a solid bar or a photo by far more.
const COVERED_DROP = 24;
// The neighbourhood for that median: 2 blocks each way (2/3 inch square).
const MEDIAN_RADIUS = 2;
// Chroma of white-balanced pixels (max - min channel): grey print and scanner noise stay under 30; ballpoint,
// seal and highlighter ink are 60-170 even where they are faint. Between the bounds the pixel blends to paper, but
// only where it is lighter than DARK_CORE: black print under a highlighter, whose yellow the JPEG smeared into the
// strokes (chroma 40-100 on their dark cores), lost half its pixels to this rule and a highlighted row was misread.
// DARK_CORE is mid-grey: the cores of black print under a highlighter are far under it (luma 20-60), faint pen,
// seal and highlighter pixels, which this rule is for, far over it (150-230); darker coloured ink is left to the hue
// rule below (red and blue pen 0.7-1.0 there). Measured on one marked draw (Ningxia, seed 1436433146) and the
// synthetic pages of page-normalisation.test.ts.
const CHROMA_PRINT = 30;
const CHROMA_INK = 70;
const DARK_CORE = 128;
// Hue for its darkness: chroma over darkness (255 - luma). A faint coloured mark has little chroma in absolute terms
// but much for how dark it is: grey print stays under 0.3 (99% of a faded toner page's print pixels, 99.7% of a phone
// photo's at JPEG 51), a coffee ring's brown is 0.5-0.8 at 0.65 of faded print's darkness (so over HALF_PRINT, and
// joined to the digits it crossed, it was read into them as 申, 源, 庞); black print under a highlighter 0.2-0.3.
// From HUED_START the pixel blends to paper, fully at HUED_FULL.
const HUED_START = 0.35;
const HUED_FULL = 0.6;
// A yellow pixel (blue its lowest channel, red and green within YELLOW_BALANCE of its chroma of each other, and
// more chroma than grey print's CHROMA_PRINT, which judged by red and green would come out lighter) is a
// yellow highlighter, or print seen through one: the highlighter is clear to red and green light, so the pixel's
// darkness there is the print's, and neither rule above applies. Faded toner under a highlighter on aged paper,
// once its paper is divided out, is (166, 151, 95): luma 149 and hue 0.67, which the rules above lifted to paper
// with the row's figures (mixed Ningxia, captures seed 1757812095: 2 of 58 fields). Its print pixels balance red
// and green within 0.12 of chroma (median), 0.22 (90%); a highlighter's own 0.09; brown stains and water marks do
// not (coffee 0.52-0.58, water 0.375, as bench/captures/stains.ts draws them), nor red or blue pen.
const YELLOW_BALANCE = 0.3;
// The print strength near a pixel is the darkest 3x3 mean within 2 blocks (1/3 inch) each way: one character
// or ruling reaches that far, a single noisy pixel does not count (the mean of 3x3 divides it by nine).
const STRENGTH_RADIUS = 2;
// Print is never lighter than this darkness (share of the way from paper to black): toner faded to 30% still
// has stroke cores past 0.2, while JPEG noise, paper texture and flattened stains stay under 0.15. Where nothing
// nearby is this dark, there is no print and nothing is stretched.
const MIN_PRINT = 0.2;
// Strength is also never under 0.7 of the page's typical print strength (its 90th percentile over blocks with
// print): a block holding only bleed-through or a stain is judged against the page's print, not its own marks, so
// a mark with no print within 1/3 inch is print only from 0.35 of the page's print darkness (HALF_PRINT of this),
// above bleed-through (0.15-0.3) and below a faded lone figure (faded toner fades the page's print with it).
const PAGE_STRENGTH_SHARE = 0.7;
const PAGE_STRENGTH_PERCENTILE = 0.9;
// The page's print strength is measured inside its outer half inch: printed reports keep margins of 0.7 inch or
// more, and the margin is where a copier's dark edges, a sheet's border and its shadow lie, black or nearly. Counted,
// they raised the percentile above the print itself (a photocopied Ningxia table page whose print is 0.23 of black:
// 177 against the print's 60 out of 255), and all its faded print fell under half of that and became paper.
const PRINT_AREA_MARGIN_IN = 0.5;
// Darkness as a share of the local print strength, mapped to grey. From HALF_PRINT it is print: INK_LEVEL there
// (Wolf's threshold: a blurred stroke's edge is stroke from half its core's darkness), black at the core, a
// straight ramp between that keeps the stroke's own profile (measured on a 200 dpi photocopy: a ramp to black at
// 0.8 lost 2 points of prose CER to confusions such as 贯/贵, 自/白). Between FAINT and HALF_PRINT a mark is kept
// only where it joins print (hysteresis, as Canny's edges): a thin serif stroke photographed at 130 pixels per
// inch is 0.2-0.4 of the thick strokes beside it and belongs to their glyph (cut off, 主 read as 王, 政 as 收),
// while bleed-through and stains of the same darkness stand apart from the print and become paper. Under FAINT
// it is paper: JPEG noise and flattened paper texture stay under 0.1.
const FAINT = 0.15;
const HALF_PRINT = 0.5;
// A faint mark that nothing joins to print is still print when it is the size of a punctuation mark blurred and
// its core is at least LONE_MARK_SEED of the print strength: on a defocused page a full stop or a comma is a thin
// stroke blurred to 0.4-0.5 of the print's darkness (full stops at 0.44-0.46, 20 px across at 300 DPI, on soft
// Shizuishan, captures seed 2083625329: 31 of its 75 prose errors were 。 lost or read as a quote), while
// bleed-through and stains stay under 0.3. 0.35 is where a mark with no print near it is print elsewhere
// (PAGE_STRENGTH_SHARE of HALF_PRINT). Such a mark is mapped against its own core, as print is against the
// strength near it.
const LONE_MARK_SEED = 0.35;
// From 1/30 to 1/12 inch each way. A blur spreads what it fades: a mark faint from defocus is wider than the blur
// (a 10 pt comma 0.03 inch wide, blurred, 0.045), while a faint mark smaller than that each way is a speck of
// toner or paper grain (on faded Ningxia of the same seed: 24 on page 1, 2-12 px, at 0.35-0.49; kept, they were
// read as commas where none is printed). Up to a 12 pt full stop with a blur's edge round it (0.07 inch):
// half a body character, so a faded character of bleed-through, and a stain, are larger.
const LONE_MARK_MIN_IN = 1 / 30;
const LONE_MARK_MAX_IN = 1 / 12;
// Lone marks are kept only on a page in soft focus: one whose faint edges joined to print hold at least as many
// pixels as the print itself (a blur widens every stroke's edge). On a sharp page punctuation is as dark as print,
// and faint lone marks are stains, bleed-through and pen remnants: kept, they cost prose CER on the Ningxia draws of
// captures seed 370043433 (faded 0.88% -> 1.14%, marked 1.14% -> 1.36%, photocopy200 1.07% -> 1.16%), while the soft
// draw gained (2.22% -> 1.19%). Edge over print, page 2 of those draws and others: sharp scans, faded, marked,
// photocopied and stained 0.41-0.84 (the Ningxia corpus scan 0.84); defocused scans 1.29-1.41; phone photos, whose
// 150 dpi is rendered up, 1.01-1.87.
const SOFT_FOCUS_EDGE = 1;
// A page in soft focus is also sharpened (unsharp.ts) before any reading: Tesseract read its close strokes blurred
// together as other characters (副 as 割, 落 as 葵). The blur subtracted is 1/122 inch (three boxes 5 px wide at
// 300 DPI, the nearest whole width to it; a light defocus's blur, the draws below were 0.009-0.011 inch across),
// added once. Measured on captures seed 1339972815: defocused Ningxia 57 -> 58 of 58 fields, 4 -> 0 flagged, prose
// CER 3.45% -> 1.90%; defocused Shizuishan (a phone's JPEG too) 194 -> 198 of 198, 5 -> 2 flagged, 1.88% -> 1.63%;
// phone photos, whose JPEG noise it lifts with the strokes, 0.57-0.73% -> 0.64-0.77% (all fields kept); the Ningxia
// corpus scan's cover (edge 1.10, its emblem's soft shading) two junk tables fewer, the rest identical. More (1/87
// inch, 1.5 times) gained as much on Ningxia (1.82%) but cost Shizuishan's JPEG prose (2.43%); sharpening only from
// 1.2 times the print's edge spared no phone page once warped.
const DEFOCUS_SIGMA_IN = 1 / 122;
const DEFOCUS_SHARPEN = 1;

/** Normalises a colour render (see the module comment): paper 255, print dark, coloured marks gone. */
export function normalisePage(rgb: RgbRaster, dpi: number): NormalisedRaster {
  const grid = blockGridOf(rgb, dpi);
  const paper = paperColours(rgb, grid);
  const darkness = new Uint8Array(rgb.width * rgb.height);
  separateInk(rgb, grid, paper, darkness);
  liftSheetLines(darkness, rgb.width, rgb.height, dpi);
  const strength = printStrength(darkness, rgb.width, rgb.height, grid);
  const page = new Uint8Array(rgb.width * rgb.height);
  const { print, edge, unreached } = mapByStrength(darkness, rgb.width, rgb.height, grid, strength, page);
  const out = { width: rgb.width, height: rgb.height, data: page };
  if (edge >= SOFT_FOCUS_EDGE * print) {
    keepLoneMarks(
      unreached,
      darkness,
      rgb.width,
      { min: round(LONE_MARK_MIN_IN * dpi), max: max(2, round(LONE_MARK_MAX_IN * dpi)) },
      page,
    );
    unsharpMask(out, DEFOCUS_SIGMA_IN * dpi, DEFOCUS_SHARPEN);
  }
  return { ...out, softFocus: edge >= SOFT_FOCUS_EDGE * print };
}

/** A normalised page, and whether it is in soft focus (SOFT_FOCUS_EDGE): such a page is read in its glyphs' tones. */
export interface NormalisedRaster extends Raster {
  softFocus: boolean;
}

interface BlockGridSize {
  block: number;
  cols: number;
  rows: number;
}

function blockGridOf(r: { width: number; height: number }, dpi: number): BlockGridSize {
  const block = max(8, round(BLOCK_IN * dpi));
  return { block, cols: ceil(r.width / block), rows: ceil(r.height / block) };
}

/** Each block's paper colour (3 values a block), covered blocks filled from their neighbourhood. */
function paperColours(rgb: RgbRaster, grid: BlockGridSize): Float32Array {
  const { block, cols, rows } = grid;
  const paper = new Float32Array(cols * rows * 3);
  const hist = new Uint32Array(256 * 3);
  for (let by = 0; by < rows; by += 1) {
    for (let bx = 0; bx < cols; bx += 1) {
      hist.fill(0);
      let n = 0;
      // Every other pixel each way: a quarter of the work, the same percentile.
      for (let y = by * block; y < min(rgb.height, (by + 1) * block); y += 2) {
        for (let x = bx * block; x < min(rgb.width, (bx + 1) * block); x += 2) {
          const i = (y * rgb.width + x) * 3;
          hist[rgb.data[i]] += 1;
          hist[256 + rgb.data[i + 1]] += 1;
          hist[512 + rgb.data[i + 2]] += 1;
          n += 1;
        }
      }
      for (let c = 0; c < 3; c += 1) {
        paper[(by * cols + bx) * 3 + c] = percentileOf(hist, c * 256, n, PAPER_PERCENTILE);
      }
    }
  }
  return fillCoveredBlocks(paper, cols, rows);
}

function percentileOf(hist: Uint32Array, offset: number, n: number, p: number): number {
  const target = n * p;
  let seen = 0;
  for (let v = 0; v < 256; v += 1) {
    seen += hist[offset + v];
    if (seen >= target) {
      return v;
    }
  }
  return 255;
}

function fillCoveredBlocks(paper: Float32Array, cols: number, rows: number): Float32Array {
  const luma = (i: number) => 0.299 * paper[i * 3] + 0.587 * paper[i * 3 + 1] + 0.114 * paper[i * 3 + 2];
  const out = Float32Array.from(paper);
  const around: number[] = [];
  for (let by = 0; by < rows; by += 1) {
    for (let bx = 0; bx < cols; bx += 1) {
      around.length = 0;
      for (let y = max(0, by - MEDIAN_RADIUS); y <= min(rows - 1, by + MEDIAN_RADIUS); y += 1) {
        for (let x = max(0, bx - MEDIAN_RADIUS); x <= min(cols - 1, bx + MEDIAN_RADIUS); x += 1) {
          around.push(y * cols + x);
        }
      }
      around.sort((a, b) => luma(a) - luma(b));
      const median = around[floor(around.length / 2)];
      const i = by * cols + bx;
      if (luma(i) < luma(median) - COVERED_DROP) {
        out.set(paper.subarray(median * 3, median * 3 + 3), i * 3);
      }
    }
  }
  return out;
}

/**
 * Divides out the paper's colour (bilinear between block centres), turns coloured marks to paper and writes each
 * pixel's darkness (0 paper .. 255 black).
 */
function separateInk(rgb: RgbRaster, grid: BlockGridSize, paper: Float32Array, darkness: Uint8Array): void {
  const { width, height } = rgb;
  const xs = axis(width, grid.block, grid.cols);
  const ys = axis(height, grid.block, grid.rows);
  const cols = grid.cols;
  for (let y = 0; y < height; y += 1) {
    const ra = ys.a[y] * cols;
    const rb = ys.b[y] * cols;
    const rt = ys.t[y];
    for (let x = 0; x < width; x += 1) {
      const ca = xs.a[x];
      const cb = xs.b[x];
      const ct = xs.t[x];
      const w00 = (1 - rt) * (1 - ct);
      const w01 = (1 - rt) * ct;
      const w10 = rt * (1 - ct);
      const w11 = rt * ct;
      const p00 = (ra + ca) * 3;
      const p01 = (ra + cb) * 3;
      const p10 = (rb + ca) * 3;
      const p11 = (rb + cb) * 3;
      const i = y * width + x;
      const j = i * 3;
      const bgR = paper[p00] * w00 + paper[p01] * w01 + paper[p10] * w10 + paper[p11] * w11;
      const bgG = paper[p00 + 1] * w00 + paper[p01 + 1] * w01 + paper[p10 + 1] * w10 + paper[p11 + 1] * w11;
      const bgB = paper[p00 + 2] * w00 + paper[p01 + 2] * w01 + paper[p10 + 2] * w10 + paper[p11 + 2] * w11;
      const r = min(255, (rgb.data[j] * 255) / max(1, bgR));
      const g = min(255, (rgb.data[j + 1] * 255) / max(1, bgG));
      const b = min(255, (rgb.data[j + 2] * 255) / max(1, bgB));
      const luma = 0.299 * r + 0.587 * g + 0.114 * b;
      const chroma = max(r, g, b) - min(r, g, b);
      if (chroma > CHROMA_PRINT && b < r && b < g && abs(r - g) <= YELLOW_BALANCE * chroma) {
        darkness[i] = 255 - round(max(r, g));
        continue;
      }
      const hue = chroma / max(1, 255 - luma);
      const lift = max(
        chroma <= CHROMA_PRINT || luma < DARK_CORE ? 0 : min(1, (chroma - CHROMA_PRINT) / (CHROMA_INK - CHROMA_PRINT)),
        hue <= HUED_START ? 0 : min(1, (hue - HUED_START) / (HUED_FULL - HUED_START)),
      );
      darkness[i] = 255 - round(luma + (255 - luma) * lift);
    }
  }
}

/** For each pixel along one axis: the block whose centre is at or before it (`a`), the next (`b`), `b`'s weight. */
function axis(length: number, block: number, count: number): { a: Uint16Array; b: Uint16Array; t: Float32Array } {
  const a = new Uint16Array(length);
  const b = new Uint16Array(length);
  const t = new Float32Array(length);
  for (let p = 0; p < length; p += 1) {
    const f = (p + 0.5) / block - 0.5;
    a[p] = max(0, min(count - 1, floor(f)));
    b[p] = min(count - 1, a[p] + 1);
    t[p] = max(0, min(1, f - a[p]));
  }
  return { a, b, t };
}

/** Each block's local print strength (darkness 0..255): the darkest 3x3 mean near it, floored (see above). */
function printStrength(darkness: Uint8Array, width: number, height: number, grid: BlockGridSize): Float32Array {
  const { block, cols, rows } = grid;
  const blockMax = new Float32Array(cols * rows);
  // 3x3 box means, kept as sums of nine: each row's sums of three across, three rows of them kept at a time.
  const rowSums = [new Uint16Array(width), new Uint16Array(width), new Uint16Array(width)];
  const sumRow = (y: number, into: Uint16Array) => {
    const o = y * width;
    for (let x = 1; x < width - 1; x += 1) {
      into[x] = darkness[o + x - 1] + darkness[o + x] + darkness[o + x + 1];
    }
  };
  sumRow(0, rowSums[0]);
  sumRow(min(1, height - 1), rowSums[1]);
  for (let y = 1; y < height - 1; y += 1) {
    const [above, here, below] = [rowSums[(y - 1) % 3], rowSums[y % 3], rowSums[(y + 1) % 3]];
    sumRow(y + 1, below);
    const by = floor(y / block) * cols;
    for (let x = 1; x < width - 1; x += 1) {
      const s = above[x] + here[x] + below[x];
      const b = by + floor(x / block);
      if (s > blockMax[b]) {
        blockMax[b] = s;
      }
    }
  }
  for (let i = 0; i < blockMax.length; i += 1) {
    blockMax[i] /= 9;
  }
  const margin = round(PRINT_AREA_MARGIN_IN / BLOCK_IN);
  const inside = (i: number) => {
    const bx = i % cols;
    const by = floor(i / cols);
    return bx >= margin && bx < cols - margin && by >= margin && by < rows - margin;
  };
  const isPrint = (v: number) => v >= MIN_PRINT * 255;
  const printedInside = [...blockMax].filter((v, i) => isPrint(v) && inside(i));
  // A page too small for margins (a cropped scan) is measured whole.
  const withPrint = (printedInside.length > 0 ? printedInside : [...blockMax].filter(isPrint)).sort((a, b) => a - b);
  const pageStrength = withPrint.length > 0 ? withPrint[floor((withPrint.length - 1) * PAGE_STRENGTH_PERCENTILE)] : 255;
  const least = max(MIN_PRINT * 255, PAGE_STRENGTH_SHARE * pageStrength);
  const strength = new Float32Array(cols * rows);
  for (let by = 0; by < rows; by += 1) {
    for (let bx = 0; bx < cols; bx += 1) {
      let best = 0;
      for (let y = max(0, by - STRENGTH_RADIUS); y <= min(rows - 1, by + STRENGTH_RADIUS); y += 1) {
        for (let x = max(0, bx - STRENGTH_RADIUS); x <= min(cols - 1, bx + STRENGTH_RADIUS); x += 1) {
          best = max(best, blockMax[y * cols + x]);
        }
      }
      strength[by * cols + bx] = max(least, min(best, pageStrength));
    }
  }
  return strength;
}

/** Grey from darkness relative to the local print strength: print from HALF_PRINT (INK_LEVEL there, black at full
 * strength), faint marks joined to print as lighter grey, the rest paper. Leaves in `darkness` the grey each faint
 * pixel would take (0 elsewhere), and returns which faint pixels no print reached (`unreached`, 1 there). Counts the
 * pixels of print and of the faint edges joined to it. */
function mapByStrength(
  darkness: Uint8Array,
  width: number,
  height: number,
  grid: BlockGridSize,
  strength: Float32Array,
  out: Uint8Array,
): { print: number; edge: number; unreached: Uint8Array } {
  // No strength is under the floor, so darkness up to FAINT of the least strength is paper wherever it is: most of a
  // page, decided without interpolating.
  const surelyPaper = FAINT * min(...strength);
  const xs = axis(width, grid.block, grid.cols);
  const ys = axis(height, grid.block, grid.rows);
  const cols = grid.cols;
  // Faint pixels keep in `darkness` itself the grey they would take (0: none): each pixel's darkness is read once,
  // before it is overwritten.
  const faint = darkness;
  const unreached = new Uint8Array(width * height);
  const reached: number[] = [];
  out.fill(255);
  for (let y = 0; y < height; y += 1) {
    const ra = ys.a[y] * cols;
    const rb = ys.b[y] * cols;
    const rt = ys.t[y];
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      const d = darkness[i];
      faint[i] = 0;
      if (d <= surelyPaper) {
        continue;
      }
      const ct = xs.t[x];
      const top = strength[ra + xs.a[x]] * (1 - ct) + strength[ra + xs.b[x]] * ct;
      const bottom = strength[rb + xs.a[x]] * (1 - ct) + strength[rb + xs.b[x]] * ct;
      const share = d / (top * (1 - rt) + bottom * rt);
      if (share >= HALF_PRINT) {
        out[i] = printGrey(share);
        reached.push(i);
      } else if (share > FAINT) {
        faint[i] = faintGrey(share);
        unreached[i] = 1;
      }
    }
  }
  const print = reached.length;
  // From every print pixel into the faint ones touching it, and on from those.
  return { print, edge: spreadIntoFaint(reached, unreached, faint, width, out), unreached };
}

/** The grey of print at `share` of the print strength (from HALF_PRINT): INK_LEVEL there, black at full strength. */
const printGrey = (share: number) => max(0, round((INK_LEVEL * (1 - share)) / (1 - HALF_PRINT)));
/** The grey of a faint mark at `share` (FAINT to HALF_PRINT): from paper down to INK_LEVEL, never 0 (0 is none). */
const faintGrey = (share: number) => max(1, round(255 - ((255 - INK_LEVEL) * (share - FAINT)) / (HALF_PRINT - FAINT)));
/** faintGrey's inverse: the share of the print strength a faint mark's grey stands for. */
const faintShareOf = (grey: number) => FAINT + ((255 - grey) * (HALF_PRINT - FAINT)) / (255 - INK_LEVEL);

// On a page in soft focus (SOFT_FOCUS_EDGE: its faint edges joined to print hold as many pixels as its print, as a
// defocused page's and a 150 dpi scan's rendered at 300 do) Tesseract reads the page in its glyphs' own tones: each
// faint mark kept (FAINT to HALF_PRINT) on print's ramp continued, grey 255 * (1 - share), from 218 down to
// INK_LEVEL, instead of the decisions' ramp from paper at FAINT. Such a page's glyphs are drawn by those edges: on
// the lighter ramp a thin typeface at 150 dpi lost its strokes (互 read as 上, 运 as 迈, 落 as 荬; the matrix's
// s2-150dpi Shizuishan, prose CER 0.73% before the normalisation, 1.70% after, 1.05% in these tones). On a sharp
// page the faint pixels joined to print are toner's grit round bold strokes: read darker, a 200 dpi photocopy's 《
// became f (captures photocopy200 seed 312557232, Shizuishan 0.57% -> 0.76%, Yinchuan 1.14% -> 1.36%), so a sharp
// page is read as it is. The decisions keep the lighter ramp everywhere: given the darker tones, the deskew's
// interpolation made ink of edges and a narrow 总计 header cell was cut in two rows. Neither ramp makes a faint mark
// ink.
const GLYPH_TONES = (() => {
  const lut = new Uint8Array(256);
  for (let grey = 0; grey < 256; grey += 1) {
    lut[grey] = grey <= INK_LEVEL || grey === 255 ? grey : max(INK_LEVEL, printGrey(faintShareOf(grey)));
  }
  return lut;
})();

/** The normalised page in its glyphs' own tones (see GLYPH_TONES), for reading: a new raster. */
export function glyphTones(page: Raster): Raster {
  const data = new Uint8Array(page.data.length);
  for (let i = 0; i < data.length; i += 1) {
    data[i] = GLYPH_TONES[page.data[i]];
  }
  return { width: page.width, height: page.height, data };
}

/** Floods from the pixels on `stack` into the faint pixels touching them that are still `unreached` (8 neighbours),
 * and on from those: each pixel reached takes its `faint` grey in `out` and is no longer unreached. `visit` sees every
 * pixel taken off the stack. Returns how many faint pixels it reached. */
function spreadIntoFaint(
  stack: number[],
  unreached: Uint8Array,
  faint: Uint8Array,
  width: number,
  out: Uint8Array,
  visit?: (i: number) => void,
): number {
  let reached = 0;
  flood(stack, unreached, width, unreached.length / width, 8, (i) => {
    // Print seeds have no faint grey and keep their own.
    if (faint[i] !== 0) {
      out[i] = faint[i];
      reached += 1;
    }
    visit?.(i);
  });
  return reached;
}

/** Faint marks no print reached (`unreached`; `faint`: the grey each would take) that are punctuation-sized and
 * have a core of LONE_MARK_SEED or more: mapped as print against their own core (see LONE_MARK_SEED); the others
 * paper. */
function keepLoneMarks(
  unreached: Uint8Array,
  faint: Uint8Array,
  width: number,
  sizePx: { min: number; max: number },
  out: Uint8Array,
): void {
  const seedGrey = faintGrey(LONE_MARK_SEED);
  const stack: number[] = [];
  for (let start = 0; start < faint.length; start += 1) {
    if (unreached[start] === 0 || faint[start] > seedGrey) {
      continue;
    }
    const mark: number[] = [];
    let x0 = start % width,
      x1 = x0,
      y0 = (start - x0) / width,
      y1 = y0,
      core = 255;
    // The grey of each member is kept in `out` meanwhile, then mapped or set back to paper.
    unreached[start] = 0;
    stack.push(start);
    spreadIntoFaint(stack, unreached, faint, width, out, (i) => {
      const x = i % width;
      const y = (i - x) / width;
      x0 = min(x0, x);
      x1 = max(x1, x);
      y0 = min(y0, y);
      y1 = max(y1, y);
      core = min(core, out[i]);
      mark.push(i);
    });
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const punctuation = min(w, h) >= sizePx.min && max(w, h) <= sizePx.max;
    const coreShare = faintShareOf(core);
    for (const i of mark) {
      if (!punctuation) {
        out[i] = 255;
        continue;
      }
      const share = faintShareOf(out[i]) / coreShare;
      out[i] = share >= HALF_PRINT ? printGrey(share) : share > FAINT ? faintGrey(share) : 255;
    }
  }
}
