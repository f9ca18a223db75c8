// A generated table as printed: an HTML page per table (caption above, note below), each kind with its own
// rules: a full grid (or without outer sides, or without the right side, or with no rule between the body's rows),
// three lines (top, under the header, bottom; a short rule under a group header), none at all, or a key-value form
// with rules across only or none.
import type { GeneratedTable } from './generate-table';
import type { TruthCell } from '../../harness/corpus';

const FONTS = {
  zh: "'Noto Serif CJK SC', 'Noto Sans CJK SC', serif",
  en: "'DejaVu Serif', 'Noto Serif CJK SC', serif",
};

/** One HTML document holding `tables`, one a page. */
export function tablesHtml(tables: readonly GeneratedTable[], formRules: readonly boolean[]): string {
  const pages = tables.map((t, i) => pageHtml(t, formRules[i] ?? false)).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 22mm 20mm; }
body { margin: 0; color: #000; }
section { page-break-after: always; }
section:last-child { page-break-after: auto; }
p.caption { text-align: center; font-weight: bold; margin: 0 0 10pt; }
p.note { margin: 10pt 0 0; }
table { border-collapse: collapse; }
td { padding: 3pt 7pt; vertical-align: middle; }
td.num { text-align: right; white-space: nowrap; }
td.stub { max-width: 11em; }
td.head { text-align: center; }
</style></head><body>
${pages}
</body></html>`;
}

function pageHtml(table: GeneratedTable, formRules: boolean): string {
  const style = `font-family: ${FONTS[table.lang]}; font-size: ${table.fontPt}pt;`;
  return `<section style="${style}"><p class="caption">${escape(table.caption)}</p>
<table style="${tableStyle(table, formRules)}">
${rowsHtml(table, formRules)}
</table>
<p class="note">${escape(table.note)}</p></section>`;
}

const RULE = '0.75pt solid #000';
const HEAVY = '1.5pt solid #000';

function tableStyle(table: GeneratedTable, formRules: boolean): string {
  switch (table.kind) {
    case 'ruled':
      return 'margin: 0 auto;';
    case 'three-line':
      return `margin: 0 auto; border-top: ${HEAVY}; border-bottom: ${HEAVY};`;
    case 'borderless':
      return 'margin: 0 auto;';
    case 'key-value':
      return `width: 100%;${formRules ? ` border-top: ${RULE}; border-bottom: ${RULE};` : ''}`;
  }
}

function rowsHtml(table: GeneratedTable, formRules: boolean): string {
  const out: string[] = [];
  for (let row = 0; row < table.rows; row += 1) {
    const cells = table.cells.filter((c) => c.row === row).sort((a, b) => a.col - b.col);
    const tds = cells.map((c) => {
      const spans = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
      return `<td class="${cellClass(table, c)}"${spans} style="${cellStyle(table, c, formRules)}">${escape(c.text)}</td>`;
    });
    out.push(`<tr>${tds.join('')}</tr>`);
  }
  return out.join('\n');
}

function cellClass(table: GeneratedTable, c: TruthCell): string {
  if (table.kind === 'key-value') {
    return c.col % 2 === 0 ? 'stub' : '';
  }
  if (c.row < table.headerRows) {
    return 'head';
  }
  return c.col === 0 ? 'stub' : 'num';
}

function cellStyle(table: GeneratedTable, c: TruthCell, formRules: boolean): string {
  const lastCol = c.col + c.colSpan === table.cols;
  switch (table.kind) {
    case 'ruled': {
      const sides = { top: RULE, bottom: RULE, left: RULE, right: RULE };
      if (table.frame === 'no-outer-sides' && c.col === 0) {
        sides.left = 'none';
      }
      if ((table.frame === 'no-outer-sides' || table.frame === 'no-right') && lastCol) {
        sides.right = 'none';
      }
      // Rules down the columns, the header ruled off, the body's rows with no rule between them.
      if (table.frame === 'columns' && c.row >= table.headerRows) {
        sides.top = c.row === table.headerRows ? RULE : 'none';
        sides.bottom = c.row + c.rowSpan === table.rows ? RULE : 'none';
      }
      return Object.entries(sides)
        .map(([side, rule]) => `border-${side}: ${rule};`)
        .join(' ');
    }
    case 'three-line': {
      // The rule under the header, and a short rule under a group header over its own columns.
      const underHeader = c.row + c.rowSpan === table.headerRows;
      const underGroup = c.row < table.headerRows && c.colSpan > 1;
      return underHeader || underGroup ? `border-bottom: ${RULE};` : '';
    }
    case 'borderless':
      return c.row === 0 ? 'font-weight: bold;' : '';
    case 'key-value':
      return `${c.col % 2 === 0 ? 'font-weight: bold;' : ''}${formRules ? ` border-bottom: ${RULE};` : ''}`;
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
