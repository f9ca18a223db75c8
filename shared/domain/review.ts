// Reviewers' corrections applied to a report. Kept in the `reviews` collection and re-applied whenever a
// report is assembled again, so a redelivered message never undoes a person's work.
import type { Field, Report } from '../contracts/report';
import type { ReviewRecord } from '../contracts/review';
import { InputError } from '../errors/errors';
import { recheck } from './identities';
import { parseNumber } from './numbers';

/** The field after a review: the reviewer's value, fully trusted, with the previous reading kept. */
export function reviewedField(field: Field, review: Pick<ReviewRecord, 'reviewer' | 'at' | 'old' | 'new'>): Field {
  // The readings' disagreement is settled by the person.
  const { firstReading, ...read } = field;
  void firstReading;
  return {
    ...read,
    value: review.new.value,
    raw: review.new.raw,
    confidence: 1,
    needsReview: false,
    reasons: [`reviewed by ${review.reviewer}`],
    review: { by: review.reviewer, at: review.at.toISOString(), previous: review.old },
  };
}

/** Parses a reviewer's entry, or throws InputError with what is wrong. */
export function parseReviewedValue(raw: string): { value: number | null; raw: string } {
  const parsed = parseNumber(raw, { dashIsZero: true });
  if (!parsed.ok) {
    throw new InputError(
      `"${raw}" is not a number (write digits, with an optional sign, decimal point or 万元/元)`,
      'invalid-value',
      { raw },
    );
  }
  return { value: parsed.value, raw: raw.trim() };
}

/** Applies the stored reviews, oldest first, to a freshly assembled report, and checks its identities again. */
export function applyReviews(report: Report, reviews: readonly ReviewRecord[]): Report {
  const fields = { ...report.fields };
  // An undone bulk confirmation is history, not state.
  for (const review of [...reviews].filter((r) => !r.undoneAt).sort((a, b) => a.at.getTime() - b.at.getTime())) {
    // Own keys only: a review stored for `constructor` (before the API checked) must not re-add a field.
    const field = Object.hasOwn(fields, review.field) ? fields[review.field] : undefined;
    if (field) {
      fields[review.field] = reviewedField(field, { ...review, old: { value: field.value, raw: field.raw } });
    }
  }
  return recheck({ ...report, fields });
}
