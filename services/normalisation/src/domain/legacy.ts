// The legacy (pre-2019) 统计表: 统计指标 | 单位 | 统计数, one indicator a row. Each value is keyed by its label
// as printed, `legacyStatistics.<label>`; a label printed twice is prefixed by its top-level section.
import { unionBox } from '../../../../shared/contracts/geometry';
import type { Cell } from '../../../../shared/contracts/table';
import { comparable } from '../../../../shared/domain/cjk-text';
import { labelForm, placeByOrder, similarity } from './labels';
import { NATIONAL_INDICATORS, isNationalIndicator, nationalWording } from './legacy-indicators';
import type { Identity } from '../../../../shared/domain/identities';
import { colCount, rowCells, rowCount } from './table-grid';

export interface LegacyValue {
  key: string;
  cell: Cell;
  unit: string;
}

const HEADER = ['统计指标', '单位', '统计数'];
const TOP_LEVEL = /^[一二三四五六七八九十]+、/;
const NO_UNIT = /^[-—–―－]*$/;

// A table of three columns with at least this many rows labelled by the national form's indicators is the
// legacy statistics table even when its header row is misread (a fax garbles 统计指标 | 单位 | 统计数): the
// form has 60 indicators, no other table of a report shares eight of them.
const MIN_INDICATOR_ROWS = 8;

/** Whether a grid is a legacy statistics table: its header row is 统计指标 | 单位 | 统计数, or its rows are
 * labelled by the national form's indicators. */
export function isLegacyTable(cells: readonly Cell[]): boolean {
  const first = rowCells(cells, 0);
  if (first.length === 3 && first.every((c, i) => similarity(c.text, HEADER[i]) >= 0.66)) {
    return true;
  }
  const threeColumns = colCount(cells) === 3;
  const labelled = cells.filter((c) => c.col === 0 && isNationalIndicator(c.text)).length;
  return threeColumns && labelled >= MIN_INDICATOR_ROWS;
}

/** The indicator rows: those with a unit or a value (section headings carry a dash for unit and no value). */
export function mapLegacy(cells: readonly Cell[]): LegacyValue[] {
  const lines: { label: Cell; unit: Cell; value: Cell }[] = [];
  for (let r = 1; r < rowCount(cells); r += 1) {
    const [label, unit, ...values] = rowCells(cells, r);
    if (label && unit && values.length > 0) {
      lines.push({ label, unit, value: values.length > 1 ? piecesAsOne(values) : values[0] });
    }
  }
  const wordings = inFormOrder(lines.map((l) => nationalWording(l.label.text.trim())));
  const rows: { label: string; section: string; unit: string; cell: Cell }[] = [];
  let section = '';
  for (const [i, { unit, value }] of lines.entries()) {
    const printed = wordings[i];
    const text = comparable(printed);
    if (TOP_LEVEL.test(text)) {
      section = text;
    }
    if (NO_UNIT.test(comparable(unit.text)) && value.text.trim() === '') {
      continue;
    }
    rows.push({ label: printed, section, unit: unit.text.trim(), cell: value });
  }
  const counts = new Map<string, number>();
  rows.forEach((r) => counts.set(r.label, (counts.get(r.label) ?? 0) + 1));
  return rows.map((r) => ({
    key: `legacyStatistics.${(counts.get(r.label) ?? 0) > 1 && r.section !== r.label ? `${r.section}/${r.label}` : r.label}`,
    cell: r.cell,
    unit: r.unit,
  }));
}

/**
 * The value of a row whose 统计数 the grid split into pieces (the arcs of a pen's circle round the figure, black on a
 * fax, stood as two short rulings): the pieces read as one cell, in doubt. Taking the first piece alone read a
 * blank beside the figure as a sure blank.
 */
function piecesAsOne(pieces: readonly Cell[]): Cell {
  return {
    ...pieces[0],
    text: pieces
      .map((c) => c.text.trim())
      .filter((t) => t !== '')
      .join(' '),
    confidence: Math.min(...pieces.map((c) => c.confidence)),
    colSpan: pieces.reduce((n, c) => n + c.colSpan, 0),
    bbox: unionBox(pieces.map((c) => c.bbox)) ?? pieces[0].bbox,
    alternatives: [],
    structureDoubt: 'the 统计数 column is split in this row, where the table has one cell: its pieces are read as one',
  };
}

/** Labels misread beyond snapping (a fax) put back by the form's order (labels.ts placeByOrder); a report that
 * left rows out or added its own keeps its labels as read. */
