import {
  clearBorderLines,
  clearStrays,
  loneStroke,
  hasMark,
  textBands,
  withoutLoops,
} from '../../services/table-extraction/src/domain/cell-image';
import { glyphHeight } from '../../shared/domain/page-geometry';
import { INK_LEVEL } from '../../shared/adapters/raster';
import { paint, raster } from '../support/rasters';
import { readCells } from '../../services/table-extraction/src/read-cells';
import type { PageRecognition } from '../../shared/contracts/page';
import { pageRecord } from '../../harness/page-record';
import { scriptedOcr } from '../support/no-ocr';

describe('cell images', () => {
  it('reads a lone thin stroke as a dash, a long one as a doubled dash', () => {
    expect(loneStroke(raster(120, 60, [[40, 29, 40, 3]]), 300, null)).toEqual({ dash: '—' });
    expect(loneStroke(raster(200, 60, [[20, 29, 100, 3]]), 300, null)).toEqual({ dash: '——' });
  });

  it('does not take a digit or a character for a dash', () => {
    expect(loneStroke(raster(120, 60, [[50, 10, 4, 40]]), 300, null)).toBeUndefined();
    expect(
      loneStroke(
        raster(120, 60, [
          [40, 10, 40, 3],
          [40, 30, 40, 3],
        ]),
        300,
        null,
      ),
    ).toBeUndefined();
  });

  it('takes a stroke crossing the cell, or one by its top or bottom edge, for a stroke astray, not a dash', () => {
    // The end of a pen's line or a stain's edge entering from a side; a leftover of the ruling above.
    expect(loneStroke(raster(120, 60, [[0, 29, 40, 3]]), 300, null)).toEqual({ astray: true });
    expect(loneStroke(raster(120, 60, [[70, 29, 50, 3]]), 300, null)).toEqual({ astray: true });
    expect(loneStroke(raster(120, 60, [[40, 4, 40, 3]]), 300, null)).toEqual({ astray: true });
  });

  it('finds the text lines of a cell with characters stacked one per line', () => {
    const bands = textBands(
      raster(80, 200, [
        [20, 50, 40, 36],
        [20, 105, 40, 36],
      ]),
    );
    expect(bands).toHaveLength(2);
    expect(bands[0].from).toBeLessThan(50);
    expect(bands[1].to).toBeGreaterThan(141);
  });

  it('whites out ruling leftovers at the edges but keeps the text', () => {
    const cell = raster(100, 60, [
      [0, 0, 100, 2],
      [0, 0, 2, 60],
      [45, 20, 10, 20],
    ]);
    clearBorderLines(cell);
    expect(cell.data[0]).toBe(255);
    expect(cell.data[30 * 100 + 1]).toBe(255);
    expect(cell.data[30 * 100 + 50]).toBe(0);
  });

  it('whites out a ruling that runs into the cell at a slant, grey as it is, but not a glyph by an edge', () => {
    // A 120 x 60 crop (edge bands of 9 px): a "0" (a ring) in the middle; a rule 2 px thick entering through the
    // bottom edge at x 50 and dropping to 6 px deep at the right edge (a bound page's rule bowed toward the
    // spine), no row of it mostly ink, and grey (170: darker than the join level, lighter than ink) but for its
    // last 10 px.
    const cell = raster(120, 60, [
      [50, 15, 4, 30],
      [66, 15, 4, 30],
      [50, 15, 20, 4],
      [50, 41, 20, 4],
    ]);
    for (let x = 50; x < 120; x += 1) {
      paint(cell, [[x, 59 - Math.floor((x - 50) / 12), 1, 2]], x < 110 ? 170 : 0);
    }
    paint(cell, [
      // A flat stroke by the top edge, touching no side (三's top in a tight cell); with the bar below, under half
      // of each row it stands in, so the clearing of rows mostly ink leaves it too.
      [30, 0, 38, 3],
      // A "1" by the left edge, touching neither the top nor the bottom; a bar in the top right corner deeper than
      // the band (a "7" pressed into the corner).
      [0, 14, 4, 28],
      [100, 0, 20, 12],
    ]);
    clearBorderLines(cell);
    const dark = (x0: number, y0: number, x1: number, y1: number) => {
      let n = 0;
      for (let y = y0; y < y1; y += 1) {
        for (let x = x0; x < x1; x += 1) {
          n += cell.data[y * 120 + x] < 192 ? 1 : 0;
        }
      }
      return n;
    };
    // The rule gone, its grey too; the ring, the stroke, the "1" and the corner bar kept.
    expect(dark(50, 50, 120, 60)).toBe(0);
    expect(dark(50, 15, 70, 45)).toBe(2 * 4 * 30 + 2 * 12 * 4);
    expect(dark(30, 0, 68, 3)).toBe(38 * 3);
    expect(dark(0, 14, 4, 42)).toBe(4 * 28);
    expect(dark(100, 0, 120, 12)).toBe(20 * 12);
  });

  it('whites out a slanted rule a few pixels inside the crop, fringe and all, but not a tall glyph beside it', () => {
    // A 120 x 60 crop (edge bands of 9 px), blank but for a rule 3 px thick from x 3 at the top to x 5 at the
    // bottom (a residual keystone against the grid's one position per column), each step's edge pixels grey (170);
    // and a "0" (a ring) just past the band, as tall as the crop less 2 px (a figure set tight by its ruling).
    const cell = raster(120, 60, []);
    for (let y = 0; y < 60; y += 1) {
      const x = 3 + Math.floor(y / 20);
      paint(cell, [[x, y, 3, 1]], 0);
      paint(cell, [[x - 1, y, 1, 1]], 170);
      paint(cell, [[x + 3, y, 1, 1]], 170);
    }
    paint(cell, [
      [10, 1, 4, 58],
      [26, 1, 4, 58],
      [10, 1, 20, 4],
      [10, 55, 20, 4],
    ]);
    clearBorderLines(cell);
    const dark = (x0: number, x1: number) => {
      let n = 0;
      for (let y = 0; y < 60; y += 1) {
        for (let x = x0; x < x1; x += 1) {
          n += cell.data[y * 120 + x] < 192 ? 1 : 0;
        }
      }
      return n;
    };
    expect(dark(0, 9)).toBe(0);
    expect(dark(10, 30)).toBe(2 * 4 * 58 + 2 * 12 * 4);
  });

  it('whites out such a rule a little past the band at a known resolution, but not a wall the grid missed', () => {
    // A 120 x 60 crop at 300 dpi: its edge band 9 px, a rule from its top to its bottom taken up to 15 px in (the band
    // and 1/50 in).
    const ruled = (x: number) => {
      const cell = raster(120, 60, []);
      for (let y = 0; y < 60; y += 1) {
        paint(cell, [[x + Math.floor(y / 30), y, 2, 1]], 0);
      }
      return cell;
    };
    const inkLeft = (cell: ReturnType<typeof raster>) => cell.data.filter((v) => v < 192).length;
    // 10-12 px in: past the band, within the reach.
    const near = ruled(10);
    clearBorderLines(near, 300);
    expect(inkLeft(near)).toBe(0);
    // The same with the resolution unknown: the band only.
    const unknown = ruled(10);
    clearBorderLines(unknown);
    expect(inkLeft(unknown)).toBe(2 * 60);
    // 40-42 px in, a third of the way across: a wall between two figures the grid did not find, left to be read.
    const wall = ruled(40);
    clearBorderLines(wall, 300);
    expect(inkLeft(wall)).toBe(2 * 60);
  });

  it('sees a thin digit in a wide cell, which is far under 0.3% of its ink', () => {
    // A "1" one pixel wide and 1/10 inch high at 300 DPI in a cell 2 inches wide: 0.07% ink.
    const cell = raster(600, 70, [[300, 20, 1, 30]]);
    const share = cell.data.filter((v) => v < 128).length / cell.data.length;
    expect(share).toBeLessThan(0.003);
    expect(hasMark(cell, 300, null)).toBe(true);
  });

  it('sees a digit that came apart at the ink level, its pieces joined by faint ink', () => {
    // A "2" of a defocused phone photo in a 440 x 73 crop: its head (8 x 16) and base (16 x 7) under the page's
    // mark size of 18 px (strokes of 6 px, text 47 px high), its diagonal between them grey.
    const geometry = { strokePx: 6, rulingPx: 5, textHeightPx: 47 };
    const pieces = () =>
      raster(440, 73, [
        [220, 23, 8, 16],
        [211, 48, 16, 7],
      ]);
    expect(hasMark(pieces(), 300, geometry)).toBe(false);
    const softTwo = pieces();
    paint(softTwo, [[214, 39, 8, 9]], 160);
    expect(hasMark(softTwo, 300, geometry)).toBe(true);
  });

  it("still calls blank a cell whose specks only faint ink or a ruling's grey remnant joins", () => {
    const geometry = { strokePx: 6, rulingPx: 5, textHeightPx: 47 };
    const blank = (grey: [number, number, number, number][], black: [number, number, number, number][]) => {
      const cell = raster(440, 73, grey, 170);
      paint(cell, black);
      return !hasMark(cell, 300, geometry);
    };
    // A ruling's grey edge along the top with a speck on it, another speck elsewhere.
    expect(
      blank(
        [[0, 0, 440, 2]],
        [
          [100, 2, 3, 3],
          [300, 40, 3, 3],
        ],
      ),
    ).toBe(true);
    // A grey blot holding one speck, another speck far off.
    expect(
      blank(
        [[50, 20, 20, 20]],
        [
          [55, 25, 3, 3],
          [300, 40, 3, 3],
        ],
      ),
    ).toBe(true);
    // A grey edge down two sides, specks inside it that it does not touch.
    expect(
      blank(
        [
          [0, 0, 440, 2],
          [0, 0, 2, 73],
        ],
        [
          [100, 30, 3, 3],
          [200, 30, 3, 3],
        ],
      ),
    ).toBe(true);
    // A faded ruling whose darker pieces (10 px) its grey edge joins: longer than a glyph.
    expect(
      blank(
        [[20, 60, 400, 2]],
        Array.from({ length: 20 }, (_, k): [number, number, number, number] => [20 + 20 * k, 60, 10, 2]),
      ),
    ).toBe(true);
  });

  it('calls a cell holding only specks blank', () => {
    const specks: [number, number, number, number][] = Array.from({ length: 40 }, (_, i) => [
      (i * 37) % 590,
      (i * 13) % 60,
      3,
      3,
    ]);
    expect(hasMark(raster(600, 70, specks), 300, null)).toBe(false);
  });
});

