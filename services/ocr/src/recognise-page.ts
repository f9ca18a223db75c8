// The OCR stage for one page: text layer where it is real, else render, level, mask tables and photos, OCR.
// Pure of storage and messaging: the handler and the one-process CLI both call it.
import type { PdfFile } from '../../../shared/adapters/pdf.adapter';
import type { OcrLine, OcrPool } from '../../../shared/adapters/tesseract.adapter';
import { rotateRaster, scaleRaster, turnRaster } from '../../../shared/adapters/image.adapter';
import {
  INK_LEVEL,
  PixelBox,
  Raster,
  RgbRaster,
  cut,
  inkMask,
  inkShareOf,
  otsuThreshold,
  whiteOut,
} from '../../../shared/adapters/raster';
import { errorMessage } from '../../../shared/errors/errors';
import type { BBox, Segment } from '../../../shared/contracts/geometry';
import { centreInside } from '../../../shared/contracts/geometry';
import { type Line, type PageRecognition, emptyPageRecord } from '../../../shared/contracts/page';
import { cleanCjkText } from '../../../shared/domain/cjk-text';
import { TableRegion, findRulings, findTableRegions, rulingBoxes } from '../../../shared/domain/rulings';
import { estimateSkew } from './domain/deskew';
import { liesOnItsSide } from './domain/orientation';
import { findPhotoRegions } from './domain/photos';
import { findDarkRegions } from './domain/dark-regions';
import { removeMarginLines } from './domain/margin-lines';
import { eraseBrokenLines } from './domain/broken-lines';
import { glyphTones, normalisePage } from './domain/page-normalisation';
import { Quad, findSheet, greyThumbnail, paperOf, scaleQuad, sheetProportions, warpSheet } from './domain/sheet';
import { removeSpecks } from './domain/specks';
import { isRealTextLayer, runsToWords } from './domain/text-layer';
import { proseLinesOf, withoutStrayMarks } from './domain/prose-lines';
import { proseConfidence, wordsToLines } from '../../../shared/domain/lines';
import { SCANNED_LINE_GAP_LINE_HEIGHTS, findTextTables, withoutEndMarks } from '../../../shared/domain/text-tables';
import {
  geometryInPoints,
  measureGeometry,
  measureRulingThickness,
  measureStroke,
} from '../../../shared/domain/page-geometry';
import { StepProfile, noProfile } from '../../../shared/runtime/step-profile';

export interface RecognitionDeps {
  ocr: OcrPool;
  /** Render resolution for scanned pages. */
  dpi: number;
  /** Charges each step's CPU (bench/profile.ts); none in the services. */
  profile?: StepProfile;
}

export interface RecognisedPage {
  recognition: PageRecognition;
  /** The upright page image, for cell reading and review crops. */
  image: Raster;
}

