// Page cleanup before any reading: copier shadows, gutters, punch holes, specks, seal ink, blank sheets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { grayWithoutStamps, openPdf } from '../../shared/adapters/pdf.adapter';
import { Raster, inkMask, otsuThreshold, whiteOut } from '../../shared/adapters/raster';
import { findRulings, findTableRegions } from '../../shared/domain/rulings';
import { positionAt } from '../../shared/domain/ruling-fit';
import { findDarkRegions } from '../../services/ocr/src/domain/dark-regions';
import { liesOnItsSide } from '../../services/ocr/src/domain/orientation';
import { removeSpecks } from '../../services/ocr/src/domain/specks';
import { findPhotoRegions } from '../../services/ocr/src/domain/photos';
import { paint, raster } from '../support/rasters';
import { CORPUS, SHIZUISHAN } from '../../harness/corpus';

const DPI = 100;
const maskOf = (r: Raster) => ({ ...r, data: inkMask(r, otsuThreshold(r)) });

let prosePage: Raster;

beforeAll(async () => {
  const pdf = await openPdf(readFileSync(path.join(CORPUS, `${SHIZUISHAN}.digital.pdf`)));
  prosePage = await pdf.render(3, DPI);
  await pdf.close();
});

/** A real page of prose at 100 DPI as a photocopier returns it: a smooth dark gutter down the left edge
 * (5% of the width), `inset` px of a tilted scan's white fill outside it, and two punch holes in the margin. */
function photocopy(inset = 0): Raster {
  const page = { ...prosePage, data: Uint8Array.from(prosePage.data) };
  paint(page, [[inset, 0, Math.round(0.05 * page.width) - inset, page.height]], 40);
  for (const cy of [Math.round(page.height / 2 - 160), Math.round(page.height / 2 + 160)]) {
    for (let y = cy - 12; y <= cy + 12; y += 1) {
      const half = Math.round(Math.sqrt(144 - (y - cy) ** 2));
      paint(page, [[60 - half, y, 2 * half + 1, 1]], 15);
    }
  }
  return page;
}

const cleanedCopy = (page: Raster) => {
  const cleaned = { ...page, data: Uint8Array.from(page.data) };
  whiteOut(cleaned, findDarkRegions(page, DPI));
  return cleaned;
};

describe('dark regions', () => {
  it('finds the gutter and the punch holes, not the print', () => {
    const page = photocopy();
    const cleaned = cleanedCopy(page);
    expect(cleaned.data[500 * page.width + 20]).toBe(255); // gutter
    expect(cleaned.data[(page.height / 2 - 160) * page.width + 60]).toBe(255); // punch hole
    // Every stroke of the prose kept: the text starts 2 cm (79 px) in.
    const ink = (r: Raster) => r.data.reduce((n, v, i) => n + (v < 128 && i % r.width >= 80 ? 1 : 0), 0);
    expect(ink(cleaned)).toBeGreaterThan(10000);
    expect(ink(cleaned)).toBe(ink(page));
  });

  it("finds a shadow that a tilted scan's white fill keeps off the image edge", () => {
    const page = photocopy(12);
    expect(cleanedCopy(page).data[500 * page.width + 30]).toBe(255);
  });

  it('keeps a gutter from making a page look turned a quarter', () => {
    const page = photocopy();
    expect(liesOnItsSide(maskOf(page))).toBe(true);
    expect(liesOnItsSide(maskOf(cleanedCopy(page)))).toBe(false);
  });

  it('keeps a bold heading, dense as it is', () => {
    // A line of 19 pt bold glyphs at 300 DPI (80 px, strokes 1/50 inch = 6 px), tightly packed, on an A4 width.
    const heading = raster(2480, 800, []);
    for (let x = 300; x < 2100; x += 84) {
      for (let k = 0; k < 80; k += 10) {
        paint(heading, [
          [x, 360 + k, 80, 6],
          [x + k, 360, 6, 80],
        ]);
      }
    }
    expect(findDarkRegions(heading, 300)).toEqual([]);
  });

  it("keeps a soft page's characters, whose blurred strokes fill them in", () => {
    // A line of body characters out of focus at 300 DPI: each a dark blot 0.15 inch square (45 px), smooth as a hole
    // is, 0.05 inch apart; a punch hole is 0.24 inch.
    const line = raster(2480, 800, []);
    for (let x = 300; x < 2100; x += 60) {
      paint(line, [[x, 380, 45, 45]], 50);
    }
    expect(findDarkRegions(line, 300)).toEqual([]);
    // Nor the first of a line starting 0.75 inch in: a hole lies wholly within 0.8 inch of the edge.
    const margin = raster(2480, 800, []);
    paint(margin, [[225, 380, 45, 45]], 50);
    expect(findDarkRegions(margin, 300)).toEqual([]);
  });
});

