// Connected groups of ink pixels (8-connected), the unit both speck removal and the blank-cell test reason
// about: print is made of groups of at least a glyph stroke's size, noise of smaller ones.

export interface GrayImage {
  width: number;
  height: number;
  /** 0 black .. 255 white, row-major. */
  data: Uint8Array;
}

export interface InkGroup {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Pixel indices of the group, kept only while its extent stays within `keepUpTo` each way. */
  pixels: number[] | null;
}

/** Every group of pixels darker than `threshold`, with its extent; members of groups up to `keepUpTo` px. */
export function inkGroups(image: GrayImage, threshold: number, keepUpTo: number): InkGroup[] {
  const { width, height, data } = image;
  const seen = new Uint8Array(width * height);
  const groups: InkGroup[] = [];
  const stack: number[] = [];
  for (let start = 0; start < data.length; start += 1) {
    if (seen[start] || data[start] >= threshold) {
      continue;
    }
    seen[start] = 1;
    stack.push(start);
    const x = start % width;
    const group: InkGroup = { x0: x, x1: x, y0: (start - x) / width, y1: (start - x) / width, pixels: [] };
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const px = i % width;
      const py = (i - px) / width;
      group.x0 = Math.min(group.x0, px);
      group.x1 = Math.max(group.x1, px);
      group.y0 = Math.min(group.y0, py);
      group.y1 = Math.max(group.y1, py);
      if (group.pixels && group.x1 - group.x0 < keepUpTo && group.y1 - group.y0 < keepUpTo) {
        group.pixels.push(i);
      } else {
        // Large groups (glyphs, rulings) are still flooded whole, so none of their pixels starts a group of
        // its own, but their members are not kept.
        group.pixels = null;
      }
      for (let dy = -1; dy <= 1; dy += 1) {
        const ny = py + dy;
        if (ny < 0 || ny >= height) {
          continue;
        }
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = px + dx;
          const k = ny * width + nx;
          if (nx >= 0 && nx < width && !seen[k] && data[k] < threshold) {
            seen[k] = 1;
            stack.push(k);
          }
        }
      }
    }
    groups.push(group);
  }
  return groups;
}
