import type { Cell, PageTable } from '../../shared/contracts/table';
import { joinDocumentTables, scaledApartOf } from '../../services/normalisation/src/domain/table-continuation';

const cell = (row: number, col: number, text: string, colSpan = 1): Cell => ({
  row,
  col,
  rowSpan: 1,
  colSpan,
  text,
  confidence: 1,
  page: 1,
  alternatives: [],
  words: [],
  bbox: { x: col * 100, y: row * 20, width: colSpan * 100, height: 20 },
});

const part = (page: number, cells: Cell[], edges: number[], extra: Partial<PageTable> = {}): PageTable => ({
  index: 0,
  page,
  bbox: { x: 50, y: 100, width: edges[edges.length - 1], height: 200 },
  rows: Math.max(...cells.map((c) => c.row)) + 1,
  cols: edges.length - 1,
  columnEdges: edges,
  textAbove: false,
  textBelow: false,
  cells: cells.map((c) => ({ ...c, page })),
  ...extra,
});

// The tables of one document's first two pages, joined where they continue each other (no page between is blank).
const joinTwoPages = (onFirst: PageTable, onSecond: PageTable, photographed: number[] = []) =>
  joinDocumentTables(
    [
      { documentId: 'd', page: 1, tables: [onFirst] },
      { documentId: 'd', page: 2, tables: [onSecond] },
    ],
    new Set(),
    (a, b) => photographed.includes(a) || photographed.includes(b),
  );

describe('scaledApartOf', () => {
  const a4 = { width: 595.44, height: 841.92 };
  it('counts a page whose sheet was found, not one that records its whole self as the sheet (a scan at 72 dpi)', () => {
    const found = [
      { x: 31.2, y: 40.5 },
      { x: 560.1, y: 38.9 },
      { x: 566.3, y: 801.2 },
      { x: 27.4, y: 805.6 },
    ];
    const whole = [
      { x: 0, y: 0 },
      { x: 1654, y: 0 },
      { x: 1654, y: 2339 },
      { x: 0, y: 2339 },
    ];
    const apart = scaledApartOf([
      { page: 1, ...a4, sheet: found },
      { page: 2, ...a4, sheet: whole },
      { page: 3, ...a4 },
    ]);
    expect([apart(1, 2), apart(2, 3)]).toEqual([true, false]);
  });

  it("counts pages a little apart in size (a scanning app's cuts), not 0.45% apart nor one size on a scanner", () => {
    // Two sizes (842 and 849.5 pt, 0.9% apart; 838.3 is 0.43% from 842): only the pages of different sizes.
    const twoSizes = scaledApartOf(
      [841.92, 849.5, 849.5, 838.3].map((height, i) => ({ page: i + 1, width: 595.44, height })),
    );
    expect([twoSizes(1, 2), twoSizes(2, 3), twoSizes(3, 4)]).toEqual([true, false, true]);
  });

  it("keeps one scale for a scanner that sizes each sheet a few millimetres apart (297 +- 2 mm), whatever the pages' order", () => {
    const heights = [836.2, 841.9, 847.6, 841.9, 836.2];
    const scanner = scaledApartOf(heights.map((height, i) => ({ page: i + 1, width: 595.44, height })));
    expect(scanner(2, 4)).toBe(false);
    const app = [840, 844, 848, 852, 856];
    for (const order of [app, [844, 852, 840, 848, 856]]) {
      const cut = scaledApartOf(order.map((height, i) => ({ page: i + 1, width: 595.44, height })));
      expect(cut(1, 2)).toBe(true);
    }
  });

  it("counts any two pages of a document cut one by one (an app's), even two that came out one size", () => {
    const app = scaledApartOf(
      [853.3, 849.46, 843.7, 824.01, 858.59, 858.59].map((height, i) => ({ page: i + 1, width: 595.44, height })),
    );
    expect([app(1, 2), app(2, 3), app(3, 4), app(4, 5), app(5, 6)]).toEqual([true, true, true, true, true]);
  });

  it('keeps one scale for the A4 pages of a scan with US letter pages among them (two papers, one size each)', () => {
    const letter = { width: 612, height: 792 };
    const mixed = scaledApartOf([a4, letter, a4, a4, letter, a4].map((size, i) => ({ page: i + 1, ...size })));
    expect([1, 2, 3, 4, 5].map((p) => mixed(p, p + 1))).toEqual([true, true, false, true, true]);
  });

  it("counts no scanner's pages of other papers (an A3 fold-out, a landscape page) nor a page that could not be read", () => {
    const scanned = scaledApartOf([
      { page: 1, ...a4 },
      { page: 2, width: 841.92, height: 1190.55 },
      { page: 3, ...a4 },
      { page: 4, width: 841.92, height: 595.44 },
      { page: 5, ...a4 },
      { page: 6, width: 0, height: 0 },
      { page: 7, ...a4 },
    ]);
    expect([1, 2, 3, 4, 5, 6].map((p) => scanned(p, p + 1))).toEqual([false, false, false, false, false, false]);
  });
});

