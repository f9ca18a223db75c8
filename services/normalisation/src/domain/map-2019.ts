// Maps the grids of a 2019-format report to template keys by their printed labels, not by position, so
// that a report labelling section 二 by description, or moving a column, still maps right.
import type { Cell } from '../../../../shared/contracts/table';
import { MIN_LABEL_SIMILARITY, bestMatch, placeByOrder, similarity } from './labels';
import { ACTIVE_GROUPS, APPLICANT_COLS, APPLICATION_ROWS, Labelled, REVIEW_COLS, REVIEW_GROUPS } from './template-2019';
import { cellsAbove, colCount, covers, isLabel, rowCells, rowCount, rowLabel } from './table-grid';

export type TemplateTable = 'activeDisclosure' | 'applications' | 'reviewAndLitigation';

export interface MappedValue {
  key: string;
  cell: Cell;
  /** Set where a caption was not read and the key comes from the cell's place (the reason, for the field). */
  placed?: string;
}

const ACTIVE_ROWS = ACTIVE_GROUPS.flatMap((g) => g.rows);
const ACTIVE_LABELS = [
  ...ACTIVE_ROWS,
  ...ACTIVE_GROUPS.flatMap((g) => g.cols),
  ...ACTIVE_GROUPS.map((g) => ({ key: 'group', labels: g.labels })),
];
const VOCABULARY: Record<TemplateTable, readonly Labelled[]> = {
  activeDisclosure: ACTIVE_LABELS,
  applications: [...APPLICATION_ROWS, ...APPLICANT_COLS],
  reviewAndLitigation: [...REVIEW_GROUPS, ...REVIEW_COLS],
};
// A table is a template table when at least this many of its label cells are that table's labels.
const MIN_MATCHED_LABELS = 4;

/** Which template table a grid is, by how many of its labels it shares with each; null for none. */
export function identifyTable(cells: readonly Cell[]): TemplateTable | null {
  const labels = cells.filter(isLabel);
  let best: { name: TemplateTable; score: number } | undefined;
  for (const name of Object.keys(VOCABULARY) as TemplateTable[]) {
    const score = labels.filter((c) => bestMatch(c.text, VOCABULARY[name])).length;
    if (score >= MIN_MATCHED_LABELS && (!best || score > best.score)) {
      best = { name, score };
    }
  }
  return best?.name ?? null;
}

// A label cell this close to a template label is that label misread: the report shows the template's
// wording (OCR of 尚未审结 as 尚未宙结 helps no reader). Below it the text stays as read.
const SNAP_SIMILARITY = 0.75;

/** Label cells of a template table with their text set to the template label they match closely. */
export function snapLabels(name: TemplateTable, cells: readonly Cell[]): Cell[] {
  return cells.map((cell) => {
    if (!isLabel(cell)) {
      return cell;
    }
    let best: { label: string; score: number } | undefined;
    for (const item of VOCABULARY[name]) {
      for (const label of item.labels) {
        const score = similarity(cell.text, label);
        if (score >= SNAP_SIMILARITY && (!best || score > best.score)) {
          best = { label, score };
        }
      }
    }
    return best && best.label !== cell.text ? { ...cell, text: best.label } : cell;
  });
}

/** Every value cell of a template table with its key. */
export function mapTable(name: TemplateTable, cells: readonly Cell[]): MappedValue[] {
  switch (name) {
    case 'activeDisclosure':
      return mapActive(cells);
    case 'applications':
      return withPlaces(name, cells, mapApplications(cells));
    case 'reviewAndLitigation':
      return withPlaces(name, cells, mapReview(cells));
  }
}

/**
 * The values mapped by their captions and, in a grid drawn as the template's, those whose captions were not read, by
 * their place: on a defocused scan section 四's result captions read 锆黑继正 and 尚李家结, and an empty caption put
 * its column under the group's, so 8 of the 15 values were "not found" in a grid drawn exactly as the template's.
 * Drawn as the template's: its block of values where the template has it (tableByShape), as many columns as the
 * template, and every value its captions placed in the block at the place the template gives its key. A cell split
 * in two by a stray stroke adds a column and shifts the places after it: the captions then disagree with the places,
 * and nothing is placed. A key the captions gave, and a cell they placed, stay theirs; a value placed so says so.
 */
