// Upload, status, listing and report endpoints.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import express, { Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { openPdfFile } from '../../../shared/adapters/pdf.adapter';
import { DocumentRecord, StageCounts, documentStatusSchema, progressView } from '../../../shared/contracts/document';
import type { Report } from '../../../shared/contracts/report';
import { ApiCode, errorAnswer } from '../../../shared/contracts/api';
import { withFieldEtags } from '../../../shared/domain/field-etag';
import { stageCounts } from '../../../shared/store/progress.repository';
import { InputError, ReportNotReadyError, errorMessage } from '../../../shared/errors/errors';
import {
  changedSince,
  createDocument,
  findDocument,
  findDocumentBySha,
  findDocuments,
  listDocuments,
  resetForRetry,
} from '../../../shared/store/documents.repository';
import { putFileFrom } from '../../../shared/store/files.repository';
import { fileIds } from '../../../shared/store/keys';
import { ReportSummary, findReport, reportSummaries } from '../../../shared/store/results.repository';
import { acceptUpload } from './accept-upload';
import { requirePermission } from './auth/principal';
import { uploadRateLimit } from './auth/rate-limits';
import { parsed } from './parse-input';
import { announce } from './announce';
import { ReceivedPart, hashingDiskStorage } from './receive-to-disk';
import type { UploadDeps } from './upload-deps';
import { streamProgress } from './use-cases/live-progress';
import { retryDocument } from './use-cases/retry-document';
import { foundDocument } from './use-cases/found-document';

/** The document as the API shows it: status and progress counts, what its report says of itself once written, links. */
function documentView(doc: DocumentRecord, counts: StageCounts, report: ReportSummary | undefined) {
  return {
    id: doc._id,
    filename: doc.filename,
    sha256: doc.sha256,
    size: doc.size,
    pages: doc.pages,
    status: doc.status,
    ...(doc.failure ? { failure: doc.failure } : {}),
    ...(doc.attention ? { attention: doc.attention } : {}),
    progress: progressView(doc, counts),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    ...(report ? { report } : {}),
    links: {
      self: `/api/documents/${doc._id}`,
      report: `/api/documents/${doc._id}/report`,
      review: `/review/${doc._id}`,
      pdf: `/api/documents/${doc._id}/pdf`,
      fieldsCsv: `/api/documents/${doc._id}/fields.csv`,
      tablesXlsx: `/api/documents/${doc._id}/tables.xlsx`,
      // A document that failed or needs attention can be read again: its failed pages are read afresh.
      ...(doc.status === 'failed' || doc.status === 'needs-attention'
        ? { retry: `/api/documents/${doc._id}/retry` }
        : {}),
    },
  };
}

