// Tables without rulings inside: a frame only, or rules across only. Rows and columns from word alignment.
import { findTableRegions } from '../../shared/domain/rulings';
import { gridFromWords } from '../../services/table-extraction/src/domain/word-grid';
import { extractPageTables } from '../../services/table-extraction/src/extract-page-tables';
import type { PageRecognition, Word } from '../../shared/contracts/page';
import { noOcr } from '../support/no-ocr';
import { pageRecord } from '../../harness/page-record';

const word = (text: string, x: number, y: number): Word => ({
  text,
  confidence: 1,
  bbox: { x, y, width: 12 * [...text].length, height: 12 },
});

// 统计指标 | 单位 | 统计数, three rows, as laid out on a page with no lines between columns.
const words = [
  word('统计指标', 80, 110),
  word('单位', 300, 110),
  word('统计数', 400, 110),
  word('收到申请数', 80, 130),
  word('件', 300, 130),
  word('84', 400, 130),
  word('申请办结数', 80, 150),
  word('件', 300, 150),
  word('84', 400, 150),
];

describe('borderless tables', () => {
  it('takes a stack of equal horizontal rules for a table', () => {
    const h = (at: number) => ({ at, from: 70, to: 480 });
    const regions = findTableRegions({ horizontal: [h(100), h(126), h(170)], vertical: [] }, { dpi: 72 });
    expect(regions).toHaveLength(1);
    expect(regions[0]).toMatchObject({ x: 70, y: 100, width: 410, height: 70 });
  });

  it('does not take two rules, or rules of different widths, for one', () => {
    expect(
      findTableRegions(
        {
          horizontal: [
            { at: 100, from: 70, to: 480 },
            { at: 130, from: 70, to: 480 },
          ],
          vertical: [],
        },
        { dpi: 72 },
      ),
    ).toHaveLength(0);
    const mixed = [
      { at: 100, from: 70, to: 480 },
      { at: 130, from: 70, to: 300 },
      { at: 160, from: 200, to: 480 },
    ];
    expect(findTableRegions({ horizontal: mixed, vertical: [] }, { dpi: 72 })).toHaveLength(0);
  });

  // A page at 100 DPI: three rules of one extent, the header's two 0.3 in apart and the last 3 in below them (a
  // three-line table of ten rows), and a body drawn in `body` between them.
  const page = (body: (put: (x: number, y: number, w: number, h: number) => void) => void) => {
    const mask = { width: 850, height: 1100, data: new Uint8Array(850 * 1100) };
    const put = (x: number, y: number, w: number, h: number) => {
      for (let yy = y; yy < y + h; yy += 1) {
        mask.data.fill(1, yy * mask.width + x, yy * mask.width + x + w);
      }
    };
    for (const at of [100, 130, 430]) {
      put(80, at, 690, 1);
    }
    body(put);
    const rule = (at: number) => ({ at, from: 80, to: 769 });
    return { mask, rulings: { horizontal: [rule(100), rule(130), rule(430)], vertical: [] } };
  };

  it('takes a three-line table whose body runs long where its ink stands in columns', () => {
    const table = page((put) => {
      for (let row = 0; row < 10; row += 1) {
        // A label, a figure and a figure: 30, 40 and 50 px of white between them.
        put(90, 140 + row * 28, 200, 12);
        put(320, 140 + row * 28, 150, 12);
        put(520, 140 + row * 28, 200, 12);
      }
    });
    expect(findTableRegions(table.rulings, { dpi: 100 }, table.mask)).toEqual([
      expect.objectContaining({ x: 80, y: 100, width: 689, height: 330 }),
    ]);
    // Without the page's ink, the body's length is all there is to go by: too long for a stack.
    expect(findTableRegions(table.rulings, { dpi: 100 })).toHaveLength(0);
  });

  it('takes two three-line tables one under the other as two, the second header with its own body', () => {
    const mask = { width: 850, height: 1100, data: new Uint8Array(850 * 1100) };
    const put = (x: number, y: number, w: number, h: number) => {
      for (let yy = y; yy < y + h; yy += 1) {
        mask.data.fill(1, yy * mask.width + x, yy * mask.width + x + w);
      }
    };
    const rules = [100, 130, 430, 500, 530, 830];
    rules.forEach((at) => put(80, at, 690, 1));
    for (const [from, to] of [
      [140, 420],
      [540, 820],
    ]) {
      for (let y = from; y + 12 < to; y += 28) {
        put(90, y, 200, 12);
        put(520, y, 200, 12);
      }
    }
    const rulings = { horizontal: rules.map((at) => ({ at, from: 80, to: 769 })), vertical: [] };
    expect(findTableRegions(rulings, { dpi: 100 }, mask).map((r) => [r.y, r.height])).toEqual([
      [100, 330],
      [500, 330],
    ]);
  });

  it('does not take prose between rules for a table: its gaps do not line up from top to bottom', () => {
    const prose = page((put) => {
      for (let line = 0; line < 10; line += 1) {
        // Characters 12 px wide with 2 px between them, each line shifted, and a word gap of 6 px (0.06 in) somewhere.
        for (let x = 90 + (line % 3) * 4; x < 760; x += 14) {
          put(x, 140 + line * 28, 12 + (x % 97 < 14 ? -6 : 0), 12);
        }
      }
    });
    expect(findTableRegions(prose.rulings, { dpi: 100 }, prose.mask)).toHaveLength(0);
    // One line of words between the rules is no table either, whatever stands between them, nor with a speck below it.
    const single = page((put) => {
      put(90, 200, 150, 12);
      put(400, 200, 150, 12);
      put(300, 260, 1, 1);
    });
    expect(findTableRegions(single.rulings, { dpi: 100 }, single.mask)).toHaveLength(0);
  });

  it('finds columns from the white between them and rows from the lines', () => {
    const { cells, edges } = gridFromWords(words, { x: 70, y: 100, width: 410, height: 70 });
    expect(edges).toHaveLength(4);
    expect(cells.map((c) => [c.row, c.col, c.text])).toEqual([
      [0, 0, '统计指标'],
      [0, 1, '单位'],
      [0, 2, '统计数'],
      [1, 0, '收到申请数'],
      [1, 1, '件'],
      [1, 2, '84'],
      [2, 0, '申请办结数'],
      [2, 1, '件'],
      [2, 2, '84'],
    ]);
  });

  it('reads a table with an outer frame only from a page text layer, and the same from a record of its rulings alone', async () => {
    const frame = {
      horizontal: [
        { at: 100, from: 70, to: 480 },
        { at: 170, from: 70, to: 480 },
      ],
      vertical: [
        { at: 70, from: 100, to: 170 },
        { at: 480, from: 100, to: 170 },
      ],
    };
    const recognition: PageRecognition = pageRecord({
      source: 'text-layer',
      tableWords: words,
      imageDpi: 150,
      tableRegions: [{ x: 70, y: 100, width: 410, height: 70, ...frame }],
    });
    const { tables } = await extractPageTables(recognition, null, { ocr: noOcr });
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ rows: 3, cols: 3 });
    expect(tables[0].cells.find((c) => c.row === 2 && c.col === 2)?.text).toBe('84');
    // A page recorded before OCR stored its regions: found again from its rulings.
    const { tableRegions, ...older } = recognition;
    void tableRegions;
    expect((await extractPageTables({ ...older, rulings: frame }, null, { ocr: noOcr })).tables).toEqual(tables);
    // A line below the table ends it there (it does not run on to the next page), but not a handwritten note read as
    // marks (a reviewer's note on a fax read "F7VY 歹y W x" at 0.61).
    const below = (text: string, confidence: number) =>
      extractPageTables(
        { ...recognition, lines: [{ text, confidence, bbox: { x: 300, y: 600, width: 120, height: 24 }, words: [] }] },
        null,
        { ocr: noOcr },
      );
    expect((await below('注：本表数据为快报数，单位为万元。', 0.95)).tables[0].textBelow).toBe(true);
    expect((await below('F7VY 歹y W x', 0.61)).tables[0].textBelow).toBe(false);
  });
});
