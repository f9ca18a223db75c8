// Exports of a real report (Shizuishan's truth tables): the fields CSV has the columns and every field;
// table CSVs are the grid with merges spread; the workbook keeps merges as merges.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { tablesWorkbook } from '../../shared/adapters/workbook.adapter';
import { cellNumber, fieldsCsv, tableCsv, tableGrid, tableNames } from '../../shared/domain/report-exports';
import { SHIZUISHAN, loadTruth, truthReport } from '../../harness/corpus';

const truth = loadTruth(SHIZUISHAN);
const report = truthReport(SHIZUISHAN, 'doc', { filename: 'x.pdf', sha256: 'f'.repeat(64), pages: 1 });
const rows = (csv: string): string[][] => parse(csv.replace(/^\ufeff/, ''), {});

it('writes every field as a row of key, value, raw, confidence, needsReview, page, reviewedBy, with a BOM for Excel', () => {
  const csv = fieldsCsv(report);
  expect(csv.startsWith('\ufeff')).toBe(true);
  const [header, ...body] = rows(csv);
  expect(header).toEqual(['key', 'value', 'raw', 'confidence', 'needsReview', 'page', 'reviewedBy']);
  expect(body).toHaveLength(Object.keys(report.fields).length);
  const key = 'applications.newlyReceived.total';
  const row = body.find((r) => r[0] === key) as string[];
  expect(Number(row[1])).toBe(truth.fields[key].value);
});

it('spreads a merged cell over its rows and columns, its text in the first place only', () => {
  const table = report.tables.find((t) => t.cells.some((c) => c.colSpan > 1 || c.rowSpan > 1));
  expect(table).toBeDefined();
  const merged = table!.cells.find((c) => c.colSpan > 1 || c.rowSpan > 1)!;
  const grid = tableGrid(table!);
  expect(grid[merged.row][merged.col]).toBe(merged.text);
  const covered = merged.colSpan > 1 ? grid[merged.row][merged.col + 1] : grid[merged.row + 1][merged.col];
  expect(covered).toBe('');
  expect(rows(tableCsv(table!))).toEqual(grid);
});

it('names tables uniquely, and keeps merges in the workbook, a sheet per table', async () => {
  const names = [...tableNames(report).values()];
  expect(new Set(names).size).toBe(report.tables.length);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await tablesWorkbook(report)).buffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(names);
  report.tables.forEach((table, i) => {
    const sheet = workbook.worksheets[i];
    const merges = table.cells.filter((c) => c.rowSpan > 1 || c.colSpan > 1);
    for (const cell of merges) {
      const top = sheet.getCell(cell.row + 1, cell.col + 1);
      expect(top.isMerged).toBe(true);
      expect(top.text).toBe(cell.text);
      expect(sheet.getCell(cell.row + cell.rowSpan, cell.col + cell.colSpan).master.address).toBe(top.address);
    }
    const single = table.cells.find((c) => c.rowSpan === 1 && c.colSpan === 1)!;
    expect(sheet.getCell(single.row + 1, single.col + 1).isMerged).toBe(false);
  });
});

it('stores a plain number as a number with its format, and a dash, a unit or a caption as text', async () => {
  expect(cellNumber('1,084,887')).toEqual({ value: 1084887, format: '#,##0' });
  expect(cellNumber('12.50')).toEqual({ value: 12.5, format: '#,##0.00' });
  expect([cellNumber('-'), cellNumber('3万元'), cellNumber('（一）'), cellNumber('')]).toEqual([
    null,
    null,
    null,
    null,
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await tablesWorkbook(report)).buffer);
  let numbers = 0;
  report.tables.forEach((table, i) => {
    for (const cell of table.cells) {
      const read = workbook.worksheets[i].getCell(cell.row + 1, cell.col + 1);
      const number = cellNumber(cell.text);
      if (number) {
        numbers += 1;
        expect({ text: cell.text, type: read.type, value: read.value, format: read.numFmt }).toEqual({
          text: cell.text,
          type: ExcelJS.ValueType.Number,
          value: number.value,
          format: number.format,
        });
      } else {
        expect(read.type === ExcelJS.ValueType.Number).toBe(false);
      }
    }
  });
  // Shizuishan's tables are mostly counts: most of their cells are numbers.
  expect(numbers).toBeGreaterThan(100);
});