// Digital pages are rendered only to find rulings and to crop cells for reviewers: at 100 DPI every ruling
// of the corpus still shows (tables read 100%), and rendering costs 2.25 times less than at 150 DPI.
const TEXT_LAYER_DPI = 100;
// Prose is read at 225 DPI: measured on the corpus scans, faster than 300 DPI and fewer errors (Chinese
// body text is then about 40 px high, near the line height Tesseract's LSTM models were trained on).
const PROSE_DPI = 225;
// The lines kept as prose of an upright page read at 0.94-0.96 mean confidence, those of a page turned a quarter or
// over at 0.59-0.71 (Tesseract still finds "characters" in it; the matrix's rotated Yinchuan and Shizuishan, 2026-11-30,
// measured while lines from 0.5 were kept), so below 0.8 the page turned over is read too and the better reading kept.
const UPSIDE_DOWN_SUSPECT = 0.8;
// Kept lines judge a page's orientation from this many characters: two headings (29 characters) do; a line of junk,
// a handful, must not (with fewer, Tesseract's mean over the page judges, as before).
const MIN_JUDGED_CHARS = 20;
// Table text judged for orientation (tableTextConfidence) reads 0.77-0.89 upright on the matrix's table pages
// and 0.35-0.51 turned or upside down: at 0.65 or more a page's tables read upright.
const TABLE_TEXT_SUSPECT = 0.65;
// A turned reading must beat the page as scanned by this much mean confidence to be kept: upside-down text
// reads about 0.3 below upright, while two readings of one poor scan in the same orientation differ by
// a few hundredths.
const TURN_MARGIN = 0.1;
// Skew is estimated at 100 DPI: a 0.02 degree step moves a point 0.3 px across an A4 width, enough.
const SKEW_DPI = 100;
// Tables and photos are masked with a margin of 0.03 inch so their borders leave no specks for OCR (and at
// least a ruling's measured thickness, so a heavy photocopied frame leaves none either).
const MASK_MARGIN_IN = 0.03;
// A page with less ink than this, once cleaned, is blank: a separator sheet. One line of 13 pt text is about
// 0.2% of an A4 page at 300 DPI, a page number alone 0.02%: a sheet with no more than a page number is blank.
const BLANK_INK = 0.0003;
// A page's table text is read for orientation at 150 DPI: 9 pt table text is still 19 px high, legible to
// Tesseract, at a quarter of the pixels of 300 DPI.
const JUDGE_DPI = 150;
// Below this share of ink nothing is left to read once tables and photos are masked (a full-page table).
const MIN_PROSE_INK = 0.002;
// No paper is longer than 17 inches (A3 is 16.5, legal 14): a page that is has a header resolution that says
// nothing of the paper (a phone photo at 72 "dpi" is 40 inches tall), and is read as an A4 sheet's height.
const MAX_SHEET_IN = 17;
const A4_HEIGHT_IN = 11.69;
// A sheet is looked for on a copy about 800 pixels long: its edges are then placed within 0.2% of the page, and
// the look costs a few milliseconds.
const PROBE_PX = 800;
// A flattened sheet's outer 0.08 inch is left white: the sides fitted on the probe stray up to 2 of its pixels (8 at
// 300 DPI) onto the desk, and printed reports keep margins of 0.7 inch or more.
const SHEET_EDGE_CLEAR_IN = 0.08;

