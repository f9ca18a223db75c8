// A page seen as small square blocks: photo finding and shade finding both judge blocks by their gray levels
// and take connected groups of the blocks they keep.
import type { Raster } from '../../../../shared/adapters/raster';

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
  const steps = diagonal
    ? [
        [-1, -1],
        [0, -1],
        [1, -1],
        [-1, 0],
        [1, 0],
        [-1, 1],
        [0, 1],
        [1, 1],
      ]
    : [
        [0, -1],
        [-1, 0],
        [1, 0],
        [0, 1],
      ];
  const seen = new Uint8Array(kept.length);
  const out: BlockGroup[] = [];
  for (let i = 0; i < kept.length; i += 1) {
    if (!kept[i] || seen[i]) {
      continue;
    }
    const group: BlockGroup = { x0: cols, y0: rows, x1: 0, y1: 0, blocks: [] };
    const stack = [i];
    seen[i] = 1;
    while (stack.length > 0) {
      const j = stack.pop() as number;
      const x = j % cols;
      const y = (j - x) / cols;
      group.blocks.push([x, y]);
      group.x0 = Math.min(group.x0, x);
      group.x1 = Math.max(group.x1, x);
      group.y0 = Math.min(group.y0, y);
      group.y1 = Math.max(group.y1, y);
      for (const [dx, dy] of steps) {
        const nx = x + dx;
        const ny = y + dy;
        const k = ny * cols + nx;
        if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && kept[k] && !seen[k]) {
          seen[k] = 1;
          stack.push(k);
        }
      }
    }
    out.push(group);
  }
  return out;
}
