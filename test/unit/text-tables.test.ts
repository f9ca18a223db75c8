// Tables without rulings inside, from their text: found among prose (text-tables.ts) and built into a grid
// (word-grid.ts): a wrapped label kept whole, a group header spanning its columns, rules across as row boundaries;
// on a scan, from words narrowed to their print (read-cells.ts, word-ink.ts) and a column gap of a glyph's height.
import type { Line, Word } from '../../shared/contracts/page';
import { wordsToLines } from '../../shared/domain/lines';
import { SCANNED_LINE_GAP_LINE_HEIGHTS, findTextTables, withoutEndMarks } from '../../shared/domain/text-tables';
import { gridFromWords } from '../../services/table-extraction/src/domain/word-grid';
import { readRegionWords } from '../../services/table-extraction/src/read-cells';
import type { Raster } from '../../shared/adapters/raster';
import { pageRecord } from '../../harness/page-record';
import { paint, raster } from '../support/rasters';
import { scriptedOcr } from '../support/no-ocr';

// 10 pt print: a Chinese character 10 pt wide, a line box 10 pt high.
const word = (text: string, x: number, y: number): Word => ({
  text,
  confidence: 1,
  bbox: { x, y, width: 10 * [...text].length, height: 10 },
});
const frameOf = (words: readonly Word[]) => {
  const x0 = Math.min(...words.map((w) => w.bbox.x)) - 4;
  const y0 = Math.min(...words.map((w) => w.bbox.y)) - 4;
  const x1 = Math.max(...words.map((w) => w.bbox.x + w.bbox.width)) + 4;
  const y1 = Math.max(...words.map((w) => w.bbox.y + w.bbox.height)) + 4;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
};
const table = (words: readonly Word[], rules: number[] = []) =>
  gridFromWords(words, frameOf(words), rules)
    .cells.filter((c) => c.text !== '')
    .map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text]);

// Rows 18 pt apart (10 pt of text, 8 pt of white); columns at x = 100, 250, 350.
const row = (y: number, ...texts: string[]) => texts.map((t, i) => word(t, [100, 250, 350][i], y));

describe('tables found from their text', () => {
  it('finds a borderless table between a caption and prose, and neither of them', () => {
    const lines: Line[] = wordsToLines([
      word('二〇二三年主要指标', 180, 60),
      ...row(100, '项目', '预算数', '决算数'),
      ...row(118, '税收收入', '1,200', '1,350'),
      ...row(136, '非税收入', '300', '12.5%'),
      ...row(154, '合计', '1,500', '1,650'),
      word('注：本表数据为快报数，单位为万元，部分数据因四舍五入略有出入。', 90, 190),
    ]);
    const found = findTextTables(lines);
    expect(found).toHaveLength(1);
    expect(found[0].y).toBeGreaterThan(70);
    expect(found[0].y).toBeLessThan(100);
    expect(found[0].y + found[0].height).toBeLessThan(190);
  });

  it('finds no table in prose, nor in a heading beside a date', () => {
    const prose = wordsToLines([
      word('根据《中华人民共和国政府信息公开条例》规定，现公布本机关年度报告。', 90, 100),
      word('一、总体情况', 90, 118),
      word('2024年1月15日', 400, 118),
      word('本年度共收到政府信息公开申请八十四件，均已按时办结。', 90, 136),
    ]);
    expect(findTextTables(prose)).toEqual([]);
  });
});

