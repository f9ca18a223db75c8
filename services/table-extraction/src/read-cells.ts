// Reading cells on scans: a crop per cell, read as a block, re-read line by line when doubtful, and a
// digits-only reading for numbers, reconciled with the first.
import { INK_LEVEL, Raster, cut, otsuThreshold, sideBySide, whiteOut } from '../../../shared/adapters/raster';
import { scaleRaster } from '../../../shared/adapters/image.adapter';
import type { OcrMode, OcrPool, OcrResult, OcrWord } from '../../../shared/adapters/tesseract.adapter';
import { BBox, type Segment, centreInside } from '../../../shared/contracts/geometry';
import type { PageRecognition, Word } from '../../../shared/contracts/page';
import type { Cell } from '../../../shared/contracts/table';
import { joinPieces } from '../../../shared/domain/cjk-text';
import { rulingBoxes } from '../../../shared/domain/rulings';
import { Reading, cleanCellText, looksNumeric, reconcile, textFromWords } from './domain/cell-text';
import { clearBorderLines, clearStrays, hasMark, loneStroke, textBands, withoutLoops } from './domain/cell-image';
import { narrowedToPrint } from './domain/word-ink';
import { geometryInPixels, glyphHeight } from '../../../shared/domain/page-geometry';
import type { GridCell } from './domain/grid';

// A cell is read inside its rulings, 2 pt in from each, so no ruling fragment is read as '1' or '-'.
// A cell is blank when it holds no mark of print (cell-image.ts hasMark).
const INSET_PT = 2;
// Confidence of a cell that has ink but reads as nothing at all (or only a stroke astray): surely something is there.
const UNREAD_INK = 0.3;
// A first reading below this confidence is doubtful enough to try reading the cell line by line.
const DOUBTFUL = 0.75;
// A column or row is numeric when a third of its short readings below the header are numbers; those that are not
// numbers get a digits-only second reading. A column of labels holds none (a column of row numbers is all numbers);
// a column of figures on a fax whose thin strokes are gone still reads 40-50% of them as figures, the rest as
// characters (a 0 without its top and bottom read as 山 or 日: Shizuishan, fax seed 779, four of seven columns).
const NUMERIC_SHARE = 1 / 3;
const SHORT_READING = 3;
// Cells read together in one row image: single-line cells at most 0.5 in high (taller ones are merged cells
// with room around their text), in runs at most 6000 px wide with gaps (Tesseract refuses beyond 32767).
const BATCH_MAX_HEIGHT_IN = 0.5;
const BATCH_MAX_WIDTH_PX = 6000;
const NUMBER = /^[+-]?\d[\d,.]*(万元|元)?$/;
const HAN = /\p{Script=Han}/u;
const digitsOf = (text: string) => text.replace(/\D/g, '');
// Digits with the strokes the Chinese model reads for part of a digit (a faint 4's bar as 一, a 1 as 丨 or l).
const PARTIAL_FIGURE = /^(?=.*\d)[\d一丨|lI!.,，—-]+$/u;
// A figure only a second look read, whose digits no first reading of the cell had (read again without a pen's loop,
// or at smaller scales): under any review threshold. The second look reads the same pixels with the same model, so it
// is no independent witness: offered first to the reviewer, never settled.
const UNCONFIRMED = 0.5;
// A figure reconciled below this is read at smaller scales too (readDigitsSmaller): it is the review threshold's
// default, so a figure that would otherwise go to a reviewer gets two more readings, which cost less than a look.
const SETTLED = 0.9;
// Half and 0.6 of the page's scale (150 and 180 DPI on a page read at 300): a defocused phone photo's figures, which
// the digits model missed at 300 DPI, read right at every scale from 0.4 to 0.7 (Ningxia captures seed 1734023341);
// two scales inside that span, far enough apart that their resampling differs. Chosen on that one draw's two cells,
// then checked on 12 fresh draws (soft, phone, fax and mixed, seed 1200096632, the three reports): no figure turned
// wrong, 0 silent errors, and a fax's unsure 5 (Ningxia, read 3 at 300 DPI) read right.
const SMALLER_SCALES = [0.5, 0.6];

export interface CellReading extends Pick<Cell, 'text' | 'confidence' | 'alternatives' | 'words'> {
  /** The cell image as read, padded (scans only), for a second reading. */
  image?: Raster;
  /** Set while the cell waits for its digits-only reading (readDigitsByRow). */
  pending?: { crop: Raster; general: Reading };
}

