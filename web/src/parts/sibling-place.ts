// Where a field the reading did not find most likely is, from its neighbours that were found: the fields of its row
// (its key but the last part: applications.newlyReceived.*) give the page and the row's height, the fields of its
// column (its section and last part: applications.*.total) on that page give the column's width. A photocopy's row
// can run onto the next page while its table's first part is on the page before: the row's own siblings say where.
// Pure: no interface text, so it is tested directly (test/unit/sibling-place.test.ts).
import type { BBox } from '../../../shared/contracts/geometry';
import type { Field } from '../../../shared/contracts/report';

export type Located = Pick<Field, 'page' | 'bbox'>;

export interface SiblingPlace {
  page: number;
  box: BBox;
  /** 'cell': row and column both found; 'row': only the row's band (its column's siblings disagree or are absent). */
  from: 'cell' | 'row';
}

const rowOf = (key: string) => key.slice(0, key.lastIndexOf('.'));
const columnOf = (key: string) => `${key.split('.')[0]}.${key.slice(key.lastIndexOf('.') + 1)}`;

function union(boxes: BBox[]): BBox {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The most frequent value (the first met of equals). */
function mostFrequent(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) {
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()].reduce((best, e) => (e[1] > best[1] ? e : best))[0];
}

/** Whether every box overlaps the others horizontally: one printed column, not the same key part in several. */
function oneColumn(boxes: BBox[]): boolean {
  const left = Math.max(...boxes.map((b) => b.x));
  const right = Math.min(...boxes.map((b) => b.x + b.width));
  return right > left;
}

/**
 * The place of `key` from its found siblings in `fields`, or null when no field of its row was found (a whole row
 * missing: then only its table's part can be shown).
 */
export function siblingPlace(key: string, fields: Record<string, Located>): SiblingPlace | null {
  const found = Object.entries(fields).filter(([k, f]) => k !== key && f.page !== null && f.bbox !== null) as [
    string,
    { page: number; bbox: BBox },
  ][];
  const row = found.filter(([k]) => rowOf(k) === rowOf(key)).map(([, f]) => f);
  if (row.length === 0) {
    return null;
  }
  const page = mostFrequent(row.map((f) => f.page));
  const band = union(row.filter((f) => f.page === page).map((f) => f.bbox));
  // The column's other rows on the row's page: they give its left and right.
  const column = found.filter(([k, f]) => columnOf(k) === columnOf(key) && f.page === page).map(([, f]) => f.bbox);
  if (column.length > 0 && oneColumn(column)) {
    const across = union(column);
    return { page, box: { x: across.x, y: band.y, width: across.width, height: band.height }, from: 'cell' };
  }
  return { page, box: band, from: 'row' };
}
