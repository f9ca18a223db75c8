// From mapped cells to one cell per field key, with the doubt about the cell's place in the grid.
import type { Cell } from '../../../../shared/contracts/table';
import { comparable } from '../../../../shared/domain/cjk-text';

/** A cell the template mapping gave a key to. */
export interface Located {
  key: string;
  cell: Cell;
  unit?: string;
  /** How the key was given where a caption was not read: by the cell's place in the template's grid. */
  placed?: string;
}

/** A key's cell once every cell mapped to it is weighed. */
export interface Resolved extends Located {
  /** Why the value's place is in doubt, for the field's reasons. */
  doubt?: string;
}

/**
 * One cell per key. A header over several grid columns (a column boundary that only other rows use) maps
 * every piece under it to its key: the one piece with ink is the value, and pieces that read differently
 * are a disagreement a person must settle. A cell whose place in the grid is in doubt keeps that doubt.
 */
export function resolveKeys(located: readonly Located[]): Resolved[] {
  const byKey = new Map<string, Located[]>();
  for (const l of located) {
    byKey.set(l.key, [...(byKey.get(l.key) ?? []), l]);
  }
  return [...byKey.values()].map((candidates) => {
    const inked = candidates.filter((l) => l.cell.text.trim() !== '');
    const chosen = inked[0] ?? candidates[0];
    const readings = new Set(inked.map((l) => comparable(l.cell.text)));
    const doubt =
      readings.size > 1
        ? `the header over this value spans ${candidates.length} grid columns, which read differently: ${inked.map((l) => `"${l.cell.text}"`).join(', ')}`
        : chosen.cell.structureDoubt;
    return { ...chosen, ...(doubt ? { doubt } : {}) };
  });
}
