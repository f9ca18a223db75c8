import type { Raster } from '../../shared/adapters/raster';
import { clearBorderLines, dashReading, textBands } from '../../services/table-extraction/src/domain/cell-image';

/** A white raster with black rectangles [x, y, w, h]. */
function raster(width: number, height: number, boxes: [number, number, number, number][]): Raster {
  const data = new Uint8Array(width * height).fill(255);
  for (const [x0, y0, w, h] of boxes) {
    for (let y = y0; y < y0 + h; y += 1) {
      data.fill(0, y * width + x0, y * width + x0 + w);
    }
  }
  return { width, height, data };
}

describe('cell images', () => {
  it('reads a lone thin stroke as a dash, a long one as a doubled dash', () => {
    expect(dashReading(raster(120, 60, [[40, 29, 40, 3]]), 300)).toBe('—');
    expect(dashReading(raster(200, 60, [[20, 29, 100, 3]]), 300)).toBe('——');
  });

  it('does not take a digit or a character for a dash', () => {
    expect(dashReading(raster(120, 60, [[50, 10, 4, 40]]), 300)).toBeUndefined();
    expect(dashReading(raster(120, 60, [[40, 10, 40, 3], [40, 30, 40, 3]]), 300)).toBeUndefined();
  });

  it('finds the text lines of a cell with characters stacked one per line', () => {
    const bands = textBands(raster(80, 200, [[20, 50, 40, 36], [20, 105, 40, 36]]));
    expect(bands).toHaveLength(2);
    expect(bands[0].from).toBeLessThan(50);
    expect(bands[1].to).toBeGreaterThan(141);
  });

  it('whites out ruling leftovers at the edges but keeps the text', () => {
    const cell = raster(100, 60, [[0, 0, 100, 2], [0, 0, 2, 60], [45, 20, 10, 20]]);
    clearBorderLines(cell);
    expect(cell.data[0]).toBe(255);
    expect(cell.data[30 * 100 + 1]).toBe(255);
    expect(cell.data[30 * 100 + 50]).toBe(0);
  });
});