export const listQuery = z.object({
  status: documentStatusSchema.optional(),
  /** true: failed or needing attention only. */
  attention: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Part of the filename, any case. */
  q: z.string().max(200).optional(),
  agency: z.string().max(200).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function documentsRouter(deps: UploadDeps): Router {
  const router = express.Router();
  // Received into a temporary file and hashed on the way, checked from there and streamed into GridFS: an upload
  // is never held in memory whole.
  const upload = multer({
    storage: hashingDiskStorage(os.tmpdir()),
    limits: { fileSize: deps.maxUploadBytes, files: 1 },
  });
  const { database } = deps;
  const { announcing } = deps;

  // busboy's own errors (a malformed part header, a cut-off form) are the client's, not ours.
  const receive: express.RequestHandler = (req, res, next) => {
    upload.single('file')(req, res, (error?: unknown) =>
      next(
        error && !(error instanceof multer.MulterError)
          ? new InputError(
              `the upload is not a well-formed multipart form (${errorMessage(error)}); send one PDF in the field "file"`,
              'bad-upload',
            )
          : error,
      ),
    );
  };

  // Counted per user or key after authentication and before the body is read, so refused uploads cost no memory.
  const limitUploads = uploadRateLimit(deps.limits.uploadsPerMinute, deps.logger);
  const may = { upload: requirePermission('upload'), read: requirePermission('read') };

  router.post('/', may.upload, limitUploads, receive, async (req, res) => {
    if (!req.file) {
      throw new InputError('no file: send the PDF as multipart/form-data in the field "file"', 'no-file');
    }
    const part = req.file as Express.Multer.File & ReceivedPart;
    const received = {
      filename: safeFilename(part.originalname),
      path: part.path,
      size: part.size,
      sha256: part.sha256,
    };
    const { document, created } = await acceptUpload(received, {
      openPdfFile,
      limits: deps.limits,
      findBySha: (sha) => findDocumentBySha(database, sha),
      storePdf: (id, filename, filePath) =>
        putFileFrom(database, fileIds.pdf(id), filename, createReadStream(filePath), { documentId: id }),
      create: (doc) => createDocument(database, doc),
      ...announcing,
    }).finally(() => rm(received.path, { force: true }));
    deps.logger.info(
      { documentId: document._id, created, pages: document.pages },
      created ? 'document accepted' : 'duplicate upload',
    );
    deps.metrics.observeUpload(created ? 'accepted' : 'duplicate');
    const view = await viewOf(deps, document);
    // The same bytes again, read badly before: say so and offer the retry, rather than hand back the copy.
    const note =
      !created && view.links.retry
        ? `this file was uploaded before and ${document.status === 'failed' ? 'could not be read' : 'needs attention'}; POST ${view.links.retry} to read it again`
        : undefined;
    const code: ApiCode = note ? 'duplicate-needs-retry' : 'duplicate-upload';
    const said = created
      ? {}
      : {
          code,
          params: { documentId: document._id, status: document.status },
          ...(note ? { note } : {}),
        };
    res
      .status(created ? 201 : 200)
      .location(`/api/documents/${document._id}`)
      .json({ ...view, duplicate: !created, ...said });
  });

  router.get('/', may.read, async (req, res) => {
    const query = parsed(listQuery, req.query, 'query');
    const { items, total } = await listDocuments(database, query);
    res.json({ items: await viewsOf(deps, items), total, limit: query.limit, offset: query.offset });
  });

  // Server-sent events: a `document` event with the document's view whenever its status, a page's progress or its
  // report changes (FerretDB has no change streams: the service looks once a second, use-cases/live-progress.ts).
  router.get('/events', may.read, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    // Ends when the client goes or the service stops.
    const closed = new AbortController();
    const end = () => res.end();
    deps.stopping.addEventListener('abort', end, { once: true });
    res.on('close', () => {
      closed.abort();
      deps.stopping.removeEventListener('abort', end);
    });
    streamProgress(
      {
        changedViews: async (since) =>
          viewsOf(deps, await findDocuments(database, await changedSince(database, since))),
        logger: deps.logger,
      },
      {
        document: (data) => res.write(`event: document\ndata: ${data}\n\n`),
        comment: (text) => res.write(`: ${text}\n\n`),
      },
      closed.signal,
    );
  });

  router.get('/:id', may.read, async (req, res) => {
    res.json(await viewOf(deps, await mustFind(deps, req.params.id)));
  });

  router.post('/:id/retry', may.upload, async (req, res) => {
    const doc = await retryDocument(
      {
        find: (id) => findDocument(database, id),
        reset: (id) => resetForRetry(database, id),
        announce: (document) => announce(document, announcing),
        logger: deps.logger,
      },
      req.params.id,
    );
    res.status(202).json(await viewOf(deps, doc));
  });

  router.get('/:id/report', may.read, async (req, res) => {
    const doc = await mustFind(deps, req.params.id);
    const report = await findReport(database, doc._id);
    if (!report) {
      const { message, code, params } = new ReportNotReadyError(doc._id, doc.status);
      res.status(409).json({
        ...errorAnswer(code, message, params),
        status: doc.status,
        progress: (await viewOf(deps, doc)).progress,
      });
      return;
    }
    res.json(withFieldEtags(report));
  });

  return router;
}

const NO_PROGRESS: StageCounts = { ocrDone: 0, ocrFailed: 0, tablesDone: 0 };

/** The documents as the API shows them, their page progress counted and their reports summed up in one query each. */
async function viewsOf(deps: UploadDeps, docs: readonly DocumentRecord[]) {
  const ids = docs.map((d) => d._id);
  const [counts, reports] = await Promise.all([stageCounts(deps.database, ids), reportSummaries(deps.database, ids)]);
  return docs.map((d) => documentView(d, counts.get(d._id) ?? NO_PROGRESS, reports.get(d._id)));
}

async function viewOf(deps: UploadDeps, doc: DocumentRecord) {
  return (await viewsOf(deps, [doc]))[0];
}

export function mustFind(deps: UploadDeps, id: string): Promise<DocumentRecord> {
  return foundDocument((documentId) => findDocument(deps.database, documentId), id);
}

/** A document's report, or ReportNotReadyError (409) naming the document's status while it has none. */
export async function mustFindReport(deps: UploadDeps, id: string): Promise<{ doc: DocumentRecord; report: Report }> {
  const doc = await mustFind(deps, id);
  const report = await findReport(deps.database, doc._id);
  if (!report) {
    throw new ReportNotReadyError(doc._id, doc.status);
  }
  return { doc, report };
}

// Filenames are shown to people and written into downloads: no path, no control characters, a sane length.
const MAX_FILENAME = 200;

/** The name a client gave, reduced to what is safe to store and show: its last path part, printable, short. */
export function safeFilename(name: string): string {
  const base =
    name
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .split(/[\\/]/)
      .pop()
      ?.trim() ?? '';
  const printable = [...base].slice(0, MAX_FILENAME).join('');
  return printable === '' || /^\.+$/.test(printable) ? 'upload.pdf' : printable;
}