/** Recognises page `page` of `pdf` (1-based). */
export async function recognisePage(
  pdf: PdfFile,
  documentId: string,
  page: number,
  deps: RecognitionDeps,
): Promise<RecognisedPage> {
  const p = deps.profile ?? noProfile;
  const size = await pdf.pageSize(page);
  const runs = await p.step('text layer', () => pdf.textRuns(page));
  if (isRealTextLayer(runs)) {
    const image = await p.step('render', () => pdf.render(page, TEXT_LAYER_DPI));
    const regions = p.stepSync('table regions', () => tableRegions(image, TEXT_LAYER_DPI));
    const boxes = regions.map((r) => toPoints(r, TEXT_LAYER_DPI));
    const words = runsToWords(runs);
    const ruled = (w: (typeof words)[number]) => boxes.some((b) => centreInside(w.bbox, b));
    // Tables with no ruling of their own stand in the text around the ruled ones.
    const textTables = findTextTables(wordsToLines(words.filter((w) => !ruled(w))));
    const inTable = (w: (typeof words)[number]) => ruled(w) || textTables.some((b) => centreInside(w.bbox, b));
    return {
      image,
      recognition: {
        documentId,
        page,
        source: 'text-layer',
        width: size.width,
        height: size.height,
        skewDegrees: 0,
        rotation: 0,
        lines: wordsToLines(words.filter((w) => !inTable(w))),
        tableWords: words.filter(inTable),
        tableRegions: regionsInPoints(regions, TEXT_LAYER_DPI),
        ...(textTables.length > 0 ? { textTables } : {}),
        imageFileId: null,
        imageDpi: TEXT_LAYER_DPI,
      },
    };
  }
  const { captured, normalisedPage, softFocus } = await captureNormalised(pdf, page, size, deps.dpi, p);
  const normalised = p.stepSync('clean', () => cleanScan(normalisedPage, deps.dpi));
  const onSide = await p.step('orientation by ink', async () => {
    const small = await scaleRaster(normalised, SKEW_DPI / deps.dpi);
    return liesOnItsSide({ ...small, data: inkMask(small, otsuThreshold(small)) });
  });
  if (inkShareOf(normalised) < BLANK_INK) {
    return {
      image: normalised,
      recognition: {
        ...emptyPageRecord(documentId, page, deps.dpi),
        source: 'ocr',
        width: captured.width,
        height: captured.height,
        blank: true,
        ...(captured.sheet ? { sheet: captured.sheet } : {}),
      },
    };
  }
  const tones = softFocus ? p.stepSync('glyph tones', () => glyphTones(normalised)) : normalised;
  const reading = await readUpright({ page: normalised, tones }, onSide ? 90 : 0, deps);
  // Measured once, on the reading kept (each orientation tried needs only its rulings' thickness).
  const geometry = p.stepSync('geometry', () =>
    geometryInPoints(measureGeometry(reading.image, deps.dpi, INK_LEVEL, horizontalRulings(reading.regions)), deps.dpi),
  );
  const sideways = reading.rotation % 180 !== 0;
  // Tables with no ruling of their own, from the alignment of the lines read, the marks at their ends set aside:
  // read with them, a column of marks beside the prose (a stain's edge in the margin) made whole paragraphs of a
  // faded page a table (prose CER 1.44% -> 12.98%). The table stage reads the tables' words from the image.
  const textTables = findTextTables(
    reading.lines.map(withoutEndMarks).filter((l): l is Line => l !== null),
    SCANNED_LINE_GAP_LINE_HEIGHTS,
  );
  return {
    image: reading.image,
    recognition: {
      documentId,
      page,
      source: 'ocr',
      width: sideways ? captured.height : captured.width,
      height: sideways ? captured.width : captured.height,
      skewDegrees: reading.skew,
      rotation: reading.rotation,
      lines: reading.lines.filter((l) => !textTables.some((b) => centreInside(l.bbox, b))),
      tableWords: [],
      tableRegions: regionsInPoints(reading.regions, deps.dpi),
      ...(textTables.length > 0 ? { textTables } : {}),
      imageFileId: null,
      imageDpi: deps.dpi,
      geometry,
      ...(captured.sheet ? { sheet: captured.sheet } : {}),
    },
  };
}

/**
 * The page captured (capturePage) and normalised, without its colour raster: three bytes a pixel that nothing after
 * the normalisation reads (27 MB for an A4 page at 300 DPI), let go here rather than held while the page is read.
 */
async function captureNormalised(
  pdf: PdfFile,
  page: number,
  size: { width: number; height: number },
  dpi: number,
  p: StepProfile,
): Promise<{ captured: Omit<Captured, 'rgb'>; normalisedPage: Raster; softFocus: boolean }> {
  const { rgb, ...captured } = await capturePage(pdf, page, size, dpi, p);
  const { softFocus, ...normalisedPage } = p.stepSync('normalise', () => normalisePage(rgb, dpi));
  return { captured, normalisedPage, softFocus };
}

interface Captured {
  rgb: RgbRaster;
  width: number;
  height: number;
  sheet?: Quad;
}

/**
 * The page as a flat sheet at `dpi`, in colour, and the sheet's size in points. A photo's sheet is found against
 * the desk and warped flat (sheet.ts), its size the paper its proportions name; a page larger than any paper
 * has a header resolution that says nothing of the paper, and is taken as an A4 sheet's height.
 */
