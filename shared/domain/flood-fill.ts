// The one flood fill: connected regions of a row-major grid (the pixels of an image, the blocks of a page's block
// grid), through edges (4-connected) or corners too (8-connected). Ink groups, blocks of shade or photo, the sheet
// in a photograph and the faint edges joined to print are all regions of this one fill, with their variants as
// options: which cells may be entered, what is kept of each region.

/** Through edges only (4) or through corners too (8). */
export type Connectivity = 4 | 8;

// Neighbour offsets as [dx, dy] pairs, in row order (top row left to right, then the row, then the row below): a
// region's members are visited in the same order whatever the caller, so the first member kept is its start and
// the order of the rest is reproducible.
const STEPS: Record<Connectivity, Int8Array> = {
  4: Int8Array.from([0, -1, -1, 0, 1, 0, 0, 1]),
  8: Int8Array.from([-1, -1, 0, -1, 1, -1, -1, 0, 1, 0, -1, 1, 0, 1, 1, 1]),
};

/**
 * Floods from the cells on `stack` (indices into a `width` x `height` grid, row-major) into the neighbours that are
 * open (not 0 in `open`), and on from those, depth first. Each cell entered is closed (set to 0 in `open`), so it is
 * entered once; the seeds are the caller's to close. `visit(i)` sees every cell taken off the stack, the seeds
 * included. Empties `stack`.
 */
export function flood(
  stack: number[],
  open: Uint8Array,
  width: number,
  height: number,
  connectivity: Connectivity,
  visit?: (i: number) => void,
): void {
  const steps = STEPS[connectivity];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    visit?.(i);
    const x = i % width;
    const y = (i - x) / width;
    for (let s = 0; s < steps.length; s += 2) {
      const nx = x + steps[s];
      const ny = y + steps[s + 1];
      if (nx >= 0 && nx < width && ny >= 0 && ny < height) {
        const j = ny * width + nx;
        if (open[j] !== 0) {
          open[j] = 0;
          stack.push(j);
        }
      }
    }
  }
}

/** A connected region: its extent (inclusive), its number of cells, and its cells (members) when kept. */
export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
  /** Indices of the region's cells, its start first; null when its extent reached `keepMembersUpTo` either way. */
  members: number[] | null;
}

export interface RegionOptions {
  connectivity: Connectivity;
  /** Cells are kept only for regions whose extent stays under this many cells each way (default: every region).
   * Larger regions are still flooded whole, so none of their cells starts a region of its own. */
  keepMembersUpTo?: number;
}

/** Every connected region of the cells of `mask` (a `width` x `height` grid, row-major) that are not 0, in the order of
 * their first cell. `mask` is left as it is. */
export function regions(
  mask: Uint8Array,
  width: number,
  height: number,
  { connectivity, keepMembersUpTo = Infinity }: RegionOptions,
): Region[] {
  // Cells inside and not yet taken: a copy of the mask, cleared as the fill takes them.
  const open = Uint8Array.from(mask);
  const out: Region[] = [];
  const stack: number[] = [];
  let region: Region;
  const visit = (i: number) => {
    const x = i % width;
    const y = (i - x) / width;
    region.x0 = Math.min(region.x0, x);
    region.x1 = Math.max(region.x1, x);
    region.y0 = Math.min(region.y0, y);
    region.y1 = Math.max(region.y1, y);
    region.area += 1;
    if (region.members && region.x1 - region.x0 < keepMembersUpTo && region.y1 - region.y0 < keepMembersUpTo) {
      region.members.push(i);
    } else {
      region.members = null;
    }
  };
  for (let start = 0; start < open.length; start += 1) {
    if (open[start] === 0) {
      continue;
    }
    open[start] = 0;
    const x = start % width;
    const y = (start - x) / width;
    region = { x0: x, y0: y, x1: x, y1: y, area: 0, members: [] };
    stack.push(start);
    flood(stack, open, width, height, connectivity, visit);
    out.push(region);
  }
  return out;
}
