// Confirming at once every flagged field of one table whose identities all hold, and undoing it. One key for a
// table a person has looked over, yet honest: a field is confirmed only where every identity it is a term of holds
// with the values as they stand, so a doubt the totals cannot vouch for stays flagged.
import { randomUUID } from 'node:crypto';
import type { Field, Report } from '../../../../shared/contracts/report';
import type { ReviewRecord } from '../../../../shared/contracts/review';
import { InputError, NotFoundError, ReportNotReadyError } from '../../../../shared/errors/errors';
import { fieldEtag } from '../../../../shared/domain/field-etag';
import { checksOf, recheck } from '../../../../shared/domain/identities';
import { reviewedField } from '../../../../shared/domain/review';
import type { Database } from '../../../../shared/store/database';
import { findReport, saveReportFields } from '../../../../shared/store/results.repository';
import { withReportLease } from '../../../../shared/store/report-lease';
import { addReviews, batchReviews, markBatchUndone } from '../../../../shared/store/reviews.repository';

/** The table a field belongs to: its key's first part (applications, activeDisclosure, ...). */
export const tableOfKey = (key: string) => key.split('.')[0];

/** The flagged fields of `table` that a bulk confirmation may settle: found, and every identity they are a term of holds,
 * but not a field whose value an identity chose between two readings (firstReading): that identity vouches for nothing. */
export function confirmable(report: Pick<Report, 'fields' | 'checks'>, table: string): string[] {
  return Object.entries(report.fields)
    .filter(([key, f]) => {
      const checks = checksOf(report.checks, key);
      return (
        tableOfKey(key) === table &&
        f.needsReview &&
        f.found &&
        f.firstReading === undefined &&
        checks.length > 0 &&
        checks.every((c) => c.status === 'ok')
      );
    })
    .map(([key]) => key);
}

/** Confirms the confirmable fields of `table` as read, as one batch; the batch id undoes it. */
export async function confirmTable(
  database: Database,
  request: { documentId: string; documentStatus: string; table: string; reviewer: string },
) {
  const { documentId, table, reviewer } = request;
  return withReportLease(database, documentId, async () => {
    const report = await mustReport(database, documentId, request.documentStatus);
    if (!Object.keys(report.fields).some((key) => tableOfKey(key) === table)) {
      throw new NotFoundError(`document ${documentId} has no fields in table ${table}`);
    }
    const batch = randomUUID();
    const at = new Date();
    const records: ReviewRecord[] = confirmable(report, table).map((key) => {
      const f = report.fields[key];
      return {
        _id: `${documentId}:${key}:${randomUUID()}`,
        documentId,
        field: key,
        reviewer,
        at,
        old: { value: f.value, raw: f.raw },
        new: { value: f.value, raw: f.raw },
        batch,
        before: f,
      };
    });
    await addReviews(database, records);
    const changed = Object.fromEntries(records.map((r) => [r.field, reviewedField(report.fields[r.field], r)]));
    const after = recheck({ ...report, fields: { ...report.fields, ...changed } });
    if (records.length > 0) {
      await saveReportFields(database, report, changed, after);
    }
    return { batch, table, count: records.length, fields: etags(changed), reportReview: after.review };
  });
}

/**
 * Puts back the fields a bulk confirmation settled (flag, confidence, reasons as they were), but for a field changed
 * since by someone else, which stays as that person left it. Its records stay in the history, marked undone.
 */
export async function undoConfirmation(
  database: Database,
  request: { documentId: string; documentStatus: string; batch: string },
) {
  const { documentId, batch } = request;
  return withReportLease(database, documentId, async () => {
    const records = await batchReviews(database, documentId, batch);
    if (records.length === 0) {
      throw new NotFoundError(`document ${documentId} has no bulk confirmation ${batch}`);
    }
    if (records.some((r) => r.undoneAt)) {
      throw new InputError(`bulk confirmation ${batch} was undone already`, 'batch-undone', { batch });
    }
    const report = await mustReport(database, documentId, request.documentStatus);
    const restored: Record<string, Field> = {};
    for (const r of records) {
      const now = report.fields[r.field];
      // Still as the batch left it: settled by this record.
      if (r.before && now?.review?.at === r.at.toISOString() && now.review.by === r.reviewer) {
        restored[r.field] = r.before;
      }
    }
    await markBatchUndone(database, documentId, batch, new Date());
    const after = recheck({ ...report, fields: { ...report.fields, ...restored } });
    if (Object.keys(restored).length > 0) {
      await saveReportFields(database, report, restored, after);
    }
    return { batch, count: Object.keys(restored).length, fields: etags(restored), reportReview: after.review };
  });
}

const etags = (fields: Record<string, Field>) =>
  Object.entries(fields).map(([key, f]) => ({ key, etag: fieldEtag(f) }));

async function mustReport(database: Database, documentId: string, documentStatus: string): Promise<Report> {
  const report = await findReport(database, documentId);
  if (!report) {
    throw new ReportNotReadyError(documentId, documentStatus);
  }
  return report;
}
