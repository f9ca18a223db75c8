// All of a report's tables as one XLSX workbook (exceljs): a sheet per table, merged cells kept as merges, numbers
// stored as numbers with a number format.
import ExcelJS from 'exceljs';
import type { Report } from '../contracts/report';
import { cellNumber, tableGrid, tableNames } from '../domain/report-exports';

export async function tablesWorkbook(report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'docpipe';
  const names = tableNames(report);
  for (const table of report.tables) {
    const sheet = workbook.addWorksheet(names.get(table));
    // Numbers as numbers with their format, so that a spreadsheet sums them; other text as text.
    tableGrid(table).forEach((row) => {
      const added = sheet.addRow(row.map((text) => cellNumber(text)?.value ?? text));
      row.forEach((text, i) => {
        const format = cellNumber(text)?.format;
        if (format) {
          added.getCell(i + 1).numFmt = format;
        }
      });
    });
    for (const cell of table.cells.filter((c) => c.rowSpan > 1 || c.colSpan > 1)) {
      // exceljs counts rows and columns from 1.
      sheet.mergeCells(cell.row + 1, cell.col + 1, cell.row + cell.rowSpan, cell.col + cell.colSpan);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
