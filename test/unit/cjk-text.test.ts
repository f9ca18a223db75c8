import { cleanCjkText, comparable, joinPieces, pairQuotes, repairTitleMarks } from '../../shared/domain/cjk-text';
import { unifyRadicals } from '../../shared/domain/radicals';

describe('cleanCjkText', () => {
  it('removes the spaces Tesseract puts between CJK characters', () => {
    expect(cleanCjkText('政 府 信 息 公 开')).toBe('政府信息公开');
  });

  it('keeps spaces between Latin words and numbers', () => {
    expect(cleanCjkText('从 2020 年 1 月 1 日')).toBe('从 2020 年 1 月 1 日');
    expect(cleanCjkText('APP 下载')).toBe('APP 下载');
  });

  it('makes punctuation beside CJK full-width, and leaves a comma between digits', () => {
    expect(cleanCjkText('规定,编制本报告;(一)主动公开')).toBe('规定，编制本报告；（一）主动公开');
    expect(cleanCjkText('共 1,234 条')).toBe('共 1,234 条');
  });
});

describe('comparable and joinPieces', () => {
  it('compares NFKC forms without whitespace', () => {
    expect(comparable('（一） 主动 公开')).toBe(comparable('(一)主动公开'));
  });

  it('joins wrapped lines of a cell without a space between CJK', () => {
    expect(joinPieces(['（二）部分公开（区分处理的，只计这', '一情形，不计其他情形）'])).toBe(
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    );
    expect(joinPieces(['open', 'data'])).toBe('open data');
  });
});

describe('unifyRadicals', () => {
  it('maps radical code points from font ToUnicode tables to ideographs', () => {
    expect(unifyRadicals('⽯嘴⼭市公安局')).toBe('石嘴山市公安局');
    expect(unifyRadicals('⼈⺠')).toBe('人民');
    expect(unifyRadicals('门戶网站')).toBe('门户网站');
  });
});

describe('OCR punctuation', () => {
  it('pairs double quotes that Tesseract reads all as opening ones', () => {
    expect(pairQuotes('建立“民群“ 67 个，开展“两会“安保')).toBe('建立“民群” 67 个，开展“两会”安保');
  });
  it('keeps a quotation ending a sentence whole: its closing mark stands after the sentence end', () => {
    expect(pairQuotes('网民评论：“辛苦你们了““收到，谢谢！“该网民')).toBe('网民评论：“辛苦你们了”“收到，谢谢！”该网民');
    expect(pairQuotes('完成。“两会“期间')).toBe('完成。“两会”期间');
    // A mark after a sentence's end opens the next sentence's quotation when that one holds an odd number without it.
    expect(pairQuotes('开展两会“工作。“放管服“改革')).toBe('开展两会”工作。“放管服”改革');
  });
  it('tells a mark by where it stands when OCR dropped its pair', () => {
    // The opening mark lost: the one left closes, since punctuation follows it; the next sentence is paired anew.
    expect(pairQuotes('开展两会“、“平安“建设。建立“民群“')).toBe('开展两会”、“平安”建设。建立“民群”');
    // The closing mark lost: the one left opens, after a comma.
    expect(pairQuotes('深化，“放管服改革')).toBe('深化，“放管服改革');
    // An opening mark lost between characters: the others counted back from the sentence's end, whose last closes.
    expect(pairQuotes('属性。两微一端“信息发布建立“三审三校“制度，')).toBe(
      '属性。两微一端”信息发布建立“三审三校”制度，',
    );
  });
  it('puts back book-title marks read as a lone letter or 》 as 〗, where the title has its other mark', () => {
    expect(repairTitleMarks('严格执行f条例》规定')).toBe('严格执行《条例》规定');
    expect(repairTitleMarks('（以下简称f条例〗）规定')).toBe('（以下简称《条例》）规定');
    expect(repairTitleMarks('《政府信息公开条例〗规定')).toBe('《政府信息公开条例》规定');
    // A title wrapped over two lines, 〈〉 inside it: its 《 is on the first line of the paragraph.
    const citation =
      '按照《国务院办公厅政务公开办公室关于印发\n〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求';
    expect(repairTitleMarks(citation)).toBe(citation);
    // Brackets are brackets; 〖〗 a pair of their own; not a letter of a word; not where a title is open or unclosed.
    for (const text of [
      '（依据条例》第二十条）',
      '管理制度（试行）》，全面',
      '（见〖附件〗）',
      '《公开〖附件〗办法》',
      '5G网络》',
      '《走好K新》',
      'A级景区',
    ]) {
      expect(repairTitleMarks(text)).toBe(text);
    }
  });
  it('reads x between digits as the multiplication sign', () => {
    expect(cleanCjkText('窗口7X24小时“全天候”服务')).toBe('窗口7×24小时“全天候”服务');
  });
});
