// Unsharp masking of a defocused page: edges steeper, flat paper and flat ink untouched.
import { unsharpMask } from '../../services/ocr/src/domain/unsharp';

/** A page `width` wide, 20 rows, each row the grey `at(x)`. */
function rows(width: number, at: (x: number) => number) {
  const data = new Uint8Array(width * 20);
  for (let y = 0; y < 20; y += 1) {
    for (let x = 0; x < width; x += 1) {
      data[y * width + x] = at(x);
    }
  }
  return { width, height: 20, data };
}

/** Pixels of row 10 between 10% and 90% of the way from `dark` to `light`: the width of an edge. */
const edgeWidth = (r: { width: number; data: Uint8Array }, dark: number, light: number) =>
  [...r.data.subarray(10 * r.width, 11 * r.width)].filter(
    (v) => v > dark + 0.1 * (light - dark) && v < dark + 0.9 * (light - dark),
  ).length;

describe('unsharp mask', () => {
  it('makes a blurred edge steeper and leaves flat paper and flat ink as they were', () => {
    // Ink 40 to paper 240 over a 16 px ramp, as a defocused stroke's edge.
    const grey = (x: number) => Math.round(40 + 200 * Math.min(1, Math.max(0, (x - 92) / 16)));
    const page = rows(200, grey);
    unsharpMask(page, 3, 1);
    expect(edgeWidth(page, 40, 240)).toBeLessThan(edgeWidth(rows(200, grey), 40, 240));
    // Far from the edge (over 3 sigma) nothing changes.
    expect(page.data[10 * 200 + 20]).toBe(40);
    expect(page.data[10 * 200 + 180]).toBe(240);
  });

  it('opens the paper between two strokes blurred into each other', () => {
    // Two strokes 8 px apart whose blur leaves the gap at 150: after sharpening the gap is lighter, the strokes darker.
    const grey = (x: number) =>
      Math.round(
        150 -
          90 * Math.exp(-((x - 46) ** 2) / 18) -
          90 * Math.exp(-((x - 54) ** 2) / 18) +
          90 * Math.exp(-((x - 50) ** 2) / 8),
      );
    const before = rows(100, grey);
    const page = rows(100, grey);
    unsharpMask(page, 2, 1);
    const at = (r: { data: Uint8Array }, x: number) => r.data[10 * 100 + x];
    expect(at(page, 50) - Math.min(at(page, 46), at(page, 54))).toBeGreaterThan(
      at(before, 50) - Math.min(at(before, 46), at(before, 54)),
    );
  });

  it('keeps grey within 0..255', () => {
    const page = rows(60, (x) => (x < 30 ? 0 : 255));
    unsharpMask(page, 2, 3);
    expect(Math.min(...page.data)).toBe(0);
    expect(Math.max(...page.data)).toBe(255);
    expect(page.data[10 * 60 + 29]).toBe(0);
  });
});
