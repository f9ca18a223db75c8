// A report's downloads: the searchable PDF, the fields as CSV, a table as CSV, all tables as one XLSX workbook.
import path from 'node:path';
import express, { Response, Router } from 'express';
import { tablesWorkbook } from '../../../shared/adapters/workbook.adapter';
import type { Report } from '../../../shared/contracts/report';
import { NotFoundError } from '../../../shared/errors/errors';
import { fieldsCsv, tableCsv, tableNames } from '../../../shared/domain/report-exports';
import { listPages } from '../../../shared/store/results.repository';
import { getFile } from '../../../shared/store/files.repository';
import { fileIds } from '../../../shared/store/keys';
import { withTextLayer } from '../../../shared/adapters/searchable-pdf.adapter';
import { pageTexts } from '../../../shared/domain/searchable-text';
import { requirePermission } from './auth/principal';
import { mustFindReport } from './documents.routes';
import type { UploadDeps } from './upload-deps';

const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function exportsRouter(deps: UploadDeps): Router {
  const router = express.Router();
  const read = requirePermission('read');

  const reportOf = async (id: string): Promise<{ report: Report; stem: string }> => {
    const { doc, report } = await mustFindReport(deps, id);
    return { report, stem: path.parse(doc.filename).name };
  };
  const send = (res: Response, filename: string, type: string, body: string | Buffer) => {
    res.attachment(filename).type(type).send(body);
  };

  router.get('/:id/fields.csv', read, async (req, res) => {
    const { report, stem } = await reportOf(req.params.id);
    send(res, `${stem}-fields.csv`, CSV, fieldsCsv(report));
  });

  // The original PDF with an invisible text layer on its scanned pages.
  router.get('/:id/pdf', read, async (req, res) => {
    const { report, stem } = await reportOf(req.params.id);
    const original = await getFile(deps.database, fileIds.pdf(report.documentId));
    if (!original) {
      throw new NotFoundError(`the PDF of document ${report.documentId} is not stored`);
    }
    const pages = await listPages(deps.database, report.documentId);
    send(
      res,
      `${stem}-searchable.pdf`,
      'application/pdf',
      Buffer.from(await withTextLayer(original, pageTexts(pages, report))),
    );
  });

  router.get('/:id/tables.xlsx', read, async (req, res) => {
    const { report, stem } = await reportOf(req.params.id);
    send(res, `${stem}-tables.xlsx`, XLSX, await tablesWorkbook(report));
  });

  router.get('/:id/tables/:name.csv', read, async (req, res) => {
    const { report, stem } = await reportOf(req.params.id);
    const table = [...tableNames(report)].find(([, name]) => name === req.params.name)?.[0];
    if (!table) {
      throw new NotFoundError(
        `document ${req.params.id} has no table ${req.params.name} (tables: ${[...tableNames(report).values()].join(', ') || 'none'})`,
      );
    }
    send(res, `${stem}-${req.params.name}.csv`, CSV, tableCsv(table));
  });

  return router;
}
