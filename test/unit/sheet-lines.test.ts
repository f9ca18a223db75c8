// Lines through the sheet (services/ocr/src/domain/sheet-lines.ts), on a page's darkness (0 paper .. 255 black) drawn
// here: an A4 page at 100 DPI with lines of "characters", a ruled table, creases as bench/captures/folds.ts draws them
// and a feeder's streaks as bench/captures/streaks.ts does.
import { liftSheetLines } from '../../services/ocr/src/domain/sheet-lines';

const DPI = 100;
const WIDTH = 827;
const HEIGHT = 1169;

type Box = [number, number, number, number];

function page(): Uint8Array {
  const darkness = new Uint8Array(WIDTH * HEIGHT);
  const fill = ([x0, y0, w, h]: Box, level = 255) => {
    for (let y = y0; y < y0 + h; y += 1) {
      darkness.fill(level, y * WIDTH + x0, y * WIDTH + x0 + w);
    }
  };
  // Prose from 1 inch down to 5 inches: lines 0.25 in apart, "characters" 14 px square with 2 px strokes (a frame
  // and a cross), 3 px apart, inside margins of an inch.
  for (let y = 100; y < 500; y += 25) {
    for (let x = 100; x + 14 < 727; x += 17) {
      fill([x, y, 14, 2]);
      fill([x, y + 12, 14, 2]);
      fill([x, y, 2, 14]);
      fill([x + 12, y, 2, 14]);
      fill([x + 6, y, 2, 14]);
    }
  }
  // A table from 6 to 10.5 inches: rows 0.3 in, rulings 1 px, three columns.
  for (let y = 600; y <= 1050; y += 30) {
    fill([100, y, 627, 1]);
  }
  for (const x of [100, 400, 560, 726]) {
    fill([x, 600, 1, 451]);
  }
  return darkness;
}

/**
 * A crease 2 px wide taking `level` of the light, from edge to edge, `from` to `to` across its length: what is under
 * it darkened as a scanner sees it (its light times the crease's).
 */
function crease(darkness: Uint8Array, vertical: boolean, from: number, to: number, level = 80): void {
  const length = vertical ? HEIGHT : WIDTH;
  for (let t = 0; t < length; t += 1) {
    const across = Math.round(from + ((to - from) * t) / length);
    for (const a of [across, across + 1]) {
      const i = vertical ? t * WIDTH + a : a * WIDTH + t;
      darkness[i] = 255 - Math.round(((255 - darkness[i]) * (255 - level)) / 255);
    }
  }
}

/** A straight line 1 px wide at `level` (darkness): a ruling, or a scanner's streak. */
function line(darkness: Uint8Array, vertical: boolean, at: number, from: number, to: number, level: number): void {
  for (let t = from; t < to; t += 1) {
    darkness[vertical ? t * WIDTH + at : at * WIDTH + t] = level;
  }
}

