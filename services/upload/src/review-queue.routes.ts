// The review queue across documents: most doubtful document first, its fields most doubtful first, with counts,
// paging and filters (use-cases/review-queue.ts).
import express, { Router } from 'express';
import { z } from 'zod';
import { REASON_KINDS } from '../../../shared/domain/review-queue';
import { mustPrincipal, requirePermission } from './auth/principal';
import { parsed } from './parse-input';
import { reviewQueuePage } from './use-cases/review-queue';
import type { UploadDeps } from './upload-deps';

export const queueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  /** One document's flagged fields. */
  document: z.string().max(100).optional(),
  /** Every document's but this one's. */
  notDocument: z.string().max(100).optional(),
  /** A section (table) of the template: applications, activeDisclosure, ... */
  section: z.string().max(100).optional(),
  reason: z.enum(REASON_KINDS).optional(),
  /** Leave out documents another reviewer has open in their desk (the desk's next document). */
  unclaimed: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export function reviewQueueRouter(deps: UploadDeps): Router {
  const router = express.Router();
  router.get('/queue', requirePermission('read'), async (req, res) => {
    const query = parsed(queueQuery, req.query, 'query');
    res.json(
      await reviewQueuePage(deps.database, { ...query, reviewer: mustPrincipal(req, res).username }, deps.logger),
    );
  });
  return router;
}