/** A cell ready to read: its final reading (text layer, blank, dash), or its cleaned image. */
type Prepared =
  { reading: CellReading } | { crop: Raster; pad: number; singleLine: boolean; origin: { x: number; y: number } };

/** A reading with its words' boxes, in pixels of the cell's (unpadded) crop. */
type BoxedReading = Reading & { boxes?: OcrWord[] };

/**
 * First readings of every cell of a table: text-layer words, or on a scan the cell's crop read in block
 * mode. Single-line cells of a row are read together (laid side by side, each word given to the cell under
 * it), which saves a Tesseract call per cell; doubtful readings are re-read binarised (short ones) or line by
 * line (stacked ones). Cells that want a
 * digits-only reading are left `pending` for readDigitsByRow.
 */
export async function readCells(
  recognition: PageRecognition,
  image: Raster | null,
  cells: readonly GridCell[],
  ocr: OcrPool,
): Promise<CellReading[]> {
  const prepared = await Promise.all(cells.map((c) => prepareCell(recognition, image, c.bbox)));
  const rows = new Map<number, number[]>();
  const maxHeight = BATCH_MAX_HEIGHT_IN * recognition.imageDpi;
  prepared.forEach((p, i) => {
    if ('singleLine' in p && p.singleLine && p.crop.height <= maxHeight) {
      rows.set(cells[i].row, [...(rows.get(cells[i].row) ?? []), i]);
    }
  });
  const batched = new Map<number, BoxedReading>();
  await Promise.all(
    [...rows.values()]
      .flatMap((m) => chunkByWidth(m, (i) => (prepared[i] as { crop: Raster }).crop.width))
      .map(async (members) => {
        const readings = await readSideBySide(
          members.map((i) => (prepared[i] as { crop: Raster }).crop),
          ocr,
          'text',
        );
        readings?.forEach((r, k) => batched.set(members[k], r));
      }),
  );
  // The glyph height of the table's own cells (a page's prose may be larger than its tables' text), measured only
  // when a cell first needs it: most tables have no reading to look for a loop in.
  let glyph: number | null | undefined;
  const tableGlyph = () => {
    if (glyph === undefined) {
      const stroke = strokePxOf(recognition);
      glyph = glyphHeight(
        prepared.flatMap((p) => ('crop' in p ? [p.crop] : [])),
        recognition.imageDpi,
        INK_LEVEL,
        stroke,
      );
    }
    return glyph;
  };
  return Promise.all(
    prepared.map(async (ready, i) => {
      if ('reading' in ready) {
        return ready.reading;
      }
      let p = ready;
      let padded = cut(p.crop, { x: 0, y: 0, width: p.crop.width, height: p.crop.height }, p.pad);
      let general: BoxedReading = batched.get(i) ?? boxedReading(await ocr.recognise(padded, 'text'), p.pad);
      // A figure read with a pen's loop round it (（0）, 《3253）) is read again without the loop, and that reading
      // kept only if it is a figure; a reading with a Chinese character in it is a label's, never read without its own
      // ink. Where the loop took more than brackets (a digit it touched goes with it: 《3253） could read 253), the
      // figure is offered for review, never settled by another reading of the same image.
      let loopDoubt = false;
      const loopGlyph = !NUMBER.test(general.text) && !HAN.test(general.text) ? tableGlyph() : null;
      const unlooped = loopGlyph ? withoutLoops(p.crop, loopGlyph) : null;
      if (unlooped) {
        const paddedAgain = cut(unlooped, { x: 0, y: 0, width: unlooped.width, height: unlooped.height }, p.pad);
        const again = boxedReading(await ocr.recognise(paddedAgain, 'text'), p.pad);
        if (NUMBER.test(again.text)) {
          p = { ...p, crop: unlooped };
          padded = paddedAgain;
          loopDoubt = digitsOf(again.text) !== digitsOf(general.text);
          general = loopDoubt ? { ...again, confidence: Math.min(again.confidence, UNCONFIRMED) } : again;
        }
      }
      // Short readings only: on long labels the binarised reading has won on confidence with a worse text.
      if (!loopDoubt && general.confidence < DOUBTFUL && [...general.text].length <= SHORT_READING) {
        general = await readBinarised(padded, p.pad, ocr, general);
      }
      if (general.confidence < DOUBTFUL && !looksNumeric(general.text)) {
        general = await readByLines(p.crop, p.pad, ocr, general);
      }
      // An inked cell read as nothing is most often a lone digit the Chinese model missed.
      const wantsDigits =
        !loopDoubt && (general.text === '' || (looksNumeric(general.text) && !/[元万]/.test(general.text)));
      const s = recognition.imageDpi / 72;
      const words = (general.boxes ?? []).map((w) => ({
        text: w.text,
        confidence: w.confidence,
        bbox: {
          x: (p.origin.x + w.bbox.x) / s,
          y: (p.origin.y + w.bbox.y) / s,
          width: w.bbox.width / s,
          height: w.bbox.height / s,
        },
      }));
      const { boxes, ...reading } = general;
      void boxes;
      return {
        ...reading,
        alternatives: [],
        words,
        image: padded,
        ...(wantsDigits ? { pending: { crop: p.crop, general: reading } } : {}),
      };
    }),
  );
}

