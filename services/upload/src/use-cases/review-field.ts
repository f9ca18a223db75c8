// Reviewing one field: the reviewer's value recorded and written under the report's lease, the identities checked
// again, and, when the reviewer names the state they saw (If-Match), refused if another has changed it since.
import { randomUUID } from 'node:crypto';
import type { Field, Report } from '../../../../shared/contracts/report';
import type { ReviewInput } from '../../../../shared/contracts/review';
import { InputError, NotFoundError, ReportNotReadyError, StaleStateError } from '../../../../shared/errors/errors';
import { fieldEtag, ifMatchHolds } from '../../../../shared/domain/field-etag';
import { checksOf, recheck } from '../../../../shared/domain/identities';
import { parseReviewedValue, reviewedField } from '../../../../shared/domain/review';
import type { Database } from '../../../../shared/store/database';
import { findReport, saveReportField } from '../../../../shared/store/results.repository';
import { withReportLease } from '../../../../shared/store/report-lease';
import { writeQueue } from '../../../../shared/store/review-queue.repository';
import { addReview } from '../../../../shared/store/reviews.repository';

export interface ReviewRequest extends ReviewInput {
  documentId: string;
  /** The document's status, for the answer while it has no report yet. */
  documentStatus: string;
  key: string;
  reviewer: string;
  /** The If-Match header as sent: the entity tags of the field's state the reviewer saw; absent: no condition. */
  ifMatch?: string;
}

/** The field as the API shows it: with its key, its entity tag and the identities it is a term of. */
export function fieldView(report: Pick<Report, 'checks'>, key: string, field: Field) {
  return { key, ...field, etag: fieldEtag(field), checks: checksOf(report.checks, key) };
}

/**
 * Sets the field to the reviewer's value. Read, recorded and written holding the report's lease, from the report as
 * it is now (another reviewer may have written another field meanwhile); the review is stored before the field, as
 * the record the report is rebuilt from if anything fails after. StaleStateError (with the field as it stands) when
 * `ifMatch` names another state than the field's; InputError (422) for a blank on a field not found. A field already
 * settled with the same value is left as it is (`unchanged`), with no history entry.
 */
export async function reviewField(database: Database, request: ReviewRequest) {
  const { documentId, key } = request;
  return withReportLease(database, documentId, async () => {
    const report = await findReport(database, documentId);
    if (!report) {
      throw new ReportNotReadyError(documentId, request.documentStatus);
    }
    // Own keys only: `constructor` or `__proto__` are in every object, and are no field.
    const field = Object.hasOwn(report.fields, key) ? report.fields[key] : undefined;
    if (!field) {
      throw new NotFoundError(`document ${documentId} has no field ${key}`, 'field-not-found', { field: key });
    }
    const value = parseReviewedValue(request.raw);
    const settledAsSent = field.review && !field.needsReview && field.raw === value.raw && field.value === value.value;
    // A reviewer's own save sent again after its answer was lost (a 503 after the write, a dropped connection): its
    // tag is stale because that very save went through, which is no conflict with anyone.
    const ownRetry = settledAsSent && field.review?.by === request.reviewer;
    if (request.ifMatch !== undefined && !ifMatchHolds(request.ifMatch, fieldEtag(field)) && !ownRetry) {
      throw new StaleStateError(
        `field ${key} was changed by ${field.review?.by ?? 'another writer'} since you read it`,
        fieldView(report, key, field),
        'stale-field',
        { field: key, reviewer: field.review?.by ?? '' },
      );
    }
    if (!field.found && value.raw === '') {
      // A blank here would be a claim nobody saw: the template expects the cell, the reading did not find it.
      throw new InputError(
        `field ${key} was not found in the document, so a blank cannot be confirmed: type the value printed there (0 or - if it is printed so)`,
        'blank-not-found',
        { field: key },
      );
    }
    if (settledAsSent) {
      // Settled already with this very value: nothing changes, and no second history entry says it did. The queue is
      // written again: when the first save's queue write failed (the database lost after the report's), the request
      // was answered 503, and this is its retry.
      await writeQueue(database, documentId, report.source.filename, report.fields);
      return { review: undefined, field: fieldView(report, key, field), reportReview: report.review, unchanged: true };
    }
    const record = {
      _id: `${documentId}:${key}:${randomUUID()}`,
      documentId,
      field: key,
      reviewer: request.reviewer,
      at: new Date(),
      old: { value: field.value, raw: field.raw },
      new: value,
      ...(request.comment ? { comment: request.comment } : {}),
    };
    await addReview(database, record);
    const reviewed = reviewedField(field, record);
    // Every correction checks the identities again: the report then says which hold with the new value.
    const after = recheck({ ...report, fields: { ...report.fields, [key]: reviewed } });
    await saveReportField(database, report, key, reviewed, after);
    return { review: record, field: fieldView(after, key, reviewed), reportReview: after.review, unchanged: false };
  });
}
