// The page's own sizes, measured on its image: how thick its strokes of print are, how thick its rulings and
// how high its glyphs. A scan at 150 dpi, a photocopy or a fax rendered at 300 DPI has strokes two or three
// times as heavy as a clean 300 dpi scan, and its noise grows with them: thresholds that only knew inches
// (speck size, smallest mark, ruling clearance) take these measures as well.
import type { GrayImage } from './ink-groups';
import { inkGroups } from './ink-groups';
import type { Segment } from '../contracts/geometry';
import type { PageGeometryPt } from '../contracts/page';

export interface PageGeometry {
  /** Median width of a stroke of print, px. */
  strokePx: number;
  /** Median thickness of the page's horizontal rulings, px (each measure at most 0.04 in); null without rulings. */
  rulingPx: number | null;
  /** Height of a glyph of the page's text (the 80th percentile of glyph-sized ink groups), px; null without text. */
  textHeightPx: number | null;
}

// A stroke is a run of ink across a vertical stroke: runs longer than 0.04 in (12 px at 300 DPI, heavier than
// the boldest 19 pt heading stroke) cross a horizontal stroke or a ruling lengthwise and say nothing of width.
const MAX_STROKE_IN = 0.04;
// Rows are sampled every 1/100 inch: an A4 page gives over a thousand rows of runs, enough for a median.
const ROW_STEP_IN = 0.01;
// Fewer runs than this (a blank sheet, a page number) give no measure; the inch defaults then stand.
const MIN_RUNS = 200;
// A glyph-sized group is 2 strokes to 0.4 in high (28 pt, over the largest heading) and at most 0.6 in wide:
// smaller groups are dots and specks, larger ones rulings, frames and photos. Chinese characters break into
// radicals, so the median group is a part of a character; the 80th percentile is a whole one.
const MAX_GLYPH_IN = 0.4;
const MAX_GLYPH_WIDTH_IN = 0.6;
const GLYPH_PERCENTILE = 0.8;
const MIN_GLYPHS = 20;
// A ruling is measured across at 25 points along its length: enough for a median, cheap on any page.
const RULING_SAMPLES = 25;
// A measure across a ruling over 0.04 in (12 px at 300 DPI, 2.9 pt) crosses something else: a vertical ruling, a
// photo or a dark block the ruling runs along (printed rules are 0.5-2 pt, a photocopy's a little heavier). Left
// out: on a seal-scanned Ningxia page such measures made a 13.7 pt "ruling", whose width then masked the prose
// around its table (prose CER 0.71% -> 1.23%).
const MAX_RULING_IN = 0.04;

/** Measures stroke width, ruling thickness and glyph height on a page image (ink: darker than `threshold`). */
export function measureGeometry(
  image: GrayImage,
  dpi: number,
  threshold: number,
  rulings: readonly Segment[],
): PageGeometry {
  const strokePx = measureStroke(image, dpi, threshold);
  return {
    strokePx,
    rulingPx: measureRulingThickness(image, dpi, threshold, rulings),
    textHeightPx: glyphHeight([image], dpi, threshold, strokePx),
  };
}

// The stroke of clean print at 10-13 pt, 1/100 inch (what the corpus scans measure at 300 DPI: 3-4 px), when
// the page has too little ink to say.
const DEFAULT_STROKE_IN = 0.01;

/** Median stroke width of the page's print, px (the default stroke when the page has too little ink). */
export function measureStroke(image: GrayImage, dpi: number, threshold: number): number {
  const max = Math.max(2, Math.round(MAX_STROKE_IN * dpi));
  const step = Math.max(1, Math.round(ROW_STEP_IN * dpi));
  const counts = new Array<number>(max + 1).fill(0);
  let total = 0;
  for (let y = 0; y < image.height; y += step) {
    let run = 0;
    for (let x = 0; x <= image.width; x += 1) {
      if (x < image.width && image.data[y * image.width + x] < threshold) {
        run += 1;
      } else if (run > 0) {
        if (run <= max) {
          counts[run] += 1;
          total += 1;
        }
        run = 0;
      }
    }
  }
  return total < MIN_RUNS ? DEFAULT_STROKE_IN * dpi : median(counts, total);
}

/** Median thickness of `rulings` on the image, px; null when none can be measured. */
export function measureRulingThickness(
  image: GrayImage,
  dpi: number,
  threshold: number,
  rulings: readonly Segment[],
): number | null {
  const max = MAX_RULING_IN * dpi;
  const ink = (x: number, y: number) => y >= 0 && y < image.height && image.data[y * image.width + x] < threshold;
  const samples: number[] = [];
  for (const r of rulings) {
    for (let i = 1; i <= RULING_SAMPLES; i += 1) {
      const x = Math.round(r.from + ((r.to - r.from) * i) / (RULING_SAMPLES + 1));
      const y = Math.round(r.at);
      if (x < 0 || x >= image.width || !ink(x, y)) {
        continue;
      }
      let top = y;
      let bottom = y;
      while (ink(x, top - 1)) top -= 1;
      while (ink(x, bottom + 1)) bottom += 1;
      if (bottom - top + 1 <= max) {
        samples.push(bottom - top + 1);
      }
    }
  }
  if (samples.length === 0) {
    return null;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** The height of a whole glyph over `images` (a page, or a table's cells), null with too few glyphs to say. */
export function glyphHeight(
  images: readonly GrayImage[],
  dpi: number,
  threshold: number,
  stroke: number,
): number | null {
  const heights = images
    .flatMap((image) => inkGroups(image, threshold, 0))
    .filter(
      (g) =>
        g.y1 - g.y0 + 1 >= 2 * stroke &&
        g.y1 - g.y0 + 1 <= MAX_GLYPH_IN * dpi &&
        g.x1 - g.x0 + 1 <= MAX_GLYPH_WIDTH_IN * dpi,
    )
    .map((g) => g.y1 - g.y0 + 1)
    .sort((a, b) => a - b);
  return heights.length < MIN_GLYPHS ? null : heights[Math.floor(heights.length * GLYPH_PERCENTILE)];
}

function median(counts: readonly number[], total: number): number {
  let seen = 0;
  for (let length = 0; length < counts.length; length += 1) {
    seen += counts[length];
    if (seen * 2 >= total) {
      return length;
    }
  }
  return counts.length - 1;
}

/** The geometry in points (what the page record stores) and back in pixels at another resolution. */
export function geometryInPoints(g: PageGeometry, dpi: number): PageGeometryPt {
  const pt = (px: number) => Math.round((px * 72 * 100) / dpi) / 100;
  return {
    strokePt: pt(g.strokePx),
    rulingPt: g.rulingPx === null ? null : pt(g.rulingPx),
    textHeightPt: g.textHeightPx === null ? null : pt(g.textHeightPx),
  };
}

export function geometryInPixels(g: PageGeometryPt, dpi: number): PageGeometry {
  const px = (pt: number) => (pt * dpi) / 72;
  return {
    strokePx: px(g.strokePt),
    rulingPx: g.rulingPt === null ? null : px(g.rulingPt),
    textHeightPx: g.textHeightPt === null ? null : px(g.textHeightPt),
  };
}
