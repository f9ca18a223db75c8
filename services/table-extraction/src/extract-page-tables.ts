// The table stage for one page: grids from the page's rulings, then each cell read on its own.
// Pure of storage and messaging: the handler and the one-process CLI both call it.
import { cropRaster, encodePng } from '../../../shared/adapters/image.adapter';
import { Raster, inkMask, sideBySide } from '../../../shared/adapters/raster';
import type { OcrPool } from '../../../shared/adapters/tesseract.adapter';
import type { BBox } from '../../../shared/contracts/geometry';
import type { Line, PageRecognition } from '../../../shared/contracts/page';
import type { Cell, PageTable, PageTables } from '../../../shared/contracts/table';
import { findTableRegions } from '../../../shared/domain/rulings';
import { Reading, cleanCellText, looksNumeric, reconcile, textFromWords } from './domain/cell-text';
import { GridCell, buildGrid } from './domain/grid';

export interface TableDeps {
  ocr: OcrPool;
}

// Rulings within 3 pt are one line (a 1-4 px line at 300 DPI, plus residual skew across a table).
const LINE_TOLERANCE_PT = 3;
// A cell is read inside its rulings, 2 pt in from each, so no ruling fragment is read as '1' or '-'.
const INSET_PT = 2;
// Ink below this share of a cell is specks, not text (a '0' at 10 pt covers about 2% of a cell).
const BLANK_INK_SHARE = 0.003;
// Page numbers and running heads: short lines in the top or bottom 7% of a page do not separate tables.
const MARGIN_SHARE = 0.07;
const MARGIN_TEXT_MAX = 8;
// Ink threshold on the contrast-normalised page image.
const INK_LEVEL = 128;
// Confidence of a cell that has ink but reads as nothing at all: surely something is there.
const UNREAD_INK = 0.3;
// A first reading below this confidence is doubtful enough to try reading the cell line by line.
const DOUBTFUL = 0.75;
// A column is numeric when half its short readings below the header are numbers; those that are not numbers
// get a digits-only second reading.
const NUMERIC_COLUMN_SHARE = 0.5;
const SHORT_READING = 3;
const NUMBER = /^[+-]?\d[\d,.]*(万元|元)?$/;

/** Finds and reads every ruled table on one recognised page. */
export async function extractPageTables(recognition: PageRecognition, image: Raster | null, deps: TableDeps): Promise<PageTables> {
  const { documentId, page } = recognition;
  if (recognition.source === 'failed') {
    return { documentId, page, tables: [] };
  }
  // Rulings are stored in points: at 72 "DPI" the region finder's inch-based tolerances apply unchanged.
  const regions = findTableRegions(recognition.rulings, { dpi: 72 });
  const tables: PageTable[] = [];
  for (const [index, region] of regions.entries()) {
    const grid = buildGrid(region.horizontal, region.vertical, { tolerance: LINE_TOLERANCE_PT });
    if (grid.cells.length === 0) {
      continue;
    }
    const read = await Promise.all(grid.cells.map((g) => readCell(recognition, image, g.bbox, deps)));
    await rereadNumericColumns(grid.cells, read, deps);
    const cells: Cell[] = grid.cells.map((g, i) => ({
      text: read[i].text, confidence: read[i].confidence, alternatives: read[i].alternatives, words: read[i].words,
      row: g.row, col: g.col, rowSpan: g.rowSpan, colSpan: g.colSpan, page, bbox: g.bbox,
    }));
    const bbox = { x: region.x, y: region.y, width: region.width, height: region.height };
    tables.push({
      index,
      page,
      bbox,
      rows: grid.ys.length - 1,
      cols: grid.xs.length - 1,
      columnEdges: grid.xs.map((x) => x - grid.xs[0]),
      textAbove: recognition.lines.some((l) => isBody(l, recognition.height) && l.bbox.y + l.bbox.height <= bbox.y),
      textBelow: recognition.lines.some((l) => isBody(l, recognition.height) && l.bbox.y >= bbox.y + bbox.height),
      cells,
    });
  }
  return { documentId, page, tables };
}

interface CellReading extends Pick<Cell, 'text' | 'confidence' | 'alternatives' | 'words'> {
  /** The cell image as read (scans only), for a second reading. */
  png?: Buffer;
}

async function readCell(recognition: PageRecognition, image: Raster | null, box: BBox, deps: TableDeps): Promise<CellReading> {
  if (recognition.source === 'text-layer' || !image) {
    const { text, words } = textFromWords(recognition.tableWords, box);
    return { text, confidence: 1, alternatives: [], words };
  }
  const s = recognition.imageDpi / 72;
  const crop = await cropRaster(image, {
    x: (box.x + INSET_PT) * s,
    y: (box.y + INSET_PT) * s,
    width: (box.width - 2 * INSET_PT) * s,
    height: (box.height - 2 * INSET_PT) * s,
  });
  clearBorderLines(crop);
  if (inkShareOf(crop) < BLANK_INK_SHARE) {
    return { text: '', confidence: 0.99, alternatives: [], words: [] };
  }
  const dash = dashReading(crop, recognition.imageDpi);
  if (dash) {
    return { text: dash, confidence: 0.95, alternatives: [], words: [] };
  }
  const pad = Math.round(0.05 * recognition.imageDpi);
  const png = await encodePng(await cropRaster(crop, { x: 0, y: 0, width: crop.width, height: crop.height }, pad));
  const first = await deps.ocr.recognise(png, 'text');
  let general = { text: cleanCellText(first.text), confidence: first.confidence };
  if (general.confidence < DOUBTFUL && !looksNumeric(general.text)) {
    general = await readByLines(crop, pad, deps, general);
  }
  // An inked cell read as nothing is most often a lone digit the Chinese model missed.
  const digits = general.text === '' || (looksNumeric(general.text) && !/[元万]/.test(general.text)) ? await readDigits(png, deps) : undefined;
  if (general.text === '' && !digits?.text) {
    return { text: '', confidence: UNREAD_INK, alternatives: [], words: [], png };
  }
  return { ...reconcile(general, digits), words: [], png };
}

