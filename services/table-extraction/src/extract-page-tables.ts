// The table stage for one page: grids from the page's rulings, then each cell read on its own (read-cells.ts).
// Pure of storage and messaging: the handler and the one-process CLI both call it.
import type { Raster } from '../../../shared/adapters/raster';
import type { BBox } from '../../../shared/contracts/geometry';
import type { OcrPool } from '../../../shared/adapters/tesseract.adapter';
import type { Line, PageRecognition } from '../../../shared/contracts/page';
import type { Cell, PageTable, PageTables } from '../../../shared/contracts/table';
import { LINE_TOLERANCE_IN, type TableRegion, findTableRegions } from '../../../shared/domain/rulings';
import { buildGrid, standingRulings } from './domain/grid';
import { rowCuts, spanCuts } from './domain/row-cuts';
import { wallCuts } from './domain/column-cuts';
import { readCells, readDigitsByRow, readRegionWords, rereadNumericCells } from './read-cells';
import { gridFromWords } from './domain/word-grid';
import { StepProfile, noProfile } from '../../../shared/runtime/step-profile';
import { errorMessage } from '../../../shared/errors/errors';

export interface TableDeps {
  ocr: OcrPool;
  /** Charges each step's CPU (bench/profile.ts); none in the services. */
  profile?: StepProfile;
}

// Rulings within LINE_TOLERANCE_IN are one line (a 1-4 px line at 300 DPI, plus residual skew across a table).
const LINE_TOLERANCE_PT = LINE_TOLERANCE_IN * 72;
// A cell cut out of a grid that was not a partition may hold part of another cell's text, or miss part of
// its own: whatever OCR says, it is as doubtful as an unexplained identity violation (evidence.ts).
const REPAIRED_CEILING = 0.5;
// A cell placed by its text's extent alone where that extent is ambiguous (a span over a column boundary, empty
// places beside it to the row's end) may belong elsewhere in the grid whatever its text reads: as doubtful as a
// repaired cell, and flagged even on a text layer, where a wrong cell is always a wrong structure.
const INFERRED_CEILING = 0.5;
// Page numbers and running heads: short lines in the top or bottom 7% of a page do not separate tables.
const MARGIN_SHARE = 0.07;
const MARGIN_TEXT_MAX = 8;
// Nor do marks read as a line, above a table or below it: printed lines read 0.85 and more on the poorest captures
// (0.94-0.96 on a scan), a reviewer's handwritten note under a table on a fax 0.61 ("F7VY 歹y W x"), which kept the
// table from joining its continuation on the next page (mixed Yinchuan 1416760040: 152 fields flagged). A join still
// needs the two parts' widths and sides to agree.
const MIN_TEXT_CONFIDENCE = 0.7;

/** The record of a page whose tables could not be read (`error`): stored without tables and with the reason, so the
 * document still completes and its report says which page's tables are missing. The services' give-up and the CLI
 * both store this. */
export function failedPageTables(documentId: string, page: number, error: unknown): PageTables {
  return {
    documentId,
    page,
    tables: [],
    failure: `the tables of page ${page} could not be read: ${errorMessage(error)}`,
  };
}

