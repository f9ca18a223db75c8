import type { Segment } from '../../shared/contracts/geometry';
import { buildGrid, standingRulings } from '../../services/table-extraction/src/domain/grid';
import { cellSpans } from '../support/grid-cells';

const h = (at: number, from: number, to: number): Segment => ({ at, from, to });
const v = h;

describe('buildGrid', () => {
  it('reads a plain 2 x 3 grid', () => {
    const grid = buildGrid(
      [h(0, 0, 300), h(20, 0, 300), h(40, 0, 300)],
      [v(0, 0, 40), v(100, 0, 40), v(200, 0, 40), v(300, 0, 40)],
      { tolerance: 3 },
    );
    expect(grid.cells).toHaveLength(6);
    expect(grid.cells.every((c) => c.rowSpan === 1 && c.colSpan === 1)).toBe(true);
    expect(grid.cells[4]).toMatchObject({ row: 1, col: 1, bbox: { x: 100, y: 20, width: 100, height: 20 } });
  });

  it('reads merged header cells from the missing ruling segments', () => {
    // Like section 三's header: a 2-row cell on the left, a title over three columns, then three labels.
    //  +------+-----------------+
    //  |      |      title      |
    //  | lbl  +-----+-----+-----+
    //  |      |  a  |  b  |  c  |
    //  +------+-----+-----+-----+
    //  |  r1  |  1  |  2  |  3  |
    //  +------+-----+-----+-----+
    const horizontal = [h(0, 0, 400), h(20, 100, 400), h(40, 0, 400), h(60, 0, 400)];
    const vertical = [v(0, 0, 60), v(100, 0, 60), v(200, 20, 60), v(300, 20, 60), v(400, 0, 60)];
    const grid = buildGrid(horizontal, vertical, { tolerance: 3 });
    expect(cellSpans(grid.cells)).toEqual(['0.0 2x1', '0.1 1x3', '1.1', '1.2', '1.3', '2.0', '2.1', '2.2', '2.3']);
  });

  it('keeps a column rule found in pieces drifting along it as one line, each row cut where its piece stands', () => {
    // Five rows; the rule between the two columns in one piece a row, drifting 2 units a row (a residual keystone):
    // 97 to 105, its centre 101, its end pieces 4 from it, past the tolerance of 3.
    const horizontal = [0, 20, 40, 60, 80, 100].map((y) => h(y, 0, 200));
    const vertical = [
      v(0, 0, 100),
      v(200, 0, 100),
      ...[97, 99, 101, 103, 105].map((x, r) => v(x, 20 * r, 20 * r + 20)),
    ];
    const grid = buildGrid(horizontal, vertical, { tolerance: 3 });
    expect(cellSpans(grid.cells)).toEqual(['0.0', '0.1', '1.0', '1.1', '2.0', '2.1', '3.0', '3.1', '4.0', '4.1']);
    expect(grid.cells[1].bbox).toMatchObject({ x: 97, width: 103 });
    expect(grid.cells[9].bbox).toMatchObject({ x: 105, width: 95 });
  });

  it('cuts an open side at its own place, not at the drifting line beside it', () => {
    // Eight rows; the last rule in pieces drifting 92 to 113 down the table (centre 102.5), the rules across running
    // on to 115, an open side 12.5 past the line: the side's cells are 115 wide at their right, not cut at a piece.
    const horizontal = [0, 10, 20, 30, 40, 50, 60, 70, 80].map((y) => h(y, 0, 115));
    const drift = [92, 95, 98, 101, 104, 107, 110, 113];
    const vertical = [v(0, 0, 80), ...drift.map((x, r) => v(x, 10 * r, 10 * r + 10))];
    const grid = buildGrid(horizontal, vertical, { tolerance: 3 });
    const side = grid.cells.filter((c) => c.col === 1);
    expect(side).toHaveLength(8);
    side.forEach((c, r) => {
      expect(c.bbox.x).toBeCloseTo(drift[r]);
      expect(c.bbox.x + c.bbox.width).toBeCloseTo(115);
    });
  });

  it('cuts the cells along a slanted side where it passes each row', () => {
    // The right side found as one segment, its centre at 200 and drifting 10 units down the table's 100.
    const horizontal = [0, 50, 100].map((y) => h(y, 0, 205));
    const vertical = [v(0, 0, 100), { at: 200, from: 0, to: 100, slope: 0.1 }];
    const grid = buildGrid(horizontal, vertical, { tolerance: 3 });
    expect(grid.cells.map((c) => c.bbox.width)).toEqual([197.5, 202.5]);
  });

  it("cuts a cell whose own cuts cross at its lines' positions", () => {
    // Rows 0-20 and 20-22 (a thin row): the rule at 20 is one piece leaning 1 in 10 across the 100-wide table,
    // passing the middle of the right column at 22.5, past the rule at 22. Cut where it passes, the right column's
    // thin cell would end above its top.
    const horizontal = [h(0, 0, 100), { at: 20, from: 0, to: 100, slope: 0.1 }, h(22, 0, 100), h(44, 0, 100)];
    const vertical = [v(0, 0, 44), v(50, 0, 44), v(100, 0, 44)];
    const grid = buildGrid(horizontal, vertical, { tolerance: 1 });
    expect(grid.cells.find((c) => c.row === 1 && c.col === 1)?.bbox).toMatchObject({ y: 20, height: 2 });
    // The left column's thin cell, whose cuts do not cross, is cut where the piece passes it (17.5).
    expect(grid.cells.find((c) => c.row === 1 && c.col === 0)?.bbox).toMatchObject({ y: 17.5, height: 4.5 });
  });

  it('bridges a ruling broken by scan noise but not a missing one', () => {
    // The line between columns 1 and 2 is broken by a 3-unit gap on row 0 (noise) and absent on row 1.
    const horizontal = [h(0, 0, 200), h(30, 0, 200), h(60, 0, 200)];
    const vertical = [v(0, 0, 60), v(200, 0, 60), v(100, 0, 14), v(100, 17, 30)];
    const grid = buildGrid(horizontal, vertical, { tolerance: 3 });
    expect(cellSpans(grid.cells)).toEqual(['0.0', '0.1', '1.0 1x2']);
  });

  it('keeps a boundary whose ruling was lifted inside a unit, not one that stops at a crossing', () => {
    // Three columns and four rows. The rule under row 0 crosses columns 0 and 1 and runs 8 into column 2, where a
    // pen's circle lifted the rest of it; the rule under row 1 stops 1 past its crossing (an overshoot): the cells
    // of column 2 on rows 1 and 2 are one, as printed. The same from the right on the rule under row 2.
    const horizontal = [h(0, 0, 300), h(20, 0, 208), h(40, 0, 201), h(60, 92, 300), h(80, 0, 300)];
    const vertical = [v(0, 0, 80), v(100, 0, 80), v(200, 0, 80), v(300, 0, 80)];
    const grid = buildGrid(horizontal, vertical, { tolerance: 3 });
    const column = (c: number) => cellSpans(grid.cells.filter((cell) => cell.col === c));
    expect(column(2)).toEqual(['0.2', '1.2 2x1', '3.2']);
    expect(column(0)).toEqual(['0.0', '1.0', '2.0', '3.0']);
  });

  it('takes no ruling from a stroke standing inside a row (a pen circle side), but a short ruling rule to rule, and a broken one', () => {
    // Two columns, three rows. In row 0 of column 1 a stroke at x = 150 runs from 2.5 to 17.5 (the rules at 0 and 20),
    // meeting neither; at x = 130 one from 0 to 17.5, meeting the rule above only. In row 2 a ruling at x = 160 runs
    // from 40 to 60, rule to rule: that row has three cells. A ruling broken in three (the middle piece meets nothing)
    // keeps its line, and so does one that runs past the last rule (an open side).
    const horizontal = [h(0, 0, 200), h(20, 0, 200), h(40, 0, 200), h(60, 0, 200)];
    const frame = [v(0, 0, 60), v(100, 0, 60), v(200, 0, 60)];
    const grid = (vertical: Segment[]) => {
      const ruled = standingRulings(horizontal, vertical, 3);
      return buildGrid(ruled.horizontal, ruled.vertical, { tolerance: 3 });
    };
    expect(grid([...frame, v(150, 2.5, 17.5), v(130, 0, 17.5)]).xs).toEqual([0, 100, 200]);
    const ruled = grid([...frame, v(150, 2.5, 17.5), v(160, 40, 60)]);
    expect(ruled.xs).toEqual([0, 100, 160, 200]);
    const row = (r: number) => cellSpans(ruled.cells.filter((c) => c.row === r));
    expect(row(0)).toEqual(['0.0', '0.1 1x2']);
    expect(row(2)).toEqual(['2.0', '2.1', '2.2']);
    const broken = grid([v(0, 0, 60), v(200, 0, 60), v(100, 0, 25), v(100, 27, 33), v(100, 35, 60)]);
    expect(cellSpans(broken.cells)).toEqual(['0.0', '0.1', '1.0', '1.1', '2.0', '2.1']);
    expect(standingRulings(horizontal, [...frame, v(150, 0, 75)], 3).vertical).toHaveLength(4);
    // A rule across both columns lifted at its end by a pen (it stops inside the last unit) stands, as grid.interrupted has it.
    expect(standingRulings([...horizontal, h(30, 0, 160)], frame, 3).horizontal).toHaveLength(5);
  });

  it('merges line positions closer than the tolerance (a thick or doubled ruling)', () => {
    const grid = buildGrid([h(0, 0, 100), h(1.5, 0, 100), h(30, 0, 100)], [v(0, 0, 30), v(100, 0, 30)], {
      tolerance: 3,
    });
    expect(grid.ys).toHaveLength(2);
    expect(grid.cells).toHaveLength(1);
  });
});

