// Lines read on a page kept as prose, or dropped as the marks around it read as characters. The lines are as
// Tesseract read them on a faded Ningxia capture (captures seed 1757812095): a chart's boxes on page 3, a photo's
// frame on page 4, beside prose read surely and a paragraph's short last line read less so.
import { isProseLine, proseLinesOf, withoutStrayMarks } from '../../services/ocr/src/domain/prose-lines';
import type { Line, Word } from '../../shared/contracts/page';
import { proseConfidence } from '../../shared/domain/lines';

describe('prose lines', () => {
  it.each([
    ['（', 0.68],
    ['）', 0.86],
    ['L___ i一一一a L', 0.57],
    ['一，一一一rrrrerveermmmmmmrewmrrr一一', 0.71],
    ['-一一一rmrrvvnnrmmmeomemmgremngWWrvenmr一一a一万一一一La', 0.7],
    ['| \\、', 0.67],
    ['胸 1', 0.53],
    ['| 1', 0.4],
    ['一是强化门户网站建设', 0.3],
    ['I3y F 7', 0.51],
    ['L/A 1 仁仪二', 0.51],
    ['B 余园 . 1', 0.58],
  ])('drops %s read at %f: no words, or too unsure', (text, confidence) => {
    expect(isProseLine({ text, confidence })).toBe(false);
  });

  it.each([
    ['媒体发稿3956篇', 0.81],
    ['一是强化门户网站建设维护管理。', 0.96],
    ['1人。', 0.96],
    ['网站(www.nxga.gov.cn)查阅', 0.7],
    ['2017年', 0.75],
    ['共1000条', 0.8],
    ['渠道推进行政执法公开.（2025，市公安局依托门户网站、政务微博微信等新媒', 0.67],
  ])('keeps %s read at %f', (text, confidence) => {
    expect(isProseLine({ text, confidence })).toBe(true);
  });
});

describe('the confidence of lines read', () => {
  const lines = [
    { text: '二、主动公开政府信息情况', confidence: 0.96 },
    { text: '三 是', confidence: 0.6 },
  ];

  it('weighs each line by its characters, spaces left out', () => {
    expect(proseConfidence(lines)).toBeCloseTo((12 * 0.96 + 2 * 0.6) / 14, 6);
  });

  it('says nothing from fewer characters than asked (a page is not judged by a line of junk)', () => {
    expect(proseConfidence(lines, 15)).toBeNull();
    expect(proseConfidence(lines, 14)).not.toBeNull();
    expect(proseConfidence([])).toBeNull();
  });
});

