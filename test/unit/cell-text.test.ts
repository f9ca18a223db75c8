import { looksNumeric, reconcile, textFromWords } from '../../services/table-extraction/src/domain/cell-text';

describe('looksNumeric', () => {
  it.each(['0', '+92', '-1', '855.034万元', '1,234', 'O', 'l2', 'IL40', '1L40'])(
    'takes %j for a number worth a digits reading',
    (t) => {
      expect(looksNumeric(t)).toBe(true);
    },
  );
  it.each(['', '规章', '其他', '2017-12-27x', 'L', 'XL'])('does not take %j for one', (t) => {
    expect(looksNumeric(t)).toBe(false);
  });
});

describe('reconcile', () => {
  it('raises confidence when both readings agree', () => {
    const r = reconcile({ text: '12', confidence: 0.8 }, { text: '12', confidence: 0.8 });
    expect(r.text).toBe('12');
    expect(r.confidence).toBeCloseTo(0.96);
    expect(r.alternatives).toEqual([]);
  });

  it('prefers the digits reading of a number and keeps the other as an alternative, less sure', () => {
    const r = reconcile({ text: 'l2', confidence: 0.9 }, { text: '12', confidence: 0.9 });
    expect(r.text).toBe('12');
    expect(r.confidence).toBeLessThan(0.9);
    expect(r.alternatives).toEqual([{ text: 'l2', confidence: 0.9 }]);
  });

  it('keeps a sign and the unit of an amount', () => {
    expect(reconcile({ text: '+92', confidence: 0.9 }, { text: '+92', confidence: 0.9 }).text).toBe('+92');
    expect(reconcile({ text: '855.034万元', confidence: 0.9 }, { text: '855.034', confidence: 0.9 }).text).toBe(
      '855.034万元',
    );
  });
});

describe('textFromWords', () => {
  const word = (text: string, x: number, y: number) => ({ text, confidence: 1, bbox: { x, y, width: 20, height: 10 } });

  it('joins the words inside a cell, wrapped lines in reading order, and ignores the rest', () => {
    const words = [word('只计这', 10, 30), word('（二）部分公开', 10, 10), word('0', 200, 10), word('一情形', 10, 50)];
    expect(textFromWords(words, { x: 0, y: 0, width: 100, height: 70 }).text).toBe('（二）部分公开只计这一情形');
  });

  it('gives a blank cell an empty text, not 0', () => {
    expect(textFromWords([word('5', 300, 300)], { x: 0, y: 0, width: 100, height: 70 }).text).toBe('');
  });
});
