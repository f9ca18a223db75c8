// The unseen-capture generator (bench/captures): deterministic for a seed, and each family does what it claims,
// measured on a small synthetic page (white, with black text-like bars in table rows). No OCR.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { encodePage, writeCapturePdf } from '../../bench/captures/capture-pdf';
import { FAMILIES, type FamilyName, compoundSteps, planCapture } from '../../bench/captures/families';
import { curl } from '../../bench/captures/bound-volume';
import { feedCrooked } from '../../bench/captures/feeder';
import { scanWithApp } from '../../bench/captures/scan-app';
import { type Crease, crease } from '../../bench/captures/folds';
import { markUp } from '../../bench/captures/pen-marks';
import { defocused } from '../../bench/captures/warp';
import { type RgbRaster, filledRaster, lumaAt } from '../../bench/captures/rgb-raster';
import { createRng } from '../../bench/captures/rng';
import type { Sheet, WordBox } from '../../bench/captures/sheet';

const DPI = 300;

/** A 400 x 300 white page with five rows of three black bars, each bar a "number" in a table row. */
function syntheticPage(): { raster: RgbRaster; sheet: Sheet } {
  const raster = filledRaster(400, 300, [255, 255, 255]);
  const words: WordBox[] = [];
  for (let row = 0; row < 5; row += 1) {
    for (let col = 0; col < 3; col += 1) {
      const bar = { text: String(100 + row * 3 + col), x: 40 + 120 * col, y: 50 + 40 * row, width: 60, height: 14 };
      words.push(bar);
      for (let y = bar.y; y < bar.y + bar.height; y += 1) {
        raster.data.fill(0, 3 * (y * 400 + bar.x), 3 * (y * 400 + bar.x + bar.width));
      }
    }
  }
  return { raster, sheet: { dpi: DPI, words, back: null } };
}

function capture(family: FamilyName, seed: number) {
  const { raster, sheet } = syntheticPage();
  return planCapture(family, createRng(seed)).capture(raster, sheet, createRng(seed).fork('page'));
}

const lumas = (r: RgbRaster) =>
  Array.from({ length: r.width * r.height }, (_, i) => lumaAt(r, i)).sort((a, b) => a - b);
const percentile = (sorted: readonly number[], p: number) => sorted[Math.floor(p * (sorted.length - 1))];
const countPixels = (r: RgbRaster, test: (red: number, green: number, blue: number) => boolean) => {
  let n = 0;
  for (let i = 0; i < r.data.length; i += 3) {
    n += test(r.data[i], r.data[i + 1], r.data[i + 2]) ? 1 : 0;
  }
  return n;
};

describe('the generator', () => {
  it.each(FAMILIES)('%s is the same for a seed and differs for another', (family) => {
    const a = capture(family, 7);
    expect(Buffer.from(capture(family, 7).raster.data).equals(Buffer.from(a.raster.data))).toBe(true);
    expect(Buffer.from(capture(family, 8).raster.data).equals(Buffer.from(a.raster.data))).toBe(false);
  });
});