describe('stray marks at the ends of a line', () => {
  /** A word from x0 to x1 on the line's 12 pt row. */
  const word = (text: string, x0: number, x1: number, confidence: number): Word => ({
    text,
    confidence,
    bbox: { x: x0, y: 100, width: x1 - x0, height: 12 },
  });
  /** A line of those words, its text as Tesseract joins it. */
  const line = (words: Word[], text: string): Line => {
    const [first, last] = [words[0].bbox, words[words.length - 1].bbox];
    return { text, confidence: 0.9, bbox: { ...first, width: last.x + last.width - first.x }, words };
  };
  // The text (联系) a mark stands beside, in most cases.
  const contact = word('联系', 60, 84, 0.96);

  it("takes off a copier's edge read as | far past the text, at either end", () => {
    // As read on a 200 dpi photocopy (captures seed 312557232): the title, then | 90 pt past it at 0.23.
    const read = line(
      [word('|', 10, 11, 0.4), word('年度', 60, 84, 0.96), word('报告', 85, 110, 0.96), word('|', 200, 201, 0.23)],
      '| 年度报告 |',
    );
    const kept = withoutStrayMarks(read);
    expect(kept.text).toBe('年度报告');
    expect(kept.words.map((w) => w.text)).toEqual(['年度', '报告']);
    expect(kept.bbox).toEqual({ x: 60, y: 100, width: 50, height: 12 });
  });

  it('takes off a page edge read as a sliver of a 1 or |, 60 pt before the text', () => {
    // As read on a 200 dpi photocopy of Ningxia (captures seed 1299709): the edge 0.3 pt wide, up to 25 pt tall
    // beside 12 pt text, so the line's box is twice the text's height.
    const edge = (text: string, confidence: number, height: number): Word => ({
      text,
      confidence,
      bbox: { x: 4.2, y: 94, width: 0.3, height },
    });
    // Read as 1 the edge was boxed 5.4 pt high, as | 25 pt.
    for (const mark of [edge('1', 0, 5.4), edge('|', 0.51, 25)]) {
      const read = line([mark, word('研究', 64, 90, 0.96), word('审定', 91, 117, 0.96)], `${mark.text} 研究审定`);
      expect(withoutStrayMarks(read).text).toBe('研究审定');
      // The text read as one word: the edge's own height is no measure of the line.
      expect(withoutStrayMarks(line([mark, word('研究审定', 64, 117, 0.96)], `${mark.text} 研究审定`)).text).toBe(
        '研究审定',
      );
    }
  });

  it.each([
    // A printed 1 is a stem of about 0.08 of its line's height, even read unsure and apart: a 9 pt 1 one pixel wide
    // at 150 dpi (0.48 pt) after 10.5 pt text.
    [
      'a narrow digit far apart',
      line(
        [
          { ...contact, bbox: { ...contact.bbox, height: 10.5 } },
          { text: '1', confidence: 0.6, bbox: { x: 140, y: 102, width: 0.48, height: 9 } },
        ],
        '联系 1',
      ),
    ],
    ['punctuation touching its text', line([contact, word('。', 85, 95, 0.5)], '联系。')],
    ['a sure mark far apart', line([contact, word('）', 200, 205, 0.95)], '联系 ）')],
    // A full-width mark at a line's start leaves up to an em of white after it (+。 read at 0.67, 15 pt before 平).
    [
      'a full-width mark an em before its text',
      line([word('+。', 63, 75, 0.67), word('平安', 90, 115, 0.96)], '+。平安'),
    ],
    ['a word far apart', line([contact, word('2020', 200, 230, 0.5)], '联系 2020')],
  ])('keeps %s', (_, read) => {
    expect(withoutStrayMarks(read)).toBe(read);
  });
});

describe("a paragraph's short last line", () => {
  /** A line of one word at (x, y), 14 pt high unless told. */
  const at = (text: string, confidence: number, x: number, y: number, height = 14): Line => {
    const bbox = { x, y, width: 14 * [...text].length, height };
    return { text, confidence, bbox, words: [{ text, confidence, bbox }] };
  };
  // As on a 200 dpi photocopy of Yinchuan (captures seed 312557232): a paragraph at the margin (x 72), 14 pt lines
  // with 12-16 pt of white between them; its last line 5 件。 read at 0.87, and 无 under a heading, two characters in.
  const first = at('案7件，人大建议办理工作取得实效，共办理建议提案', 0.95, 100, 100);
  const second = at('7件，其中人大代表建议2件，政协委员提案', 0.95, 72, 128);
  const last = at('5 件。', 0.87, 72, 158);
  const heading = at('六、其他需要报告的事项', 0.95, 100, 400);
  const nothing = at('无', 0.34, 127, 432, 11.3);

  it('keeps it where it stands under its paragraph, in the order read', () => {
    expect(isProseLine(last)).toBe(false);
    expect(isProseLine(nothing)).toBe(false);
    const read = [first, second, last, heading, nothing];
    expect(proseLinesOf(read)).toEqual(read);
  });

  // Each mark stands where the last line stands but for one thing.
  it.each([
    ['a line three line heights below the text', at('5 件。', 0.87, 72, 184)],
    ["a box letter far to the right, as tall as a line (a chart's)", at('A', 0.57, 240, 158)],
    ["a box letter at the margin, half a line high (a chart's)", at('A', 0.57, 72, 158, 6.6)],
    ['a stroke read as a run of letters', at('mmmmmm', 0.5, 72, 158)],
    ['a mark with no letter, digit or character', at('|', 0.64, 72, 158)],
    ["a rule's stroke twice as tall as the line", at('1 1', 0.6, 72, 158, 38)],
    ['a reading under 0.3', at('口', 0.2, 72, 158)],
  ])('drops %s', (_, mark) => {
    expect(proseLinesOf([first, second, mark])).toEqual([first, second]);
  });

  it('keeps no short line under a short line kept: only prose stands for a paragraph', () => {
    const under = at('口', 0.5, 72, 188);
    expect(proseLinesOf([first, second, last, under])).toEqual([first, second, last]);
  });

  it('keeps nothing that has no kept line above it', () => {
    expect(proseLinesOf([last, nothing])).toEqual([]);
  });
});
