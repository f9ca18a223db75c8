import { eraseBrokenLines } from '../../services/ocr/src/domain/broken-lines';
import { paint, raster } from '../support/rasters';

// A strip of an A4 page at 300 DPI: 8.27 inches wide.
const WIDTH = 2480;
const HEIGHT = 700;
type Box = [number, number, number, number];

/** A crease thresholded into dashes 40 px long every 80 px from edge to edge, 3 px thick, falling `slope` per px. */
const brokenCrease = (y: number, slope = 0): Box[] =>
  Array.from({ length: WIDTH / 80 }, (_, k): Box => [k * 80, Math.round(y + slope * k * 80), 40, 3]);

const inkAt = (page: { width: number; data: Uint8Array }, x: number, y: number) => page.data[y * page.width + x] < 128;

describe('lines through the sheet broken into pieces', () => {
  it('makes paper of a broken crease across the page, a little off square, and keeps the strokes it crosses', () => {
    const page = raster(WIDTH, HEIGHT, brokenCrease(300, 0.02));
    // A glyph's vertical stroke and a table's vertical ruling crossing the crease's course.
    paint(page, [
      [1000, 280, 4, 60],
      [1500, 250, 3, 120],
    ]);
    expect(eraseBrokenLines(page, 300)).toBe(1);
    expect(inkAt(page, 20, 300)).toBe(false);
    expect(inkAt(page, 1220, 300 + Math.round(0.02 * 1200))).toBe(false);
    // The stroke and the ruling are whole where the crease crossed them.
    for (let y = 280; y < 340; y += 1) {
      expect(inkAt(page, 1001, y)).toBe(true);
    }
    for (let y = 250; y < 370; y += 1) {
      expect(inkAt(page, 1501, y)).toBe(true);
    }
  });

  it('finds one down the page as well', () => {
    const tall = raster(
      HEIGHT,
      WIDTH,
      Array.from({ length: WIDTH / 80 }, (_, k): Box => [350, k * 80, 3, 40]),
    );
    expect(eraseBrokenLines(tall, 300)).toBe(1);
    expect(inkAt(tall, 351, 20)).toBe(false);
  });

  it("keeps a table's rule on the course, and print when the margins hold marks but no crease runs between", () => {
    const page = raster(WIDTH, HEIGHT, brokenCrease(300));
    // A rule 5 inches long along the crease's course: one run of ink, no piece of a crease.
    paint(page, [[400, 300, 1500, 3]]);
    eraseBrokenLines(page, 300);
    expect(inkAt(page, 1000, 301)).toBe(true);
    expect(inkAt(page, 20, 301)).toBe(false);
    // A note's underline in each margin, a line of short strokes between them at another height.
    const marks = raster(WIDTH, HEIGHT, [
      [20, 500, 100, 3],
      [WIDTH - 120, 500, 100, 3],
      ...Array.from({ length: 40 }, (_, k): Box => [300 + k * 45, 100, 30, 3]),
    ]);
    expect(eraseBrokenLines(marks, 300)).toBe(0);
    expect(inkAt(marks, 21, 501)).toBe(true);
    expect(inkAt(marks, 301, 101)).toBe(true);
  });
});
