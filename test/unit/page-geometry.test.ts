import { geometryInPixels, geometryInPoints, measureGeometry, measureStroke } from '../../shared/domain/page-geometry';
import { hasMark, loneStroke } from '../../services/table-extraction/src/domain/cell-image';
import { removeSpecks } from '../../services/ocr/src/domain/specks';
import { paint, raster } from '../support/rasters';
import type { Raster } from '../../shared/adapters/raster';

/** A page of "glyphs" (boxes drawn as a frame and a cross, strokes `stroke` px) under a ruling `ruling` px thick. */
function page(stroke: number, glyph: number, ruling: number): Raster {
  const image = raster(1200, 900, [[50, 100, 1100, ruling]]);
  for (let y = 200; y + glyph < 880; y += glyph * 2) {
    for (let x = 60; x + glyph < 1150; x += glyph + 20) {
      paint(image, [
        [x, y, stroke, glyph],
        [x + glyph - stroke, y, stroke, glyph],
        [x, y, glyph, stroke],
        [x + Math.floor(glyph / 2), y, stroke, glyph],
      ]);
    }
  }
  return image;
}

describe('page geometry', () => {
  it('measures stroke width, ruling thickness and glyph height on the page itself', () => {
    const clean = measureGeometry(page(4, 48, 3), 300, 128, [{ at: 101, from: 50, to: 1150 }]);
    expect(clean).toEqual({ strokePx: 4, rulingPx: 3, textHeightPx: 48 });
    // A photocopy of the same page: heavier strokes and ruling, the same glyphs.
    const heavy = measureGeometry(page(7, 48, 6), 300, 128, [{ at: 102, from: 50, to: 1150 }]);
    expect(heavy).toEqual({ strokePx: 7, rulingPx: 6, textHeightPx: 48 });
  });

  it('does not take a dark block a ruling runs along for the ruling', () => {
    // A 3 px ruling, two thirds of it along the top of a photo 200 px high: the ruling is still 3 px.
    const image = page(4, 48, 3);
    paint(image, [[400, 101, 750, 200]], 40);
    const measured = measureGeometry(image, 300, 128, [{ at: 101, from: 50, to: 1150 }]);
    expect(measured.rulingPx).toBe(3);
    const allDark = raster(1200, 900, [[50, 100, 1100, 200]]);
    expect(measureGeometry(allDark, 300, 128, [{ at: 101, from: 50, to: 1150 }]).rulingPx).toBeNull();
  });

  it('says nothing it has not seen: no rulings, no glyphs, default stroke on a blank sheet', () => {
    const blank = raster(1200, 900, [[600, 450, 2, 2]]);
    expect(measureGeometry(blank, 300, 128, [])).toEqual({ strokePx: 3, rulingPx: null, textHeightPx: null });
    expect(measureStroke(blank, 150, 128)).toBe(1.5);
  });

  it('converts to points and back at another resolution', () => {
    const pt = geometryInPoints({ strokePx: 4, rulingPx: 3, textHeightPx: 48 }, 300);
    expect(pt).toEqual({ strokePt: 0.96, rulingPt: 0.72, textHeightPt: 11.52 });
    expect(geometryInPixels(pt, 150)).toEqual({ strokePx: 2, rulingPx: 1.5, textHeightPx: 24 });
  });
});

describe('thresholds that follow the page', () => {
  const clean = { strokePx: 4, rulingPx: 3, textHeightPx: 48 };
  const heavy = { strokePx: 7, rulingPx: 6, textHeightPx: 48 };

  it('takes a blot of a heavy-stroked page for noise, on a clean page for a mark', () => {
    // 0.05 in each way at 300 DPI: over 1/25 in, under three strokes of 7 px.
    const blot = () => raster(300, 70, [[100, 20, 15, 15]]);
    expect(hasMark(blot(), 300, clean)).toBe(true);
    expect(hasMark(blot(), 300, heavy)).toBe(false);
    expect(hasMark(blot(), 300, null)).toBe(true);
  });

  it('always sees half a glyph, however heavy the strokes', () => {
    const digit = raster(300, 70, [[100, 15, 7, 26]]);
    expect(hasMark(digit, 300, { strokePx: 12, rulingPx: 6, textHeightPx: 50 })).toBe(true);
    expect(hasMark(digit, 300, { strokePx: 12, rulingPx: 6, textHeightPx: null })).toBe(false);
  });

  it('reads a dash as thick as two heavy strokes, which a clean page would refuse', () => {
    const dash = () => raster(200, 60, [[40, 24, 50, 12]]);
    expect(loneStroke(dash(), 300, clean)).toBeUndefined();
    expect(loneStroke(dash(), 300, heavy)).toEqual({ dash: '—' });
  });

  it('whitens specks almost as large as a heavy stroke, and keeps a dot a stroke across', () => {
    const cell = () =>
      raster(300, 100, [
        [20, 20, 6, 6],
        [150, 50, 7, 7],
      ]);
    const heavyCell = cell();
    expect(removeSpecks(heavyCell, 300, 128, 7)).toBe(1);
    expect(heavyCell.data[20 * 300 + 20]).toBe(255);
    expect(heavyCell.data[53 * 300 + 153]).toBe(0);
    expect(removeSpecks(cell(), 300, 128, 4)).toBe(0);
  });
});
