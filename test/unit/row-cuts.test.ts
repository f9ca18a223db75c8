// Rows that no rule separates, in a table ruled down its columns only: cut between stacked figures (row-cuts.ts),
// never through a wrapped label or a label centred over the rows it groups.
import type { Segment } from '../../shared/contracts/geometry';
import type { Word } from '../../shared/contracts/page';
import { buildGrid } from '../../services/table-extraction/src/domain/grid';
import { rowCuts, spanCuts } from '../../services/table-extraction/src/domain/row-cuts';
import { extractPageTables } from '../../services/table-extraction/src/extract-page-tables';
import { noOcr } from '../support/no-ocr';
import { findTableRegions } from '../../shared/domain/rulings';
import { cellSpans } from '../support/grid-cells';

const h = (at: number, from: number, to: number): Segment => ({ at, from, to });
const v = h;
// 10 pt print, a character 10 pt wide; right-aligned figures end 5 pt inside their column.
const word = (text: string, x: number, y: number): Word => ({
  text,
  confidence: 1,
  bbox: { x, y, width: 10 * [...text].length, height: 10 },
});

// Columns at 0, 100, 200, 300; the header ruled off at y = 20; the body, 20 to 100, has no rule across.
const vertical = [v(0, 0, 100), v(100, 0, 100), v(200, 0, 100), v(300, 0, 100)];
const horizontal = [h(0, 0, 300), h(20, 0, 300), h(100, 0, 300)];
// The same grid's boundaries, for rowCuts.
const xs = [0, 100, 200, 300];
const ys = [0, 20, 100];
const header = [word('项目', 5, 5), word('预算数', 105, 5), word('决算数', 205, 5)];
// A label centred over the two rows it groups, each row with its two figures.
const groupedRows = [
  word('一般公共预算', 5, 45),
  word('1,200', 145, 30),
  word('1,350', 245, 30),
  word('300', 165, 60),
  word('(12)', 255, 60),
];

/** The grid's cells with the cuts the words call for. */
function cut(words: readonly Word[]) {
  const grid = buildGrid([...horizontal, ...rowCuts(xs, ys, words)], vertical, { tolerance: 3 });
  return grid.cells;
}

describe('rows that no rule separates', () => {
  it('cuts a body of three rows between its stacked figures, across every column', () => {
    const body = [25, 50, 75].flatMap((y, i) => [
      word(['税收收入', '非税收入', '合计'][i], 5, y),
      word('1,200', 145, y),
      word('12.5%', 245, y),
    ]);
    const cells = cut([...header, ...body]);
    expect(cells).toHaveLength(12);
    expect(cells.every(({ rowSpan, colSpan }) => rowSpan === 1 && colSpan === 1)).toBe(true);
    expect(Math.max(...cells.map(({ row }) => row))).toBe(3);
  });

  it('keeps a label centred over the rows it groups as one cell spanning them', () => {
    expect(cellSpans(cut([...header, ...groupedRows]))).toEqual([
      '0.0',
      '0.1',
      '0.2',
      '1.0 2x1',
      '1.1',
      '1.2',
      '2.1',
      '2.2',
    ]);
  });

  it('leaves a row of one figure and a label wrapped over two lines whole, and a header of stacked words', () => {
    const wrapped = [
      word('城乡社区公共', 5, 40),
      word('设施维护支出', 5, 54),
      word('3,769,000', 110, 47),
      word('-3', 275, 47),
    ];
    const stackedHeader = [word('项目', 5, 2), word('2023年', 105, 2), word('预算', 105, 11), word('决算数', 205, 5)];
    expect(rowCuts(xs, ys, [...stackedHeader, ...wrapped])).toEqual([]);
  });

  it('cuts by a column of figures of which one is misread, as on a scan', () => {
    const body = [25, 50, 75].flatMap((y, i) => [
      word(['Education', 'Health care', 'Housing'][i], 5, y),
      word(['$913.74', '圭585.45', '$271.70'][i], 135, y),
    ]);
    expect(rowCuts(xs, ys, body).map((c) => Math.round(c.at))).toEqual([43, 43, 43, 68, 68, 68]);
  });

  it('does not cut a row under its own rule read as text (一一一一 over the row figure)', () => {
    // A photocopy's thick rule at the top of the body read as a line of its own above each figure.
    const row = [
      word('规章', 5, 30),
      word('一一一一', 120, 21),
      word('0', 150, 30),
      word('一一', 230, 21),
      word('0', 250, 30),
    ];
    expect(rowCuts(xs, ys, [...header, ...row])).toEqual([]);
    // Chinese numerals as printed still stack.
    const numerals = [word('一百二十', 120, 30), word('三十', 120, 60)];
    expect(rowCuts(xs, ys, numerals).length).toBeGreaterThan(0);
  });

  it('flags the cell it leaves whole across a cut, even on a text layer', async () => {
    const at =
      (dx: number, dy: number) =>
      (w: Word): Word => ({ ...w, bbox: { ...w.bbox, x: w.bbox.x + dx, y: w.bbox.y + dy } });
    // The table placed at (100, 100) on a page with a text layer.
    const shift = (s: Segment): Segment => ({ at: s.at + 100, from: s.from + 100, to: s.to + 100 });
    const { tables } = await extractPageTables(
      {
        documentId: 'd',
        page: 1,
        source: 'text-layer',
        width: 595,
        height: 842,
        skewDegrees: 0,
        rotation: 0,
        lines: [],
        tableWords: [...header, ...groupedRows].map(at(100, 100)),
        tableRegions: findTableRegions(
          { horizontal: horizontal.map(shift), vertical: vertical.map(shift) },
          { dpi: 72 },
        ),
        imageFileId: null,
        imageDpi: 100,
      },
      null,
      { ocr: noOcr },
    );
    const cells = tables[0].cells;
    expect(cells.find((c) => c.text === '一般公共预算')).toMatchObject({
      row: 1,
      col: 0,
      rowSpan: 2,
      structureDoubt: expect.any(String),
    });
    expect(cells.find((c) => c.text === '一般公共预算')?.confidence).toBeLessThanOrEqual(0.5);
    expect(cells.filter((c) => c.text === '300' || c.text === '(12)').map((c) => [c.row, c.structureDoubt])).toEqual([
      [2, undefined],
      [2, undefined],
    ]);
  });
});

