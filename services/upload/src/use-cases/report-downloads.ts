// A report's downloads, each named after the uploaded file: the fields as CSV, the searchable PDF, all tables as an
// XLSX workbook, one table as CSV.
import path from 'node:path';
import { tablesWorkbook } from '../../../../shared/adapters/workbook.adapter';
import { withTextLayer } from '../../../../shared/adapters/searchable-pdf.adapter';
import { NotFoundError } from '../../../../shared/errors/errors';
import { fieldsCsv, tableCsv, tableNames } from '../../../../shared/domain/report-exports';
import { pageTexts } from '../../../../shared/domain/searchable-text';
import type { Database } from '../../../../shared/store/database';
import { getFile } from '../../../../shared/store/files.repository';
import { fileIds } from '../../../../shared/store/keys';
import { listPages } from '../../../../shared/store/results.repository';
import { mustFindReport } from './found-document';

export interface Download {
  filename: string;
  type: string;
  body: string | Buffer;
}

const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The document's report and the stem its downloads are named by (the uploaded file's name without extension). */
async function reportOf(database: Database, id: string) {
  const { doc, report } = await mustFindReport(database, id);
  return { report, stem: path.parse(doc.filename).name };
}

export async function fieldsDownload(database: Database, id: string): Promise<Download> {
  const { report, stem } = await reportOf(database, id);
  return { filename: `${stem}-fields.csv`, type: CSV, body: fieldsCsv(report) };
}

/** The original PDF with an invisible text layer on its scanned pages. */
export async function searchablePdf(database: Database, id: string): Promise<Download> {
  const { report, stem } = await reportOf(database, id);
  const original = await getFile(database, fileIds.pdf(report.documentId));
  if (!original) {
    throw new NotFoundError(`the PDF of document ${report.documentId} is not stored`);
  }
  const pages = await listPages(database, report.documentId);
  const body = Buffer.from(await withTextLayer(original, pageTexts(pages, report)));
  return { filename: `${stem}-searchable.pdf`, type: 'application/pdf', body };
}

export async function tablesDownload(database: Database, id: string): Promise<Download> {
  const { report, stem } = await reportOf(database, id);
  return { filename: `${stem}-tables.xlsx`, type: XLSX, body: await tablesWorkbook(report) };
}

/** One table by the name the report's exports give it; NotFoundError naming the tables there are. */
export async function tableDownload(database: Database, id: string, name: string): Promise<Download> {
  const { report, stem } = await reportOf(database, id);
  const names = tableNames(report);
  const table = [...names].find(([, n]) => n === name)?.[0];
  if (!table) {
    throw new NotFoundError(
      `document ${id} has no table ${name} (tables: ${[...names.values()].join(', ') || 'none'})`,
    );
  }
  return { filename: `${stem}-${name}.csv`, type: CSV, body: tableCsv(table) };
}