describe("tables found from a scan's text", () => {
  // A scanned line as Tesseract reads it: one word per character, each with its confidence.
  const scanned = (text: string, x: number, y: number, confidence = 0.96): Word[] =>
    [...text].map((ch, i) => ({ text: ch, confidence, bbox: { x: x + 10 * i, y, width: 10, height: 10 } }));
  const mark = (text: string, x: number, y: number, confidence: number): Word => ({
    text,
    confidence,
    bbox: { x, y, width: 6, height: 10 },
  });

  it("sets aside the marks read at a line's ends, not a doubtful word inside it", () => {
    const line = wordsToLines([
      mark('|', 20, 100, 0.36),
      mark('“', 30, 100, 0.88),
      ...scanned('第一平台', 60, 100),
      mark('24', 100, 100, 0.15),
      ...scanned('条信息', 120, 100),
      mark('圈', 300, 100, 0.4),
    ])[0];
    const kept = withoutEndMarks(line);
    expect(kept?.words.map((w) => w.text).join('')).toBe('第一平台24条信息');
    expect(kept && [kept.bbox.x, kept.bbox.x + kept.bbox.width]).toEqual([60, 150]);
    expect(withoutEndMarks(wordsToLines([mark('|', 20, 100, 0.9), mark('一', 40, 100, 0.2)])[0])).toBeNull();
  });

  it('finds no table in prose beside a column of marks in the margin, and a table beside it', () => {
    // A stain's edge in the margin read as a mark at the start of each line (faded Ningxia, seed 1436433146).
    const prose = wordsToLines(
      [100, 118, 136, 154].flatMap((y, i) => [
        mark([',', '|', '-', '产'][i], 20, y, [0.32, 0.36, 0.84, 0.7][i]),
        ...scanned('充分发挥门户网站政务公开第一平台作用', 60, y),
      ]),
    );
    expect(findTextTables(prose)).toHaveLength(1);
    const lines = (ls: Line[]) => ls.map(withoutEndMarks).filter((l): l is Line => l !== null);
    expect(findTextTables(lines(prose))).toEqual([]);
    const table = wordsToLines(
      [200, 218, 236, 254].flatMap((y, i) => [
        ...scanned(['项目', '税收收入', '非税收入', '合计'][i], 60, y),
        ...scanned(['预算数', '1200', '300', '1500'][i], 250, y),
        ...scanned(['决算数', '1350', '125', '1650'][i], 350, y),
      ]),
    );
    expect(findTextTables(lines([...prose, ...table]))).toHaveLength(1);
  });

  it("bridges a wrapped label's line that the reading dropped, not a paragraph's gap", () => {
    // Rows 18 pt apart, a label's lines 13.5 (the font's leading); the second line of 农林水支出's label (at y 131.5)
    // was not read: a 22 pt gap to the next row, 2.2 line heights.
    const rows = [
      row(100, '项目', '预算数', '决算数'),
      row(118, '农林水', '1,200', '1,350'),
      row(150, '税收收入', '300', '125'),
      row(168, '合计', '1,500', '1,650'),
    ];
    const lines = wordsToLines(rows.flat());
    expect(findTextTables(lines)).toHaveLength(0);
    const found = findTextTables(lines, SCANNED_LINE_GAP_LINE_HEIGHTS);
    expect(found).toHaveLength(1);
    expect(found[0].y + found[0].height).toBeGreaterThan(178);
    // A table and prose a paragraph's gap below (3 line heights) stay apart.
    const apart = wordsToLines([...rows.flat(), word('本表数据为快报数，单位为万元。', 90, 208)]);
    expect(findTextTables(apart, SCANNED_LINE_GAP_LINE_HEIGHTS)[0].height).toBeLessThan(100);
  });
});

describe('the grid of a table without rulings', () => {
  it('keeps a label wrapped over two lines whole, its figures centred beside it in one row', () => {
    const words = [
      ...row(100, '项目', '预算数', '决算数'),
      // 城乡社区公共设施 / 维护支出 on two lines 12 pt apart, the figures centred between them.
      word('城乡社区公共设施', 100, 122),
      word('维护支出', 100, 134),
      word('3,769,000', 250, 128),
      word('-3', 350, 128),
      ...row(158, '教育支出', '(1,200)', '12.5%'),
    ];
    expect(table(words)).toEqual([
      [0, 0, 1, 1, '项目'],
      [0, 1, 1, 1, '预算数'],
      [0, 2, 1, 1, '决算数'],
      [1, 0, 1, 1, '城乡社区公共设施维护支出'],
      [1, 1, 1, 1, '3,769,000'],
      [1, 2, 1, 1, '-3'],
      [2, 0, 1, 1, '教育支出'],
      [2, 1, 1, 1, '(1,200)'],
      [2, 2, 1, 1, '12.5%'],
    ]);
  });

  it('gives a group header its columns and the headers beside it both header rows', () => {
    // 项目 centred over two header rows; 本年预算 centred over 基本支出 and 项目支出, across the white between them.
    const words = [
      word('本年预算', 275, 100),
      word('项目', 100, 109),
      word('基本支出', 220, 118),
      word('项目支出', 320, 118),
      word('教育支出', 100, 140),
      word('1,200', 220, 140),
      word('300', 320, 140),
      word('科学技术支出', 100, 158),
      word('2,400', 220, 158),
      word('-3', 320, 158),
    ];
    expect(table(words)).toEqual([
      [0, 0, 2, 1, '项目'],
      [0, 1, 1, 2, '本年预算'],
      [1, 1, 1, 1, '基本支出'],
      [1, 2, 1, 1, '项目支出'],
      [2, 0, 1, 1, '教育支出'],
      [2, 1, 1, 1, '1,200'],
      [2, 2, 1, 1, '300'],
      [3, 0, 1, 1, '科学技术支出'],
      [3, 1, 1, 1, '2,400'],
      [3, 2, 1, 1, '-3'],
    ]);
  });

  it("never joins lines across a rule (a three-line table's header rule)", () => {
    // A two-line header cell over a rule, and a first row so close under it that it would join without the rule.
    const words = [
      ...row(100, '项目', '预算数', '决算数'),
      ...row(113, '教育支出', '1,200', '12.5%'),
      ...row(131, '合计', '1,500', '1,650'),
    ];
    expect(table(words).map((c) => c[0])).toEqual([0, 0, 0, 1, 1, 1]);
    expect(table(words, [111.5]).map((c) => c[0])).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
  });

  it('takes a long value across the columns of a key-value form', () => {
    const words = [
      word('单位名称', 100, 100),
      word('某市财政局', 180, 100),
      word('预算年度', 300, 100),
      word('2023年', 380, 100),
      word('项目概述', 100, 118),
      word('本项目主要用于辖区内道路桥梁排水等设施维护', 180, 118),
      word('联系人', 100, 136),
      word('王某', 180, 136),
      word('联系电话', 300, 136),
      word('0951-1234567', 380, 136),
    ];
    expect(table(words)).toContainEqual([1, 1, 1, 3, '本项目主要用于辖区内道路桥梁排水等设施维护']);
    expect(table(words)).toContainEqual([2, 2, 1, 1, '联系电话']);
  });

  it('doubts a value followed by empty places that other rows fill: nothing shows whether it spans them', () => {
    const words = [
      word('资金来源', 100, 100),
      word('上级转移支付', 180, 100),
      word('联系人', 100, 118),
      word('王某', 180, 118),
      word('联系电话', 300, 118),
      word('0951-1234567', 380, 118),
      word('单位名称', 100, 136),
      word('某市财政局', 180, 136),
      word('预算年度', 300, 136),
      word('2023年', 380, 136),
    ];
    const cells = gridFromWords(words, frameOf(words)).cells;
    expect(cells.find((c) => c.text === '上级转移支付')?.structureDoubt).toMatch(/spans/);
    expect(cells.filter((c) => c.structureDoubt).map((c) => c.text)).toEqual(['上级转移支付']);
  });
});

