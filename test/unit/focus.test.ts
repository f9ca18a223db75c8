// A soft capture measured by the spread of print's edges and sharpened back before normalisation. Synthetic pages
// at 300 DPI: strokes of text and a thin ruling, defocused by a Gaussian as a lens is.
import { INK_LEVEL, RgbRaster } from '../../shared/adapters/raster';
import { unsharpMask } from '../../shared/adapters/image.adapter';
import { edgeSpreadIn, refocusFor } from '../../services/ocr/src/domain/focus';
import { normalisePage } from '../../services/ocr/src/domain/page-normalisation';
import { gaussianBlur } from '../../bench/captures/warp';

const DPI = 300;
const SIZE = 600;
const RULING_Y = 300;

/** White paper with lines of black strokes 6 px wide and 18 apart and a 2 px ruling (0.5 pt) across at RULING_Y. */
function sharpPage(): RgbRaster {
  const data = new Uint8Array(SIZE * SIZE * 3).fill(250);
  const ink = (x: number, y: number) => data.fill(20, (y * SIZE + x) * 3, (y * SIZE + x) * 3 + 3);
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      const inLine = (y % 60) >= 10 && (y % 60) < 40 && Math.abs(y - RULING_Y) > 20 && x >= 30 && x < SIZE - 30;
      if ((inLine && x % 24 < 6) || ((y === RULING_Y || y === RULING_Y + 1) && x >= 40 && x < SIZE - 40)) {
        ink(x, y);
      }
    }
  }
  return { width: SIZE, height: SIZE, data };
}

/** Pairs of strokes 4 px wide and 5 apart (the strokes of 三 or 川 at 12 pt), a pair every 30 px along lines of text. */
function strokePairs(): RgbRaster {
  const data = new Uint8Array(SIZE * SIZE * 3).fill(250);
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 30; x < SIZE - 30; x += 1) {
      const k = x % 30;
      if ((y % 60) >= 10 && (y % 60) < 40 && (k < 4 || (k >= 9 && k < 13))) {
        data.fill(20, (y * SIZE + x) * 3, (y * SIZE + x) * 3 + 3);
      }
    }
  }
  return { width: SIZE, height: SIZE, data };
}

describe('focus', () => {
  it('measures a sharp page as sharp and leaves it alone', () => {
    const spread = edgeSpreadIn(sharpPage(), DPI) as number;
    expect(spread).toBeLessThan(0.004);
    expect(refocusFor(spread, DPI)).toBeNull();
  });

  it('measures a page the softer the more it is defocused', () => {
    const spreads = [0, 1.5, 3].map((sigma) => edgeSpreadIn(sigma ? gaussianBlur(sharpPage(), sigma) : sharpPage(), DPI) as number);
    expect(spreads[1]).toBeGreaterThan(spreads[0]);
    expect(spreads[2]).toBeGreaterThan(spreads[1] * 1.5);
    // Defocused by 0.01 in, a tenth of a 14 pt character: soft enough to sharpen.
    expect(refocusFor(spreads[2], DPI)).not.toBeNull();
  });

  it('says nothing of a page with too few edges', () => {
    const blank: RgbRaster = { width: SIZE, height: SIZE, data: new Uint8Array(SIZE * SIZE * 3).fill(250) };
    expect(edgeSpreadIn(blank, DPI)).toBeNull();
    expect(refocusFor(null, DPI)).toBeNull();
  });

  it('sharpens more the softer the page, from nothing just past a sharp capture', () => {
    const justPast = refocusFor(0.0121, DPI);
    const soft = refocusFor(0.025, DPI);
    expect(justPast?.amount).toBeLessThan(0.05);
    expect(soft?.amount).toBeGreaterThan(1);
    expect(soft?.sigma).toBeGreaterThan(justPast?.sigma ?? Infinity);
  });

  it('parts two strokes that defocus ran together', async () => {
    const soft = gaussianBlur(strokePairs(), 2.5);
    const mask = refocusFor(edgeSpreadIn(soft, DPI), DPI);
    expect(mask).not.toBeNull();
    // On the normalised page, the gap between the strokes of the pair starting at x = 60, and a stroke's middle.
    const at = (page: RgbRaster, x: number) => normalisePage(page, DPI).data[25 * SIZE + x];
    expect(at(soft, 66)).toBeLessThan(INK_LEVEL);
    const refocused = await unsharpMask(soft, mask?.sigma ?? 0, mask?.amount ?? 0);
    expect(at(refocused, 66)).toBeGreaterThan(INK_LEVEL);
    expect(at(refocused, 61)).toBeLessThan(INK_LEVEL);
    expect(at(refocused, 70)).toBeLessThan(INK_LEVEL);
  });
});