/** The digits-only reading of a cell image. */
async function readDigits(png: Buffer, deps: TableDeps): Promise<Reading> {
  const r = await deps.ocr.recognise(png, 'digits');
  return { text: r.text.replace(/\s+/g, ''), confidence: r.confidence };
}

/**
 * Re-reads a doubtful cell with its text lines laid side by side as one line. Narrow header cells stack
 * characters one per line (总 over 计), which Tesseract's block mode splits into garbled pieces; as one
 * line they read clean. Kept only if it reads more surely than the first reading.
 */
async function readByLines(crop: Raster, pad: number, deps: TableDeps, first: Reading): Promise<Reading> {
  const bands = textBands(crop);
  if (bands.length < 2) {
    return first;
  }
  const lines = await Promise.all(bands.map((b) => cropRaster(crop, { x: 0, y: b.from, width: crop.width, height: b.to - b.from })));
  const height = Math.max(...lines.map((l) => l.height));
  const joined = sideBySide(lines, Math.round(height / 2));
  const r = await deps.ocr.recognise(await encodePng(await cropRaster(joined, { x: 0, y: 0, width: joined.width, height: joined.height }, pad)), 'text');
  const reading = { text: cleanCellText(r.text), confidence: r.confidence };
  return reading.confidence > first.confidence ? reading : first;
}

/** Rows of ink separated by blank rows: the text lines of a cell. */
function textBands(crop: Raster): { from: number; to: number }[] {
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

/**
 * In a column whose data cells are mostly numbers, a short reading that is not a number is a digit misread
 * by the Chinese model (2 as 也, 9 as 团): such cells get the digits-only reading too. A column is judged by
 * its short readings from the first row holding a number down, so header rows do not count.
 */
async function rereadNumericColumns(cells: readonly GridCell[], read: CellReading[], deps: TableDeps): Promise<void> {
  const firstDataRow = Math.min(...cells.filter((_, i) => NUMBER.test(read[i].text)).map((c) => c.row));
  const byColumn = new Map<number, number[]>();
  cells.forEach((c, i) => {
    const short = NUMBER.test(read[i].text) || [...read[i].text].length <= SHORT_READING;
    if (c.colSpan === 1 && c.rowSpan === 1 && c.row >= firstDataRow && read[i].text !== '' && short) {
      byColumn.set(c.col, [...(byColumn.get(c.col) ?? []), i]);
    }
  });
  const jobs: Promise<void>[] = [];
  for (const members of byColumn.values()) {
    const numeric = members.filter((i) => NUMBER.test(read[i].text)).length;
    if (members.length < 2 || numeric / members.length < NUMERIC_COLUMN_SHARE) {
      continue;
    }
    for (const i of members) {
      const { text, png } = read[i];
      if (png && !NUMBER.test(text) && [...text].length <= SHORT_READING) {
        jobs.push(readDigits(png, deps).then((digits) => {
          read[i] = { ...reconcile({ text, confidence: Math.min(read[i].confidence, 0.5) }, digits), words: [], png };
        }));
      }
    }
  }
  await Promise.all(jobs);
}

/**
 * A cell whose only ink is one thin horizontal stroke holds a dash, which Tesseract drops as a ruling.
 * Longer than 14 pt (more than one em of table text) it is the doubled dash ——.
 */
function dashReading(crop: Raster, dpi: number): string | undefined {
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
  if (thickness === 0 || thickness > 0.03 * dpi || length < 4 * thickness) {
    return undefined;
  }
  return length > (14 / 72) * dpi ? '——' : '—';
}

/** Whites out rows and columns at the crop's edges that are mostly ink: leftovers of the cell's rulings. */
function clearBorderLines(crop: Raster): void {
  const band = Math.max(2, Math.round(Math.min(crop.width, crop.height) * 0.15));
  const rowInk = (y: number) => {
    let n = 0;
    for (let x = 0; x < crop.width; x += 1) n += crop.data[y * crop.width + x] < INK_LEVEL ? 1 : 0;
    return n / crop.width;
  };
  const colInk = (x: number) => {
    let n = 0;
    for (let y = 0; y < crop.height; y += 1) n += crop.data[y * crop.width + x] < INK_LEVEL ? 1 : 0;
    return n / crop.height;
  };
  for (let i = 0; i < band; i += 1) {
    for (const y of [i, crop.height - 1 - i]) {
      if (y >= 0 && y < crop.height && rowInk(y) > 0.5) crop.data.fill(255, y * crop.width, (y + 1) * crop.width);
    }
    for (const x of [i, crop.width - 1 - i]) {
      if (x >= 0 && x < crop.width && colInk(x) > 0.5) {
        for (let y = 0; y < crop.height; y += 1) crop.data[y * crop.width + x] = 255;
      }
    }
  }
}

function inkShareOf(crop: Raster): number {
  const mask = inkMask(crop, INK_LEVEL);
  let ink = 0;
  for (const v of mask) ink += v;
  return ink / mask.length;
}

function isBody(line: Line, pageHeight: number): boolean {
  const inMargin = line.bbox.y < pageHeight * MARGIN_SHARE || line.bbox.y + line.bbox.height > pageHeight * (1 - MARGIN_SHARE);
  return !(inMargin && [...line.text].length <= MARGIN_TEXT_MAX);
}