describe('each family', () => {
  it('faded lowers the contrast of ink on paper and tints the paper yellow', () => {
    for (const seed of [1, 2, 3]) {
      const { raster } = capture('faded', seed);
      const sorted = lumas(raster);
      // The clean page's ink is 0 and its paper 255.
      expect(percentile(sorted, 0.6) - percentile(sorted, 0.02)).toBeLessThan(0.75 * 255);
      const paper = raster.data.subarray(0, 3 * raster.width * 10); // the top rows: paper only
      const mean = (c: number) => paper.filter((_, i) => i % 3 === c).reduce((s, v) => s + v, 0) / (paper.length / 3);
      expect(mean(0) - mean(2)).toBeGreaterThan(15);
    }
  });

  it('phone leaves a dark desk round a bright sheet whose corners are not square to the frame, at 72 dpi in the header', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const page = capture('phone', seed);
      const { raster } = page;
      expect(page.headerDpi).toBe(72);
      const bright = (x: number, y: number) => lumaAt(raster, y * raster.width + x) > 110;
      // The frame's outermost pixels are desk, the centre is sheet.
      let border = 0;
      for (let x = 0; x < raster.width; x += 1) {
        border += (bright(x, 0) ? 1 : 0) + (bright(x, raster.height - 1) ? 1 : 0);
      }
      expect(border).toBe(0);
      expect(bright(Math.floor(raster.width / 2), Math.floor(raster.height / 6))).toBe(true);
      // The sheet's corners: extremes of x + y and x - y over its bright pixels.
      const points: [number, number][] = [];
      for (let y = 0; y < raster.height; y += 1) {
        for (let x = 0; x < raster.width; x += 1) {
          if (bright(x, y)) {
            points.push([x, y]);
          }
        }
      }
      const extreme = (f: (p: [number, number]) => number) => points.reduce((a, b) => (f(b) < f(a) ? b : a));
      const [tl, tr, br, bl] = [
        extreme((p) => p[0] + p[1]),
        extreme((p) => p[1] - p[0]),
        extreme((p) => -p[0] - p[1]),
        extreme((p) => p[0] - p[1]),
      ];
      expect(
        Math.max(Math.abs(tl[1] - tr[1]), Math.abs(bl[1] - br[1]), Math.abs(tl[0] - bl[0]), Math.abs(tr[0] - br[0])),
      ).toBeGreaterThanOrEqual(3);
      expect(
        countPixels(raster, (r, g, b) => Math.max(r, g, b) < 110) / (raster.width * raster.height),
      ).toBeGreaterThan(0.1);
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'captures-test-'));
    const page = capture('phone', 1);
    await writeCapturePdf(path.join(dir, 'phone.pdf'), [await encodePage(page)]);
    const pdf = await PDFDocument.load(await readFile(path.join(dir, 'phone.pdf')));
    // 72 dpi in the header: one point a pixel.
    expect(pdf.getPage(0).getSize()).toEqual({ width: page.raster.width, height: page.raster.height });
  });

  it('marked adds red, blue and yellow ink', () => {
    for (const seed of [1, 2, 3]) {
      const { raster } = capture('marked', seed);
      expect(countPixels(raster, (r, g, b) => r > 150 && g < 110 && b < 120)).toBeGreaterThan(10);
      expect(countPixels(raster, (r, g, b) => b > 120 && b > r + 40 && b > g + 30)).toBeGreaterThan(10);
      expect(countPixels(raster, (r, g, b) => r > 200 && g > 180 && b < 160)).toBeGreaterThan(100);
    }
  });

  it('marked leaves the black bars dark under the highlighter', () => {
    const { raster, sheet } = syntheticPage();
    const marked = markUp(raster, createRng(4), sheet);
    let underHighlighter = 0;
    for (const w of sheet.words) {
      for (let y = w.y; y < w.y + w.height; y += 1) {
        for (let x = w.x; x < w.x + w.width; x += 1) {
          expect(lumaAt(marked, y * 400 + x)).toBeLessThan(20);
        }
      }
      // Yellow in the gap right of the bar, on its centre line: the band ran along the row.
      const i = 3 * ((w.y + 7) * 400 + w.x + w.width + 10);
      underHighlighter += marked.data[i] > 200 && marked.data[i + 2] < 160 ? 1 : 0;
    }
    expect(underHighlighter).toBeGreaterThan(0);
  });

  it('fax is pure black and white', () => {
    for (const seed of [1, 2, 3]) {
      const { raster, encoding } = capture('fax', seed);
      expect(encoding.format).toBe('png');
      expect(raster.data.every((v) => v === 0 || v === 255)).toBe(true);
      expect(countPixels(raster, (r, g, b) => r !== g || g !== b)).toBe(0);
      expect(countPixels(raster, (r) => r === 0)).toBeGreaterThan(100);
    }
  });

  it('photocopy200 darkens one side (the gutter) deeper than the copier edges, and scans at 200 dpi', () => {
    for (const seed of [1, 2, 3]) {
      const page = capture('photocopy200', seed);
      const { raster } = page;
      expect(page.headerDpi).toBe(200);
      const paper = percentile(lumas(raster), 0.6);
      // How far in from each side the page stays dark (under 80% of the paper), averaged over the middle third
      // of the rows (where the scanner's tilt moves the edge by a pixel at most).
      const depth = (fromLeft: boolean) => {
        let sum = 0;
        const rows = Array.from({ length: Math.floor(raster.height / 3) }, (_, k) => Math.floor(raster.height / 3) + k);
        for (const y of rows) {
          let d = 0;
          while (
            d < raster.width / 4 &&
            lumaAt(raster, y * raster.width + (fromLeft ? d : raster.width - 1 - d)) < 0.8 * paper
          ) {
            d += 1;
          }
          sum += d;
        }
        return sum / rows.length / raster.width;
      };
      const [deeper, shallower] = [depth(true), depth(false)].sort((a, b) => b - a);
      expect(deeper).toBeGreaterThan(0.015);
      expect(deeper).toBeGreaterThan(2 * shallower);
    }
  });

  it('darkcopy greys the paper and spreads the print: more dark pixels than were printed', () => {
    const printed = countPixels(syntheticPage().raster, (r, g, b) => r + g + b < 3 * 128);
    for (const seed of [1, 2, 3]) {
      const { raster } = capture('darkcopy', seed);
      // The white at 68-85% grey, less where the drum is uneven, with the scanner's noise.
      const paper = percentile(lumas(raster), 0.6);
      expect(paper).toBeGreaterThan(0.6 * 255);
      expect(paper).toBeLessThan(0.88 * 255);
      // Counted on the scan's pixels, fewer than the page's when the scanner samples it below 300 dpi.
      const scale = (raster.width * raster.height) / (400 * 300);
      expect(countPixels(raster, (r, g, b) => r + g + b < 3 * 128)).toBeGreaterThan(1.05 * printed * scale);
    }
  });

  it('soft blurs a point by the deviation drawn, and leaves flat paper as it is', () => {
    const flat = filledRaster(40, 40, [230, 225, 210]);
    expect(defocused(flat, 2).data).toEqual(flat.data);
    expect(defocused(flat, 0)).toBe(flat);
    const point = filledRaster(41, 41, [0, 0, 0]);
    point.data.fill(200, (20 * 41 + 20) * 3, (20 * 41 + 20) * 3 + 3);
    const spread = defocused(point, 2);
    // The row through the point: its weights' variance is the deviation squared.
    const row = Array.from({ length: 41 }, (_, x) => spread.data[(20 * 41 + x) * 3]);
    const total = row.reduce((a, b) => a + b, 0);
    const variance = row.reduce((a, v, x) => a + v * (x - 20) ** 2, 0) / total;
    expect(variance).toBeGreaterThan(3.2);
    expect(variance).toBeLessThan(4.8);
  });
  it('bound narrows and darkens the print near the spine, draws it toward the middle line, and leaves the rest', () => {
    const { raster } = syntheticPage();
    // The spine on the right, the last 30% of the width (x 280-400) curved up to 60 degrees. The bars of the first
    // column (x 40-100) stand on the flat; one more bar, 30 px wide at x 350-380 in the first row, 70-100 px into the
    // curve, where the page slopes at 27-46 degrees (printed 30 px, seen about 24).
    for (let y = 50; y < 64; y += 1) {
      raster.data.fill(0, 3 * (y * 400 + 350), 3 * (y * 400 + 380));
    }
    const bent = curl(raster, {
      spineLeft: false,
      zone: 120,
      steepest: Math.PI / 3,
      shrink: 0.03,
      shade: 0.6,
      sigma: 1,
      fold: [40, 40, 40],
    });
    // Print: the bars' black stays under 60 however the curve shades it, the paper over 100 (the light falls by 60% at
    // most) but in the fold (40, from x 384: the curve's 120 px project to about 104).
    const dark = (x: number, y: number) => lumaAt(bent, y * 400 + x) < 60;
    const widthOfBar = (y: number, from: number, to: number) => {
      let n = 0;
      for (let x = from; x < to; x += 1) {
        n += dark(x, y) ? 1 : 0;
      }
      return n;
    };
    // The first row's bars, through their middle (y 57): the flat one as printed, the curved one narrower.
    expect(widthOfBar(57, 0, 150)).toBe(60);
    const curved = widthOfBar(57, 345, 385);
    expect(curved).toBeGreaterThan(18);
    expect(curved).toBeLessThan(28);
    // The top row's curved bar drawn down toward the middle: its first dark row is below the printed 50.
    const firstDark = (x: number) => Array.from({ length: 100 }, (_, y) => y).find((y) => dark(x, y));
    expect(firstDark(60)).toBe(50);
    expect(firstDark(300)).toBeGreaterThanOrEqual(50);
    expect(firstDark(360)).toBeGreaterThan(50);
    // The fold: the last columns dark on every row, the flat paper white.
    expect(dark(399, 5) && dark(399, 150) && dark(399, 295)).toBe(true);
    expect(lumaAt(bent, 150 * 400 + 20)).toBe(255);
  });

  it('folded draws a dark line across the sheet, cracks the print on it and moves the panel beyond', () => {
    const { raster } = syntheticPage();
    // One crease across at y 150, square, through nothing printed; one down at x 70, through the first column's bars.
    const line = (horizontal: boolean, at: number): Crease => ({
      horizontal,
      at,
      slope: 0,
      halfWidth: 2,
      darkest: 0.6,
      shadowSide: 1,
      shadowWidth: 10,
      shadowDepth: 0.1,
      crackHalfWidth: 1,
      crack: new Float32Array(400).fill(0.8),
      gap: 3,
      slide: 0,
    });
    const folded = crease(raster, [line(true, 150), line(false, 70)]);
    const luma = (x: number, y: number) => lumaAt(folded, y * 400 + x);
    // Paper far from either crease as it was; on the line across, dark; just past it, in the shadow, a little darker.
    expect(luma(200, 20)).toBe(255);
    expect(luma(200, 150)).toBeLessThan(0.65 * 255);
    expect(luma(200, 149 - 4)).toBe(255);
    // (the shadow's 10% falls off over 10 px: 1 - 0.1 exp(-0.45) = 0.936 of the light at 4.5 px)
    expect(luma(200, 150 + 4)).toBeLessThan(0.95 * 255);
    expect(luma(200, 150 + 4)).toBeGreaterThan(0.92 * 255);
    // A bar the crease down crosses: its ink on the line cracked toward the paper, the rest black.
    expect(luma(70, 57)).toBeGreaterThan(100);
    expect(luma(50, 57)).toBe(0);
    // The panel beyond the crease across moved down by the gap: the fourth row's bars (printed at y 170-183) from 173.
    const firstDark = (x: number) => Array.from({ length: 100 }, (_, i) => 150 + i).find((y) => luma(x, y) < 60);
    expect(firstDark(200)).toBe(173);
    // and the panel right of the crease down moved right: the second column's bar from x 163, not 160.
    expect(Array.from({ length: 40 }, (_, i) => 140 + i).find((x) => luma(x, 57) < 60)).toBe(163);
  });

  it('streaked draws the same straight lines from top to bottom on every page of a document', () => {
    for (const seed of [1, 2, 3]) {
      const plan = planCapture('streaked', createRng(seed));
      const pages = [1, 2].map((n) => {
        const { raster, sheet } = syntheticPage();
        return plan.capture(raster, sheet, createRng(seed).fork(`page ${n}`)).raster;
      });
      // A column dark on every row (no printed bar is over 14 rows high), at the same place on both pages.
      const streaked = (r: RgbRaster) =>
        Array.from({ length: r.width }, (_, x) => x).filter((x) =>
          Array.from({ length: r.height }, (_, y) => y).every((y) => lumaAt(r, y * r.width + x) < 0.8 * 255),
        );
      expect(streaked(pages[0]).length).toBeGreaterThan(0);
      expect(streaked(pages[1])).toEqual(streaked(pages[0]));
    }
  });

  it('fed turns each sheet 1.5-6 degrees in a window wider than the paper, the backing round it', () => {
    for (const seed of [1, 2, 3]) {
      const { raster } = syntheticPage();
      const fed = feedCrooked(raster, createRng(seed), { backing: [30, 30, 30], marginMm: 5 }, DPI, DPI);
      // 5 mm at 300 dpi is 59 px of window each side.
      expect([fed.width, fed.height]).toEqual([518, 418]);
      const luma = (x: number, y: number) => lumaAt(fed, y * fed.width + x);
      // The window's corners show the backing (30, with the sensor's noise); the paper below the bars is white.
      for (const [x, y] of [
        [2, 2],
        [515, 2],
        [2, 415],
        [515, 415],
      ]) {
        expect(luma(x, y)).toBeLessThan(50);
      }
      expect(luma(259, 324)).toBeGreaterThan(230);
      // The paper's top edge: its first light row at two columns 220 px apart rises or falls by tan(1.5-6 deg) * 220.
      const top = (x: number) => Array.from({ length: 200 }, (_, y) => y).find((y) => luma(x, y) > 128) ?? -1;
      const rise = Math.abs(top(370) - top(150));
      expect(rise).toBeGreaterThanOrEqual(Math.floor(Math.tan((1.5 * Math.PI) / 180) * 220));
      expect(rise).toBeLessThanOrEqual(Math.ceil(Math.tan((6 * Math.PI) / 180) * 220));
    }
  });

  it('compound draws three to five distinct steps, never a phone with a fax or a feeder, nor a fax with soft focus', () => {
    const drawn = new Set<string>();
    for (let seed = 1; seed <= 300; seed += 1) {
      const steps = compoundSteps(createRng(seed));
      steps.forEach((s) => drawn.add(s));
      expect(new Set(steps).size).toBe(steps.length);
      expect(steps.length).toBeGreaterThanOrEqual(3);
      expect(steps.length).toBeLessThanOrEqual(5);
      const both = (a: string, b: string) => steps.includes(a) && steps.includes(b);
      expect(both('phone', 'fax') || both('phone', 'feeder') || both('fax', 'soft focus')).toBe(false);
    }
    // Every later family's step is drawn somewhere in 300 seeds.
    for (const step of ['dark copy', 'bound volume', 'folds', 'streaks', 'feeder', 'soft focus', 'phone', 'fax']) {
      expect(drawn).toContain(step);
    }
  });

  it("app flattens each page to the app's width at its own height, and its filters whiten the paper or threshold it", () => {
    const heights = new Set<number>();
    for (const seed of [1, 2, 3]) {
      const { raster } = syntheticPage();
      const bw = scanWithApp(raster, createRng(seed), DPI, { width: 600, filter: 'black and white' });
      expect(bw.width).toBe(600);
      heights.add(bw.height);
      // Every pixel black or white, and the bars' rows (about a sixth of the page down) hold black.
      expect(bw.data.every((v) => v === 0 || v === 255)).toBe(true);
      const row = Math.round(bw.height * (57 / 300));
      expect(
        Array.from({ length: 600 }, (_, x) => lumaAt(bw, row * 600 + x)).filter((l) => l === 0).length,
      ).toBeGreaterThan(100);
      // Enhanced: the paper below the bars white whatever the shadow, vignette and cast; the bars still dark.
      const enhanced = scanWithApp(raster, createRng(seed), DPI, { width: 600, filter: 'enhanced' });
      const paper = lumaAt(enhanced, Math.round(enhanced.height * 0.85) * 600 + 300);
      expect(paper).toBeGreaterThan(235);
      expect(lumaAt(enhanced, row * 600 + Math.round(600 * (70 / 400)))).toBeLessThan(110);
    }
    // The found corners differ page by page, so the flattened pages' heights do.
    expect(heights.size).toBeGreaterThan(1);
  });
});
