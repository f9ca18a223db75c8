// The page normalised once from colour: paper flattened, coloured marks taken out, ink decided against the
// print near it. Small synthetic pages at 100 DPI, each built so that a global grey level would get it wrong.
import { INK_LEVEL, RgbRaster } from '../../shared/adapters/raster';
import { glyphTones, normalisePage } from '../../services/ocr/src/domain/page-normalisation';

const DPI = 100;
type Rgb = [number, number, number];

/** A page of `width` x `height` whose paper colour at (x, y) is `paper(x, y)`. */
function page(width: number, height: number, paper: (x: number, y: number) => Rgb): RgbRaster {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      data.set(paper(x, y), (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

/** Multiplies the pixels of box [x, y, w, h] by `ink` (as ink on paper does: print over shade stays darker). */
function print(image: RgbRaster, [x0, y0, w, h]: [number, number, number, number], ink: Rgb): void {
  for (let y = y0; y < y0 + h; y += 1) {
    for (let x = x0; x < x0 + w; x += 1) {
      const i = (y * image.width + x) * 3;
      for (let c = 0; c < 3; c += 1) {
        image.data[i + c] = Math.round((image.data[i + c] * ink[c]) / 255);
      }
    }
  }
}

/** Strokes of a "line of text": 3 px wide bars 12 px tall, 6 px apart, from x0 to x1 at y. */
function textLine(image: RgbRaster, x0: number, x1: number, y: number, ink: Rgb): [number, number][] {
  const strokes: [number, number][] = [];
  for (let x = x0; x + 3 <= x1; x += 9) {
    print(image, [x, y, 3, 12], ink);
    strokes.push([x + 1, y + 6]);
  }
  return strokes;
}

const inkAt = (r: { width: number; data: Uint8Array }, [x, y]: [number, number]) => r.data[y * r.width + x] < INK_LEVEL;
const paperShare = (
  r: { width: number; height: number; data: Uint8Array },
  boxes: [number, number, number, number][],
) => {
  let paper = 0;
  let n = 0;
  for (const [x0, y0, w, h] of boxes) {
    for (let y = y0; y < y0 + h; y += 1) {
      for (let x = x0; x < x0 + w; x += 1) {
        paper += r.data[y * r.width + x] === 255 ? 1 : 0;
        n += 1;
      }
    }
  }
  return paper / n;
};

describe('page normalisation', () => {
  it('flattens paper lit from one side: the shaded paper is white and the print on it ink', () => {
    // Light falls off from 250 to 90 across the page: the shaded paper is darker than the lit print's level 128.
    const lit = (x: number): Rgb => {
      const v = Math.round(250 - (160 * x) / 400);
      return [v, v, v];
    };
    const image = page(400, 200, (x) => lit(x));
    const left = textLine(image, 20, 120, 40, [60, 60, 60]);
    const right = textLine(image, 280, 380, 40, [60, 60, 60]);
    const out = normalisePage(image, DPI);
    expect([...left, ...right].every((s) => inkAt(out, s))).toBe(true);
    // Shaded paper below the text is paper, though it is darker (90-150) than INK_LEVEL would allow.
    expect(paperShare(out, [[20, 120, 360, 60]])).toBeGreaterThan(0.99);
  });

  it('finds faded grey toner on yellowed paper as ink, and its bleed-through as paper', () => {
    const image = page(400, 200, () => [236, 222, 178]);
    // Toner at a third of its strength: on this paper about 190 in grey, far lighter than INK_LEVEL.
    const faded = textLine(image, 20, 380, 30, [190, 190, 190]);
    // Bleed-through from the back: a quarter of the print's darkness.
    textLine(image, 20, 380, 120, [240, 240, 240]);
    const out = normalisePage(image, DPI);
    expect(faded.every((s) => inkAt(out, s))).toBe(true);
    expect(paperShare(out, [[20, 120, 360, 12]])).toBeGreaterThan(0.99);
  });

  it('takes out highlighter, red pen and blue pen, and keeps the black print under them', () => {
    const image = page(400, 200, () => [245, 245, 240]);
    const row = textLine(image, 20, 380, 40, [30, 30, 30]);
    print(image, [10, 34, 380, 24], [255, 240, 90]); // a yellow highlighter across the row
    print(image, [20, 120, 200, 4], [200, 40, 40]); // a red pen stroke
    print(image, [20, 150, 200, 4], [40, 60, 190]); // a blue pen stroke
    const out = normalisePage(image, DPI);
    expect(row.every((s) => inkAt(out, s))).toBe(true);
    // Between the strokes, under the highlighter: paper.
    expect(paperShare(out, [[25, 36, 4, 20]])).toBeGreaterThan(0.95);
    expect(
      paperShare(out, [
        [20, 120, 200, 4],
        [20, 150, 200, 4],
      ]),
    ).toBeGreaterThan(0.95);
  });

  it('keeps the print of a highlighted row whose yellow the JPEG smeared into the strokes', () => {
    const image = page(400, 200, () => [245, 245, 242]);
    // Strokes under a yellow highlighter after 4:2:0 JPEG: dark, but tinted (chroma 60); the band itself between them.
    const row = textLine(image, 20, 380, 40, [70, 60, 10]);
    print(image, [10, 36, 380, 20], [255, 236, 60]);
    const out = normalisePage(image, DPI);
    expect(row.every((s) => inkAt(out, s))).toBe(true);
    expect(paperShare(out, [[24, 36, 4, 20]])).toBeGreaterThan(0.95);
  });

  it("keeps faded print under a highlighter on aged paper, a band narrower than the paper estimate's blocks", () => {
    // A photocopy of aged paper, highlighted: faded grey toner under a dulled highlighter, in a band of one line, so
    // that each block's paper is the paper beside it. The print's pixels come out (154, 139, 81), as on the mixed
    // capture that lost its highlighted rows: divided by the paper they are yellow, light and as hued as a stain.
    const image = page(400, 200, () => [236, 234, 217]);
    print(image, [10, 36, 380, 22], [233, 217, 142]);
    const row = textLine(image, 20, 380, 40, [182, 178, 171]);
    const out = normalisePage(image, DPI);
    expect(row.every((s) => inkAt(out, s))).toBe(true);
    // Between the strokes, the band is no ink.
    for (let y = 37; y < 57; y += 1) {
      expect(inkAt(out, [25, y])).toBe(false);
    }
  });

  it('takes out a faint brown stain ring crossing faded print, and keeps the print under it', () => {
    const image = page(400, 200, () => [241, 239, 220]);
    // Faded toner, and a coffee ring's brown stroke (as the faded captures draw it) across the line and beyond it:
    // about 0.6 of the print's darkness, little chroma in absolute terms (under 50) but much for its darkness.
    const row = textLine(image, 20, 380, 40, [150, 150, 150]);
    print(image, [10, 44, 380, 3], [196, 176, 150]);
    print(image, [10, 100, 380, 3], [196, 176, 150]);
    const out = normalisePage(image, DPI);
    expect(row.every((s) => inkAt(out, s))).toBe(true);
    // The ring between the strokes (joined to them, it was kept as a grey mark) and away from them: paper.
    expect(
      paperShare(out, [
        [24, 44, 5, 3],
        [33, 44, 5, 3],
      ]),
    ).toBeGreaterThan(0.95);
    expect(paperShare(out, [[10, 100, 380, 3]])).toBeGreaterThan(0.95);
  });

  it('keeps a ruling and print under a red seal', () => {
    const image = page(400, 200, () => [245, 245, 240]);
    const row = textLine(image, 60, 340, 70, [40, 40, 40]);
    print(image, [40, 110, 320, 1], [40, 40, 40]); // a hairline ruling
    print(image, [100, 50, 200, 90], [225, 70, 70]); // the seal's ink over both
    const out = normalisePage(image, DPI);
    expect(row.every((s) => inkAt(out, s))).toBe(true);
    expect(paperShare(out, [[40, 110, 320, 1]])).toBe(0);
    expect(paperShare(out, [[105, 95, 190, 10]])).toBeGreaterThan(0.95);
  });

  it('keeps a faint thin stroke that joins its glyph, and drops a mark as faint that stands apart', () => {
    const image = page(300, 120, () => [240, 240, 240]);
    // A glyph: a thick dark stem and, joined to its top, a thin stroke a quarter as dark (a serif font's
    // horizontal photographed at low resolution).
    print(image, [40, 30, 4, 40], [30, 30, 30]);
    print(image, [44, 30, 40, 1], [190, 190, 190]);
    // The same faint stroke alone, far from print (bleed-through).
    print(image, [200, 30, 40, 1], [190, 190, 190]);
    const out = normalisePage(image, DPI);
    expect(out.data[30 * 300 + 60]).toBeLessThan(250);
    expect(paperShare(out, [[200, 30, 40, 1]])).toBe(1);
    // Read in its own tone: print's ramp continued, grey 182 (0.29 of the stroke strength near it) where the
    // decisions' ramp gives 205. Paper, print and what is ink stay as they are.
    const tones = glyphTones(out);
    expect(out.data[30 * 300 + 60]).toBe(205);
    expect(tones.data[30 * 300 + 60]).toBe(182);
    expect(tones.data[50 * 300 + 41]).toBe(out.data[50 * 300 + 41]);
    expect(tones.data[100 * 300 + 150]).toBe(255);
    expect(tones.data.every((g, i) => g < INK_LEVEL === out.data[i] < INK_LEVEL)).toBe(true);
  });

  it("keeps a full stop blurred to under half the print's darkness on a soft page, and drops larger or fainter marks standing apart", () => {
    // Print 30 on paper 240 (darkness 0.875); near it, apart from it, a dot of 4 px at 0.45 of the print's darkness
    // (a defocused full stop), a blot of 20 px as dark (a faded character seen through the sheet), a speck of 2 px as
    // dark (toner, paper grain) and a dot at 0.22. All inside the page's half-inch margins, where its print strength
    // is measured.
    const soft = (edge: boolean) => {
      const image = page(300, 200, () => [240, 240, 240]);
      if (edge) {
        // The stem's blurred edge, 3 px round it at 0.3 of its darkness: more edge than print, as defocus makes.
        print(image, [97, 67, 10, 66], [188, 188, 188]);
      }
      print(image, [100, 70, 4, 60], [30, 30, 30]);
      print(image, [110, 112, 4, 4], [154, 154, 154]);
      print(image, [118, 80, 20, 20], [154, 154, 154]);
      print(image, [110, 75, 4, 4], [204, 204, 204]);
      print(image, [125, 112, 2, 2], [154, 154, 154]);
      return normalisePage(image, DPI);
    };
    const out = soft(true);
    expect(inkAt(out, [111, 113])).toBe(true);
    expect(paperShare(out, [[118, 80, 20, 20]])).toBe(1);
    expect(
      paperShare(out, [
        [110, 75, 4, 4],
        [125, 112, 2, 2],
      ]),
    ).toBe(1);
    // On a sharp page (no edge round the print) punctuation is as dark as print: a faint lone dot is a stain's.
    expect(paperShare(soft(false), [[110, 112, 4, 4]])).toBe(1);
    // Which is also what decides the tones the page is read in (glyphTones on a soft page only).
    expect([out.softFocus, soft(false).softFocus]).toEqual([true, false]);
  });

  it('keeps print faded to a fifth of black on a copy with black edges, and beside a toner speck', () => {
    // A photocopied page whose print is 0.23 of black (a faded copy of a copy), with the copier's black edge along
    // its top and right side and a speck of toner by one line: the page's print is measured inside its margins, and
    // no black nearby lifts the faint print beside it to paper.
    const image = page(400, 300, () => [240, 240, 240]);
    print(image, [0, 0, 400, 10], [0, 0, 0]);
    print(image, [385, 0, 15, 300], [0, 0, 0]);
    const faded = [80, 130, 180, 230].flatMap((y) => textLine(image, 60, 340, y, [196, 196, 196]));
    print(image, [200, 195, 4, 4], [0, 0, 0]);
    const out = normalisePage(image, DPI);
    expect(faded.filter((s) => inkAt(out, s)).length / faded.length).toBeGreaterThan(0.95);
  });

  it('makes nothing of an empty sheet: its noise stays paper', () => {
    let seed = 7;
    const noise = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 225 + (seed % 20);
    };
    const image = page(300, 300, () => {
      const v = noise();
      return [v, v, v - 10];
    });
    const out = normalisePage(image, DPI);
    expect(paperShare(out, [[0, 0, 300, 300]])).toBeGreaterThan(0.999);
  });
});
