// A page seen as small square blocks: photo finding and shade finding both judge blocks by their gray levels
// and take connected groups of the blocks they keep.
import type { Raster } from '../../../../shared/adapters/raster';
import { regions } from '../../../../shared/domain/flood-fill';

export interface BlockGrid {
  /** Block side, pixels. */
  block: number;
  cols: number;
  rows: number;
  /** 1 where the block was kept, row-major. */
  kept: Uint8Array;
}

export interface BlockLevels {
  mean: number;
  /** Standard deviation of the levels. */
  spread: number;
  /** Share of levels strictly between `midLow` and `midHigh` (neither paper nor ink). */
  midShare: number;
}

/** Blocks of `blockIn` inch (at least `minPx`), each kept when `keep` says so of its levels, sampled every other pixel. */
export function blockGrid(
  raster: Raster,
  dpi: number,
  blockIn: number,
  minPx: number,
  keep: (levels: BlockLevels) => boolean,
  mid: { low: number; high: number } = { low: 70, high: 200 },
): BlockGrid {
  const block = Math.max(minPx, Math.round(blockIn * dpi));
  const cols = Math.ceil(raster.width / block);
  const rows = Math.ceil(raster.height / block);
  const kept = new Uint8Array(cols * rows);
  for (let by = 0; by < rows; by += 1) {
    for (let bx = 0; bx < cols; bx += 1) {
      let sum = 0;
      let squares = 0;
      let midCount = 0;
      let n = 0;
      for (let y = by * block; y < Math.min(raster.height, (by + 1) * block); y += 2) {
        for (let x = bx * block; x < Math.min(raster.width, (bx + 1) * block); x += 2) {
          const v = raster.data[y * raster.width + x];
          sum += v;
          squares += v * v;
          midCount += v > mid.low && v < mid.high ? 1 : 0;
          n += 1;
        }
      }
      const mean = n > 0 ? sum / n : 255;
      const levels = {
        mean,
        spread: n > 0 ? Math.sqrt(Math.max(0, squares / n - mean * mean)) : 0,
        midShare: n > 0 ? midCount / n : 0,
      };
      kept[by * cols + bx] = n > 0 && keep(levels) ? 1 : 0;
    }
  }
  return { block, cols, rows, kept };
}

export interface BlockGroup {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** [column, row] of each block in the group. */
  blocks: [number, number][];
}

/** Connected groups of kept blocks, through edges only or (`diagonal`) through corners too. */
export function blockGroups(grid: BlockGrid, diagonal: boolean): BlockGroup[] {
  const { cols, rows, kept } = grid;
  return regions(kept, cols, rows, { connectivity: diagonal ? 8 : 4 }).map(({ x0, y0, x1, y1, members }) => ({
    x0,
    y0,
    x1,
    y1,
    blocks: (members ?? []).map((j): [number, number] => [j % cols, Math.floor(j / cols)]),
  }));
}
