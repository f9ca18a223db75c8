// A cell that alone lacks the column rules the rows beside it have (a highlighter along a row, photocopied, greyed
// them away): cut down its boundaries where its words are one cell's text per column (column-cuts.ts), never through
// a title spanning the columns or a line of text over a boundary.
import type { Segment } from '../../shared/contracts/geometry';
import type { Word } from '../../shared/contracts/page';
import { buildGrid } from '../../services/table-extraction/src/domain/grid';
import { wallCuts } from '../../services/table-extraction/src/domain/column-cuts';
import { cellSpans } from '../support/grid-cells';

const h = (at: number, from: number, to: number): Segment => ({ at, from, to });
const v = h;
// 10 pt print, a character 10 pt wide.
const word = (text: string, x: number, y: number, width = 10 * [...text].length): Word => ({
  text,
  confidence: 0.9,
  bbox: { x, y, width, height: 10 },
});

// Columns at 0, 150, 250, 350; rows at 0, 20, 40, 60. The middle row's two inner column rules are lost.
const horizontal = [h(0, 0, 350), h(20, 0, 350), h(40, 0, 350), h(60, 0, 350)];
const sides = [v(0, 0, 60), v(350, 0, 60)];
const lostInMiddle = [v(150, 0, 20), v(150, 40, 60), v(250, 0, 20), v(250, 40, 60)];
const grid = buildGrid(horizontal, [...sides, ...lostInMiddle], { tolerance: 3 });

/** The grid's cells once the cuts the words call for are drawn. */
function cut(words: readonly Word[], vertical = lostInMiddle) {
  const before = buildGrid(horizontal, [...sides, ...vertical], { tolerance: 3 });
  const walls = wallCuts(before.cells, before.xs, words);
  return cellSpans(buildGrid(horizontal, [...sides, ...vertical, ...walls], { tolerance: 3 }).cells);
}

describe('cells that alone lack their column rules', () => {
  it('starts from a grid whose middle row is one cell across the table', () => {
    expect(cellSpans(grid.cells)).toEqual(['0.0', '0.1', '0.2', '1.0 1x3', '2.0', '2.1', '2.2']);
  });

  it('cuts the row where a label and figures stand apart, one per column, and the rule left a stroke', () => {
    const row = [
      word('其他对外管理服务事项', 20, 25),
      // The lost rule's trace at 150, read as a stroke.
      word('一', 149.2, 24, 1.9),
      word('87', 195, 25),
      word('0', 297, 25),
      // A toner speck under the figure.
      word('_', 310, 35, 1.5),
    ];
    expect(cut(row)).toEqual(['0.0', '0.1', '0.2', '1.0', '1.1', '1.2', '2.0', '2.1', '2.2']);
  });

  it('leaves a title over the columns whole, centred over a boundary or inside one column', () => {
    // Characters read one word each, over the boundary at 150 with no gap.
    const centred = [...'第二十条第五项'].map((c, i) => word(c, 115 + 10 * i, 25));
    expect(cut([...centred, word('2', 300, 25)])).toContain('1.0 1x3');
    // Inside one column only: nothing shows another column's text.
    expect(cut([word('合计', 180, 25)])).toContain('1.0 1x3');
    // Set at the left, a speck in the last column read as 0: the column between holds nothing.
    expect(cut([word('第二十条第（八）项', 20, 25), word('0', 300, 25, 5)])).toContain('1.0 1x3');
  });

  it('leaves a line of text whose words stand a word space from a boundary', () => {
    const line = [word('Total', 110, 25, 38), word('2021', 151, 25, 20)];
    expect(cut(line)).toContain('1.0 1x3');
  });

  it('leaves a row of labels with no figure, and a row whose neighbours lack the rules too', () => {
    expect(cut([word('项目', 20, 25), word('说明', 190, 25)])).toContain('1.0 1x3');
    // The rule at 150 stands in the top row only (none at 250): the last row's neighbour lacks it as well.
    const row = [word('其他对外管理服务事项', 20, 45), word('87', 195, 45), word('0', 297, 45)];
    expect(cut(row, [v(150, 0, 20)])).toEqual(['0.0', '0.1', '1.0 1x2', '2.0 1x2']);
    // The same row under a row that has it is cut.
    expect(cut(row, [v(150, 0, 20), v(150, 20, 40)])).toEqual(['0.0', '0.1', '1.0', '1.1', '2.0', '2.1']);
  });
});
