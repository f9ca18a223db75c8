// Upload, status, listing and report endpoints.
import os from 'node:os';
import express, { Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { documentStatusSchema } from '../../../shared/contracts/document';
import { errorAnswer } from '../../../shared/contracts/api';
import { InputError, ReportNotReadyError, errorMessage } from '../../../shared/errors/errors';
import { findDocument, resetForRetry } from '../../../shared/store/documents.repository';
import { requirePermission } from './auth/principal';
import { uploadRateLimit } from './auth/rate-limits';
import { parsed } from './parse-input';
import { announce } from './announce';
import { ReceivedPart, hashingDiskStorage } from './receive-to-disk';
import type { UploadDeps } from './upload-deps';
import { changedViews, listedViews, reportOrProgress, viewOf } from './use-cases/document-views';
import { mustFind } from './use-cases/found-document';
import { streamProgress } from './use-cases/live-progress';
import { retryDocument } from './use-cases/retry-document';
import { uploadDocument } from './use-cases/upload-document';

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
    const { status, documentId, body } = await uploadDocument(
      { originalName: part.originalname, path: part.path, size: part.size, sha256: part.sha256 },
      deps,
    );
    res.status(status).location(`/api/documents/${documentId}`).json(body);
  });

  router.get('/', may.read, async (req, res) => {
    res.json(await listedViews(database, parsed(listQuery, req.query, 'query')));
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
        changedViews: (since) => changedViews(database, since),
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
    res.json(await viewOf(database, await mustFind(database, req.params.id)));
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
    res.status(202).json(await viewOf(database, doc));
  });

  router.get('/:id/report', may.read, async (req, res) => {
    const found = await reportOrProgress(database, req.params.id);
    if ('report' in found) {
      res.json(found.report);
      return;
    }
    // The API's 409 for a document without its report, with where its reading stands.
    const { message, code, params } = new ReportNotReadyError(found.notReady._id, found.notReady.status);
    res
      .status(409)
      .json({ ...errorAnswer(code, message, params), status: found.notReady.status, progress: found.progress });
  });

  return router;
}
