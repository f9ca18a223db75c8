// The table stage for one page: grids from the page's rulings, then each cell read on its own.
// Pure of storage and messaging: the handler and the one-process CLI both call it.
import { cropRaster, encodePng } from '../../../shared/adapters/image.adapter';
import { Raster, inkMask } from '../../../shared/adapters/raster';
import type { OcrPool } from '../../../shared/adapters/tesseract.adapter';
import type { BBox } from '../../../shared/contracts/geometry';
import type { Line, PageRecognition } from '../../../shared/contracts/page';
import type { Cell, PageTable, PageTables } from '../../../shared/contracts/table';
import { findTableRegions } from '../../../shared/domain/rulings';
import { cleanCellText, looksNumeric, reconcile, textFromWords } from './domain/cell-text';
import { buildGrid } from './domain/grid';

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
    const cells = await Promise.all(grid.cells.map((g) => readCell(recognition, image, g.bbox, deps)
      .then((read) => ({ ...read, row: g.row, col: g.col, rowSpan: g.rowSpan, colSpan: g.colSpan, page, bbox: g.bbox }))));
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

type CellReading = Pick<Cell, 'text' | 'confidence' | 'alternatives' | 'words'>;

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
  const padded = await cropRaster(crop, { x: 0, y: 0, width: crop.width, height: crop.height }, Math.round(0.05 * recognition.imageDpi));
  const png = await encodePng(padded);
  const first = await deps.ocr.recognise(png, 'text');
  const general = { text: cleanCellText(first.text), confidence: first.confidence };
  const digits = looksNumeric(general.text) && !/[元万]/.test(general.text)
    ? await deps.ocr.recognise(png, 'digits').then((r) => ({ text: r.text.replace(/\s+/g, ''), confidence: r.confidence }))
    : undefined;
  const { text, confidence, alternatives } = reconcile(general, digits);
  return { text, confidence, alternatives, words: [] };
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
