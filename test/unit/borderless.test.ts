// Tables without rulings inside: a frame only, or rules across only. Rows and columns from word alignment.
import { findTableRegions } from '../../shared/domain/rulings';
import { gridFromWords } from '../../services/table-extraction/src/domain/word-grid';
import { extractPageTables } from '../../services/table-extraction/src/extract-page-tables';
import type { PageRecognition, Word } from '../../shared/contracts/page';
import { noOcr } from '../support/no-ocr';
import { pageRecord } from '../support/page-record';

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
  });
});
