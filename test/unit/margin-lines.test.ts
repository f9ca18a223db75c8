// Lines in a page's margins that no one printed (margin-lines.ts): a crooked sheet's outline goes, print stays.
import { removeMarginLines } from '../../services/ocr/src/domain/margin-lines';

const DPI = 100;
const INK = 128;

/** An 8.5 x 11 inch white page at 100 DPI (or `width` px wide). */
function page(width = 850) {
  const height = 1100;
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

function fill(p: ReturnType<typeof page>, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y <= y1; y += 1) {
    p.data.fill(0, y * p.width + x0, y * p.width + x1 + 1);
  }
}

/** Lines of "text": 12 px glyphs 4 px apart from x0 to x1, a line every 30 px from y0 to y1. */
function text(p: ReturnType<typeof page>, x0: number, x1: number, y0: number, y1: number): void {
  for (let y = y0; y + 12 <= y1; y += 30) {
    for (let x = x0; x + 12 <= x1; x += 16) {
      fill(p, x, y, x + 11, y + 11);
    }
  }
}

const dark = (p: ReturnType<typeof page>, x: number, y: number) => p.data[y * p.width + x] < INK;

describe('margin lines', () => {
  it("whitens a crooked sheet's outline in the margin, 3 px wide and 4.3 degrees off, and leaves the text beside it", () => {
    const p = page();
    text(p, 120, 750, 100, 1000);
    // The outline down the left margin: x from 20 to 80 over y 100..900 (4.3 degrees), 3 px wide, 0.38 inch off the
    // text at its foot, broken by a row of paper every inch (a copier shadow's cleaning cut it so).
    for (let y = 100; y <= 900; y += 1) {
      const x = 20 + Math.round(((y - 100) * 60) / 800);
      if (y % 100 !== 0) {
        fill(p, x, y, x + 2, y);
      }
    }
    // And a piece of the bottom one, 1/2 inch up, level, 3 px high.
    fill(p, 200, 1040, 500, 1042);
    expect(removeMarginLines(p, DPI, INK)).toBeGreaterThanOrEqual(2);
    const outline = Array.from({ length: 800 }, (_, k) => 101 + k).filter((y) =>
      [0, 1, 2].some((d) => dark(p, 20 + Math.round(((y - 100) * 60) / 800) + d, y)),
    );
    expect(outline).toEqual([]);
    expect(dark(p, 300, 1041)).toBe(false);
    expect(dark(p, 125, 105) && dark(p, 730, 975)).toBe(true);
  });

  it("keeps a table's outer rule near the margin, joined to its rulings or broken off them with its cells' text beside it", () => {
    const p = page();
    // A table from x 80 to 700: its left rule at 80-81, its rulings across every 40 px from x 84 (broken off the rule).
    fill(p, 80, 200, 81, 600);
    for (let y = 200; y <= 600; y += 40) {
      fill(p, 84, y, 700, y + 1);
    }
    text(p, 88, 300, 212, 600);
    // A table joined whole: its left rule at 60 meets its rulings.
    fill(p, 60, 700, 61, 900);
    for (let y = 700; y <= 900; y += 50) {
      fill(p, 60, y, 700, y + 1);
    }
    expect(removeMarginLines(p, DPI, INK)).toBe(0);
    expect(dark(p, 80, 400) && dark(p, 60, 800)).toBe(true);
  });

  it('keeps a dash on the last line near the foot of the page, a rule in the middle and a line with text close inside it', () => {
    const p = page();
    // The last line of prose 0.8 inch from the foot, a 40 px dash (——) in it between two glyphs.
    fill(p, 300, 1020, 311, 1031);
    fill(p, 316, 1025, 355, 1026);
    fill(p, 360, 1020, 371, 1031);
    // A rule across the middle of the page, far from every edge.
    fill(p, 200, 550, 650, 551);
    // A line down the right margin with a column of text 5 px inside it.
    fill(p, 780, 300, 781, 700);
    text(p, 600, 776, 300, 700);
    expect(removeMarginLines(p, DPI, INK)).toBe(0);
    expect(dark(p, 330, 1025) && dark(p, 400, 550) && dark(p, 780, 500)).toBe(true);
  });

  it("keeps a tall table whose outer rule stands 1.1 inch in, and a three-line table's bottom rule near the foot", () => {
    const p = page();
    // Rules 1.1 inch in from each side, 7 inches tall, rulings every 40 px, labels centred 0.8 inch in.
    fill(p, 110, 150, 111, 850);
    fill(p, 738, 150, 739, 850);
    for (let y = 150; y <= 850; y += 40) {
      fill(p, 110, y, 739, y + 1);
    }
    text(p, 190, 260, 164, 850);
    // A three-line table near the foot: its bottom rule 1.1 inch up, its last row's text 0.17 inch above it, a dash
    // (——) alone in one cell.
    fill(p, 150, 988, 700, 989);
    text(p, 160, 400, 960, 972);
    fill(p, 500, 965, 535, 966);
    expect(removeMarginLines(p, DPI, INK)).toBe(0);
    expect(dark(p, 110, 500) && dark(p, 400, 510) && dark(p, 600, 988) && dark(p, 520, 965)).toBe(true);
  });

  it('reads a page narrower than two margins whole, without a hang', () => {
    const p = page(250);
    fill(p, 10, 100, 12, 1000);
    text(p, 60, 200, 100, 1000);
    expect(removeMarginLines(p, DPI, INK)).toBe(1);
    expect(dark(p, 11, 500)).toBe(false);
  });
});