async function capturePage(
  pdf: PdfFile,
  page: number,
  size: { width: number; height: number },
  dpi: number,
  p: StepProfile,
): Promise<Captured> {
  const longIn = Math.max(size.width, size.height) / 72;
  const scale = longIn > MAX_SHEET_IN ? A4_HEIGHT_IN / longIn : 1;
  const rgb = await p.step('render', () => pdf.renderColour(page, dpi * scale));
  const factor = Math.max(1, Math.floor(Math.max(rgb.width, rgb.height) / PROBE_PX));
  const quad = p.stepSync('find sheet', () => findSheet(greyThumbnail(rgb, factor)));
  if (!quad) {
    // Scaled to a sheet's size, the whole page is the sheet (its corners say so for the searchable PDF).
    const whole: Quad = [
      { x: 0, y: 0 },
      { x: size.width, y: 0 },
      { x: size.width, y: size.height },
      { x: 0, y: size.height },
    ];
    return { rgb, width: size.width * scale, height: size.height * scale, ...(scale !== 1 ? { sheet: whole } : {}) };
  }
  const paper = paperOf(sheetProportions(quad, rgb.width / factor, rgb.height / factor));
  const flat = p.stepSync('warp sheet', () =>
    warpSheet(
      rgb,
      scaleQuad(quad, factor),
      Math.round((paper.width / 72) * dpi),
      Math.round((paper.height / 72) * dpi),
      Math.round(SHEET_EDGE_CLEAR_IN * dpi),
    ),
  );
  // The corners on the page as displayed, in points: the render was at dpi * scale.
  return { rgb: flat, width: paper.width, height: paper.height, sheet: scaleQuad(quad, (factor * 72) / (dpi * scale)) };
}

/**
 * Reads the page in the orientation its ink profile suggests and, while the readings are doubtful, in the
 * other orientations too. A turn is kept only when it reads clearly better than
 * the page as scanned: a poor scan reads poorly every way, and must not be turned on a whim.
 */
async function readUpright(normalised: NormalisedPage, prior: Rotation, deps: RecognitionDeps): Promise<ScanReading> {
  const readings = [await readScan(normalised, prior, deps)];
  // Most likely first: the page turned over, then the quarter turns the ink profile did not see (a table page
  // fed landscape, whose rulings look the same either way); readings stop at the first that reads well.
  const order: Rotation[] = prior === 0 ? [180, 90, 270] : [prior === 90 ? 270 : 90, 0, 180];
  for (const rotation of order) {
    if (readings.some(readsWell)) {
      break;
    }
    readings.push(await readScan(normalised, rotation, deps));
  }
  // A turn the ink profile suggested is measured against the page as scanned too: a full-page table of three
  // columns turned a quarter still reads "well" (0.65 or more) and was kept without the page as scanned ever being
  // read (a 200 dpi photocopy's statistics page, 43 of 58 fields lost).
  if (!readings.some((r) => r.rotation === 0)) {
    readings.push(await readScan(normalised, 0, deps));
  }
  const asScanned = readings.find((r) => r.rotation === 0);
  const best = readings.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  return asScanned && best.rotation !== 0 && best.confidence < asScanned.confidence + TURN_MARGIN ? asScanned : best;
}

const readsWell = (r: ScanReading) =>
  r.confidence >= (r.judgedBy === 'prose' ? UPSIDE_DOWN_SUSPECT : TABLE_TEXT_SUSPECT);

/** The normalised page with what flattening leaves of copier shadows, the gutter and punch holes whitened, specks
 * (what counts as one grows with the page's measured stroke, specks.ts), lines in its margins (margin-lines.ts) and
 * lines through the sheet broken into pieces (broken-lines.ts). */
function cleanScan(page: Raster, dpi: number): Raster {
  whiteOut(page, findDarkRegions(page, dpi));
  removeSpecks(page, dpi, INK_LEVEL, measureStroke(page, dpi, INK_LEVEL));
  removeMarginLines(page, dpi, INK_LEVEL);
  eraseBrokenLines(page, dpi);
  return page;
}

/** The record of a page that could not be read, with the reason (`error`): the document goes on without it. The
 * services' give-up and the CLI both store this. */
