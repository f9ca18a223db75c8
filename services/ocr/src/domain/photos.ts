// Photo regions: areas dense in mid-gray tones, which printed text never is. They are left out of text OCR,
// where they would only produce garbage words.
import type { PixelBox, Raster } from '../../../../shared/adapters/raster';
import { blockGrid, blockGroups } from './page-blocks';

// Blocks of 1/12 inch; a block is photographic when over half its pixels are neither paper nor ink
// (strictly between 70 and 200 on the contrast-stretched page).
const BLOCK_IN = 1 / 12;
const MID_SHARE = 0.5;
// A photo is at least 0.8 inch on each side: smaller mid-gray patches are smudges or stamps.
const MIN_SIDE_IN = 0.8;

/** Boxes (raster pixels) of photo-like regions on a contrast-normalised page. */
export function findPhotoRegions(raster: Raster, dpi: number): PixelBox[] {
  const grid = blockGrid(raster, dpi, BLOCK_IN, 4, (levels) => levels.midShare > MID_SHARE);
  const { block } = grid;
  const minBlocks = Math.round((MIN_SIDE_IN * dpi) / block);
  return blockGroups(grid, false)
    .filter((c) => c.x1 - c.x0 + 1 >= minBlocks && c.y1 - c.y0 + 1 >= minBlocks)
    .map((c) => ({
      x: c.x0 * block,
      y: c.y0 * block,
      width: (c.x1 - c.x0 + 1) * block,
      height: (c.y1 - c.y0 + 1) * block,
    }));
}