describe('buildGrid keeps a partition', () => {
  it('cuts a group that is not a rectangle into cells that do not overlap, marked repaired', () => {
    //  +-----+-----+      A broken ruling leaves units (0,0), (0,1) and (1,1) joined in an L:
    //  |           |      its bounding box would claim (1,0) too.
    //  +-----+     +
    //  |     |     |
    //  +-----+-----+
    const horizontal = [h(0, 0, 200), h(30, 0, 100), h(60, 0, 200)];
    const vertical = [v(0, 0, 60), v(100, 30, 60), v(200, 0, 60)];
    const grid = buildGrid(horizontal, vertical, { tolerance: 3 });
    const units = grid.cells.flatMap((c) =>
      Array.from(
        { length: c.rowSpan * c.colSpan },
        (_, k) => `${c.row + Math.floor(k / c.colSpan)}:${c.col + (k % c.colSpan)}`,
      ),
    );
    expect(units.sort()).toEqual(['0:0', '0:1', '1:0', '1:1']);
    expect(grid.cells.filter((c) => c.repaired)).toHaveLength(2);
    expect(grid.cells.find((c) => c.row === 1 && c.col === 0)?.repaired).toBeUndefined();
  });
});

describe('buildGrid with open sides', () => {
  it('keeps the last column of a table printed without its right side', () => {
    // Rules across run to x = 300; rulings down stand at 0, 100 and 200 only.
    const grid = buildGrid([h(0, 0, 300), h(20, 0, 300), h(40, 0, 300)], [v(0, 0, 40), v(100, 0, 40), v(200, 0, 40)], {
      tolerance: 3,
    });
    expect(grid.xs).toEqual([0, 100, 200, 300]);
    expect(grid.cells.filter((c) => c.col === 2).map((c) => c.bbox)).toEqual([
      { x: 200, y: 0, width: 100, height: 20 },
      { x: 200, y: 20, width: 100, height: 20 },
    ]);
  });

  it('keeps both outer columns of a table printed without outer sides, and a top row without a top rule', () => {
    const grid = buildGrid([h(20, 0, 300), h(40, 0, 300)], [v(100, 0, 40), v(200, 0, 40)], { tolerance: 3 });
    expect(grid.xs).toEqual([0, 100, 200, 300]);
    expect(grid.ys).toEqual([0, 20, 40]);
    expect(grid.cells).toHaveLength(6);
  });

  it('takes no column from rulings that overshoot their crossing, nor from one ruling alone', () => {
    expect(
      buildGrid([h(0, -2, 302), h(20, -2, 302), h(40, -2, 302)], [v(0, 0, 40), v(300, 0, 40)], { tolerance: 3 }).xs,
    ).toEqual([0, 300]);
    expect(
      buildGrid([h(0, 0, 300), h(20, 0, 200), h(40, 0, 200)], [v(0, 0, 40), v(200, 0, 40)], { tolerance: 3 }).xs,
    ).toEqual([0, 200]);
  });
});
