// Numbers as printed in the reports: blanks, signs, separators, full-width digits, 〇 and dashes for zero,
// and amounts in 万元 or 元 (converted to 万元).

export interface ParsedNumber {
  value: number | null;
  /** False when the text is not a number at all (an OCR misread): value is then null. */
  ok: boolean;
  unit?: string;
}

const DASHES = /^[-—–―－‐‑]+$/;
const NUMBER = /^([+-]?)(\d+(?:\.\d+)?)(万元|元)?$/;

/**
 * Parses one cell. `dashIsZero`: the template prints a dash for zero in this cell (else a dash is a blank).
 * Thousands separators are dropped only where they separate groups of three digits.
 */
export function parseNumber(raw: string, options: { dashIsZero?: boolean } = {}): ParsedNumber {
  const s = raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  if (s === '') {
    return { value: null, ok: true };
  }
  if (s === '〇' || s === '零') {
    return { value: 0, ok: true };
  }
  if (DASHES.test(s)) {
    return { value: options.dashIsZero ? 0 : null, ok: true };
  }
  const m = NUMBER.exec(s);
  if (!m) {
    return { value: null, ok: false };
  }
  const magnitude = Number(m[2]);
  const signed = m[1] === '-' ? -magnitude : magnitude;
  if (m[3] === '元') {
    // 1 万元 = 10 000 元; round away float noise (0.1 + 0.2 style) at 1e-9 万元.
    return { value: Math.round((signed / 10000) * 1e9) / 1e9, ok: true, unit: '万元' };
  }
  return { value: signed, ok: true, ...(m[3] ? { unit: m[3] } : {}) };
}

// Marks read beside a figure from a speck of toner, a stain's edge or a pen's tick: never part of a number as these
// reports print one (a decimal has a digit before its point, a sign stands before the figure, nothing follows it).
const STRAY_BEFORE = /^[.,、·•'"`‘’“”「」。:;_~]+/;
const STRAY_AFTER = /[.,、·•'"`‘’“”「」。:;_~\-—–]+$/;

/**
 * The number a cell's text holds once marks read beside the figure are left out, and the marks; undefined when
 * there are none, or the rest is no number either. The marks may also be a digit or a point the scan lost.
 */
export function withoutStrayMarks(raw: string): { number: ParsedNumber; marks: string } | undefined {
  const s = raw.normalize('NFKC').replace(/\s+/g, '');
  const before = STRAY_BEFORE.exec(s)?.[0] ?? '';
  const after = STRAY_AFTER.exec(s.slice(before.length))?.[0] ?? '';
  const rest = s.slice(before.length, s.length - after.length);
  if (before + after === '' || !/\d/.test(rest)) {
    return undefined;
  }
  const number = parseNumber(rest);
  const marks = before + after;
  return number.ok ? { number, marks } : undefined;
}

/** What a table cell holds, as printed: a downstream reader parses each kind its own way. */
export type ValueType = 'empty' | 'integer' | 'decimal' | 'percentage' | 'currency' | 'text';

const GROUPED = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)`;
const SIGN = String.raw`[+\-−－]?`;
const INTEGER = new RegExp(String.raw`^(${SIGN}${GROUPED}|\(${GROUPED}\))$`);
const DECIMAL = new RegExp(String.raw`^(${SIGN}${GROUPED}\.\d+|\(${GROUPED}\.\d+\))$`);
const PERCENTAGE = new RegExp(String.raw`^${SIGN}(${GROUPED}(\.\d+)?|\.\d+)[%％]$`);
const CURRENCY = new RegExp(String.raw`^${SIGN}[¥￥$€£]${SIGN}${GROUPED}(\.\d+)?$`);
// Counts written in Chinese numerals (一百二十); 〇 and 零 alone are zero.
const CHINESE_NUMERAL = /^[零〇一二三四五六七八九十百千万亿两]+$/;

/**
 * The kind of value a cell's text is: thousands separators only between groups of three, parentheses for a
 * negative amount, "%" for a percentage, a currency sign before an amount, Chinese numerals as an integer.
 */
export function valueTypeOf(text: string): ValueType {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  if (s === '') {
    return 'empty';
  }
  if (PERCENTAGE.test(s)) {
    return 'percentage';
  }
  if (CURRENCY.test(s)) {
    return 'currency';
  }
  if (INTEGER.test(s) || CHINESE_NUMERAL.test(s)) {
    return 'integer';
  }
  return DECIMAL.test(s) ? 'decimal' : 'text';
}