describe('stray specks in cells', () => {
  // A page whose glyphs are 36 px high and strokes 4 px: a mark is at least 12 px one way, a stray at most 9 px each
  // way, and it stands more than 36 blank pixels from every mark.
  const geometry = { strokePx: 4, rulingPx: null, textHeightPx: 36 };
  const ink = (image: ReturnType<typeof raster>, x: number, y: number) => image.data[y * image.width + x] < INK_LEVEL;

  it("whitens toner specks standing more than a glyph from the figure, keeping the figure's decimal point", () => {
    // Three digits' bars at x 40-83, a decimal point between two of them, and three specks 76-126 blank px right.
    const crop = raster(320, 60, [
      [40, 12, 4, 36],
      [60, 12, 4, 36],
      [80, 12, 4, 36],
      [51, 44, 4, 4],
      [160, 20, 4, 4],
      [180, 40, 5, 3],
      [210, 30, 3, 3],
    ]);
    clearStrays(crop, 300, geometry);
    expect([ink(crop, 41, 30), ink(crop, 81, 30), ink(crop, 52, 45)]).toEqual([true, true, true]);
    expect([ink(crop, 161, 21), ink(crop, 181, 41), ink(crop, 211, 31)]).toEqual([false, false, false]);
  });

  it('takes a glyph as the reach: a speck 32 blank px from the print stays, one 40 px away goes', () => {
    const near = raster(200, 60, [
      [40, 12, 4, 36],
      [76, 30, 4, 4],
    ]);
    const far = raster(200, 60, [
      [40, 12, 4, 36],
      [84, 30, 4, 4],
    ]);
    clearStrays(near, 300, geometry);
    clearStrays(far, 300, geometry);
    expect([ink(near, 77, 31), ink(far, 85, 31)]).toEqual([true, false]);
  });

  it("keeps an ellipsis's dots, each within a glyph of the last, and half a digit far from the print", () => {
    // Six dots 20 blank px apart running 160 px past the bars; a 4 x 10 px piece of a broken digit (under a mark,
    // over a stray) 120 px away.
    const crop = raster(400, 60, [
      [40, 12, 4, 36],
      ...Array.from({ length: 6 }, (_, k): [number, number, number, number] => [64 + 24 * k, 44, 4, 4]),
      [330, 20, 4, 10],
    ]);
    clearStrays(crop, 300, geometry);
    expect([65, 89, 113, 137, 161, 185].map((x) => ink(crop, x, 45))).toEqual(Array(6).fill(true));
    expect(ink(crop, 331, 25)).toBe(true);
  });

  it("keeps a faint glyph broken into pieces far from the figure, and a cell's specks when it holds no mark", () => {
    // A faint digit 100 px right of the bars: two 8 px pieces of ink joined by grey (170) into a mark.
    const crop = raster(320, 60, [[40, 12, 4, 36]]);
    paint(crop, [[150, 20, 4, 20]], 170);
    paint(crop, [
      [150, 12, 4, 8],
      [150, 40, 4, 8],
    ]);
    clearStrays(crop, 300, geometry);
    expect([ink(crop, 151, 14), ink(crop, 151, 44)]).toEqual([true, true]);
    const specks = raster(320, 60, [
      [40, 20, 4, 4],
      [200, 30, 4, 4],
    ]);
    clearStrays(specks, 300, geometry);
    expect([ink(specks, 41, 21), ink(specks, 201, 31)]).toEqual([true, true]);
  });

  it("leaves a page's cells as they are where its glyph height is unknown", () => {
    const crop = raster(320, 60, [
      [40, 12, 4, 36],
      [200, 30, 4, 4],
    ]);
    clearStrays(crop, 300, { ...geometry, textHeightPx: null });
    expect(ink(crop, 201, 31)).toBe(true);
  });

  it('reads a dash with a speck far from it as a dash, never asking OCR', async () => {
    const asked: string[] = [];
    const ocr = scriptedOcr((_image, mode) => {
      asked.push(mode);
      return Promise.resolve({ text: '一', confidence: 0.6, lines: [] });
    });
    // A 48 x 24 pt cell at 300 DPI (200 x 100 px): a dash across its middle and a toner speck in its top right.
    const image = raster(200, 100, [
      [60, 48, 40, 3],
      [170, 20, 4, 4],
    ]);
    const recognition: PageRecognition = {
      ...pageRecord({ width: 48, height: 24 }),
      geometry: { strokePt: 0.96, rulingPt: null, textHeightPt: 8.64 },
    };
    const cell = { row: 0, col: 0, rowSpan: 1, colSpan: 1, bbox: { x: 0, y: 0, width: 48, height: 24 } };
    const [reading] = await readCells(recognition, image, [cell], ocr);
    expect(reading.text).toBe('—');
    expect(asked).toEqual([]);
  });
});