function inFormOrder(labels: readonly string[]): string[] {
  // Each recognised label's place in the form, searched after the one before it. 四 and 五 share the wordings of their
  // (二) and (三): such a label is the place as many rows of the form past the last recognised label's as it stands
  // rows past it in the table (one row per indicator), of the places left. The first place after the last was taken
  // before, and a fax that garbled 五's heading and its first two rows (Ningxia, captures seed 8675309) had 五's
  // （三）其他情形数 taken for 四's: the order then had four garbled rows and no place between them, and placed none.
  // Of two places as near, the earlier. A heading printed across the table (no unit, no value) is no line here, and a
  // report that added or left out rows shifts the count: then the nearer place may be the wrong one, and placeByOrder,
  // which places only where the counts agree, places nothing.
  const index: number[] = [];
  let cursor = 0;
  let last = { row: -1, at: -1 };
  for (const [row, label] of labels.entries()) {
    if (!NATIONAL_INDICATORS.includes(label)) {
      index.push(-1);
      continue;
    }
    const places = NATIONAL_INDICATORS.flatMap((l, at) => (l === label && at >= cursor ? [at] : []));
    if (places.length === 0) {
      return [...labels];
    }
    const expected = last.at + (row - last.row);
    const at = places.reduce((a, b) => (Math.abs(b - expected) < Math.abs(a - expected) ? b : a));
    index.push(at);
    cursor = at + 1;
    last = { row, at };
  }
  const placed = placeByOrder(index, NATIONAL_INDICATORS.length);
  return labels.map((label, i) => (index[i] < 0 && placed[i] >= 0 ? NATIONAL_INDICATORS[placed[i]] : label));
}

// The legacy table's accounting identities, by indicator name without its numbering.
const LEGACY_IDENTITIES: readonly { total: string; parts: readonly string[] }[] = [
  { total: '收到申请数', parts: ['当面申请数', '传真申请数', '网络申请数', '信函申请数'] },
  { total: '申请办结数', parts: ['按时办结数', '延期办结数'] },
  {
    total: '申请答复数',
    parts: [
      '属于已主动公开范围数',
      '同意公开答复数',
      '同意部分公开答复数',
      '不同意公开答复数',
      '不属于本行政机关公开数',
      '申请信息不存在数',
      '告知作出更改补充数',
      '告知通过其他途径办理数',
    ],
  },
  {
    total: '不同意公开答复数',
    parts: [
      '涉及国家秘密',
      '涉及商业秘密',
      '涉及个人隐私',
      '危及国家安全、公共安全、经济安全和社会稳定',
      '不是《条例》所指政府信息',
      '法律法规规定的其他情形',
    ],
  },
  { total: '从事政府信息公开工作人员数', parts: ['专职人员数', '兼职人员数'] },
];

const NUMBERING = /^(其中)?([一二三四五六七八九十]+|\d+)?/;
// The indicator's name: its label without section prefix, numbering and trailing parenthetical note.
const bareName = (key: string) =>
  labelForm(
    (
      key
        .replace(/^legacyStatistics\./, '')
        .split('/')
        .pop() ?? ''
    )
      .normalize('NFKC')
      .replace(/\([^()]*\)$/, ''),
  ).replace(NUMBERING, '');

/** The key among `keys` whose indicator name is closest to `name`: closest, not first, as names nest
 * (不同意公开答复数 contains 同意公开答复数). */
function findIndicator(keys: readonly string[], name: string): string | undefined {
  const scored = keys.map((k) => ({ k, score: similarity(bareName(k), name) })).sort((a, b) => b.score - a.score);
  return scored[0] && scored[0].score >= 0.8 ? scored[0].k : undefined;
}

/** The indicators the legacy identities name (every legacy report has them), and how many of them `keys` holds. */
export function legacyCoverage(keys: readonly string[]): { expected: number; found: number } {
  const names = [...new Set(LEGACY_IDENTITIES.flatMap((i) => [i.total, ...i.parts]))];
  return { expected: names.length, found: names.filter((n) => findIndicator(keys, n) !== undefined).length };
}

/** The legacy identities whose every term was found among `keys`. */
export function legacyIdentities(keys: readonly string[]): Identity[] {
  const find = (name: string) => findIndicator(keys, name);
  const out: Identity[] = [];
  for (const identity of LEGACY_IDENTITIES) {
    const total = find(identity.total);
    const parts = identity.parts.map(find);
    if (total && parts.every((p): p is string => p !== undefined)) {
      out.push({
        id: `legacyStatistics.sum.${identity.total}`,
        description: `${identity.total} = ${identity.parts.join(' + ')}`,
        left: [total],
        right: parts,
      });
    }
  }
  return out;
}
