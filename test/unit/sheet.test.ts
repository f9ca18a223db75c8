// A phone photo's sheet: found against the desk, its keystone undone by a homography, its paper named.
import type { RgbRaster } from '../../shared/adapters/raster';
import {
  Quad,
  findSheet,
  greyThumbnail,
  paperOf,
  quadSize,
  sheetProportions,
  warpSheet,
} from '../../services/ocr/src/domain/sheet';
import { homography, mapPoint } from '../../shared/domain/homography';

// The sheet as a flat page: 210 x 297 px (A4 at about 25 DPI), white, ruled every 30 px each way.
const SHEET = { width: 210, height: 297 };
const ruled = (x: number, y: number) => Math.round(x) % 30 < 2 || Math.round(y) % 30 < 2;

/** A photo of the ruled sheet seen with its corners at `quad`, on a dark desk. */
function photo(width: number, height: number, quad: Quad, desk = 45): RgbRaster {
  // For each photo pixel, where it falls on the sheet: the inverse of sheet -> photo.
  const sheetToPhoto = homography(quad, SHEET.width, SHEET.height);
  const inverse = invert(sheetToPhoto);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const s = mapPoint(inverse, x + 0.5, y + 0.5);
      const onSheet = s.x >= 0 && s.y >= 0 && s.x < SHEET.width && s.y < SHEET.height;
      const v = !onSheet ? desk : ruled(s.x, s.y) ? 20 : 232;
      data.set([v, v, onSheet ? v - 8 : v], (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

/** The inverse of a 3x3 matrix given row-major. */
function invert(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    e * i - f * h,
    c * h - b * i,
    b * f - c * e,
    f * g - d * i,
    a * i - c * g,
    c * d - a * f,
    d * h - e * g,
    b * g - a * h,
    a * e - b * d,
  ].map((v) => v / det);
}

const keystoned: Quad = [
  { x: 70, y: 40 },
  { x: 250, y: 48 },
  { x: 270, y: 350 },
  { x: 45, y: 342 },
];

describe('the sheet in a photo', () => {
  it('finds the four corners of a keystoned, turned sheet on a desk', () => {
    const found = findSheet(greyThumbnail(photo(320, 400, keystoned), 1));
    expect(found).not.toBeNull();
    (found as Quad).forEach((corner, i) => {
      expect(Math.hypot(corner.x - keystoned[i].x, corner.y - keystoned[i].y)).toBeLessThan(4);
    });
  });

  it("finds the corner of a sheet that lies in a shadow (60% of the light), not the shadow's edge", () => {
    const image = photo(320, 400, keystoned, 110);
    // A hand's shadow over the top half of the photo: paper 232 -> 139, a light desk 110 -> 66; Otsu's split
    // alone falls between the shaded paper and the lit paper.
    for (let y = 0; y < 200; y += 1) {
      for (let x = 0; x < 320; x += 1) {
        for (let c = 0; c < 3; c += 1) {
          image.data[(y * 320 + x) * 3 + c] = Math.round(image.data[(y * 320 + x) * 3 + c] * 0.6);
        }
      }
    }
    const found = findSheet(greyThumbnail(image, 1)) as Quad;
    expect(Math.hypot(found[1].x - keystoned[1].x, found[1].y - keystoned[1].y)).toBeLessThan(4);
  });

  it('warps the sheet flat: its rulings come out straight and where the page has them', () => {
    const image = photo(320, 400, keystoned);
    const flat = warpSheet(image, findSheet(greyThumbnail(image, 1)) as Quad, SHEET.width, SHEET.height);
    const dark = (x: number, y: number) => flat.data[(y * flat.width + x) * 3] < 128;
    // The horizontal ruling at y = 150 runs across the page on that row (within 2 px), at every x checked.
    for (const x of [20, 70, 105, 140, 190]) {
      expect([149, 150, 151, 152].some((y) => dark(x, y))).toBe(true);
      expect(dark(x, 165)).toBe(false);
    }
    // So does the vertical ruling at x = 90, from top to bottom.
    for (const y of [15, 100, 200, 280]) {
      expect([89, 90, 91, 92].some((x) => dark(x, y))).toBe(true);
      expect(dark(105, y)).toBe(false);
    }
  });

  it('gives the sheet A4 short side and its own proportions, whichever way it lies', () => {
    const a4 = paperOf({ width: 210, height: 297 });
    expect(a4.width).toBe(595.28);
    expect(a4.height).toBeCloseTo(841.89, 0);
    expect(paperOf({ width: 297, height: 210 })).toEqual({ width: a4.height, height: 595.28 });
  });

  it('undoes the foreshortening of a sheet photographed at an angle', () => {
    // An A4 sheet (210 x 297 mm) 400 mm from a camera of focal length 3000 px (a 4032 x 3024 photo), tilted 25
    // degrees back and 10 degrees sideways: its far side is shorter, its height foreshortened.
    const f = 3000;
    const [cx, cy] = [1512, 2016];
    const tilt = (25 * Math.PI) / 180;
    const turn = (10 * Math.PI) / 180;
    const project = (x: number, y: number) => {
      const [x0, y0] = [x - 105, y - 148.5];
      const [y1, z1] = [y0 * Math.cos(tilt), y0 * Math.sin(tilt)];
      const [x2, z2] = [x0 * Math.cos(turn) + z1 * Math.sin(turn), -x0 * Math.sin(turn) + z1 * Math.cos(turn)];
      return { x: cx + (f * x2) / (400 + z2), y: cy + (f * y1) / (400 + z2) };
    };
    const seen: Quad = [project(0, 0), project(210, 0), project(210, 297), project(0, 297)];
    const naive = quadSize(seen);
    expect(naive.height / naive.width).toBeLessThan(1.35); // taken as seen, it would not be A4
    const corrected = sheetProportions(seen, 3024, 4032);
    expect(corrected.height / corrected.width).toBeCloseTo(297 / 210, 1);
  });

  it('finds no sheet in a scan, whose paper fills the image', () => {
    const scan = photo(210, 297, [
      { x: 0, y: 0 },
      { x: 210, y: 0 },
      { x: 210, y: 297 },
      { x: 0, y: 297 },
    ]);
    expect(findSheet(greyThumbnail(scan, 1))).toBeNull();
  });
});