describe('a cell whose only ink is a stroke astray', () => {
  it('is read as unread ink, never given to OCR, which would read a dash and the template a zero', async () => {
    const asked: string[] = [];
    const dashes = scriptedOcr((_image, mode) => {
      asked.push(mode);
      return Promise.resolve({ text: '—', confidence: 0.9, lines: [] });
    });
    // A 48 x 24 pt cell at 300 DPI (200 x 100 px) crossed from its left side by a pen's line.
    const image = raster(200, 100, [[0, 48, 120, 3]]);
    const recognition: PageRecognition = pageRecord({ width: 48, height: 24 });
    const cell = { row: 0, col: 0, rowSpan: 1, colSpan: 1, bbox: { x: 0, y: 0, width: 48, height: 24 } };
    const [reading] = await readCells(recognition, image, [cell], dashes);
    expect(reading).toMatchObject({ text: '' });
    expect(reading.confidence).toBeLessThan(0.5);
    expect(asked).toEqual([]);
  });
});

// A pen's loop round a figure, as a fax keeps it: black like print. Glyphs are 20 x 38 px blocks (9 pt at 300 DPI);
// the loop a 4 px ring 56 px high round one, cut at the crop's top as a cell's inset cuts it.
const GLYPH: [number, number, number, number] = [40, 12, 20, 38];
const ring = (x: number, y: number, w: number, h: number): [number, number, number, number][] => [
  [x, y, w, 4],
  [x, y + h - 4, w, 4],
  [x, y, 4, h],
  [x + w - 4, y, 4, h],
];