describe('a cell that alone lacks the rules between its rows', () => {
  // Label, unit and figure columns, ruled between every row, but the figure column's rules at 40 and 60 are gone
  // (a pen's circles over a faint photocopied ruling): its cell spans rows 1 to 3.
  const columns = [v(0, 0, 80), v(100, 0, 80), v(150, 0, 80), v(250, 0, 80)];
  const rules = [h(0, 0, 250), h(20, 0, 250), h(40, 0, 150), h(60, 0, 150), h(80, 0, 250)];
  const labels = [word('主动公开信息数', 5, 25), word('其中：规范性文件数', 5, 45), word('制发文件总数', 5, 65)];
  // The figure column's cells: one a row, or one spanning rows 1 to 3.
  const CUT_AT_EVERY_ROW = ['0.2', '1.2', '2.2', '3.2'];
  const WHOLE = ['0.2', '1.2 3x1'];
  const split = (figures: Word[]) => {
    const grid = buildGrid(rules, columns, { tolerance: 3 });
    const cuts = spanCuts(grid.cells, grid.ys, [...labels, ...figures]);
    return cellSpans(buildGrid([...rules, ...cuts], columns, { tolerance: 3 }).cells.filter((c) => c.col === 2));
  };

  it('is cut at every row boundary it spans when its figures stand one in each row, a mark beside one', () => {
    expect(split([word('432', 185, 25), word('5', 195, 45), word('「5', 190, 65)])).toEqual(CUT_AT_EVERY_ROW);
    expect(split([word('432', 185, 25), word('「5', 190, 45)])).toEqual(CUT_AT_EVERY_ROW);
  });

  it('is cut though a speck on the lost ruling stands across a row boundary, and not by stacked Chinese numerals', () => {
    expect(split([word('432', 185, 25), word(',', 230, 37), word('5', 195, 45)])).toEqual(CUT_AT_EVERY_ROW);
    expect(split([word('二', 195, 25), word('五', 195, 45)])).toEqual(WHOLE);
  });

  it('is cut where its figures stand in two of its rows and the third is empty', () => {
    expect(split([word('1', 195, 45), word('0', 195, 65)])).toEqual(CUT_AT_EVERY_ROW);
  });

  it('stays whole with one figure, or with a line across a row boundary', () => {
    expect(split([word('437', 185, 45)])).toEqual(WHOLE);
    expect(split([word('432', 185, 25), word('5', 195, 36)])).toEqual(WHOLE);
  });
});
