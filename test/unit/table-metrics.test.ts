// The table bench's measures on hand-made tables: identical tables score 1, a dropped column and a misread cell
// score what the definitions say.
import { adjacencyF1, adjacencyRelations, scoreTable, teds } from '../../bench/tables/table-metrics';
import type { ReadCell } from '../../bench/tables/table-metrics';
import { treeEditDistance } from '../../bench/tables/tree-edit-distance';
import type { TreeNode } from '../../bench/tables/tree-edit-distance';

const grid = (texts: string[][]): ReadCell[] =>
  texts.flatMap((row, r) =>
    row.map((text, c) => ({ row: r, col: c, rowSpan: 1, colSpan: 1, text, needsReview: false })),
  );
const truth = grid([
  ['a', 'b', 'c'],
  ['d', 'e', 'f'],
  ['g', 'h', 'i'],
]);

describe('tree edit distance', () => {
  it('finds the textbook distance of Zhang and Shasha (two edits)', () => {
    const t = (label: string, ...children: TreeNode<string>[]): TreeNode<string> => ({ label, children });
    const a = t('f', t('d', t('a'), t('c', t('b'))), t('e'));
    const b = t('f', t('c', t('d', t('a'), t('b'))), t('e'));
    expect(treeEditDistance(a, b, { rename: (x, y) => (x === y ? 0 : 1) })).toBe(2);
    expect(treeEditDistance(a, a, { rename: (x, y) => (x === y ? 0 : 1) })).toBe(0);
  });
});

describe('table metrics', () => {
  it('scores a table read exactly as 1 everywhere', () => {
    const score = scoreTable(truth, truth);
    expect(adjacencyF1([score.adjacency]).f1).toBe(1);
    expect(score).toMatchObject({ teds: 1, tedsStructure: 1, cells: 9, exact: 9, wrong: 0, unflagged: 0 });
  });

  it('scores a dropped last column by the definitions', () => {
    const read = grid([
      ['a', 'b'],
      ['d', 'e'],
      ['g', 'h'],
    ]);
    const score = scoreTable(truth, read);
    // 12 truth relations (6 across, 6 down); the read table has 7, all right.
    expect(score.adjacency).toEqual({ truth: 12, read: 7, correct: 7 });
    expect(adjacencyF1([score.adjacency]).f1).toBeCloseTo(14 / 19, 10);
    // Trees of 13 and 10 nodes, three deletions apart.
    expect(score.teds).toBeCloseTo(1 - 3 / 13, 10);
    expect(score).toMatchObject({ exact: 6, wrong: 3, unflagged: 3 });
  });

  it('charges a misread cell its share of characters, and counts it flagged when it is', () => {
    const read = grid([
      ['a', 'b', 'c'],
      ['d', '12.5', 'f'],
      ['g', 'h', 'i'],
    ]);
    const truthWithPercent = grid([
      ['a', 'b', 'c'],
      ['d', '12.5%', 'f'],
      ['g', 'h', 'i'],
    ]);
    expect(teds(truthWithPercent, read, true)).toBeCloseTo(1 - 1 / 5 / 13, 10);
    expect(teds(truthWithPercent, read, false)).toBe(1);
    expect(scoreTable(truthWithPercent, read)).toMatchObject({ exact: 8, wrong: 1, unflagged: 1 });
    read[4].needsReview = true;
    expect(scoreTable(truthWithPercent, read)).toMatchObject({ exact: 8, wrong: 1, unflagged: 0 });
  });

  it('pairs a spanning header with each column under it and skips empty cells', () => {
    const cells = [
      { row: 0, col: 0, rowSpan: 1, colSpan: 2, text: 'group' },
      { row: 1, col: 0, rowSpan: 1, colSpan: 1, text: 'x' },
      { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: '' },
      { row: 1, col: 2, rowSpan: 1, colSpan: 1, text: 'z' },
      { row: 2, col: 0, rowSpan: 1, colSpan: 1, text: '1' },
      { row: 2, col: 1, rowSpan: 1, colSpan: 1, text: '2' },
      { row: 2, col: 2, rowSpan: 1, colSpan: 1, text: '3' },
    ];
    expect([...adjacencyRelations(cells).keys()].map((k) => k.split('\u0000').join(' ')).sort()).toEqual([
      '1 2 right',
      '2 3 right',
      'group 2 below',
      'group x below',
      'x 1 below',
      'x z right',
      'z 3 below',
    ]);
  });

  it('counts every cell of a table not found as wrong and unflagged, with nothing scored', () => {
    expect(scoreTable(truth, null)).toMatchObject({
      teds: 0,
      exact: 0,
      wrong: 9,
      unflagged: 9,
      adjacency: { truth: 12, read: 0, correct: 0 },
    });
  });

  it('forgives an extra leading row in cell exactness, not in TEDS', () => {
    const read = [
      { row: 0, col: 0, rowSpan: 1, colSpan: 3, text: 'caption', needsReview: false },
      ...truth.map((c) => ({ ...c, row: c.row + 1 })),
    ];
    const score = scoreTable(truth, read);
    expect(score.exact).toBe(9);
    expect(score.teds).toBeLessThan(1);
  });
});