/** Splits a row's cells into runs whose side-by-side width stays modest, dropping runs of one. */
function chunkByWidth(members: number[], width: (i: number) => number): number[][] {
  const chunks: number[][] = [[]];
  let total = 0;
  for (const i of members) {
    if (total + width(i) > BATCH_MAX_WIDTH_PX && chunks[chunks.length - 1].length > 0) {
      chunks.push([]);
      total = 0;
    }
    chunks[chunks.length - 1].push(i);
    total += width(i) * 3;
  }
  return chunks.filter((c) => c.length > 1);
}

async function prepareCell(recognition: PageRecognition, image: Raster | null, box: BBox): Promise<Prepared> {
  if (recognition.source === 'text-layer' || !image) {
    const { text, words } = textFromWords(recognition.tableWords, box);
    return { reading: { text, confidence: 1, alternatives: [], words } };
  }
  const s = recognition.imageDpi / 72;
  const origin = {
    x: Math.max(0, Math.floor((box.x + INSET_PT) * s)),
    y: Math.max(0, Math.floor((box.y + INSET_PT) * s)),
  };
  const crop = cut(image, {
    x: (box.x + INSET_PT) * s,
    y: (box.y + INSET_PT) * s,
    width: (box.width - 2 * INSET_PT) * s,
    height: (box.height - 2 * INSET_PT) * s,
  });
  const geometry = recognition.geometry ? geometryInPixels(recognition.geometry, recognition.imageDpi) : null;
  clearBorderLines(crop, recognition.imageDpi);
  if (!hasMark(crop, recognition.imageDpi, geometry)) {
    return { reading: { text: '', confidence: 0.99, alternatives: [], words: [] } };
  }
  // Before the lone stroke's test: a speck beside a dash would make it no lone stroke, and OCR drops a dash.
  clearStrays(crop, recognition.imageDpi, geometry);
  const stroke = loneStroke(crop, recognition.imageDpi, geometry);
  if (stroke) {
    return {
      reading:
        'dash' in stroke
          ? { text: stroke.dash, confidence: 0.95, alternatives: [], words: [] }
          : { text: '', confidence: UNREAD_INK, alternatives: [], words: [] },
    };
  }
  return { crop, origin, pad: Math.round(0.05 * recognition.imageDpi), singleLine: textBands(crop).length <= 1 };
}

/**
 * Takes the digits-only reading of every cell that wants one, a table row at a time: the row's cells laid
 * side by side, far apart, read in one call and split by word. Where the words do not match the cells one
 * to one, each cell is read on its own.
 */
export async function readDigitsByRow(cells: readonly GridCell[], read: CellReading[], ocr: OcrPool): Promise<void> {
  const rows = new Map<number, number[]>();
  read.forEach((r, i) => {
    if (r.pending) {
      rows.set(cells[i].row, [...(rows.get(cells[i].row) ?? []), i]);
    }
  });
  await Promise.all(
    [...rows.values()].map(async (members) => {
      const digits =
        members.length > 1
          ? await readSideBySide(
              members.map((i) => read[i].pending?.crop as Raster),
              ocr,
              'digits',
            )
          : undefined;
      await Promise.all(
        members.map(async (i, k) => {
          const { image, pending, words } = read[i];
          const reading = digits?.[k] ?? (image ? await readDigits(image, ocr) : undefined);
          read[i] = { ...(await settle(pending?.general ?? read[i], reading, image, ocr)), words };
        }),
      );
    }),
  );
}