describe('joinDocumentTables', () => {
  it('joins a table split over two pages and drops the header repeated on the second', () => {
    const header = [cell(0, 0, '统计指标'), cell(0, 1, '单位'), cell(0, 2, '统计数')];
    const first = part(
      1,
      [...header, cell(1, 0, '收到申请数'), cell(1, 1, '件'), cell(1, 2, '84')],
      [0, 100, 200, 300],
      { textAbove: true },
    );
    const second = part(
      2,
      [...header, cell(1, 0, '申请办结数'), cell(1, 1, '件'), cell(1, 2, '84')],
      [0, 100, 200, 300],
    );
    const [table, ...rest] = joinTwoPages(first, second);
    expect(rest).toHaveLength(0);
    expect(table.pages).toEqual([1, 2]);
    expect(table.rows).toBe(3);
    expect(table.cells.filter((c) => c.text === '统计指标')).toHaveLength(1);
    expect(table.cells.find((c) => c.text === '申请办结数')).toMatchObject({ row: 2, col: 0, page: 2 });
  });

  it('merges column boundaries when one part lacks some (label columns merged on the first page)', () => {
    const first = part(1, [cell(0, 0, '一、本年新收', 1), cell(0, 1, '9')], [0, 300, 400]);
    const second = part(
      2,
      [cell(0, 0, '三、本年度办理结果'), cell(0, 1, '（一）予以公开', 2), cell(0, 2, '2')],
      [0, 100, 300, 400],
    );
    const [table] = joinTwoPages(first, second);
    expect(table.cols).toBe(3);
    expect(table.cells.find((c) => c.text === '一、本年新收')).toMatchObject({ row: 0, col: 0, colSpan: 2 });
    expect(table.cells.find((c) => c.text === '9')).toMatchObject({ row: 0, col: 2, colSpan: 1 });
    expect(table.cells.find((c) => c.text === '2')).toMatchObject({ row: 1, col: 2 });
  });

  it('keeps tables apart when text stands between them', () => {
    const a = part(1, [cell(0, 0, 'a'), cell(0, 1, '1')], [0, 100, 200], { textBelow: true });
    const b = part(2, [cell(0, 0, 'b'), cell(0, 1, '2')], [0, 100, 200]);
    expect(joinTwoPages(a, b)).toHaveLength(2);
  });

  it('keeps tables of different widths apart', () => {
    const a = part(1, [cell(0, 0, 'a')], [0, 100]);
    const b = part(2, [cell(0, 0, 'b')], [0, 300]);
    expect(joinTwoPages(a, b)).toHaveLength(2);
  });

  // Pages photographed one by one: the second page's sheet came out 3% smaller and 8 pt to the left, so its part of the
  // table is 3% narrower, each boundary at the same share of the width (phone photo, pages 4 and 5 of Yinchuan).
  const photographedParts = () => {
    const first = part(
      1,
      [cell(0, 0, '一、本年新收'), cell(0, 1, '9'), cell(0, 2, '0'), cell(0, 3, '9')],
      [60, 320, 380, 440, 500],
      { textAbove: true },
    );
    const scaled = (x: number) => 52 + (x - 60) * 0.97;
    const second = part(
      2,
      [
        cell(0, 0, '三、本年度办理结果'),
        cell(0, 1, '（一）予以公开'),
        cell(0, 2, '2'),
        cell(0, 3, '0'),
        cell(0, 4, '2'),
      ],
      [60, 190, 320, 380, 440, 500].map(scaled),
    );
    return { first, second };
  };

  it('joins parts of a table photographed at scales a few percent apart, its columns at the same shares of the width', () => {
    const { first, second } = photographedParts();
    const [table, ...rest] = joinTwoPages(first, second, [2]);
    expect(rest).toHaveLength(0);
    expect(table.cols).toBe(5);
    expect(table.cells.find((c) => c.text === '一、本年新收')).toMatchObject({ row: 0, col: 0, colSpan: 2 });
    expect(table.cells.find((c) => c.text === '2')).toMatchObject({ row: 1, col: 2 });
    expect(table.cells.filter((c) => c.col === 4).map((c) => c.text)).toEqual(['9', '2']);
  });

  it("keeps parts of different widths apart on a scanner's pages, which share one scale, however alike their columns", () => {
    const { first, second } = photographedParts();
    expect(joinTwoPages(first, second)).toHaveLength(2);
    // Two tables of four equal columns, the second 4.5% narrower.
    const a = part(1, [cell(0, 0, 'a'), cell(0, 1, '1')], [60, 170, 280, 390, 500], {
      bbox: { x: 60, y: 100, width: 440, height: 200 },
    });
    const b = part(2, [cell(0, 0, 'b'), cell(0, 1, '2')], [80, 185, 290, 395, 500], {
      bbox: { x: 80, y: 100, width: 420, height: 200 },
    });
    expect(joinTwoPages(a, b)).toHaveLength(2);
  });

  it('keeps apart photographed parts a few percent apart in width whose columns differ, or share one boundary only', () => {
    const first = part(1, [cell(0, 0, 'a'), cell(0, 1, '1'), cell(0, 2, '2')], [60, 320, 410, 500]);
    const second = part(2, [cell(0, 0, 'b'), cell(0, 1, '3'), cell(0, 2, '4')], [60, 200, 350, 487]);
    expect(joinTwoPages(first, second, [1, 2])).toHaveLength(2);
    const two = part(1, [cell(0, 0, 'a'), cell(0, 1, '1')], [60, 280, 500]);
    const narrower = part(2, [cell(0, 0, 'b'), cell(0, 1, '2')], [60, 273.5, 487]);
    expect(joinTwoPages(two, narrower, [1, 2])).toHaveLength(2);
    // Three boundaries, one 1.7% of the width off its share: columns of another table, not a scale.
    const three = part(1, [cell(0, 0, 'a'), cell(0, 1, '1')], [60, 280, 390, 445, 500]);
    const off = part(2, [cell(0, 0, 'b'), cell(0, 1, '2')], [60, 273.4, 380.1, 440.8, 487]);
    expect(joinTwoPages(three, off, [1, 2])).toHaveLength(2);
    const scaled = part(2, [cell(0, 0, 'b'), cell(0, 1, '2')], [60, 273.4, 380.1, 433.6, 487]);
    expect(joinTwoPages(three, scaled, [1, 2])).toHaveLength(1);
  });

  // A region whose grid held no cell is left out of its page's tables, leaving a gap in their indices: the page's last
  // table is then not its count less one (a phone photo's header of section 三 on page 4 was tables 0 and 2).
  it('joins the last table of a page to the first of the next when the page indices have gaps', () => {
    const earlier = part(1, [cell(0, 0, 'x'), cell(0, 1, '1')], [0, 100, 200], { textBelow: true });
    const last = part(1, [cell(0, 0, '一、本年新收'), cell(0, 1, '9')], [0, 100, 200], { index: 2, textAbove: true });
    const first = part(2, [cell(0, 0, '二、上年结转'), cell(0, 1, '0')], [0, 100, 200], { index: 1 });
    const later = part(2, [cell(0, 0, 'y'), cell(0, 1, '2')], [0, 100, 200], { index: 3, textAbove: true });
    const joined = joinDocumentTables(
      [
        { documentId: 'd', page: 1, tables: [earlier, last] },
        { documentId: 'd', page: 2, tables: [first, later] },
      ],
      new Set(),
    );
    expect(joined.map((t) => t.pages)).toEqual([[1], [1, 2], [2]]);
    expect(joined[1].cells.find((c) => c.text === '二、上年结转')).toMatchObject({ row: 1, page: 2 });
  });

  it('joins only the last table of a page to the first of the next', () => {
    const a = part(1, [cell(0, 0, 'a'), cell(0, 1, '1')], [0, 100, 200]);
    const b = part(1, [cell(0, 0, 'b'), cell(0, 1, '2')], [0, 100, 200], { index: 1 });
    const c = part(2, [cell(0, 0, 'c'), cell(0, 1, '3')], [0, 100, 200], { index: 0 });
    const d = part(2, [cell(0, 0, 'd'), cell(0, 1, '4')], [0, 100, 200], { index: 1 });
    const joined = joinDocumentTables(
      [
        { documentId: 'd', page: 1, tables: [b, a] },
        { documentId: 'd', page: 2, tables: [d, c] },
      ],
      new Set(),
    );
    expect(joined.find((t) => t.pages.length === 2)?.cells.map((x) => x.text)).toEqual(['b', '2', 'c', '3']);
  });
});