function withPlaces(name: TemplateTable, cells: readonly Cell[], byCaptions: MappedValue[]): MappedValue[] {
  const block = VALUE_BLOCKS[name];
  if (!block || tableByShape(cells) !== name || colCount(cells) !== block.width) {
    return byCaptions;
  }
  const byPlace = mapByShape(
    name,
    cells,
    "the cell's captions were not read: the key comes from its place in a grid drawn as the template's",
  );
  const placeOf = new Map(byPlace.map((m) => [m.cell, m.key]));
  if (byCaptions.some((m) => placeOf.has(m.cell) && placeOf.get(m.cell) !== m.key)) {
    return byCaptions;
  }
  const keys = new Set(byCaptions.map((m) => m.key));
  const placed = new Set(byCaptions.map((m) => m.cell));
  return [...byCaptions, ...byPlace.filter((m) => !keys.has(m.key) && !placed.has(m.cell))];
}

/**
 * Section 二: each group is a title row (第二十条第（五）项), a header row (信息内容 | column labels) and its data
 * rows. Rows and columns are found by their labels; a label misread beyond recognition (行政处罚 as 行武处钊 on
 * a fax) is placed by the template's order among the recognised ones of its group, as columns are below.
 */
function mapActive(cells: readonly Cell[]): MappedValue[] {
  const out: MappedValue[] = [];
  for (const section of activeSections(cells)) {
    const group = section.group;
    if (!group) {
      continue;
    }
    const rowKeys = keysOf(
      section.rows.map((row) => row[0]),
      group.rows,
      (c) => c.row,
    );
    const colKeys = keysOf(section.header.slice(1).filter(isLabel), group.cols, (c) => c.col);
    for (const row of section.rows) {
      const rowKey = rowKeys.get(row[0]);
      for (const cell of row.slice(1)) {
        const header = section.header.find((h) => h.col === cell.col);
        const colKey = header && colKeys.get(header);
        if (rowKey && colKey) {
          const unread = [
            ...(section.placed ? ['group title'] : []),
            ...(bestMatch(row[0].text, group.rows) ? [] : ['row']),
            ...(bestMatch(header.text, group.cols) ? [] : ['column']),
          ];
          out.push({ key: `activeDisclosure.${rowKey}.${colKey}`, cell, ...placedBy(unread) });
        }
      }
    }
  }
  return out;
}

/** Each label's template key: by its text, else by its place among the recognised ones. */
function keysOf(
  labels: readonly Cell[],
  template: readonly Labelled[],
  position: (label: Cell) => number,
): Map<Cell, string> {
  const read = labels.map((header) => ({ header, key: bestMatch(header.text, template)?.item.key }));
  const placed = byPlace(read, template, position);
  return new Map(
    read.flatMap(({ header, key }) => {
      const found = key ?? placed.get(header);
      return found ? [[header, found] as const] : [];
    }),
  );
}

type ActiveGroup = (typeof ACTIVE_GROUPS)[number];

interface ActiveSection {
  group?: ActiveGroup;
  /** The group was given by the section's place among the others, its title and row captions not read. */
  placed?: boolean;
  header: Cell[];
  /** Data rows: a label cell, then values. */
  rows: Cell[][];
}

/**
 * Section 二 cut at its title and header rows. A section's group is its title's or, with the title misread, the
 * one every recognised row label names (none when they disagree); with neither read (a fax's thin strokes gone from
 * every caption), the one the template's order of groups leaves for it among the recognised sections, if it has
 * that group's number of rows.
 */
function activeSections(cells: readonly Cell[]): ActiveSection[] {
  const sections: (ActiveSection & { title?: ActiveGroup })[] = [];
  let current: (ActiveSection & { title?: ActiveGroup }) | undefined;
  for (let r = 0; r < rowCount(cells); r += 1) {
    const row = rowCells(cells, r);
    if (row.length === 0) {
      continue;
    }
    if (row.length === 1 || titleInPieces(row, current?.header)) {
      const title = groupTitle(row[0].text);
      current = { title, header: [], rows: [] };
      sections.push(current);
    } else if (
      !bestMatch(row[0].text, ACTIVE_ROWS) &&
      row.filter(isLabel).length >= 2 &&
      !(current?.header.length && holdsFigure(row))
    ) {
      // A row of labels is a header (a data row whose captions and some figures are misread still holds a figure).
      // A header row opens a section of its own unless it follows its section's title directly.
      if (!current || current.header.length > 0 || current.rows.length > 0) {
        current = { title: current?.title, header: [], rows: [] };
        sections.push(current);
      }
      current.header = row;
    } else if (current && isLabel(row[0])) {
      current.rows.push(row);
    }
  }
  const read = sections.map(({ title, header, rows }) => {
    const named = new Set(
      rows
        .map((row) => bestMatch(row[0].text, ACTIVE_ROWS)?.item)
        .flatMap((item) => {
          const group = item && ACTIVE_GROUPS.find((g) => g.rows.includes(item));
          return group ? [group] : [];
        }),
    );
    const byRows = named.size === 1 ? [...named][0] : undefined;
    return { group: title && (!byRows || byRows === title) ? title : byRows, header, rows };
  });
  const order = placeByOrder(
    read.map((s) => (s.group ? ACTIVE_GROUPS.indexOf(s.group) : -1)),
    ACTIVE_GROUPS.length,
  );
  return read.map((section, i) => {
    const group = ACTIVE_GROUPS[order[i]];
    return section.group || !group || section.rows.length !== group.rows.length
      ? section
      : { ...section, group, placed: true };
  });
}