export function failedRecognition(documentId: string, page: number, error: unknown, dpi: number): PageRecognition {
  return {
    ...emptyPageRecord(documentId, page, dpi),
    failure: `page ${page} could not be read: ${errorMessage(error)}`,
  };
}

interface ScanReading {
  image: Raster;
  rotation: Rotation;
  skew: number;
  regions: TableRegion[];
  lines: Line[];
  /** Mean confidence of the lines kept as prose (by characters); with too few of them, Tesseract's mean over the
   * masked page; with none and tables, that of the middle of the tables. */
  confidence: number;
  judgedBy: 'prose' | 'tables';
}

type Rotation = 0 | 90 | 180 | 270;

/** The normalised page, for every decision, and the page Tesseract reads: on a page in soft focus the same page in
 * its glyphs' own tones (`glyphTones`), on a sharp one the page itself. */
interface NormalisedPage {
  page: Raster;
  tones: Raster;
}

/** Turns the page by `rotation`, levels it, finds its tables and photos and reads the prose around them. */
async function readScan(normalised: NormalisedPage, rotation: Rotation, deps: RecognitionDeps): Promise<ScanReading> {
  const p = deps.profile ?? noProfile;
  const { image, skew } = await p.step('level', async () => {
    const turned = await turnRaster(normalised.page, rotation);
    const angle = await measureSkew(turned, deps.dpi);
    return { image: await rotateRaster(turned, -angle), skew: angle };
  });
  const regions = p.stepSync('table regions', () => tableRegions(image, deps.dpi));
  const { prose, hidden, rulingPx } = p.stepSync('mask tables and photos', () => {
    const thickness = measureRulingThickness(image, deps.dpi, INK_LEVEL, horizontalRulings(regions));
    const margin = Math.max(MASK_MARGIN_IN * deps.dpi, thickness ?? 0);
    const hidden: PixelBox[] = [...regions, ...findPhotoRegions(image, deps.dpi)].map((b) => ({
      x: b.x - margin,
      y: b.y - margin,
      width: b.width + 2 * margin,
      height: b.height + 2 * margin,
    }));
    const masked = { ...image, data: Uint8Array.from(image.data) };
    whiteOut(masked, hidden);
    return { prose: masked, hidden, rulingPx: thickness };
  });
  if (inkShareOf(prose) < MIN_PROSE_INK) {
    return {
      image,
      rotation,
      skew,
      regions,
      lines: [],
      confidence: await tableTextConfidence(image, regions, rulingPx, deps),
      judgedBy: 'tables',
    };
  }
  const proseDpi = Math.min(deps.dpi, PROSE_DPI);
  // The page decides, its tones are read: turned, levelled and masked as the page was, and only where prose is read
  // (copied where neither turn nor level made a new raster: the tones are the page's own).
  const tonesMasked = async (): Promise<Raster> => {
    const level = await rotateRaster(await turnRaster(normalised.tones, rotation), -skew);
    const masked = level === normalised.tones ? { ...level, data: Uint8Array.from(level.data) } : level;
    whiteOut(masked, hidden);
    return masked;
  };
  const result = await p.step('prose', async () => {
    const read = normalised.tones === normalised.page ? prose : await tonesMasked();
    return deps.ocr.recognise(await scaleRaster(read, proseDpi / deps.dpi), 'text');
  });
  const lines = proseLinesOf(result.lines.map((l) => withoutStrayMarks(lineToPoints(l, proseDpi))));
  const read = { image, rotation, skew, regions, lines };
  if (regions.length > 0 && lines.length === 0) {
    // What was left round the tables is marks, not prose (a photocopy's edges): the tables judge the orientation.
    return { ...read, confidence: await tableTextConfidence(image, regions, rulingPx, deps), judgedBy: 'tables' };
  }
  // Judged by the lines kept as prose, not by Tesseract's mean over the whole image: the marks round the prose
  // (specks, a copier's edge) read as junk either way up and pulled an upright table page's two headings, read at
  // 0.95, to 0.53, under the 0.64 of the page upside down (a 200 dpi photocopy, captures seed 382544822). Only
  // where the kept lines hold enough to judge by: one short line of junk read surely must not judge a page.
  return { ...read, confidence: proseConfidence(lines, MIN_JUDGED_CHARS) ?? result.confidence, judgedBy: 'prose' };
}