describe('specks', () => {
  it('whitens fax specks and keeps a decimal point', () => {
    const cell = raster(300, 100, [
      [10, 10, 2, 2],
      [200, 70, 3, 3],
      [150, 50, 7, 7],
      [100, 20, 4, 40],
    ]);
    expect(removeSpecks(cell, 300, 128, 3)).toBe(2);
    expect(cell.data[10 * 300 + 10]).toBe(255);
    expect(cell.data[53 * 300 + 153]).toBe(0);
    expect(cell.data[30 * 300 + 101]).toBe(0);
  });
});

describe('seal ink', () => {
  it('lifts red and blue ink to paper and keeps black print, also under a seal', () => {
    expect(grayWithoutStamps(0, 0, 0)).toBe(0);
    expect(grayWithoutStamps(128, 128, 128)).toBe(128);
    expect(grayWithoutStamps(212, 42, 42)).toBeGreaterThan(200);
    expect(grayWithoutStamps(40, 60, 200)).toBeGreaterThan(190);
    expect(grayWithoutStamps(21, 4, 4)).toBeLessThan(40);
  });

  it('leaves a ruled table whole where a seal ring crosses it', () => {
    // A two-row table (rulings at y = 60, 100, 140, sides at x = 20 and 380) with a red seal ring (radius 60,
    // stroke 4) stamped over its middle, as render.py's seal scans have it: RGB to gray per pixel.
    const width = 400;
    const height = 200;
    const verticalsOf = (convert: (r: number, g: number, b: number) => number) => {
      const data = new Uint8Array(width * height);
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          const d = Math.hypot(x - 200, y - 100);
          const rule =
            ([60, 100, 140].some((at) => Math.abs(y - at) <= 1) && x >= 20 && x <= 380) ||
            ([20, 380].some((at) => Math.abs(x - at) <= 1) && y >= 60 && y <= 140);
          const [r, g, b] = rule ? [0, 0, 0] : d > 58 && d < 62 ? [212, 42, 42] : [255, 255, 255];
          data[y * width + x] = convert(r, g, b);
        }
      }
      const regions = findTableRegions(
        findRulings({ width, height, data: inkMask({ width, height, data }, 128) }, { dpi: DPI }),
        { dpi: DPI },
      );
      expect(regions).toHaveLength(1);
      return regions[0].vertical.map((v) => Math.round(v.at));
    };
    const luma = (r: number, g: number, b: number) => (r * 299 + g * 587 + b * 114) / 1000;
    expect(verticalsOf(luma).length).toBeGreaterThan(2);
    expect(verticalsOf(grayWithoutStamps)).toEqual([20, 380]);
  });
});

describe('rulings with a blurred edge', () => {
  it('gathers the pieces of a ruling edge into the ruling, so they form no table of their own', () => {
    // Three rulings 50 px apart with verticals at both ends; the row above each ruling holds periodic pieces
    // of ink, as the top edge of a blurred ruling rendered from 200 DPI does.
    const table = raster(600, 200, [
      [0, 20, 3, 112],
      [597, 20, 3, 112],
    ]);
    for (const y of [30, 80, 130]) {
      paint(table, [[0, y, 600, 3]]);
      for (let x = 40; x < 560; x += 130) {
        paint(table, [[x, y - 1, 100, 1]]);
      }
    }
    const regions = findTableRegions(findRulings({ ...table, data: inkMask(table, 128) }, { dpi: 300 }), { dpi: 300 });
    expect(regions).toHaveLength(1);
    expect(regions[0].vertical).toHaveLength(2);
  });
});