async function settle(
  general: Reading,
  digits: Reading | undefined,
  image: Raster | undefined,
  ocr: OcrPool,
): Promise<CellReading> {
  if (general.text === '' && !digits?.text) {
    return { text: '', confidence: UNREAD_INK, alternatives: [], words: [], image };
  }
  return { ...(await reconcileSurely(general, digits, image, ocr)), words: [], image };
}

/**
 * Reconciles the general and digits-only readings; when the result is doubtful (they disagree, or the digits
 * reading is unsure), the digits are read once more binarised and that reading replaces the first if surer.
 * On grey photocopy paper with speckle and bleed-through the digits model misreads lone digits (5 as 9 or 2,
 * 9 as 0, at 0.25-0.77) that it reads at 0.89-0.96 in black and white (s3-photocopy matrix cells).
 * A figure still short of SETTLED is read at smaller scales too (readDigitsSmaller).
 */
async function reconcileSurely(general: Reading, digits: Reading | undefined, image: Raster | undefined, ocr: OcrPool) {
  let best = reconcile(general, digits);
  if (!image) {
    return best;
  }
  if (best.confidence < DOUBTFUL) {
    const again = await readDigits(binarised(image), ocr);
    if (again.text !== '' && again.confidence > (digits?.confidence ?? 0)) {
      best = reconcile(general, again);
    }
  }
  if (best.confidence >= SETTLED) {
    return best;
  }
  const smaller = await readDigitsSmaller(image, ocr);
  // Which figure to offer is decided by how surely each was read; how sure the result is, by the readings at the
  // page's scale: reconciled with the general one as before, and unconfirmed where neither it nor the digits reading
  // had this figure.
  if (!smaller || smaller.text === best.text || smaller.confidence <= best.confidence) {
    return best;
  }
  const settled = reconcile(general, smaller);
  const confirmed = [general.text, digits?.text].includes(smaller.text);
  const alternatives = [best, ...best.alternatives, ...settled.alternatives, ...(digits ? [digits] : [])].filter(
    (a, k, all) => a.text !== '' && a.text !== smaller.text && all.findIndex((b) => b.text === a.text) === k,
  );
  return {
    text: settled.text,
    confidence: confirmed ? settled.confidence : Math.min(settled.confidence, UNCONFIRMED),
    alternatives: alternatives.map(({ text, confidence }) => ({ text, confidence })),
  };
}

/**
 * The digits-only reading of a cell at each of SMALLER_SCALES, when the readings agree on a figure (at the lesser
 * of their confidences); undefined when they do not. A capture in soft focus blurs a figure's strokes over several
 * pixels at 300 DPI, where the digits model reads them as nothing or as other figures (264 as nothing, 432 as 43 at
 * 0.49: a phone photo 0.0106 inch out of focus, Ningxia captures seed 1734023341); at half the scale the blur is
 * half as wide and the same crops read 264 and 432 at 0.92-0.95. Two scales must agree, because one reading at a
 * scale of its own can be surely wrong: a 2x2 average of the same 264 read 26 at 0.96.
 */
async function readDigitsSmaller(image: Raster, ocr: OcrPool): Promise<Reading | undefined> {
  const readings = await Promise.all(SMALLER_SCALES.map(async (f) => readDigits(await scaleRaster(image, f), ocr)));
  const [first] = readings;
  if (!NUMBER.test(first.text) || readings.some((r) => r.text !== first.text)) {
    return undefined;
  }
  return { text: first.text, confidence: Math.min(...readings.map((r) => r.confidence)) };
}

/** The raster in pure black and white at its Otsu threshold. */
function binarised(image: Raster): Raster {
  const threshold = otsuThreshold(image);
  return { ...image, data: image.data.map((v) => (v < threshold ? 0 : 255)) };
}

/**
 * One reading of crops laid side by side, far apart, each word given to the crop under its centre; undefined
 * when a word falls between crops or a crop gets no word (then each is read on its own).
 */