/**
 * How well the text of a page with no prose (a full-page table) reads in this orientation: the middle third
 * of the page (or the tables, where they do not reach across it), rulings whitened, read as one block at 150 DPI. Without it such a page had no evidence either
 * way, and a table page the ink profile took to lie on its side was turned and read as 3 rows of 38 columns.
 * Measured on the matrix's table pages: upright 0.77-0.89, turned or upside down 0.35-0.51.
 */
async function tableTextConfidence(
  image: Raster,
  regions: readonly TableRegion[],
  rulingPx: number | null,
  deps: RecognitionDeps,
): Promise<number> {
  // The tables' span, where they leave the page's middle third blank (a short table at the top of the page read 0 there
  // and a three-line table page was turned a quarter): the whole of it, for a short table has few rows to read.
  // Between two tables (one at the top, one at the bottom) the middle third may be blank paper too.
  const third = Math.round(image.height / 3);
  const middle = cut(image, { x: 0, y: third, width: image.width, height: third });
  const from = Math.min(...regions.map((r) => r.y));
  const to = Math.max(...regions.map((r) => r.y + r.height));
  const useMiddle = regions.length === 0 || (from <= third && to >= 2 * third && inkShareOf(middle) >= BLANK_INK);
  const top = useMiddle ? third : Math.round(from);
  const band = useMiddle ? middle : cut(image, { x: 0, y: top, width: image.width, height: Math.round(to - from) });
  whiteOut(
    band,
    regions.flatMap((r) => rulingBoxes(r, { dpi: deps.dpi, scale: 1, left: 0, top, thicknessPx: rulingPx })),
  );
  const judgeDpi = Math.min(deps.dpi, JUDGE_DPI);
  return (deps.profile ?? noProfile).step(
    'table text for orientation',
    async () => (await deps.ocr.recognise(await scaleRaster(band, judgeDpi / deps.dpi), 'text')).confidence,
  );
}

async function measureSkew(raster: Raster, dpi: number): Promise<number> {
  const small = await scaleRaster(raster, SKEW_DPI / dpi);
  return estimateSkew({ ...small, data: inkMask(small, otsuThreshold(small)) });
}

const horizontalRulings = (regions: readonly TableRegion[]) => regions.flatMap((r) => r.horizontal);

function tableRegions(image: Raster, dpi: number): TableRegion[] {
  const mask = { ...image, data: inkMask(image, otsuThreshold(image)) };
  return findTableRegions(findRulings(mask, { dpi }), { dpi }, mask);
}

const scale = (dpi: number) => 72 / dpi;

function toPoints(box: PixelBox, dpi: number): BBox {
  const s = scale(dpi);
  return { x: box.x * s, y: box.y * s, width: box.width * s, height: box.height * s };
}

function regionsInPoints(regions: readonly TableRegion[], dpi: number): TableRegion[] {
  const s = scale(dpi);
  const seg = (g: Segment): Segment => ({ ...g, at: g.at * s, from: g.from * s, to: g.to * s });
  return regions.map((r) => ({
    ...toPoints(r, dpi),
    horizontal: r.horizontal.map(seg),
    vertical: r.vertical.map(seg),
  }));
}

function lineToPoints(line: OcrLine, dpi: number): Line {
  return {
    text: cleanCjkText(line.text),
    confidence: line.confidence,
    bbox: toPoints(line.bbox, dpi),
    words: line.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: toPoints(w.bbox, dpi) })),
  };
}
