// The review API: fields to review with their cell images, corrections kept with who, when, old and new.
import express, { Response, Router } from 'express';
import { z } from 'zod';
import { ConfirmScope, confirmScopeSchema } from '../../../shared/contracts/api';
import { reviewInputSchema } from '../../../shared/contracts/review';
import { InputError } from '../../../shared/errors/errors';
import { claimForReview, releaseForReview } from './use-cases/claim-document';
import { confirmBatch, undoConfirmation } from './use-cases/confirm-batch';
import { pageImage } from './use-cases/page-image';
import { reviewField } from './use-cases/review-field';
import { mustPrincipal, requirePermission } from './auth/principal';
import { mustFind } from './use-cases/found-document';
import { reviewHistory, reviewList } from './use-cases/review-list';
import { parsed } from './parse-input';
import type { UploadDeps } from './upload-deps';

export const cropQuery = z.object({
  x: z.coerce.number().min(0),
  y: z.coerce.number().min(0),
  width: z.coerce.number().positive().max(2000),
  height: z.coerce.number().positive().max(2000),
  /** Resolution of the image sent (a thumbnail at 24, the page view at 100); the stored page image's when absent. */
  dpi: z.coerce.number().min(10).max(300).optional(),
  /** WebP unless asked otherwise: about a quarter of a PNG's bytes for what a person looks at (image.adapter.ts). */
  format: z.enum(['webp', 'jpeg', 'png']).default('webp'),
});
// A year, the longest max-age caches honour; `immutable`: not even a reload asks again.
const IMMUTABLE = 'private, max-age=31536000, immutable';
export function reviewRouter(deps: UploadDeps): Router {
  const router = express.Router();
  const { database } = deps;

  const may = { read: requirePermission('read'), review: requirePermission('review') };
  /** The stored document `id` as the use cases that change its report name it: its id, and its status to say why it
   * has no report yet (NotFoundError, 404, when there is no such document). */
  const reportTarget = async (id: string) => {
    const doc = await mustFind(database, id);
    return { documentId: doc._id, documentStatus: doc.status };
  };

  router.get('/:id/review', may.read, async (req, res) => {
    // A field named in `field` comes too, flagged or not: a settled field is reopened from the desk or the report.
    const wanted = typeof req.query.field === 'string' ? req.query.field : undefined;
    res.json(await reviewList(database, req.params.id, wanted));
  });

  router.get('/:id/pages/:page/image', may.read, async (req, res) => {
    const page = Number(req.params.page);
    const query = cropQuery.safeParse(req.query);
    if (!Number.isInteger(page) || page < 1 || !query.success) {
      throw new InputError('give a page number and x, y, width, height in PDF points (format webp, jpeg or png)');
    }
    const { format, dpi, ...box } = query.data;
    const image = await pageImage(database, { documentId: req.params.id, page, box, dpi, format });
    // A page's image never changes once stored (a retry reads again only pages that have none): the browser keeps
    // it for good, privately (it is sent only with credentials).
    res.type(format).set('Cache-Control', IMMUTABLE).send(image);
  });

  router.post('/:id/fields/:key/review', may.review, express.json(), async (req, res) => {
    const input = parsed(reviewInputSchema, req.body, 'review');
    const target = await reportTarget(req.params.id);
    const { review, field, reportReview, unchanged } = await reviewField(database, {
      ...input,
      ...target,
      key: req.params.key,
      // The review is the logged-in user's, never a name typed in the request.
      reviewer: mustPrincipal(req, res).username,
      ifMatch: req.get('if-match'),
    });
    if (review) {
      deps.logger.info(
        { documentId: target.documentId, field: field.key, reviewer: review.reviewer },
        'field reviewed',
      );
    }
    // The field and the identities it is a term of, as they now stand, and where the report's review stands.
    res.set('ETag', field.etag).json({ ...field, reportReview, unchanged });
  });

  // The desk claims the document it shows (renewing while open) so the queue sends other reviewers elsewhere; a
  // document another reviewer holds is 409 with who and until when (the desk still opens it: saves use If-Match).
  router.put('/:id/claim', may.review, async (req, res) => {
    const doc = await mustFind(database, req.params.id);
    res.json(await claimForReview(database, { documentId: doc._id, reviewer: mustPrincipal(req, res).username }));
  });

  router.delete('/:id/claim', may.review, async (req, res) => {
    await releaseForReview(database, { documentId: req.params.id, reviewer: mustPrincipal(req, res).username });
    res.status(204).end();
  });

  // Every flagged field of a table, a row or a page whose identities all hold, confirmed as read in one batch; the batch
  // undoes it. The table's own address is the first form, kept for the scripts that use it.
  const confirm = async (id: string, reviewer: string, scope: ConfirmScope, res: Response) => {
    const target = await reportTarget(id);
    const done = await confirmBatch(database, { ...target, scope, reviewer });
    deps.logger.info({ documentId: target.documentId, scope, count: done.count }, 'fields confirmed in bulk');
    res.json({ ...done, undo: `/api/documents/${target.documentId}/confirmations/${done.batch}/undo` });
  };
  router.post('/:id/tables/:table/confirm', may.review, (req, res) =>
    confirm(req.params.id, mustPrincipal(req, res).username, { table: req.params.table }, res),
  );
  router.post('/:id/confirmations', may.review, express.json(), (req, res) =>
    confirm(
      req.params.id,
      mustPrincipal(req, res).username,
      parsed(confirmScopeSchema, req.body, 'bulk confirmation'),
      res,
    ),
  );

  router.post('/:id/confirmations/:batch/undo', may.review, async (req, res) => {
    const target = await reportTarget(req.params.id);
    const undone = await undoConfirmation(database, { ...target, batch: req.params.batch });
    deps.logger.info(
      { documentId: target.documentId, batch: undone.batch, count: undone.count },
      'bulk confirmation undone',
    );
    res.json(undone);
  });

  router.get('/:id/reviews', may.read, async (req, res) => {
    res.json(await reviewHistory(database, req.params.id));
  });

  return router;
}
