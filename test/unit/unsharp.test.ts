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

describe('unsharp mask in one page of floats', () => {
  /** The blur as first written, with a second page of floats: each pass from one page into the other. */
  function twoPageUnsharp(raster: { width: number; height: number; data: Uint8Array }, r: number, amount: number) {
    const { width, height, data } = raster;
    const n = 2 * r + 1;
    const clampX = (x: number) => Math.max(0, Math.min(width - 1, x));
    const clampY = (y: number) => Math.max(0, Math.min(height - 1, y));
    const a = Float32Array.from(data);
    const b = new Float32Array(data.length);
    for (let pass = 0; pass < 3; pass += 1) {
      for (let y = 0; y < height; y += 1) {
        let sum = 0;
        for (let x = -r; x <= r; x += 1) {
          sum += a[y * width + clampX(x)];
        }
        for (let x = 0; x < width; x += 1) {
          b[y * width + x] = sum / n;
          sum += a[y * width + clampX(x + r + 1)] - a[y * width + clampX(x - r)];
        }
      }
      const sums = new Float32Array(width);
      for (let y = -r; y <= r; y += 1) {
        for (let x = 0; x < width; x += 1) {
          sums[x] += b[clampY(y) * width + x];
        }
      }
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          a[y * width + x] = sums[x] / n;
          sums[x] += b[clampY(y + r + 1) * width + x] - b[clampY(y - r) * width + x];
        }
      }
    }
    return data.map((v, i) => Math.max(0, Math.min(255, Math.round(v + amount * (v - a[i])))));
  }

  // A seeded noise page: every pixel differs from its neighbours, so any row or column read wrongly shows.
  function noise(width: number, height: number, seed: number) {
    let s = seed;
    const data = new Uint8Array(width * height).map(() => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s % 256;
    });
    return { width, height, data };
  }

  it.each([
    [37, 23, 1],
    [37, 23, 2],
    [50, 5, 3],
    [9, 40, 2],
    [64, 2, 2],
  ])('gives, on a %i x %i page with a box of radius %i, exactly what two pages gave', (width, height, r) => {
    const page = noise(width, height, width * height + r);
    const expected = twoPageUnsharp(page, r, 1.5);
    // sigma for which three boxes of radius r are the nearest: sqrt((w^2 - 1) / 4) with w = 2r + 1.
    unsharpMask(page, Math.sqrt(((2 * r + 1) ** 2 - 1) / 4), 1.5);
    expect([...page.data]).toEqual([...expected]);
  });
});