/**
 * Whether a row is a group's title cut in pieces: its first cell reaches over the value columns of the header above
 * (a data row's caption stays in the caption column) and every other cell of it is blank. A coffee ring's arc across
 * a title row stood as a short ruling there (compound Yinchuan, captures seed 1299709: 第二十条第（八）项 read as two
 * cells, the second blank), and the title, taken for a data row of the section above, gave that section three rows
 * for its two: the order placed none of them, and the row whose caption was misread (行政强制 as 行兵福制) lost its
 * three fields. A caption that ran into the figures' cells when their rules were lost keeps its figures beside it.
 */
function titleInPieces(row: readonly Cell[], header: readonly Cell[] | undefined): boolean {
  const firstValue = header?.[1]?.col;
  return (
    firstValue !== undefined &&
    row[0].col + row[0].colSpan > firstValue &&
    row.slice(1).every((c) => c.text.trim() === '')
  );
}

/** Whether a row holds a figure beside its first cell: a data row, whatever its other cells read (a header has none). */
function holdsFigure(row: readonly Cell[]): boolean {
  return row.slice(1).some((c) => c.text !== '' && !isLabel(c));
}

/**
 * The group a title row names. The article titles differ in one character, （五） against （六）: a title read with
 * that character lost is as near to several groups and names none of them.
 */
function groupTitle(text: string): ActiveGroup | undefined {
  const scores = ACTIVE_GROUPS.map((g) => Math.max(...g.labels.map((l) => similarity(text, l))));
  const best = Math.max(...scores);
  const at = scores.indexOf(best);
  return best >= MIN_LABEL_SIMILARITY && scores.filter((s) => s === best).length === 1 ? ACTIVE_GROUPS[at] : undefined;
}

/**
 * Section 三: the grid read as the template draws it. The column headers found by their labels mark where values
 * begin (the first header's column) and where the data rows begin (under the lowest header); every cell of that
 * area is a value, whatever it reads (a 0 misread as 沥汀 is a value to flag, not a missing field), and the cell just
 * left of the values is its row's caption, whatever it reads (blank in a gutter's shade, garbled under a pen).
 * Captions and headers misread beyond recognition are placed by the template's order among the recognised ones,
 * and such a field says so. Without any header recognised, rows and columns come from labels alone, as before.
 */
function mapApplications(cells: readonly Cell[]): MappedValue[] {
  const area = valueArea(cells);
  const inArea = (c: Cell) => (area ? c.col >= area.col && c.row >= area.row : !isLabel(c));
  const values = cells.filter(inArea).map((cell) => {
    const label = area
      ? cells.find((c) => c.col < area.col && covers(c, cell.row, area.col - 1))
      : rowLabel(cells, cell);
    // Headers are above the values: a value garbled into characters heads nothing. Over the values, a column's own
    // header is the nearest cell above that spans it alone, read or not (其他 left blank); a label spanning several
    // columns (法人或其他组织) heads it only where that label is nearer.
    const header = area
      ? cellsAbove(cells, cell).find((c) => c.row < area.row && (c.colSpan === 1 || isLabel(c)))
      : cellsAbove(cells, cell).find(isLabel);
    return {
      cell,
      label,
      row: label && bestMatch(label.text, APPLICATION_ROWS),
      header,
      col: header && bestMatch(header.text, APPLICANT_COLS),
    };
  });
  const colByPlace = columnsByPlace(
    values.map((v) => ({ header: v.header, key: v.col?.item.key })),
    APPLICANT_COLS,
  );
  const rowByPlace = byPlace(
    values.map((v) => ({ header: v.label, key: v.row?.item.key })),
    APPLICATION_ROWS,
    (c) => c.row,
  );
  return values.flatMap(({ cell, label, row, header, col }) => {
    const key = col?.item.key ?? (header && colByPlace.get(header));
    const rowKey = row?.item.key ?? (label && rowByPlace.get(label));
    if (!rowKey || !key) {
      return [];
    }
    return [
      {
        key: `applications.${rowKey}.${key}`,
        cell,
        ...placedBy([...(row ? [] : ['row']), ...(col ? [] : ['column'])]),
      },
    ];
  });
}

