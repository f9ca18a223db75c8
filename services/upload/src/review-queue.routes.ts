// The review queue across documents: every flagged field of every report, most doubtful first, with counts.
import express, { Router } from 'express';
import { z } from 'zod';
import { findDocuments } from '../../../shared/store/documents.repository';
import { pendingReports } from '../../../shared/store/results.repository';
import { requirePermission } from './auth/principal';
import { parsed } from './parse-input';
import { cellImageUrl } from './review.routes';
import type { UploadDeps } from './upload-deps';

export const queueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

// Reports read per request: the queue is built from reports still pending; past this many, the oldest pending
// reports come first and the answer says it is partial (`reportsScanned`), until they are reviewed.
const MAX_REPORTS = 1000;

export function reviewQueueRouter(deps: UploadDeps): Router {
  const router = express.Router();

  router.get('/queue', requirePermission('read'), async (req, res) => {
    const query = parsed(queueQuery, req.query, 'query');
    const reports = await pendingReports(deps.database, MAX_REPORTS);
    const names = new Map((await findDocuments(deps.database, reports.map((r) => r.documentId))).map((d) => [d._id, d.filename]));
    const items = reports.flatMap((r) => Object.entries(r.fields).filter(([, f]) => f.needsReview).map(([key, f]) => ({
      documentId: r.documentId,
      filename: names.get(r.documentId) ?? '',
      key,
      caption: f.caption,
      value: f.value,
      raw: f.raw,
      confidence: f.confidence,
      reasons: f.reasons,
      suggestion: f.suggestion,
      page: f.page,
      imageUrl: cellImageUrl(r.documentId, f),
      review: `/api/documents/${r.documentId}/fields/${key}/review`,
    })));
    // Most doubtful first; ties by document and key, so that paging is stable.
    items.sort((a, b) => a.confidence - b.confidence || a.documentId.localeCompare(b.documentId) || a.key.localeCompare(b.key));
    res.json({
      fields: items.length, documents: reports.length, reportsScanned: reports.length, partial: reports.length === MAX_REPORTS,
      limit: query.limit, offset: query.offset, items: items.slice(query.offset, query.offset + query.limit),
    });
  });

  return router;
}