/** Finds and reads every table on one recognised page: ruled ones, and those with a frame or rules across only. */
export async function extractPageTables(
  recognition: PageRecognition,
  image: Raster | null,
  deps: TableDeps,
): Promise<PageTables> {
  const { documentId, page } = recognition;
  const p = deps.profile ?? noProfile;
  if (recognition.source === 'failed') {
    return { documentId, page, tables: [] };
  }
  // Ruled regions as OCR found them, and tables found from their text's alignment (no ruling of their own), top to
  // bottom. A record made before OCR stored its regions has their rulings, in points: found again there at 72 "DPI".
  const regions: TableRegion[] = [
    ...(recognition.tableRegions ??
      findTableRegions(recognition.rulings ?? { horizontal: [], vertical: [] }, { dpi: 72 })),
    ...(recognition.textTables ?? []).map((b) => ({ ...b, horizontal: [], vertical: [] })),
  ].sort((a, b) => a.y - b.y);
  const tables: PageTable[] = [];
  for (const [index, region] of regions.entries()) {
    const bbox = { x: region.x, y: region.y, width: region.width, height: region.height };
    // Rulings as printed: a pen circle's side standing inside a row is no ruling (grid.ts standingRulings).
    const ruled = standingRulings(region.horizontal, region.vertical, LINE_TOLERANCE_PT);
    let grid = buildGrid(ruled.horizontal, ruled.vertical, { tolerance: LINE_TOLERANCE_PT });
    let cells: Cell[];
    let columnEdges: number[];
    if (grid.xs.length > 2) {
      // Rows that no rule separates are cut where a cell's words stand as figures one above the other
      // (row-cuts.ts): the text layer's words show them at once; on a scan the cells' first readings do, and the
      // cut grid is read again. On a scan a cell spanning rows (columns) whose rule it alone lacks is cut at those rows'
      // (columns') boundaries (row-cuts.ts spanCuts, column-cuts.ts).
      let cuts = recognition.source === 'text-layer' ? rowCuts(grid.xs, grid.ys, recognition.tableWords) : [];
      grid =
        cuts.length > 0
          ? buildGrid([...ruled.horizontal, ...cuts], ruled.vertical, { tolerance: LINE_TOLERANCE_PT })
          : grid;
      let read = await p.step('cells', () => readCells(recognition, image, grid.cells, deps.ocr));
      if (recognition.source !== 'text-layer') {
        const words = read.flatMap((r) => r.words);
        cuts = rowCuts(grid.xs, grid.ys, words);
        const splits = spanCuts(grid.cells, grid.ys, words);
        const walls = wallCuts(grid.cells, grid.xs, words);
        if (cuts.length + splits.length + walls.length > 0) {
          grid = buildGrid([...ruled.horizontal, ...cuts, ...splits], [...ruled.vertical, ...walls], {
            tolerance: LINE_TOLERANCE_PT,
          });
          read = await p.step('cells after cuts', () => readCells(recognition, image, grid.cells, deps.ocr));
        }
      }
      await p.step('digits by row', () => readDigitsByRow(grid.cells, read, deps.ocr));
      await p.step('numeric re-read', () => rereadNumericCells(grid.cells, read, deps.ocr));
      // A cell left whole across a cut spans rows that only the figures beside it show: a label centred over the
      // rows it groups, or two labels read as one line.
      const acrossCut = (b: BBox) => cuts.some((c) => c.at > b.y && c.at < b.y + b.height);
      cells = grid.cells.map((g, i) => ({
        text: read[i].text,
        alternatives: read[i].alternatives,
        words: read[i].words,
        row: g.row,
        col: g.col,
        rowSpan: g.rowSpan,
        colSpan: g.colSpan,
        page,
        bbox: g.bbox,
        ...(g.repaired
          ? {
              confidence: Math.min(read[i].confidence, REPAIRED_CEILING),
              structureDoubt: 'the rulings around this cell do not close into a rectangle; the grid was repaired here',
            }
          : g.rowSpan > 1 && acrossCut(g.bbox)
            ? {
                confidence: Math.min(read[i].confidence, INFERRED_CEILING),
                structureDoubt:
                  'the cell spans rows that no rule separates, cut by the figures beside it; nothing shows whether it spans them',
              }
            : { confidence: read[i].confidence }),
      }));
      columnEdges = grid.xs.map((x) => x - grid.xs[0]);
    } else {
      // No ruling inside: a frame or rules across only. Rows and columns come from the words' alignment.
      const { words, glyphPt } = await p.step('region words', () =>
        readRegionWords(recognition, image, bbox, deps.ocr, region.horizontal),
      );
      const found = gridFromWords(
        words,
        bbox,
        region.horizontal.map((h) => h.at),
        glyphPt,
      );
      cells = found.cells.map((c) => ({
        ...c,
        page,
        alternatives: [],
        ...(c.structureDoubt ? { confidence: Math.min(c.confidence, INFERRED_CEILING) } : {}),
      }));
      columnEdges = found.edges.map((x) => x - bbox.x);
    }
    if (cells.length === 0) {
      continue;
    }
    tables.push({
      index,
      page,
      bbox,
      rows: Math.max(...cells.map((c) => c.row + c.rowSpan)),
      cols: Math.max(...cells.map((c) => c.col + c.colSpan)),
      columnEdges,
      textAbove: recognition.lines.some((l) => isBody(l, recognition.height) && l.bbox.y + l.bbox.height <= bbox.y),
      textBelow: recognition.lines.some((l) => isBody(l, recognition.height) && l.bbox.y >= bbox.y + bbox.height),
      cells,
    });
  }
  return { documentId, page, tables };
}

function isBody(line: Line, pageHeight: number): boolean {
  const inMargin =
    line.bbox.y < pageHeight * MARGIN_SHARE || line.bbox.y + line.bbox.height > pageHeight * (1 - MARGIN_SHARE);
  return !(inMargin && [...line.text].length <= MARGIN_TEXT_MAX) && line.confidence >= MIN_TEXT_CONFIDENCE;
}