describe('lines through the sheet', () => {
  it('leaves a page without a crease as it is, its rulings and its print', () => {
    const darkness = page();
    const before = Uint8Array.from(darkness);
    expect(liftSheetLines(darkness, WIDTH, HEIGHT, DPI)).toEqual([]);
    expect(Buffer.from(darkness).equals(Buffer.from(before))).toBe(true);
  });

  it('finds a crease down, a little off square, and one across, and turns their paper white, not the print', () => {
    const darkness = page();
    // Grey print where the crease down crosses the prose (a stroke at y 100 and x 405-419, the crease on 411-412) and a grey
    // ruling along the crease across, 9 px below it (within the 1/10 inch its shading is measured to), over three
    // quarters of the width.
    for (let x = 405; x < 420; x += 1) {
      darkness[100 * WIDTH + x] = 200;
    }
    line(darkness, false, 569, 100, 727, 120);
    crease(darkness, true, 410, 416); // down through the prose and the table's first column
    crease(darkness, false, 560, 560); // across the page between the prose and the table, square
    const folds = liftSheetLines(darkness, WIDTH, HEIGHT, DPI);
    expect(folds).toHaveLength(2);
    const down = folds.find((f) => f.vertical)!;
    const across = folds.find((f) => !f.vertical)!;
    // The course: the crease's middle (half a pixel right of its first column) at either end, within a pixel.
    expect(Math.abs(down.at - 410.5)).toBeLessThanOrEqual(1);
    expect(Math.abs(down.at + down.slope * HEIGHT - 416.5)).toBeLessThanOrEqual(1);
    expect(Math.abs(across.at - 560.5)).toBeLessThanOrEqual(1);
    // The crease's paper, in the margins and between the lines of prose, is paper again (darkness 0).
    const at = (x: number, y: number) => darkness[y * WIDTH + x];
    expect(at(410, 20)).toBe(0);
    expect(at(412, 300 + 20)).toBeLessThan(10); // between two lines of prose
    expect(at(20, 560)).toBe(0);
    // Print it crossed stays print: the grey stroke under the crease down (200, 217 under the crease) no lighter than
    // printed (the crease's course is fitted to whole pixels, so its edge may be left as captured), black as black.
    for (const x of [411, 412]) {
      expect(at(x, 100)).toBeGreaterThanOrEqual(197);
      expect(at(x, 100)).toBeLessThanOrEqual(217);
    }
    expect(at(413, 600)).toBe(255);
    // The grey ruling beside the crease across keeps its grey: the crease's shading is measured in the margins only.
    expect(at(400, 569)).toBeGreaterThanOrEqual(110);
  });

  it('finds a crease that stops a little short of an edge, as on a sheet laid askew on the glass', () => {
    const darkness = page();
    // Across at 560, from 0.15 in in from the left edge: the outermost strip is half covered, the next one wholly.
    for (let x = 15; x < WIDTH; x += 1) {
      darkness[560 * WIDTH + x] = 80;
      darkness[561 * WIDTH + x] = 80;
    }
    expect(liftSheetLines(darkness, WIDTH, HEIGHT, DPI)).toHaveLength(1);
    expect(darkness[560 * WIDTH + 300]).toBe(0);
  });

  it('makes paper of a dark streak down the page but for the rulings across it, and leaves the rest', () => {
    const darkness = page();
    const before = Uint8Array.from(darkness);
    // A feeder's streak, 2 px wide, 90% dark, straight down the whole image through the prose and the table's second
    // column (x 400-560).
    line(darkness, true, 480, 0, HEIGHT, 230);
    line(darkness, true, 481, 0, HEIGHT, 230);
    const lines = liftSheetLines(darkness, WIDTH, HEIGHT, DPI);
    expect(lines).toHaveLength(1);
    expect(lines[0].vertical).toBe(true);
    const at = (x: number, y: number) => darkness[y * WIDTH + x];
    expect(at(480, 20)).toBe(0);
    expect(at(481, 320)).toBe(0);
    expect(at(480, 805)).toBe(0);
    // The table's rulings across it run through it, unbroken (a streak made paper whole cut them, and a table was read
    // as two); between them it is paper.
    expect(at(480, 600)).toBe(255);
    expect(at(481, 630)).toBe(255);
    expect(at(480, 615)).toBe(0);
    // Everything more than a few pixels from it is as it was: the table's rulings and the prose.
    const changed = [...darkness].flatMap((v, i) => (v !== before[i] ? [i % WIDTH] : []));
    expect(Math.min(...changed)).toBeGreaterThanOrEqual(470);
    expect(Math.max(...changed)).toBeLessThanOrEqual(491);
    expect(at(479 - 5, 600)).toBe(255);
  });

  it('keeps a ruling a streak runs along, and print on one side of a streak only does not cross it', () => {
    const darkness = page();
    // A bar from the left that ends at the streak (x 470-479 on row 560), and the streak, 90% dark, over the table's
    // column line at x 400 and the paper beside it (x 400-401), darkening what is under it as a scanner does.
    for (let x = 470; x < 480; x += 1) {
      darkness[560 * WIDTH + x] = 255;
    }
    crease(darkness, true, 400, 400, 230);
    crease(darkness, true, 480, 480, 230);
    expect(liftSheetLines(darkness, WIDTH, HEIGHT, DPI)).toHaveLength(2);
    const at = (x: number, y: number) => darkness[y * WIDTH + x];
    // The column line under the streak, between two rulings across: black as printed; the streak's paper beside it.
    expect(at(400, 615)).toBe(255);
    expect(at(401, 615)).toBe(0);
    expect(at(400, 20)).toBe(0);
    // The bar stops where it was printed: the streak's core beyond it is paper, not carried on from one side.
    expect(at(479, 560)).toBe(255);
    expect(at(480, 560)).toBe(0);
  });

  it('lifts two streaks side by side each with its own core: the print between them kept', () => {
    const darkness = page();
    // Streaks at x 480-481 and 488-489; between them the right stroke of a character of the prose (x 486-487, from
    // y 100 down 14 rows).
    crease(darkness, true, 480, 480, 230);
    crease(darkness, true, 488, 488, 230);
    expect(liftSheetLines(darkness, WIDTH, HEIGHT, DPI)).toHaveLength(2);
    expect(darkness[106 * WIDTH + 486]).toBe(255);
    expect(darkness[106 * WIDTH + 484]).toBe(0);
  });

  it('takes no table ruling for a line through the sheet, however long, nor a grey rule stopping short of an edge', () => {
    const darkness = page();
    // The table's first column line drawn on up to 0.3 in from the bottom: it does not reach the top margin.
    line(darkness, true, 100, 1050, HEIGHT - 30, 255);
    // A grey ruling across the page from its left edge that stops 0.6 in short of its right edge (a printout with
    // narrow margins), grey as a crease.
    line(darkness, false, 580, 0, WIDTH - 60, 100);
    const before = Uint8Array.from(darkness);
    expect(liftSheetLines(darkness, WIDTH, HEIGHT, DPI)).toEqual([]);
    expect(Buffer.from(darkness).equals(Buffer.from(before))).toBe(true);
  });
});
