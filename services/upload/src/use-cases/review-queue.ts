// A page of the review queue: most doubtful document first, its fields most doubtful first, filtered by document,
// section and reason; found from the documents' summaries, reading only the documents the page shows.
import type { QueueFilter } from '../../../../shared/domain/review-queue';
import { planPage } from '../../../../shared/domain/review-queue';
import type { Database } from '../../../../shared/store/database';
import { findReport, pendingReportIds } from '../../../../shared/store/results.repository';
import { liveClaims } from '../../../../shared/store/review-claims.repository';
import { queueFieldsOf, queueSummaries, writeQueue } from '../../../../shared/store/review-queue.repository';
import type { Logger } from '../../../../shared/logging/logger';
import type { StoredRecordError } from '../../../../shared/errors/errors';
import { cellImageUrl } from './review-list';

export interface QueueRequest extends QueueFilter {
  limit: number;
  offset: number;
  /** One document's fields only. */
  document?: string;
  /** Every document but this one (the desk's "next document"). */
  notDocument?: string;
  /** Who asks: another reviewer's claim on a document is shown on its fields (`claimedBy`), never one's own. */
  reviewer: string;
  /** Leave out the documents another reviewer has claimed. */
  unclaimed?: boolean;
}

/** A queue record that breaks its schema, logged and left out: the page shows the rest, and the next start writes it
 * again from its report (backfillQueue). */
const leftOut = (logger: Logger) => (error: StoredRecordError) =>
  logger.warn({ err: error.message, documentId: error.id }, 'a damaged review queue record left out');

export async function reviewQueuePage(database: Database, request: QueueRequest, logger: Logger) {
  const { limit, offset } = request;
  const filter: QueueFilter = { section: request.section, reason: request.reason };
  const claims = await liveClaims(database);
  const claimant = (documentId: string) => {
    const claim = claims.get(documentId);
    return claim && claim.reviewer !== request.reviewer ? claim.reviewer : null;
  };
  const summaries = (await queueSummaries(database, request.document, leftOut(logger))).filter(
    (s) => s._id !== request.notDocument && !(request.unclaimed && claimant(s._id)),
  );
  const { plan, fields, documents } = planPage(summaries, filter, offset, limit);
  const shown = await Promise.all(
    plan.map(async (p) => {
      const entries = (await queueFieldsOf(database, p.documentId, leftOut(logger))).filter(
        (e) => (!filter.section || e.section === filter.section) && (!filter.reason || e.reason === filter.reason),
      );
      return entries.slice(p.from, p.to).map((e) => ({
        documentId: p.documentId,
        filename: p.filename,
        key: e.key,
        section: e.section,
        reasonKind: e.reason,
        ...e.field,
        imageUrl: cellImageUrl(p.documentId, e.field),
        review: `/api/documents/${p.documentId}/fields/${e.key}/review`,
        claimedBy: claimant(p.documentId),
      }));
    }),
  );
  return { fields, documents, limit, offset, items: shown.flat() };
}

/** Writes the queue of pending reports that have none (reports stored before the queue was kept) or whose summary is
 * damaged: the queue is derived from the reports, so a broken summary is rewritten, never a reason not to start. */
export async function backfillQueue(database: Database, logger: Logger): Promise<void> {
  const have = new Set((await queueSummaries(database, undefined, leftOut(logger))).map((s) => s._id));
  const missing = (await pendingReportIds(database)).filter((id) => !have.has(id));
  for (const id of missing) {
    const report = await findReport(database, id);
    if (report) {
      await writeQueue(database, id, report.source.filename, report.fields);
    }
  }
  if (missing.length > 0) {
    logger.info({ documents: missing.length }, 'review queue written for reports that had none');
  }
}
