// A report's downloads: the searchable PDF, the fields as CSV, a table as CSV, all tables as one XLSX workbook.
import express, { Response, Router } from 'express';
import { requirePermission } from './auth/principal';
import type { UploadDeps } from './upload-deps';
import { Download, fieldsDownload, searchablePdf, tableDownload, tablesDownload } from './use-cases/report-downloads';

export function exportsRouter(deps: UploadDeps): Router {
  const router = express.Router();
  const read = requirePermission('read');
  const { database } = deps;
  const send = (res: Response, { filename, type, body }: Download) => {
    res.attachment(filename).type(type).send(body);
  };

  router.get('/:id/fields.csv', read, async (req, res) => {
    send(res, await fieldsDownload(database, req.params.id));
  });

  router.get('/:id/pdf', read, async (req, res) => {
    send(res, await searchablePdf(database, req.params.id));
  });

  router.get('/:id/tables.xlsx', read, async (req, res) => {
    send(res, await tablesDownload(database, req.params.id));
  });

  router.get('/:id/tables/:name.csv', read, async (req, res) => {
    send(res, await tableDownload(database, req.params.id, req.params.name));
  });

  return router;
}
