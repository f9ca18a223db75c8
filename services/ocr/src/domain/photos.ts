// Photo regions: areas dense in mid-gray tones, which printed text never is. They are left out of text OCR,
// where they would only produce garbage words.
import type { PixelBox, Raster } from '../../../../shared/adapters/raster';

// Blocks of 1/12 inch; a block is photographic when over half its pixels are neither paper nor ink.
const BLOCK_IN = 1 / 12;
const MID_SHARE = 0.5;
const MID_LOW = 70;
const MID_HIGH = 200;
// A photo is at least 0.8 inch on each side: smaller mid-gray patches are smudges or stamps.
const MIN_SIDE_IN = 0.8;

/** Boxes (raster pixels) of photo-like regions on a contrast-normalised page. */
export function findPhotoRegions(raster: Raster, dpi: number): PixelBox[] {
  const block = Math.max(4, Math.round(BLOCK_IN * dpi));
  const cols = Math.ceil(raster.width / block);
  const rows = Math.ceil(raster.height / block);
  const photo = new Uint8Array(cols * rows);
  for (let by = 0; by < rows; by += 1) {
    for (let bx = 0; bx < cols; bx += 1) {
      let mid = 0;
      let n = 0;
      for (let y = by * block; y < Math.min(raster.height, (by + 1) * block); y += 2) {
        for (let x = bx * block; x < Math.min(raster.width, (bx + 1) * block); x += 2) {
          const v = raster.data[y * raster.width + x];
          mid += v > MID_LOW && v < MID_HIGH ? 1 : 0;
          n += 1;
        }
      }
      photo[by * cols + bx] = n > 0 && mid / n > MID_SHARE ? 1 : 0;
    }
  }
  const minBlocks = Math.round((MIN_SIDE_IN * dpi) / block);
  return components(photo, cols, rows)
    .filter((c) => c.x1 - c.x0 + 1 >= minBlocks && c.y1 - c.y0 + 1 >= minBlocks)
    .map((c) => ({ x: c.x0 * block, y: c.y0 * block, width: (c.x1 - c.x0 + 1) * block, height: (c.y1 - c.y0 + 1) * block }));
}

/** Bounding boxes of 4-connected groups of set cells. */
function components(grid: Uint8Array, cols: number, rows: number) {
  const seen = new Uint8Array(grid.length);
  const out: { x0: number; y0: number; x1: number; y1: number }[] = [];
  for (let i = 0; i < grid.length; i += 1) {
    if (!grid[i] || seen[i]) {
      continue;
    }
    const box = { x0: cols, y0: rows, x1: 0, y1: 0 };
    const stack = [i];
    seen[i] = 1;
    while (stack.length > 0) {
      const j = stack.pop() as number;
      const x = j % cols;
      const y = (j - x) / cols;
      box.x0 = Math.min(box.x0, x);
      box.x1 = Math.max(box.x1, x);
      box.y0 = Math.min(box.y0, y);
      box.y1 = Math.max(box.y1, y);
      for (const [nx, ny] of [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]]) {
        const k = ny * cols + nx;
        if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && grid[k] && !seen[k]) {
          seen[k] = 1;
          stack.push(k);
        }
      }
    }
    out.push(box);
  }
  return out;
}
