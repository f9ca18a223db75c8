// Confirming at once every flagged field of one table, one row or one page whose identities all hold, and undoing it.
// One key for a part a person has looked over, yet honest: a field is confirmed only where every identity it is a term
// of holds with the values as they stand, so a doubt the totals cannot vouch for stays flagged.
import { randomUUID } from 'node:crypto';
import type { ConfirmScope } from '../../../../shared/contracts/api';
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

/** A field's row within its table: its row caption as the template prints it, else its key without the column. */
const rowOfField = (key: string, field: Field) => field.caption?.row ?? key.slice(0, key.lastIndexOf('.'));

/** Which fields of the report `scope` covers; a scope that covers none is not found. */
function scopeOf(report: Pick<Report, 'fields'>, scope: ConfirmScope): (key: string, field: Field) => boolean {
  const keys = Object.keys(report.fields);
  if ('table' in scope) {
    if (!keys.some((key) => tableOfKey(key) === scope.table)) {
      throw new NotFoundError(`the report has no fields in table ${scope.table}`);
    }
    return (key) => tableOfKey(key) === scope.table;
  }
  if ('page' in scope) {
    if (!Object.values(report.fields).some((f) => f.page === scope.page)) {
      throw new NotFoundError(`the report has no fields on page ${scope.page}`);
    }
    return (_, f) => f.page === scope.page;
  }
  const of = report.fields[scope.rowOf];
  if (!of) {
    throw new NotFoundError(`the report has no field ${scope.rowOf}`, 'field-not-found', { field: scope.rowOf });
  }
  const table = tableOfKey(scope.rowOf);
  const row = rowOfField(scope.rowOf, of);
  return (key, f) => tableOfKey(key) === table && rowOfField(key, f) === row;
}

/** The flagged fields within `scope` that a bulk confirmation may settle: found, and every identity they are a term
 * of holds, but not a field whose value an identity chose between two readings (firstReading): that identity vouches
 * for nothing, neither for the chosen term nor for its other terms (it holds because the value was chosen so). */
export function confirmable(report: Pick<Report, 'fields' | 'checks'>, scope: ConfirmScope): string[] {
  const inScope = scopeOf(report, scope);
  const chosen = (k: string) => report.fields[k]?.firstReading !== undefined;
  return Object.entries(report.fields)
    .filter(([key, f]) => {
      const checks = checksOf(report.checks, key);
      return (
        inScope(key, f) &&
        f.needsReview &&
        f.found &&
        !chosen(key) &&
        checks.length > 0 &&
        checks.every((c) => c.status === 'ok' && ![...c.left, ...c.right].some(chosen))
      );
    })
    .map(([key]) => key);
}

/** Confirms the confirmable fields of `scope` as read, as one batch; the batch id undoes it. */
export async function confirmBatch(
  database: Database,
  request: { documentId: string; documentStatus: string; scope: ConfirmScope; reviewer: string },
) {
  const { documentId, scope, reviewer } = request;
  return withReportLease(database, documentId, async () => {
    const report = await mustReport(database, documentId, request.documentStatus);
    const keys = confirmable(report, scope);
    const batch = randomUUID();
    const at = new Date();
    const records: ReviewRecord[] = keys.map((key) => {
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
    const table = 'table' in scope ? scope.table : 'rowOf' in scope ? tableOfKey(scope.rowOf) : undefined;
    return {
      batch,
      scope,
      ...(table ? { table } : {}),
      count: records.length,
      fields: etags(changed),
      reportReview: after.review,
    };
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
