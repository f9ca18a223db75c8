// How well one table was read against its truth, by the public benchmarks' published definitions (our code):
// - adjacency relations (Göbel et al., ICDAR 2013 table competition): each non-empty cell paired with its nearest
//   non-empty neighbour to the right and below (empty cells skipped, a spanning cell paired along each row or
//   column it spans), compared as (text, text, direction) with the truth's: precision, recall, F1;
// - TEDS (Zhong et al., PubTabNet, as OmniDocBench uses it): 1 - tree edit distance between the tables' HTML
//   trees / the larger tree's node count; renaming a cell costs 1 if tags or spans differ, else the normalised
//   edit distance of the texts; TEDS-S the same with texts ignored (structure only);
// - cell exactness: a non-empty truth cell is exact when a cell with its spans and its text sits at its place
//   (after the one row and column offset that fits most cells: a caption taken in as a row shifts, it does not
//   ruin every cell);
// - unflagged wrong cells: of the truth cells not exact, those whose place holds a cell not flagged for review,
//   or no cell at all (a table not found is silent).
// Texts are compared in comparable form (NFKC, no whitespace), as every other bench measure compares them.
import { comparable } from '../../shared/domain/cjk-text';
import { editDistance } from '../../shared/domain/edit-distance';
import type { TruthCell } from '../../harness/corpus';
import { type TreeNode, treeEditDistance, treeSize } from './tree-edit-distance';

/** A cell as read: the report's, with its flag. */
export interface ReadCell extends TruthCell {
  needsReview: boolean;
}

export interface AdjacencyCount {
  truth: number;
  read: number;
  correct: number;
}

export interface TableScore {
  adjacency: AdjacencyCount;
  teds: number;
  tedsStructure: number;
  /** Non-empty truth cells, and how many of them are exact. */
  cells: number;
  exact: number;
  /** Truth cells not exact, and how many of those are not flagged. */
  wrong: number;
  unflagged: number;
  misses: string[];
}

/** Scores one table as read (`read` null: not found) against its truth. */
export function scoreTable(truth: readonly TruthCell[], read: readonly ReadCell[] | null): TableScore {
  const got = read ?? [];
  const adjacency = adjacencyCount(truth, got);
  const filled = truth.filter((c) => text(c) !== '');
  const offset = bestOffset(filled, got);
  const at = slotIndex(got);
  let exact = 0;
  let unflagged = 0;
  const misses: string[] = [];
  for (const cell of filled) {
    const mine = at.get(slot(cell.row + offset.row, cell.col + offset.col));
    if (mine && isExact(cell, mine, offset)) {
      exact += 1;
      continue;
    }
    if (!mine?.needsReview) {
      unflagged += 1;
    }
    if (misses.length < 8) {
      misses.push(
        `[${cell.row},${cell.col} ${cell.rowSpan}x${cell.colSpan}] "${cell.text}" ${mine ? `read [${mine.row},${mine.col} ${mine.rowSpan}x${mine.colSpan}] "${mine.text}"${mine.needsReview ? ' flagged' : ' NOT flagged'}` : 'no cell'}`,
      );
    }
  }
  return {
    adjacency,
    cells: filled.length,
    exact,
    wrong: filled.length - exact,
    unflagged,
    misses,
    teds: read ? teds(truth, got, true) : 0,
    tedsStructure: read ? teds(truth, got, false) : 0,
  };
}

