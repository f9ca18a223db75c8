// Connected groups of ink pixels (8-connected), the unit both speck removal and the blank-cell test reason
// about: print is made of groups of at least a glyph stroke's size, noise of smaller ones.
import { Region, regions } from './flood-fill';

export interface GrayImage {
  width: number;
  height: number;
  /** 0 black .. 255 white, row-major. */
  data: Uint8Array;
}

/** A group of ink: its extent and, while that stays within `keepUpTo` each way, its pixel indices (`members`). */
export type InkGroup = Region;

/** Every group of pixels darker than `threshold`, with its extent; members of groups up to `keepUpTo` px. */
export function inkGroups(image: GrayImage, threshold: number, keepUpTo: number): InkGroup[] {
  const { width, height, data } = image;
  const ink = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += 1) {
    ink[i] = data[i] < threshold ? 1 : 0;
  }
  return regions(ink, width, height, { connectivity: 8, keepMembersUpTo: keepUpTo });
}