async function readSideBySide(crops: Raster[], ocr: OcrPool, mode: OcrMode): Promise<BoxedReading[] | undefined> {
  const height = Math.max(...crops.map((c) => c.height));
  const gap = height * 2;
  const pad = Math.round(height / 3);
  const row = sideBySide(crops, gap);
  const result = await ocr.recognise(cut(row, { x: 0, y: 0, width: row.width, height: row.height }, pad), mode);
  const lefts = crops.map((_, k) => pad + crops.slice(0, k).reduce((w, c) => w + c.width + gap, 0));
  const owned: OcrWord[][] = crops.map(() => []);
  for (const word of result.lines.flatMap((l) => l.words).filter((w) => w.text.trim() !== '')) {
    const centre = word.bbox.x + word.bbox.width / 2;
    const k = lefts.findIndex((left, j) => centre >= left && centre <= left + crops[j].width);
    if (k < 0) {
      return undefined;
    }
    owned[k].push({ ...word, bbox: { ...word.bbox, x: word.bbox.x - lefts[k], y: word.bbox.y - pad } });
  }
  if (owned.some((words) => words.length === 0)) {
    return undefined;
  }
  return owned.map((words) => {
    const ordered = words.sort((a, b) => a.bbox.x - b.bbox.x);
    const text =
      mode === 'digits'
        ? ordered
            .map((w) => w.text)
            .join('')
            .replace(/\s+/g, '')
        : cleanCellText(joinPieces(ordered.map((w) => w.text)));
    return { text, confidence: Math.min(...ordered.map((w) => w.confidence)), boxes: ordered };
  });
}

/**
 * Re-reads a doubtful cell binarised at its Otsu threshold. JPEG noise and blur around a lone character
 * lead Tesseract astray (件 read as 供 at 0.60); in pure black and white it reads it at 0.96. Kept only if
 * it reads more surely.
 */
async function readBinarised(image: Raster, pad: number, ocr: OcrPool, first: BoxedReading): Promise<BoxedReading> {
  const reading = boxedReading(await ocr.recognise(binarised(image), 'text'), pad);
  return reading.confidence > first.confidence ? reading : first;
}

/** A block reading of a cell's crop padded by `pad`, its words' boxes in pixels of the unpadded crop. */
function boxedReading(r: OcrResult, pad: number): BoxedReading {
  return {
    text: cleanCellText(r.text),
    confidence: r.confidence,
    boxes: r.lines
      .flatMap((l) => l.words)
      .map((w) => ({ ...w, bbox: { ...w.bbox, x: w.bbox.x - pad, y: w.bbox.y - pad } })),
  };
}

/** The digits-only reading of a cell image. */
async function readDigits(image: Raster, ocr: OcrPool): Promise<Reading> {
  const r = await ocr.recognise(image, 'digits');
  return { text: r.text.replace(/\s+/g, ''), confidence: r.confidence };
}

/**
 * Re-reads a doubtful cell with its text lines laid side by side as one line. Narrow header cells stack
 * characters one per line (总 over 计), which Tesseract's block mode splits into garbled pieces; as one
 * line they read clean. Kept only if it reads more surely than the first reading.
 */
async function readByLines(crop: Raster, pad: number, ocr: OcrPool, first: Reading): Promise<Reading> {
  const bands = textBands(crop);
  if (bands.length < 2) {
    return first;
  }
  const lines = bands.map((b) => cut(crop, { x: 0, y: b.from, width: crop.width, height: b.to - b.from }));
  const height = Math.max(...lines.map((l) => l.height));
  const joined = sideBySide(lines, Math.round(height / 2));
  const r = await ocr.recognise(cut(joined, { x: 0, y: 0, width: joined.width, height: joined.height }, pad), 'text');
  const reading = { text: cleanCellText(r.text), confidence: r.confidence };
  return reading.confidence > first.confidence ? reading : first;
}

/**
 * In a column or row whose data cells are largely numbers, a short reading that is not a number is a digit misread
 * by the Chinese model (2 as 也, 9 as 团, a fax's 0 as 山): such cells get the digits-only reading too. Columns and
 * rows are judged by their short readings from the first row holding a number down, so header rows do not count
 * (short readings of digits and strokes count wherever they stand).
 */
