// Perspective transforms between a flat rectangle and a quadrilateral: a photographed sheet is warped flat with one
// (ocr/src/domain/sheet.ts), and text read on the flat sheet is placed back on the photo with the same one
// (the searchable PDF).

export interface Point {
  x: number;
  y: number;
}

/** Corners: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

/**
 * The homography taking the rectangle [0, width] x [0, height] onto `quad` (corners in order): for each output
 * pixel, where to sample the photo. Solved from the four correspondences (8 unknowns, h33 = 1).
 */
export function homography(quad: Quad, width: number, height: number): number[] {
  const from: Point[] = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const rows: number[][] = [];
  from.forEach((p, i) => {
    const q = quad[i];
    rows.push([p.x, p.y, 1, 0, 0, 0, -p.x * q.x, -p.y * q.x, q.x]);
    rows.push([0, 0, 0, p.x, p.y, 1, -p.x * q.y, -p.y * q.y, q.y]);
  });
  return [...solve(rows), 1];
}

/** Gaussian elimination with partial pivoting on an augmented n x (n + 1) system. */
function solve(m: number[][]): number[] {
  const n = m.length;
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1) {
      if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
        pivot = r;
      }
    }
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = 0; r < n; r += 1) {
      if (r !== c) {
        const f = m[r][c] / m[c][c];
        for (let k = c; k <= n; k += 1) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** Where output point (x, y) falls in the photo under homography `h`. */
export function mapPoint(h: readonly number[], x: number, y: number): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return { x: (h[0] * x + h[1] * y + h[2]) / w, y: (h[3] * x + h[4] * y + h[5]) / w };
}
