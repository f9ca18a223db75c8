// Tree edit distance (Zhang and Shasha, 1989): the least total cost of deleting, inserting and renaming nodes
// that turns one ordered tree into another. TEDS (table-metrics.ts) is built on it; written here rather than
// taken from a library because the table's cost of renaming one cell into another is TEDS's own.

/** An ordered labelled tree. */
export interface TreeNode<T> {
  label: T;
  children: TreeNode<T>[];
}

/** Costs of the three edits; deleting or inserting a node costs 1 in TEDS, renaming is given. */
export interface EditCosts<T> {
  rename: (a: T, b: T) => number;
  remove?: (a: T) => number;
  insert?: (b: T) => number;
}

interface Indexed<T> {
  /** Labels in postorder. */
  labels: T[];
  /** Postorder index of each node's leftmost leaf. */
  leftmost: number[];
  /** Key roots: the highest node of each leftmost-leaf path, in increasing postorder. */
  keyRoots: number[];
}

function index<T>(root: TreeNode<T>): Indexed<T> {
  const labels: T[] = [];
  const leftmost: number[] = [];
  const walk = (node: TreeNode<T>): number => {
    let first = -1;
    for (const child of node.children) {
      const l = walk(child);
      if (first < 0) {
        first = l;
      }
    }
    labels.push(node.label);
    const me = labels.length - 1;
    leftmost.push(first < 0 ? me : first);
    return leftmost[me];
  };
  walk(root);
  const highest = new Map<number, number>();
  leftmost.forEach((l, i) => highest.set(l, i));
  return { labels, leftmost, keyRoots: [...highest.values()].sort((a, b) => a - b) };
}

/** Number of nodes of `root`. */
export function treeSize<T>(root: TreeNode<T>): number {
  return 1 + root.children.reduce((n, c) => n + treeSize(c), 0);
}

/** The edit distance between two ordered trees under `costs`. */
export function treeEditDistance<T>(a: TreeNode<T>, b: TreeNode<T>, costs: EditCosts<T>): number {
  const A = index(a);
  const B = index(b);
  const remove = costs.remove ?? (() => 1);
  const insert = costs.insert ?? (() => 1);
  const n = A.labels.length;
  const m = B.labels.length;
  const tree = Array.from({ length: n }, () => new Float64Array(m));
  // forest[x][y]: distance between the forests A[l(i)..x-1+l(i)] and B[l(j)..y-1+l(j)], reused per key-root pair.
  const forest = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (const i of A.keyRoots) {
    for (const j of B.keyRoots) {
      const li = A.leftmost[i];
      const lj = B.leftmost[j];
      const rows = i - li + 2;
      const cols = j - lj + 2;
      forest[0][0] = 0;
      for (let x = 1; x < rows; x += 1) {
        forest[x][0] = forest[x - 1][0] + remove(A.labels[li + x - 1]);
      }
      for (let y = 1; y < cols; y += 1) {
        forest[0][y] = forest[0][y - 1] + insert(B.labels[lj + y - 1]);
      }
      for (let x = 1; x < rows; x += 1) {
        for (let y = 1; y < cols; y += 1) {
          const ni = li + x - 1;
          const nj = lj + y - 1;
          const del = forest[x - 1][y] + remove(A.labels[ni]);
          const ins = forest[x][y - 1] + insert(B.labels[nj]);
          if (A.leftmost[ni] === li && B.leftmost[nj] === lj) {
            // Both forests are whole trees rooted at ni and nj.
            const value = Math.min(del, ins, forest[x - 1][y - 1] + costs.rename(A.labels[ni], B.labels[nj]));
            forest[x][y] = value;
            tree[ni][nj] = value;
          } else {
            const px = A.leftmost[ni] - li;
            const py = B.leftmost[nj] - lj;
            forest[x][y] = Math.min(del, ins, forest[px][py] + tree[ni][nj]);
          }
        }
      }
    }
  }
  return tree[n - 1][m - 1];
}
