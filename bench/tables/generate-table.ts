// One generic table drawn from a seed: its kind (ruled, three-line, borderless, key-value), language, header
// (with spanning group headers now and then), labels that wrap, figures in many formats, and its truth: every
// cell with row, column, spans and text. The HTML that prints it is in table-html.ts.
import type { Rng } from '../captures/rng';
import { type Language, type NumberStyle, formatNumber, vocabulary } from './table-content';
import type { TruthCell } from '../../harness/corpus';

export const TABLE_KINDS = ['ruled', 'three-line', 'borderless', 'key-value'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/** How a ruled table leaves its frame out: government tables are often printed without outer sides, and tables
 * printed from spreadsheets often with rules down the columns and none between the body's rows. */
export type Frame = 'full' | 'no-outer-sides' | 'no-right' | 'columns';

export interface GeneratedTable {
  kind: TableKind;
  lang: Language;
  caption: string;
  note: string;
  /** Rows of the header (spanning headers make two). */
  headerRows: number;
  frame: Frame;
  fontPt: number;
  cells: TruthCell[];
  rows: number;
  cols: number;
}

// A generated table has 4-12 body rows and 2-6 value columns: the sizes of bulletin and budget tables that
// fit a page, large enough that a merged row or a split column shows in every measure.
const BODY_ROWS = [4, 12] as const;
const VALUE_COLUMNS = [2, 6] as const;
// A spanning group header in three tables of five; an empty cell in one of twelve.
const GROUP_SHARE = 0.6;
const EMPTY_SHARE = 1 / 12;

/** Draws one table of `kind` from `rng`. */
export function generateTable(rng: Rng, kind: TableKind): GeneratedTable {
  const lang: Language = rng.chance(0.6) ? 'zh' : 'en';
  const base = {
    kind,
    lang,
    caption: vocabulary.caption(rng, lang),
    note: vocabulary.note(rng, lang),
    frame:
      kind === 'ruled' ? rng.pick<Frame>(['full', 'full', 'no-outer-sides', 'no-right', 'columns']) : ('full' as Frame),
    fontPt: rng.pick([9, 10, 10.5, 11, 12]),
  };
  const body = kind === 'key-value' ? keyValueCells(rng, lang) : gridCells(rng, lang, kind);
  return { ...base, ...body };
}

function gridCells(
  rng: Rng,
  lang: Language,
  kind: TableKind,
): Pick<GeneratedTable, 'cells' | 'rows' | 'cols' | 'headerRows'> {
  const valueCols = rng.int(...VALUE_COLUMNS);
  const bodyRows = rng.int(...BODY_ROWS);
  const labels = shuffled(rng, vocabulary.rowLabels(lang)).slice(0, bodyRows);
  const headers = shuffled(rng, vocabulary.columnHeaders(lang));
  const cells: TruthCell[] = [];
  // A group header spans two value columns over their own headers; the stub and the others span both rows.
  const grouped = valueCols >= 2 && rng.chance(GROUP_SHARE) && kind !== 'borderless';
  const headerRows = grouped ? 2 : 1;
  cells.push({ row: 0, col: 0, rowSpan: headerRows, colSpan: 1, text: vocabulary.stubHeader(rng, lang) });
  let col = 1;
  if (grouped) {
    const [group, members] = rng.pick(vocabulary.groups(lang));
    const at = rng.int(1, valueCols - 1);
    for (; col < at; col += 1) {
      cells.push({ row: 0, col, rowSpan: 2, colSpan: 1, text: headers[col] });
    }
    cells.push({ row: 0, col, rowSpan: 1, colSpan: 2, text: group });
    cells.push({ row: 1, col, rowSpan: 1, colSpan: 1, text: members[0] });
    cells.push({ row: 1, col: col + 1, rowSpan: 1, colSpan: 1, text: members[1] });
    col += 2;
  }
  for (; col <= valueCols; col += 1) {
    cells.push({ row: 0, col, rowSpan: headerRows, colSpan: 1, text: headers[col] });
  }
  const styles: NumberStyle[] = Array.from({ length: valueCols }, () => vocabulary.numberStyle(rng, lang));
  labels.forEach((label, r) => {
    const row = headerRows + r;
    cells.push({ row, col: 0, rowSpan: 1, colSpan: 1, text: label });
    styles.forEach((style, c) => {
      cells.push({
        row,
        col: c + 1,
        rowSpan: 1,
        colSpan: 1,
        text: rng.chance(EMPTY_SHARE) ? '' : formatNumber(rng, style),
      });
    });
  });
  return { cells, rows: headerRows + bodyRows, cols: valueCols + 1, headerRows };
}

/** A key-value table: label, value pairs, two or four columns, a long value spanning the row. */
function keyValueCells(rng: Rng, lang: Language): Pick<GeneratedTable, 'cells' | 'rows' | 'cols' | 'headerRows'> {
  const pairs = shuffled(rng, vocabulary.keyValues(lang))
    .slice(0, rng.int(5, 9))
    .map(([key, value]) => ({ key, value: value(rng) }));
  const four = rng.chance(0.5);
  const cols = four ? 4 : 2;
  const cells: TruthCell[] = [];
  let row = 0;
  let k = 0;
  while (k < pairs.length) {
    const { key, value } = pairs[k];
    // A value longer than a short phrase takes the whole row in a four-column layout.
    const long = [...value].length > 24;
    if (!four || long || k + 1 === pairs.length) {
      cells.push(
        { row, col: 0, rowSpan: 1, colSpan: 1, text: key },
        { row, col: 1, rowSpan: 1, colSpan: cols - 1, text: value },
      );
      k += 1;
    } else {
      const next = pairs[k + 1];
      if ([...next.value].length > 24) {
        cells.push(
          { row, col: 0, rowSpan: 1, colSpan: 1, text: key },
          { row, col: 1, rowSpan: 1, colSpan: 3, text: value },
        );
        k += 1;
      } else {
        cells.push(
          { row, col: 0, rowSpan: 1, colSpan: 1, text: key },
          { row, col: 1, rowSpan: 1, colSpan: 1, text: value },
          { row, col: 2, rowSpan: 1, colSpan: 1, text: next.key },
          { row, col: 3, rowSpan: 1, colSpan: 1, text: next.value },
        );
        k += 2;
      }
    }
    row += 1;
  }
  return { cells, rows: row, cols, headerRows: 0 };
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