describe('the grid of a scanned table without rulings, columns 11 pt apart', () => {
  // A page at 72 dpi (a pixel a point) holding three rows of 10 pt print in three columns: labels at x 100-150,
  // figures at 161-200 (a gutter of 11 pt), percentages at 250-290; and a rule across under the first row.
  const rows = [100, 120, 140];
  const page = raster(
    600,
    300,
    rows.flatMap((y): [number, number, number, number][] => [
      [100, y, 50, 10],
      [161, y, 39, 10],
      [250, y, 40, 10],
    ]),
  );
  paint(page, [[90, 116, 320, 1]]);
  const box = { x: 90, y: 90, width: 320, height: 70 };
  const rule = { at: 116.5, from: 90, to: 410 };
  // What Tesseract gives: boxes 16 pt high over 10 pt glyphs, a quote mark read before each figure where none is
  // printed (its box reaching into the gutter, 4 pt from the label), and an underscore over the white. The crop it
  // reads starts 2 pt inside the region and is padded by 4 px: its pixels are the page's less 88.
  const seen: Raster[] = [];
  const ocr = scriptedOcr((image) => {
    seen.push(image);
    const at = (text: string, x0: number, x1: number, y: number) => ({
      text,
      confidence: 0.9,
      bbox: { x: x0 - 88, y: y - 3 - 88, width: x1 - x0, height: 16 },
    });
    const lines = rows.map((y, i) => {
      const words = [
        at(['项目', '税收收入', '非税收入'][i], 100, 150, y),
        at(['“1,200', '“300', '“1,500'][i], 154, 200, y),
        at('_', 203, 208, y),
        at(['12.5%', '3.0%', '15.5%'][i], 250, 290, y),
      ];
      return { ...at('', 100, 290, y), words };
    });
    return Promise.resolve({ text: '', confidence: 0.9, lines });
  });
  const recognition = pageRecord({ imageDpi: 72 });

  it('narrows the words to their print, leaves out those over white, and whitens the rules across first', async () => {
    const { words } = await readRegionWords(recognition, page, box, ocr, [rule]);
    expect(words.map((w) => [w.text, w.bbox.x, w.bbox.x + w.bbox.width])).toEqual([
      ['项目', 100, 150],
      ['“1,200', 161, 200],
      ['12.5%', 250, 290],
      ['税收收入', 100, 150],
      ['“300', 161, 200],
      ['3.0%', 250, 290],
      ['非税收入', 100, 150],
      ['“1,500', 161, 200],
      ['15.5%', 250, 290],
    ]);
    const read = seen[seen.length - 1];
    expect(read.data.slice(28 * read.width, 29 * read.width).every((v) => v === 255)).toBe(true);
  });

  it("takes the gutter for a column gap a glyph high (10 pt given), where Tesseract's boxes close it", async () => {
    const { words } = await readRegionWords(recognition, page, box, ocr, [rule]);
    const columns = (found: ReturnType<typeof gridFromWords>) => found.edges.length - 1;
    expect(columns(gridFromWords(words, box, [rule.at], 10))).toBe(3);
    // By the boxes' 16 pt height, or with the boxes as Tesseract gave them, the labels and figures are one column.
    expect(columns(gridFromWords(words, box, [rule.at]))).toBe(2);
    const unnarrowed = words.map((w) =>
      w.text.startsWith('“') ? { ...w, bbox: { ...w.bbox, x: 154, width: 46 } } : w,
    );
    expect(columns(gridFromWords(unnarrowed, box, [rule.at], 10))).toBe(2);
  });
});
