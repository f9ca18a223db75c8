// Boxes and rulings in PDF points (1/72 inch), origin at the page's top-left, so they do not depend on DPI.
import { z } from 'zod';

/** An axis-aligned box in PDF points, origin top-left. */
export const bboxSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
});
export type BBox = z.infer<typeof bboxSchema>;

/** A ruling line segment: `at` is its y (horizontal) or x (vertical) at its middle; it runs from `from` to `to`;
 * `slope`, where it drifts by 1/50 in or more along its length (a slanted capture: shared/domain/ruling-fit.ts), is
 * the change of `at` per unit along it. */
export const segmentSchema = z.object({
  at: z.number(),
  from: z.number(),
  to: z.number(),
  slope: z.number().optional(),
});
export type Segment = z.infer<typeof segmentSchema>;

/** The ruling lines found on a page. */
export const rulingsSchema = z.object({
  horizontal: z.array(segmentSchema),
  vertical: z.array(segmentSchema),
});

/** A ruled table's place on a page and the ruling segments that make it (shared/domain/rulings.ts findTableRegions). */
export const tableRegionSchema = bboxSchema.merge(rulingsSchema);
export type TableRegion = z.infer<typeof tableRegionSchema>;

/** Smallest box holding all of `boxes`; undefined for none. */
export function unionBox(boxes: readonly BBox[]): BBox | undefined {
  if (boxes.length === 0) {
    return undefined;
  }
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Whether the centre of `inner` lies inside `outer`. */
export function centreInside(inner: BBox, outer: BBox): boolean {
  const cx = inner.x + inner.width / 2;
  const cy = inner.y + inner.height / 2;
  return cx >= outer.x && cx <= outer.x + outer.width && cy >= outer.y && cy <= outer.y + outer.height;
}

/** Rounds a box to 0.01 pt so stored reports stay small and stable. */
export function roundBox(b: BBox): BBox {
  const r = (v: number) => Math.round(v * 100) / 100;
  return { x: r(b.x), y: r(b.y), width: r(b.width), height: r(b.height) };
}