/** F1 of adjacency relations summed over tables (micro-average, as the ICDAR 2013 evaluation sums them). */
export function adjacencyF1(counts: readonly AdjacencyCount[]): { precision: number; recall: number; f1: number } {
  const sum = (f: (c: AdjacencyCount) => number) => counts.reduce((s, c) => s + f(c), 0);
  const precision = sum((c) => c.correct) / (sum((c) => c.read) || 1);
  const recall = sum((c) => c.correct) / (sum((c) => c.truth) || 1);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

const text = (c: TruthCell) => comparable(c.text);
const slot = (row: number, col: number) => `${row}:${col}`;

/** The cell covering each grid slot. */
function slotIndex<C extends TruthCell>(cells: readonly C[]): Map<string, C> {
  const at = new Map<string, C>();
  for (const c of cells) {
    for (let r = c.row; r < c.row + c.rowSpan; r += 1) {
      for (let k = c.col; k < c.col + c.colSpan; k += 1) {
        at.set(slot(r, k), c);
      }
    }
  }
  return at;
}

function isExact(truth: TruthCell, mine: TruthCell, offset: { row: number; col: number }): boolean {
  return (
    mine.row === truth.row + offset.row &&
    mine.col === truth.col + offset.col &&
    mine.rowSpan === truth.rowSpan &&
    mine.colSpan === truth.colSpan &&
    text(mine) === text(truth)
  );
}

// A table read with up to two extra (or missing) leading rows or columns is still scored cell by cell.
const MAX_OFFSET = 2;

function bestOffset(truth: readonly TruthCell[], read: readonly TruthCell[]): { row: number; col: number } {
  const at = slotIndex(read);
  let best = { row: 0, col: 0, count: -1 };
  for (let row = -MAX_OFFSET; row <= MAX_OFFSET; row += 1) {
    for (let col = -MAX_OFFSET; col <= MAX_OFFSET; col += 1) {
      const count = truth.filter((c) => {
        const mine = at.get(slot(c.row + row, c.col + col));
        return mine !== undefined && isExact(c, mine, { row, col });
      }).length;
      // Ties keep the smaller shift: no offset unless it fits more cells.
      if (
        count > best.count ||
        (count === best.count && Math.abs(row) + Math.abs(col) < Math.abs(best.row) + Math.abs(best.col))
      ) {
        best = { row, col, count };
      }
    }
  }
  return best;
}

/** Adjacency relations of a table as (text, text, direction) keys with their counts. */
export function adjacencyRelations(cells: readonly TruthCell[]): Map<string, number> {
  const at = slotIndex(cells.filter((c) => text(c) !== ''));
  const relations = new Map<string, number>();
  const rows = Math.max(0, ...cells.map((c) => c.row + c.rowSpan));
  const cols = Math.max(0, ...cells.map((c) => c.col + c.colSpan));
  const add = (a: TruthCell, b: TruthCell, direction: 'right' | 'below', seen: Set<TruthCell>) => {
    if (seen.has(b)) {
      return;
    }
    seen.add(b);
    const key = `${text(a)}\u0000${text(b)}\u0000${direction}`;
    relations.set(key, (relations.get(key) ?? 0) + 1);
  };
  for (const cell of new Set(at.values())) {
    const seen = new Set<TruthCell>();
    for (let r = cell.row; r < cell.row + cell.rowSpan; r += 1) {
      for (let k = cell.col + cell.colSpan; k < cols; k += 1) {
        const next = at.get(slot(r, k));
        if (next) {
          add(cell, next, 'right', seen);
          break;
        }
      }
    }
    for (let k = cell.col; k < cell.col + cell.colSpan; k += 1) {
      for (let r = cell.row + cell.rowSpan; r < rows; r += 1) {
        const next = at.get(slot(r, k));
        if (next) {
          add(cell, next, 'below', seen);
          break;
        }
      }
    }
  }
  return relations;
}

function adjacencyCount(truth: readonly TruthCell[], read: readonly TruthCell[]): AdjacencyCount {
  const t = adjacencyRelations(truth);
  const r = adjacencyRelations(read);
  let correct = 0;
  for (const [key, count] of r) {
    correct += Math.min(count, t.get(key) ?? 0);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
  return { truth: total(t), read: total(r), correct };
}

/** A table's node in the HTML tree: table, tr, or td with its spans and text. */
interface HtmlNode {
  tag: 'table' | 'tr' | 'td';
  rowSpan: number;
  colSpan: number;
  text: string[];
}

/** The table as the tree of its HTML: table > tr (one per grid row) > td (the cells starting on that row). */
export function tableTree(cells: readonly TruthCell[], withText: boolean): TreeNode<HtmlNode> {
  const rows = Math.max(0, ...cells.map((c) => c.row + c.rowSpan));
  const node = (tag: HtmlNode['tag'], children: TreeNode<HtmlNode>[], c?: TruthCell): TreeNode<HtmlNode> => ({
    label: { tag, rowSpan: c?.rowSpan ?? 1, colSpan: c?.colSpan ?? 1, text: c && withText ? [...text(c)] : [] },
    children,
  });
  return node(
    'table',
    Array.from({ length: rows }, (_, r) =>
      node(
        'tr',
        cells
          .filter((c) => c.row === r)
          .sort((a, b) => a.col - b.col)
          .map((c) => node('td', [], c)),
      ),
    ),
  );
}

/** TEDS between two tables; `withText` false gives TEDS-S (structure only). */
export function teds(truth: readonly TruthCell[], read: readonly TruthCell[], withText: boolean): number {
  const a = tableTree(truth, withText);
  const b = tableTree(read, withText);
  const distance = treeEditDistance(a, b, {
    rename: (x, y) => {
      if (x.tag !== y.tag || x.rowSpan !== y.rowSpan || x.colSpan !== y.colSpan) {
        return 1;
      }
      if (x.tag !== 'td' || (x.text.length === 0 && y.text.length === 0)) {
        return 0;
      }
      return editDistance(x.text, y.text) / Math.max(x.text.length, y.text.length);
    },
  });
  return 1 - distance / Math.max(treeSize(a), treeSize(b));
}