describe('rulings from a fax', () => {
  const rulingsOf = (image: Raster) => findRulings({ ...image, data: inkMask(image, 128) }, { dpi: 300 });

  it('reads a thin tilted ruling that binarising left as a staircase as one line', () => {
    // 240 px (0.8 in) high, 2 px wide, stepping two pixels right every 24 px (one pixel of a 150 dpi fax,
    // rendered at 300): no column holds 0.2 in of it.
    const image = raster(
      100,
      300,
      Array.from({ length: 10 }, (_, k): [number, number, number, number] => [40 + 2 * k, 30 + 24 * k, 2, 24]),
    );
    const vertical = rulingsOf(image).vertical;
    expect(vertical).toHaveLength(1);
    expect(vertical[0].to - vertical[0].from).toBeGreaterThanOrEqual(239);
  });

  it('gives a slanted rule its slope, and places it where it passes each point along it', () => {
    // A table's side 3 px thick, 1200 px (4 in) long, drifting 30 px right on its way down (1.4 degrees, a phone
    // capture's residual keystone): one pixel right every 40 rows.
    const image = raster(
      200,
      1300,
      Array.from({ length: 30 }, (_, k): [number, number, number, number] => [60 + k, 50 + 40 * k, 3, 40]),
    );
    const [side] = rulingsOf(image).vertical;
    expect(side.slope).toBeCloseTo(1 / 40, 3);
    // Where its centre is at the top (61.5 px at row 70) and at the bottom (90.5 px at row 1230), within a pixel.
    expect(Math.abs(positionAt(side, 70) - 61.5)).toBeLessThan(1);
    expect(Math.abs(positionAt(side, 1230) - 90.5)).toBeLessThan(1);
  });

  it('gives a level rule no slope, even where uneven toner left a partial edge row at each end', () => {
    // A rule 3 px thick and 1200 px long, with a row above it over its left half and a row below over its right
    // half: a fit to the runs, set by the edge rows alone, tilted it by 8 px over its length.
    const image = raster(1300, 100, [
      [50, 40, 1200, 3],
      [50, 39, 600, 1],
      [650, 43, 600, 1],
    ]);
    const [rule] = rulingsOf(image).horizontal;
    expect(rule.slope).toBeUndefined();
    expect(rule.at).toBeCloseTo(41, 0);
  });

  it('gives no slope to a steep blob whose rows chained into one segment, and stands it at its mean', () => {
    // A shaded band 100 rows high leaning 1 in 3 (each row 200 px long, three pixels right of the row above it):
    // its rows overlap and gather into one horizontal group, whose fitted line leans 1/3, a slope no rule of a
    // levelled page has (a seal's or a shaded block's ink on Ningxia at 200 dpi).
    const image = raster(
      700,
      200,
      Array.from({ length: 100 }, (_, y): [number, number, number, number] => [20 + 3 * y, 50 + y, 200, 1]),
    );
    const [blob] = rulingsOf(image).horizontal;
    expect(blob.to - blob.from).toBeGreaterThan(400);
    expect(blob.slope).toBeUndefined();
    expect(blob.at).toBeCloseTo(99.5, 0);
  });

  it('gathers a tilted horizontal ruling that binarising left as steps shorter than a ruling into one line', () => {
    // 8 steps, 60 px (0.2 in) long and 2 px thick, each two pixels (one of a 150 dpi fax) lower than the last:
    // no row holds 0.3 in of it.
    const image = raster(
      600,
      100,
      Array.from({ length: 8 }, (_, k): [number, number, number, number] => [20 + 60 * k, 40 + 2 * k, 60, 2]),
    );
    const horizontal = rulingsOf(image).horizontal;
    expect(horizontal).toHaveLength(1);
    expect(horizontal[0].to - horizontal[0].from).toBeGreaterThanOrEqual(470);
  });

  it('chains no rule through the long strokes of a line of large characters, a character gap apart', () => {
    // Six 16 pt characters' strokes, 60 px long (0.2 in), 6 px apart, alternately one pixel higher.
    const image = raster(
      500,
      100,
      Array.from({ length: 6 }, (_, k): [number, number, number, number] => [20 + 66 * k, 50 + (k % 2), 60, 2]),
    );
    expect(rulingsOf(image).horizontal).toEqual([]);
  });

  it('chains no rule through a line of characters whose strokes sit a pixel apart', () => {
    // Eight characters' thin horizontal strokes, 30 px long, 3 px apart, alternately one pixel higher.
    const image = raster(
      400,
      100,
      Array.from({ length: 8 }, (_, k): [number, number, number, number] => [20 + 33 * k, 50 + (k % 2), 30, 1]),
    );
    expect(rulingsOf(image).horizontal).toEqual([]);
  });
});

describe('photos', () => {
  it('finds a mid-gray picture an inch and a half square and no photo in prose', () => {
    const page = { ...prosePage, data: Uint8Array.from(prosePage.data) };
    expect(findPhotoRegions(page, DPI)).toEqual([]);
    for (let y = 600; y < 750; y += 1) {
      for (let x = 300; x < 450; x += 1) {
        page.data[y * page.width + x] = 90 + ((x * 7 + y * 13) % 90);
      }
    }
    const [photo, ...rest] = findPhotoRegions(page, DPI);
    expect(rest).toEqual([]);
    expect(photo.x).toBeLessThanOrEqual(300);
    expect(photo.x + photo.width).toBeGreaterThanOrEqual(440);
  });
});

describe("Otsu's threshold", () => {
  it('keeps the ink of a pure black-and-white page (a fax), where every split is as good', () => {
    const fax = raster(100, 100, [
      [10, 10, 80, 2],
      [10, 50, 2, 40],
    ]);
    expect(inkMask(fax, otsuThreshold(fax)).reduce((s, v) => s + v, 0)).toBe(80 * 2 + 2 * 40);
  });
});
