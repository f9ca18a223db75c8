import {
  parseNumber,
  shapedLike,
  splitAsPoint,
  valueTypeOf,
  withUnitInShape,
  withoutStrayMarks,
} from '../../shared/domain/numbers';

describe('parseNumber', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['0', 0],
    ['12', 12],
    ['+92', 92],
    ['-1', -1],
    ['1,234', 1234],
    ['１２３', 123],
    ['〇', 0],
    ['855.034万元', 855.034],
    ['8550340元', 855.034],
    ['12,345,678', 12345678],
  ])('reads %j as %p', (raw, value) => {
    expect(parseNumber(raw)).toMatchObject({ value, ok: true });
  });

  it('keeps the unit of an amount', () => {
    expect(parseNumber('855.034万元').unit).toBe('万元');
    expect(parseNumber('100元').unit).toBe('万元');
  });

  it('reads a dash as zero only where the template says so', () => {
    expect(parseNumber('—', { dashIsZero: true }).value).toBe(0);
    expect(parseNumber('——', { dashIsZero: false })).toEqual({ value: null, ok: true });
  });

  it('rejects text that is not a number', () => {
    expect(parseNumber('也')).toEqual({ value: null, ok: false });
    expect(parseNumber('1.2.3')).toEqual({ value: null, ok: false });
  });

  it('does not take a decimal comma for a thousands separator', () => {
    expect(parseNumber('1,23').ok).toBe(false);
  });
});

describe('valueTypeOf', () => {
  it('tells integers, decimals, percentages, currency and text apart as printed', () => {
    const kinds = [
      '3,769,000',
      '842',
      '-3',
      '(1,200)',
      '一百二十',
      '1,234.56',
      '(1,200.50)',
      '12.5%',
      '-3.2%',
      '¥1,234.50',
      '$3,769',
      '',
      '项目',
      '2023年',
      '37,69,000',
      '0951-1234567',
    ].map((t) => [t, valueTypeOf(t)]);
    expect(kinds).toEqual([
      ['3,769,000', 'integer'],
      ['842', 'integer'],
      ['-3', 'integer'],
      ['(1,200)', 'integer'],
      ['一百二十', 'integer'],
      ['1,234.56', 'decimal'],
      ['(1,200.50)', 'decimal'],
      ['12.5%', 'percentage'],
      ['-3.2%', 'percentage'],
      ['¥1,234.50', 'currency'],
      ['$3,769', 'currency'],
      ['', 'empty'],
      ['项目', 'text'],
      ['2023年', 'text'],
      // Separators that do not group thousands, and a telephone number, are no number.
      ['37,69,000', 'text'],
      ['0951-1234567', 'text'],
    ]);
  });
});

describe('withoutStrayMarks', () => {
  it.each([
    ['.89', 89, '.'],
    ['22 -', 22, '-'],
    ['0、', 0, '、'],
    [',89、', 89, ',、'],
    ['-5 .', -5, '.'],
    ['「0', 0, '「'],
  ])('reads %s as %d beside the marks %s', (raw, value, marks) => {
    expect(withoutStrayMarks(raw)).toEqual({ number: { value, ok: true }, marks });
  });

  it('leaves alone what has no marks, or is no number without them', () => {
    expect(withoutStrayMarks('89')).toBeUndefined();
    expect(withoutStrayMarks('一相 0')).toBeUndefined();
    expect(withoutStrayMarks('.、')).toBeUndefined();
    expect(withoutStrayMarks('1.2.3.')).toBeUndefined();
  });
});

describe('shapedLike: a reading that is no number but has the shape of a figure', () => {
  it('takes the letters a broken or filled figure is read as, where that figure stands', () => {
    expect(shapedLike('D', 0)).toBe(true);
    expect(shapedLike('G', 0)).toBe(true);
    expect(shapedLike('G', 6)).toBe(true);
    expect(shapedLike('山', 0)).toBe(true);
    expect(shapedLike('1日', 10)).toBe(true);
    expect(shapedLike('1O', 10)).toBe(true);
    expect(shapedLike('l2', 12)).toBe(true);
    expect(shapedLike('855.O34万元', 855.034)).toBe(true);
  });

  it('refuses a shape of another figure, another length, or text with nothing shaped like a figure', () => {
    expect(shapedLike('D', 8)).toBe(false);
    expect(shapedLike('山', 3)).toBe(false);
    expect(shapedLike('G', 9)).toBe(false);
    expect(shapedLike('1O', 100)).toBe(false);
    expect(shapedLike('10', 10)).toBe(false);
    expect(shapedLike('无', 0)).toBe(false);
    expect(shapedLike('D口', 0)).toBe(false);
  });
});

describe('withUnitInShape: 万元 read as glyphs of its shape', () => {
  it('reads the figure in 万元 where both glyphs are of its shape', () => {
    expect(withUnitInShape('855.034刀元')).toEqual({
      number: { value: 855.034, ok: true, unit: '万元' },
      unit: '刀元',
      text: '855.034万元',
    });
    expect(withUnitInShape('855.034力元')?.number.value).toBe(855.034);
    expect(withUnitInShape('12 刀兀')?.number.value).toBe(12);
    expect(withUnitInShape('855.034刀儿')?.number.value).toBe(855.034);
    expect(withUnitInShape('855.034万止')?.number.value).toBe(855.034);
  });

  it('leaves 万元 itself, a lone glyph, text and a figure that is no number to the other readings', () => {
    expect(withUnitInShape('855.034万元')).toBeUndefined();
    expect(withUnitInShape('855.034兀')).toBeUndefined();
    expect(withUnitInShape('855.034止')).toBeUndefined();
    expect(withUnitInShape('刀元')).toBeUndefined();
    expect(withUnitInShape('8a5刀元')).toBeUndefined();
  });
});

describe('splitAsPoint: an amount whose figures a space parts', () => {
  it('reads the space as the decimal point an amount with its unit lost', () => {
    expect(splitAsPoint('855 034万元')).toEqual({ value: 855.034, ok: true, unit: '万元' });
    expect(splitAsPoint(' 12 5元')?.value).toBe(0.00125);
  });

  it('leaves a count, an amount with two spaces or with its point, and text alone', () => {
    expect(splitAsPoint('75 0')).toBeUndefined();
    expect(splitAsPoint('1 234 5万元')).toBeUndefined();
    expect(splitAsPoint('855.034万元')).toBeUndefined();
    expect(splitAsPoint('采购 总额万元')).toBeUndefined();
  });
});