/** The reason of a key given by place, naming the captions not read (none: nothing to say). */
function placedBy(unread: readonly string[]): { placed?: string } {
  return unread.length > 0
    ? {
        placed: `the ${unread.join(' and ')} caption was not read: the key comes from the cell's place in the template's grid`,
      }
    : {};
}

/** Where section 三's values begin: the first recognised header's column, the row under the lowest header above
 * the first recognised row caption; undefined when no header is recognised. (总计 is a header and, as （七）总计, a row
 * caption: a caption is what reads as a row and not as a header.) */
function valueArea(cells: readonly Cell[]): { col: number; row: number } | undefined {
  const captions = cells.filter(
    (c) => isLabel(c) && bestMatch(c.text, APPLICATION_ROWS) && !bestMatch(c.text, APPLICANT_COLS),
  );
  const firstCaption = Math.min(...captions.map((c) => c.row));
  const headers = cells.filter((c) => isLabel(c) && c.row < firstCaption && bestMatch(c.text, APPLICANT_COLS));
  if (headers.length === 0) {
    return undefined;
  }
  return { col: Math.min(...headers.map((c) => c.col)), row: Math.max(...headers.map((c) => c.row + c.rowSpan)) };
}

/** The template keys that the order decides for labels not recognised (labels.ts placeByOrder); `position`
 * orders the labels (a column's, or a row's). */
function byPlace(
  columns: readonly { header?: Cell; key?: string }[],
  template: readonly Labelled[],
  position: (label: Cell) => number,
): Map<Cell, string> {
  const labels = [...new Map(columns.flatMap((c) => (c.header ? [[c.header, c.key] as const] : []))).entries()].sort(
    ([a], [b]) => position(a) - position(b),
  );
  const indices = labels.map(([, key]) => (key ? template.findIndex((t) => t.key === key) : -1));
  const placed = placeByOrder(indices, template.length);
  return new Map(
    labels.flatMap(([cell], i) => (indices[i] < 0 && placed[i] >= 0 ? [[cell, template[placed[i]].key] as const] : [])),
  );
}

const columnsByPlace = (columns: readonly { header?: Cell; key?: string }[], template: readonly Labelled[]) =>
  byPlace(columns, template, (c) => c.col);

/**
 * Section 四: one data row under the headers; each column's group and result kind from the header labels above it.
 * Every cell of the data row (the last, when most of it reads as figures) is a value, whatever it reads (a 0
 * misread as 刀 is a value to flag, not a caption that takes its column's place). A group or result caption misread
 * beyond recognition (未经复议直接起诉 read 末纺复议百接起诉 on a fax) is placed by the template's order among the
 * recognised ones, and such a field says so.
 */
function mapReview(cells: readonly Cell[]): MappedValue[] {
  // The last row is the data row when most of its cells read as figures (not a note spanning the table).
  const last = rowCells(cells, rowCount(cells) - 1);
  const dataRow = last.filter((c) => !isLabel(c)).length * 2 > last.length ? last[0].row : -1;
  const values = cells
    .filter((c) => c.row === dataRow || !isLabel(c))
    .map((cell) => {
      const path = cellsAbove(cells, cell).filter(isLabel);
      // The group's caption is the one just above the column's: 行政复议 over its five, 未经复议直接起诉 over its own.
      return {
        cell,
        header: path[0],
        col: path[0] && bestMatch(path[0].text, REVIEW_COLS),
        groupCell: path[1],
        group: bestGroup(path.slice(1)),
      };
    });
  const groupByPlace = byPlace(
    values.map((v) => ({ header: v.groupCell, key: v.group?.key })),
    REVIEW_GROUPS,
    (c) => c.col,
  );
  const groupOf = (v: (typeof values)[number]) => v.group?.key ?? (v.groupCell && groupByPlace.get(v.groupCell));
  const out: MappedValue[] = [];
  for (const group of REVIEW_GROUPS) {
    const mine = values.filter((v) => groupOf(v) === group.key);
    const colByPlace = columnsByPlace(
      mine.map((v) => ({ header: v.header, key: v.col?.item.key })),
      REVIEW_COLS,
    );
    for (const { cell, header, col, group: read } of mine) {
      const key = col?.item.key ?? (header && colByPlace.get(header));
      if (key) {
        out.push({
          key: `reviewAndLitigation.${group.key}.${key}`,
          cell,
          ...placedBy([...(read ? [] : ['group']), ...(col ? [] : ['column'])]),
        });
      }
    }
  }
  return out;
}

