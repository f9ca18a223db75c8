import { onLineThroughSheet } from '../../services/table-extraction/src/domain/sheet-line-pieces';
import { readCells } from '../../services/table-extraction/src/read-cells';
import { pageRecord } from '../../harness/page-record';
import { paint, raster } from '../support/rasters';
import { scriptedOcr } from '../support/no-ocr';

// An A4 page's width at 300 DPI (8.27 in) and a strip of its height; a dash 40 x 3 px, 9 pt of table text's dash.
const WIDTH = 2480;
const HEIGHT = 600;
const dashAt = (x: number, y: number): [number, number, number, number] => [x, y, 40, 3];

/** A crease thresholded into dashes 40 px long, one every `period` px from edge to edge, falling `slope` per pixel. */
function brokenCrease(y: number, slope: number, period = 80): [number, number, number, number][] {
  return Array.from({ length: Math.ceil(WIDTH / period) }, (_, k) => [
    k * period,
    Math.round(y + slope * k * period),
    40,
    3,
  ]);
}

describe('pieces of a line through the sheet', () => {
  it('finds a dash on the course of a broken crease running through both side margins', () => {
    const page = raster(WIDTH, HEIGHT, brokenCrease(200, 0.03));
    // The piece at x = 1200 (k = 15): its middle row on the course.
    expect(onLineThroughSheet(page, { x: 1200, y: 236, width: 40, height: 3 }, 300)).toBe(true);
  });

  it('leaves a printed dash: its margins blank, or holding pieces off its course', () => {
    const page = raster(WIDTH, HEIGHT, [dashAt(1200, 300)]);
    expect(onLineThroughSheet(page, { x: 1200, y: 300, width: 40, height: 3 }, 300)).toBe(false);
    // A crease 100 px below: the stroke is not on its course.
    paint(page, brokenCrease(400, 0));
    expect(onLineThroughSheet(page, { x: 1200, y: 300, width: 40, height: 3 }, 300)).toBe(false);
    // Pieces in one margin only (a note's underline) say nothing.
    const oneSide = raster(WIDTH, HEIGHT, [dashAt(1200, 300), [20, 300, 100, 3]]);
    expect(onLineThroughSheet(oneSide, { x: 1200, y: 300, width: 40, height: 3 }, 300)).toBe(false);
  });

  it('takes no dark band down the sides of the page (a feeder backing) for a line', () => {
    const page = raster(WIDTH, HEIGHT, [dashAt(1200, 300), [0, 0, 60, HEIGHT], [WIDTH - 60, 0, 60, HEIGHT]]);
    expect(onLineThroughSheet(page, { x: 1200, y: 300, width: 40, height: 3 }, 300)).toBe(false);
  });

  it('reads a blank cell holding a piece of the crease as unread ink, not as a dash (a zero)', async () => {
    const page = raster(WIDTH, HEIGHT, brokenCrease(200, 0, 160));
    // A 48 x 24 pt cell at 300 DPI (200 x 100 px) at x 1200..1400, y 150..250: of the crease, the piece at 1280..1320
    // alone is inside.
    const cell = { row: 0, col: 0, rowSpan: 1, colSpan: 1, bbox: { x: 288, y: 36, width: 48, height: 24 } };
    const never = scriptedOcr(() => Promise.reject(new Error('a lone stroke is never given to OCR')));
    const recognition = pageRecord({ width: WIDTH * 0.24, height: HEIGHT * 0.24 });
    const [crease] = await readCells(recognition, page, [cell], never);
    expect(crease.text).toBe('');
    expect(crease.confidence).toBeLessThan(0.5);
    // The same cell on a page without the crease's other pieces holds a printed dash.
    const [printed] = await readCells(recognition, raster(WIDTH, HEIGHT, [dashAt(1280, 200)]), [cell], never);
    expect(printed).toMatchObject({ text: '—', confidence: 0.95 });
  });
});
