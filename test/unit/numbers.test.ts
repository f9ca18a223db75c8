import { parseNumber } from '../../shared/domain/numbers';

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