describe('pen loops in cells', () => {
  it("measures a table's glyph height over its cells, not over one", () => {
    const cells = Array.from({ length: 12 }, () => raster(120, 62, [GLYPH, [70, 14, 20, 36]]));
    expect(glyphHeight(cells, 300, INK_LEVEL, 4)).toBe(38);
    // Too few glyphs to say.
    expect(glyphHeight(cells.slice(0, 5), 300, INK_LEVEL, 4)).toBeNull();
  });

  it("takes out ink taller than the table's glyphs with its grey edge, and keeps the figure inside", () => {
    const cell = raster(120, 62, [GLYPH, ...ring(24, 0, 52, 56)]);
    paint(cell, [[23, 20, 1, 10]], 200);
    const clear = withoutLoops(cell, 38) as typeof cell;
    expect(clear).not.toBeNull();
    const ink = (image: typeof cell) => image.data.filter((v) => v < 128).length;
    expect(ink(clear)).toBe(20 * 38);
    expect(clear.data[25 * 120 + 23]).toBe(255);
    // The crop given is left as it was.
    expect(ink(cell)).toBeGreaterThan(20 * 38);
  });

  it("leaves a cell of glyphs alone: a bracket or a character stands within a glyph's height", () => {
    expect(withoutLoops(raster(160, 62, [GLYPH, [70, 10, 6, 42], [90, 12, 40, 38]]), 38)).toBeNull();
  });

  it('reads a figure again without the loop round it, and keeps that reading only if it is a figure', async () => {
    // OCR that reads `first` while the loop is there (any ink beyond the glyphs) and `without` once it is gone.
    const asked: string[] = [];
    const ocr = (first: string, without: string) =>
      scriptedOcr((image, mode) => {
        const ink = image.data.filter((v) => v < 128).length;
        asked.push(mode);
        return Promise.resolve({
          text: mode === 'digits' ? digitsOnly(without) : ink > 34 * 38 ? first : without,
          confidence: 0.9,
          lines: [],
        });
      });
    const digitsOnly = (text: string) => text.replace(/\D/g, '');
    // Twelve cells of one row, 120 x 79 px each (62 px high inside the inset), each holding two glyphs; the first circled.
    const image = raster(12 * 120, 62 + 17, []);
    const cells = Array.from({ length: 12 }, (_, k) => {
      paint(image, [
        [k * 120 + 40 + 8, 12 + 8, 20, 38],
        [k * 120 + 90, 12 + 8, 14, 38],
      ]);
      return {
        row: 0,
        col: k,
        rowSpan: 1,
        colSpan: 1,
        bbox: { x: (k * 120 * 72) / 300, y: 0, width: (120 * 72) / 300, height: (79 * 72) / 300 },
      };
    });
    paint(image, ring(24 + 8, 14, 52, 56));
    const recognition: PageRecognition = {
      ...pageRecord({ width: (12 * 120 * 72) / 300, height: (79 * 72) / 300 }),
      geometry: { strokePt: 0.96, rulingPt: null, textHeightPt: 9.12 },
    };
    // One cell alone has too few glyphs for a table's glyph height: nothing is taken out.
    expect((await readCells(recognition, image, [cells[0]], ocr('（0）', '0')))[0].text).toBe('（0）');
    // Only the brackets were the loop: the figure as read, settled as any other (its digits-only reading is of the
    // image without the loop).
    const read = await readCells(recognition, image, cells, ocr('（0）', '0'));
    expect(read[0].text).toBe('0');
    expect(read[0].confidence).toBe(0.9);
    const inkOf = (r: (typeof read)[number]) => r.pending?.crop.data.filter((v) => v < 128).length;
    expect(inkOf(read[0])).toBe(inkOf(read[1]));
    expect(read.slice(1).every((r) => r.text === '0')).toBe(true);
    // The loop took a digit's worth of ink with it (the digits differ): offered for review, not read again.
    const doubtful = (await readCells(recognition, image, cells, ocr('G2', '12')))[0];
    expect(doubtful.text).toBe('12');
    expect(doubtful.confidence).toBeLessThanOrEqual(0.5);
    expect(doubtful.pending).toBeUndefined();
    // Read without the loop as no figure: the first reading stays.
    expect((await readCells(recognition, image, cells, ocr('（0）', '口')))[0].text).toBe('（0）');
    // A reading with a Chinese character in it is a label's: never read without its own ink.
    asked.length = 0;
    expect((await readCells(recognition, image, cells, ocr('2019年', '2019')))[0].text).toBe('2019年');
    // The row laid side by side once (this OCR gives no words, so each cell is then read alone) and twelve first
    // readings: none again (the circled figure's re-read made 14 with '（0）').
    expect(asked.filter((mode) => mode === 'text')).toHaveLength(13);
    asked.length = 0;
    await readCells(recognition, image, cells, ocr('（0）', '0'));
    expect(asked.filter((mode) => mode === 'text')).toHaveLength(14);
  });
});
