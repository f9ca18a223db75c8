// Reading cells on scans: a crop per cell, read as a block, re-read line by line when doubtful, and a
// digits-only reading for numbers, reconciled with the first.
import { cropRaster, encodePng } from '../../../shared/adapters/image.adapter';
import { Raster, inkShareOf, sideBySide } from '../../../shared/adapters/raster';
import type { OcrPool } from '../../../shared/adapters/tesseract.adapter';
import type { BBox } from '../../../shared/contracts/geometry';
import type { PageRecognition } from '../../../shared/contracts/page';
import type { Cell } from '../../../shared/contracts/table';
import { Reading, cleanCellText, looksNumeric, reconcile, textFromWords } from './domain/cell-text';
import { clearBorderLines, dashReading, textBands } from './domain/cell-image';
import type { GridCell } from './domain/grid';

// A cell is read inside its rulings, 2 pt in from each, so no ruling fragment is read as '1' or '-'.
const INSET_PT = 2;
// Ink below this share of a cell is specks, not text (a '0' at 10 pt covers about 2% of a cell).
const BLANK_INK_SHARE = 0.003;
// Confidence of a cell that has ink but reads as nothing at all: surely something is there.
const UNREAD_INK = 0.3;
// A first reading below this confidence is doubtful enough to try reading the cell line by line.
const DOUBTFUL = 0.75;
// A column is numeric when half its short readings below the header are numbers; those that are not numbers
// get a digits-only second reading.
const NUMERIC_COLUMN_SHARE = 0.5;
const SHORT_READING = 3;
const NUMBER = /^[+-]?\d[\d,.]*(万元|元)?$/;

export interface CellReading extends Pick<Cell, 'text' | 'confidence' | 'alternatives' | 'words'> {
  /** The cell image as read (scans only), for a second reading. */
  png?: Buffer;
}

/** Reads one cell: the text-layer words inside it, or OCR of its crop on a scan. */
export async function readCell(recognition: PageRecognition, image: Raster | null, box: BBox, ocr: OcrPool): Promise<CellReading> {
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
  const first = await ocr.recognise(png, 'text');
  let general = { text: cleanCellText(first.text), confidence: first.confidence };
  if (general.confidence < DOUBTFUL && !looksNumeric(general.text)) {
    general = await readByLines(crop, pad, ocr, general);
  }
  // An inked cell read as nothing is most often a lone digit the Chinese model missed.
  const digits = general.text === '' || (looksNumeric(general.text) && !/[元万]/.test(general.text)) ? await readDigits(png, ocr) : undefined;
  if (general.text === '' && !digits?.text) {
    return { text: '', confidence: UNREAD_INK, alternatives: [], words: [], png };
  }
  return { ...reconcile(general, digits), words: [], png };
}

/** The digits-only reading of a cell image. */
async function readDigits(png: Buffer, ocr: OcrPool): Promise<Reading> {
  const r = await ocr.recognise(png, 'digits');
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
  const lines = await Promise.all(bands.map((b) => cropRaster(crop, { x: 0, y: b.from, width: crop.width, height: b.to - b.from })));
  const height = Math.max(...lines.map((l) => l.height));
  const joined = sideBySide(lines, Math.round(height / 2));
  const r = await ocr.recognise(await encodePng(await cropRaster(joined, { x: 0, y: 0, width: joined.width, height: joined.height }, pad)), 'text');
  const reading = { text: cleanCellText(r.text), confidence: r.confidence };
  return reading.confidence > first.confidence ? reading : first;
}

/**
 * In a column whose data cells are mostly numbers, a short reading that is not a number is a digit misread
 * by the Chinese model (2 as 也, 9 as 团): such cells get the digits-only reading too. A column is judged by
 * its short readings from the first row holding a number down, so header rows do not count.
 */
export async function rereadNumericColumns(cells: readonly GridCell[], read: CellReading[], ocr: OcrPool): Promise<void> {
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
        jobs.push(readDigits(png, ocr).then((digits) => {
          read[i] = { ...reconcile({ text, confidence: Math.min(read[i].confidence, 0.5) }, digits), words: [], png };
        }));
      }
    }
  }
  await Promise.all(jobs);
}
