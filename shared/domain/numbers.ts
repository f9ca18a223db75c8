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

// 万元 read from a print a low resolution, a fax or a scanning app's filter broke: 万 as 刀, 力 or 方 (its hook and the
// stroke across it kept, the top bar lost or joined), 元 as 兀 or 儿 (its top bar, or both, lost); 刀兀, 力元, 刀元 and 刀儿
// were each read for 855.034万元 on a draw of the app, fax and app captures; 元 as 止 too (its two legs broken to a base
// on a fax: 855.034万止, fax Shizuishan captures seed 662607015). Only the two glyphs together: a lone 兀, 儿 or 止
// could be 元, a speck or a word.
const UNIT_IN_SHAPE = /[刀力方万][元兀儿止]$/;

/**
 * The number a cell's text holds when it ends with a unit in the shape of 万元 but not read as one, and the unit as
 * read; undefined for any other text, or when the rest is no number.
 */
export function withUnitInShape(raw: string): { number: ParsedNumber; unit: string; text: string } | undefined {
  const s = raw.normalize('NFKC').trim();
  const unit = UNIT_IN_SHAPE.exec(s)?.[0];
  if (!unit || unit === '万元') {
    return undefined;
  }
  const text = `${s.slice(0, -unit.length)}万元`;
  const number = parseNumber(text);
  return number.ok ? { number, unit, text } : undefined;
}

// An amount's figures parted by a space: these reports never part thousands by a space, and a decimal point is the
// smallest mark of a figure, the first a copy or a fax loses (855.034万元 read "855 034万元" on a 200 dpi photocopy and
// a fax). A lost digit would leave the space too, and then neither reading is the figure; the field stays in doubt.
const SPLIT_AMOUNT = /^(\d+)\s+(\d+)(万元|元)$/;

/** An amount with a unit whose figures a space parts, read with a decimal point for the space; undefined otherwise. */
export function splitAsPoint(raw: string): ParsedNumber | undefined {
  const m = SPLIT_AMOUNT.exec(raw.normalize('NFKC').trim());
  return m ? parseNumber(`${m[1]}.${m[2]}${m[3]}`) : undefined;
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

// Letters and marks the readers give for a printed figure whose strokes a low resolution, a fax's binarisation or
// toner broke or filled (each seen on a capture's cell): 0 as D, O, Q, U, G or 口 (a closed loop, or one with a gap),
// or as 山 or 日 (its two sides, the thin top and bottom a fax or a defocus lost, a speck or a bar between them: fax
// Shizuishan seeds 779 and 271828182, compound Yinchuan 1299709 twice), 1 as l, I or | (a bar), 2 as Z, 5 as S, 6 as
// b or G, 8 as B, 9 as g or q. Only figures in a shape, never a guess.
const DIGITS_IN_SHAPE: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  U: '0',
  C: '0',
  口: '0',
  山: '0',
  日: '0',
  '○': '0',
  G: '06',
  l: '1',
  I: '1',
  i: '1',
  '|': '1',
  丨: '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  b: '6',
  B: '8',
  g: '9',
  q: '9',
};

/**
 * Whether a cell's text that is no number has the shape of `value` as printed: each letter standing where a figure
 * of its shape stands (D for 0, l for 1, ...), the rest the figure's own digits and point, a 万元 after it allowed.
 * False when the text holds nothing shaped like a figure, or anything else.
 */
export function shapedLike(raw: string, value: number): boolean {
  const s = raw.normalize('NFKC').replace(/\s+/g, '').replace(/万元$/, '');
  const printed = String(value);
  if (s.length !== printed.length || ![...s].some((c) => c in DIGITS_IN_SHAPE)) {
    return false;
  }
  return [...s].every((c, i) => c === printed[i] || (DIGITS_IN_SHAPE[c] ?? '').includes(printed[i]));
}