/** The most specific group label among the headers above a column (复议后起诉 before 行政诉讼). */
function bestGroup(path: readonly Cell[]): Labelled | undefined {
  let best: { group: Labelled; score: number } | undefined;
  for (const cell of path) {
    for (const group of REVIEW_GROUPS) {
      const score = Math.max(...group.labels.map((l) => similarity(cell.text, l)));
      if (score >= 0.75 && (!best || score > best.score)) {
        best = { group, score };
      }
    }
  }
  return best?.group;
}

/** A template table's block of values as the template draws it: rows of figures under the headers, at the right. */
interface ValueBlock {
  rows: readonly string[];
  cols: readonly string[];
  /** The whole table's columns as the template draws it, captions included. */
  width: number;
}

const VALUE_BLOCKS: Partial<Record<TemplateTable, ValueBlock>> = {
  // Three columns of row captions (申请情况, its groups, its items) left of the values.
  applications: {
    rows: APPLICATION_ROWS.map((r) => r.key),
    cols: APPLICANT_COLS.map((c) => c.key),
    width: 3 + APPLICANT_COLS.length,
  },
  // One row: each group's five columns in the template's order, and nothing else.
  reviewAndLitigation: {
    rows: [''],
    cols: REVIEW_GROUPS.flatMap((g) => REVIEW_COLS.map((c) => `${g.key}.${c.key}`)),
    width: REVIEW_GROUPS.length * REVIEW_COLS.length,
  },
};

/** Where `block` would begin in the grid: its rows at the bottom, its columns at the right. */
function blockCorner(cells: readonly Cell[], block: ValueBlock): { row: number; col: number } {
  return { row: rowCount(cells) - block.rows.length, col: colCount(cells) - block.cols.length };
}

const isSingle = (c: Cell) => c.rowSpan === 1 && c.colSpan === 1;

/**
 * The template table whose block of values this grid has, by its shape alone: exactly as many rows at its bottom
 * as the table's rows, each a cell to a column in the table's last columns, under header rows that are not such
 * rows (section 三: 23 rows of 7 under three header rows; section 四: one row of 15). For a grid none of whose
 * labels were read (a fax's thin strokes gone); the caller names only a table the document has no other grid for,
 * and keeps the placement only if the identities bear it out.
 */
export function tableByShape(cells: readonly Cell[]): TemplateTable | null {
  for (const [name, block] of Object.entries(VALUE_BLOCKS) as [TemplateTable, ValueBlock][]) {
    const corner = blockCorner(cells, block);
    if (corner.col < 0 || corner.row <= 0) {
      continue;
    }
    const isValueRow = (r: number) =>
      block.cols.every((_, j) => cells.some((c) => c.row === r && c.col === corner.col + j && isSingle(c)));
    const height = rowCount(cells);
    let trailing = 0;
    while (trailing < height && isValueRow(height - 1 - trailing)) {
      trailing += 1;
    }
    if (trailing === block.rows.length) {
      return name;
    }
  }
  return null;
}

const NO_CAPTIONS = "the table's captions were not read: the key comes from the cell's place in the template's grid";

/** Every value of a grid tableByShape named, keyed by its place in the block, each saying so (`placed`). */
export function mapByShape(name: TemplateTable, cells: readonly Cell[], placed = NO_CAPTIONS): MappedValue[] {
  const block = VALUE_BLOCKS[name];
  if (!block) {
    return [];
  }
  const corner = blockCorner(cells, block);
  return cells.flatMap((cell) => {
    const i = cell.row - corner.row;
    const j = cell.col - corner.col;
    if (i < 0 || j < 0 || !isSingle(cell)) {
      return [];
    }
    return [{ key: [name, block.rows[i], block.cols[j]].filter((p) => p !== '').join('.'), cell, placed }];
  });
}
