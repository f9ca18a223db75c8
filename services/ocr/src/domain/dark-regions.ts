// Dark regions that are not print: a copier's shadows along the page edges and the gutter, punch holes.
// Print is ink strokes on paper, so any small block of it is uneven; a shadow is smooth shade, a hole solid
// dark. Left in, they pass for text (a gutter makes the page look turned a quarter) or tilt the deskew.
import type { PixelBox, Raster } from '../../../../shared/adapters/raster';
import { BlockGroup, blockGrid, blockGroups } from './page-blocks';

// Blocks of 1/25 inch (12 px at 300 DPI): wider than the heaviest stroke of body or heading text (a 19 pt
// bold stroke is about 1/50 inch), so a block of print always holds both ink and paper.
const BLOCK_IN = 1 / 25;
// Shade: a block clearly darker than paper (255 after the contrast stretch; bleed-through stays above 225)
// and smooth: gray levels spread by less than 40, where a block with a stroke in it spreads by 60-120.
const SHADE_MEAN = 220;
const SHADE_SPREAD = 40;
// Solid: shade darker than this, more than 60% black: a hole, or the core of a gutter.
const SOLID_MEAN = 100;
// A solid area is a hole when at least 0.12 inch each way (a punch hole is 0.24 inch) and wholly within 0.8 inch of
// the image's edge: a hole's centre is 12 mm from the sheet's edge (ISO 838) and its far rim 15 mm (0.59 inch), with a
// few millimetres for where the scanner put the sheet; printed text keeps a margin of 0.7 inch or more, so a
// character reaches past 0.8 inch. A hole further in (a sheet laid far into a larger bed) is left as print. A page in
// soft focus fills its characters' strokes in: body characters became solid areas of 3x3 to 3x4 blocks (0.12-0.16
// inch), a bold title's 4x5, and taken anywhere on the page, 108 of them were whitened on one page (soft Yinchuan,
// captures seed 312557232: prose CER 9.1%, its title unread), while the hole is no larger than them in blocks (its
// rim is not smooth). A shaded table cell is lighter than solid and keeps its fill.
const MIN_BLOB_IN = 0.12;
const HOLE_EDGE_IN = 0.8;
// Shade belongs to the page's edge when it comes within half an inch of the image's edge: a tilted scan is
// filled with white at its edges (0.2 inch at 1.5 degrees, 0.4 inch at 3 degrees), so a copier's shadow
// seldom touches the image edge itself. A gray-filled table cell sits inside the page's 0.8 inch margin.
const EDGE_IN = 0.5;
// Each shade block is whitened with one block around it, for the soft rim a blur leaves.
const RIM_BLOCKS = 1;

/** Boxes (raster pixels) of shade at the page's edge (copier shadows, the gutter) and of solid blobs. */
export function findDarkRegions(raster: Raster, dpi: number): PixelBox[] {
  // Smooth, both: a bold glyph can be 60% ink over a block, but its block still holds paper.
  const shade = blockGrid(raster, dpi, BLOCK_IN, 2, (l) => l.mean < SHADE_MEAN && l.spread < SHADE_SPREAD);
  const solid = blockGrid(raster, dpi, BLOCK_IN, 2, (l) => l.mean < SOLID_MEAN && l.spread < SHADE_SPREAD);
  const { block, cols, rows } = shade;
  const minBlob = Math.ceil((MIN_BLOB_IN * dpi) / block);
  const edge = Math.floor((EDGE_IN * dpi) / block);
  const boxes: PixelBox[] = [];
  const take = (c: BlockGroup) => {
    for (const [bx, by] of c.blocks) {
      boxes.push({
        x: (bx - RIM_BLOCKS) * block,
        y: (by - RIM_BLOCKS) * block,
        width: (2 * RIM_BLOCKS + 1) * block,
        height: (2 * RIM_BLOCKS + 1) * block,
      });
    }
  };
  for (const c of blockGroups(shade, true)) {
    if (c.x0 <= edge || c.y0 <= edge || c.x1 >= cols - 1 - edge || c.y1 >= rows - 1 - edge) {
      take(c);
    }
  }
  const holeEdge = Math.floor((HOLE_EDGE_IN * dpi) / block);
  for (const c of blockGroups(solid, true)) {
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    const byEdge = c.x1 < holeEdge || c.y1 < holeEdge || c.x0 >= cols - holeEdge || c.y0 >= rows - holeEdge;
    if (byEdge && w >= minBlob && h >= minBlob && c.blocks.length >= 0.5 * w * h) {
      take(c);
    }
  }
  return mergeBoxesByRow(boxes);
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