export async function rereadNumericCells(cells: readonly GridCell[], read: CellReading[], ocr: OcrPool): Promise<void> {
  const firstDataRow = Math.min(...cells.filter((_, i) => NUMBER.test(read[i].text)).map((c) => c.row));
  const data = cells.flatMap((c, i) => {
    const short = NUMBER.test(read[i].text) || [...read[i].text].length <= SHORT_READING;
    // A short reading of digits and strokes is a figure wherever it stands: the first data row's own figure misread
    // (432 as 一32) left that row above the first number, and its cell unread again. A header's word (1月) is not.
    const below = c.row >= firstDataRow || PARTIAL_FIGURE.test(read[i].text);
    return c.colSpan === 1 && c.rowSpan === 1 && below && read[i].text !== '' && short ? [i] : [];
  });
  // A row's label is no figure: rows count only in columns holding a figure (a column of labels holds none).
  const withFigures = new Set(data.filter((i) => NUMBER.test(read[i].text)).map((i) => cells[i].col));
  const numeric = new Set([
    ...numericLines(data, (i) => cells[i].col, read),
    ...numericLines(
      data.filter((i) => withFigures.has(cells[i].col)),
      (i) => cells[i].row,
      read,
    ),
  ]);
  await Promise.all(
    data
      .filter((i) => numeric.has(i))
      .map(async (i) => {
        const { text, image } = read[i];
        if (image && !NUMBER.test(text) && [...text].length <= SHORT_READING) {
          const digits = await readDigits(image, ocr);
          read[i] = {
            ...(await reconcileSurely({ text, confidence: Math.min(read[i].confidence, 0.5) }, digits, image, ocr)),
            words: read[i].words,
            image,
          };
        }
      }),
  );
}

/** The cells of the columns (or rows, by `line`) at least NUMERIC_SHARE numbers, of two cells or more. */
function numericLines(members: readonly number[], line: (i: number) => number, read: readonly CellReading[]): number[] {
  const byLine = new Map<number, number[]>();
  for (const i of members) {
    byLine.set(line(i), [...(byLine.get(line(i)) ?? []), i]);
  }
  return [...byLine.values()]
    .filter((m) => m.length >= 2 && m.filter((i) => NUMBER.test(read[i].text)).length / m.length >= NUMERIC_SHARE)
    .flat();
}

/** What a region without rulings inside holds: its words and, on a scan, the height of its glyphs in points. */
export interface RegionWords {
  words: Word[];
  /** Null on a text layer, or with too few glyphs to measure: the lines' height is the size unit then. */
  glyphPt: number | null;
}

/**
 * The words inside a table region: text-layer words, or on a scan the region read as one block, the rules across it
 * (`rules`, in points) whitened first, and the height of its glyphs.
 */
export async function readRegionWords(
  recognition: PageRecognition,
  image: Raster | null,
  box: BBox,
  ocr: OcrPool,
  rules: readonly Segment[] = [],
): Promise<RegionWords> {
  if (recognition.source === 'text-layer' || !image) {
    return { words: recognition.tableWords.filter((w) => centreInside(w.bbox, box)), glyphPt: null };
  }
  const s = recognition.imageDpi / 72;
  const pad = Math.round(0.05 * recognition.imageDpi);
  const x = (box.x + INSET_PT) * s;
  const y = (box.y + INSET_PT) * s;
  const crop = cut(image, { x, y, width: (box.width - 2 * INSET_PT) * s, height: (box.height - 2 * INSET_PT) * s });
  clearBorderLines(crop);
  // Read with the block, a rule between a key-value form's rows was read as a word as wide as the table, and its
  // rows' text as one column of junk (a five-row form at 200 dpi not found at all).
  const rulingPt = recognition.geometry?.rulingPt;
  whiteOut(
    crop,
    rulingBoxes(
      { horizontal: rules, vertical: [] },
      { dpi: recognition.imageDpi, scale: s, left: x / s, top: y / s, thicknessPx: rulingPt ? rulingPt * s : null },
    ),
  );
  const padded = cut(crop, { x: 0, y: 0, width: crop.width, height: crop.height }, pad);
  const result = await ocr.recognise(padded, 'text');
  const read = result.lines.flatMap((l) => l.words).filter((w) => w.text.trim() !== '');
  const stroke = strokePxOf(recognition);
  const glyph = glyphHeight([padded], recognition.imageDpi, INK_LEVEL, stroke);
  // Columns stand apart by the white between their print, not between Tesseract's boxes (word-ink.ts).
  const words = narrowedToPrint(read, padded).map((w) => ({
    text: cleanCellText(w.text),
    confidence: w.confidence,
    bbox: {
      x: (w.bbox.x - pad + x) / s,
      y: (w.bbox.y - pad + y) / s,
      width: w.bbox.width / s,
      height: w.bbox.height / s,
    },
  }));
  return { words, glyphPt: glyph === null ? null : glyph / s };
}

/** The page's measured stroke in pixels of its image (1 where the page has no geometry). */
function strokePxOf(recognition: PageRecognition): number {
  return recognition.geometry ? geometryInPixels(recognition.geometry, recognition.imageDpi).strokePx : 1;
}
