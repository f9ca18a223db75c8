// Dark regions that are not print: a copier's shadows along the page edges and the gutter, punch holes.
// Print is ink strokes on paper, so any small block of it is uneven; a shadow is smooth shade, a hole solid
// dark. Left in, they pass for text (a gutter makes the page look turned a quarter) or tilt the deskew.
import type { PixelBox, Raster } from '../../../../shared/adapters/raster';

// Blocks of 1/25 inch (12 px at 300 DPI): wider than the heaviest stroke of body or heading text (a 19 pt
// bold stroke is about 1/50 inch), so a block of print always holds both ink and paper.
const BLOCK_IN = 1 / 25;
// Shade: a block clearly darker than paper (255 after the contrast stretch; bleed-through stays above 225)
// and smooth: gray levels spread by less than 40, where a block with a stroke in it spreads by 60-120.
const SHADE_MEAN = 220;
const SHADE_SPREAD = 40;
// Solid: shade darker than this, more than 60% black: a hole, or the core of a gutter.
const SOLID_MEAN = 100;
// A solid area away from the edges is a hole when at least 0.12 inch each way (a punch hole is 0.24 inch);
// a shaded table cell is lighter than solid and keeps its fill.
const MIN_BLOB_IN = 0.12;
// Shade belongs to the page's edge when it comes within half an inch of the image's edge: a tilted scan is
// filled with white at its edges (0.2 inch at 1.5 degrees, 0.4 inch at 3 degrees), so a copier's shadow
// seldom touches the image edge itself. A gray-filled table cell sits inside the page's 0.8 inch margin.
const EDGE_IN = 0.5;
// Each shade block is whitened with one block around it, for the soft rim a blur leaves.
const RIM_BLOCKS = 1;

/** Boxes (raster pixels) of shade at the page's edge (copier shadows, the gutter) and of solid blobs. */
export function findDarkRegions(raster: Raster, dpi: number): PixelBox[] {
  const block = Math.max(2, Math.round(BLOCK_IN * dpi));
  const cols = Math.ceil(raster.width / block);
  const rows = Math.ceil(raster.height / block);
  const shade = new Uint8Array(cols * rows);
  const solid = new Uint8Array(cols * rows);
  for (let by = 0; by < rows; by += 1) {
    for (let bx = 0; bx < cols; bx += 1) {
      const { mean, spread } = blockStats(raster, bx * block, by * block, block);
      // Smooth, both: a bold glyph can be 60% ink over a block, but its block still holds paper.
      shade[by * cols + bx] = mean < SHADE_MEAN && spread < SHADE_SPREAD ? 1 : 0;
      solid[by * cols + bx] = shade[by * cols + bx] && mean < SOLID_MEAN ? 1 : 0;
    }
  }
  const minBlob = Math.ceil((MIN_BLOB_IN * dpi) / block);
  const edge = Math.floor((EDGE_IN * dpi) / block);
  const boxes: PixelBox[] = [];
  const take = (c: Component) => {
    for (const [bx, by] of c.blocks) {
      boxes.push({ x: (bx - RIM_BLOCKS) * block, y: (by - RIM_BLOCKS) * block, width: (2 * RIM_BLOCKS + 1) * block, height: (2 * RIM_BLOCKS + 1) * block });
    }
  };
  for (const c of components(shade, cols, rows)) {
    if (c.x0 <= edge || c.y0 <= edge || c.x1 >= cols - 1 - edge || c.y1 >= rows - 1 - edge) {
      take(c);
    }
  }
  for (const c of components(solid, cols, rows)) {
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    if (w >= minBlob && h >= minBlob && c.count >= 0.5 * w * h) {
      take(c);
    }
  }
  return mergeBoxesByRow(boxes);
}

/** Mean gray of a block and the spread of its levels (standard deviation), from every other pixel. */
function blockStats(raster: Raster, x0: number, y0: number, block: number): { mean: number; spread: number } {
  let sum = 0;
  let squares = 0;
  let n = 0;
  for (let y = y0; y < Math.min(raster.height, y0 + block); y += 2) {
    for (let x = x0; x < Math.min(raster.width, x0 + block); x += 2) {
      const v = raster.data[y * raster.width + x];
      sum += v;
      squares += v * v;
      n += 1;
    }
  }
  if (n === 0) {
    return { mean: 255, spread: 0 };
  }
  const mean = sum / n;
  return { mean, spread: Math.sqrt(Math.max(0, squares / n - mean * mean)) };
}

interface Component { x0: number; y0: number; x1: number; y1: number; count: number; blocks: [number, number][] }

/** 8-connected groups of set blocks. */
function components(grid: Uint8Array, cols: number, rows: number): Component[] {
  const seen = new Uint8Array(grid.length);
  const out: Component[] = [];
  for (let i = 0; i < grid.length; i += 1) {
    if (!grid[i] || seen[i]) {
      continue;
    }
    const c: Component = { x0: cols, y0: rows, x1: 0, y1: 0, count: 0, blocks: [] };
    const stack = [i];
    seen[i] = 1;
    while (stack.length > 0) {
      const j = stack.pop() as number;
      const x = j % cols;
      const y = (j - x) / cols;
      c.blocks.push([x, y]);
      c.count += 1;
      c.x0 = Math.min(c.x0, x);
      c.x1 = Math.max(c.x1, x);
      c.y0 = Math.min(c.y0, y);
      c.y1 = Math.max(c.y1, y);
      for (let dy = -1; dy <= 1; dy += 1) {
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = x + dx;
          const ny = y + dy;
          const k = ny * cols + nx;
          if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && grid[k] && !seen[k]) {
            seen[k] = 1;
            stack.push(k);
          }
        }
      }
    }
    out.push(c);
  }
  return out;
}

/** Overlapping squares of one row band joined into runs: fewer boxes for whiteOut to paint. */
function mergeBoxesByRow(boxes: PixelBox[]): PixelBox[] {
  const sorted = [...boxes].sort((a, b) => a.y - b.y || a.x - b.x);
  const out: PixelBox[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && last.y === b.y && last.height === b.height && b.x <= last.x + last.width) {
      last.width = Math.max(last.width, b.x + b.width - last.x);
    } else {
      out.push({ ...b });
    }
  }
  return out;
}
