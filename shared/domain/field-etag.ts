// A field's state as an HTTP entity tag, for optimistic concurrency on reviews (If-Match, 412).
import { createHash } from 'node:crypto';
import type { Field, Report } from '../contracts/report';

// 16 hex digits (64 bits) of SHA-256: tags are compared for one field of one report, where a collision by chance
// is out of reach; the full 64 digits would only lengthen every field in every answer.
const TAG_HEX_DIGITS = 16;

/**
 * The strong entity tag of what a reviewer decides on: the value, its text, whether it was found and who settled it
 * when. Confidence and reasons are left out: a correction of another field rechecks the identities and may change
 * them, which must not make this field's tag stale.
 */
export function fieldEtag(field: Pick<Field, 'value' | 'raw' | 'found' | 'review'>): string {
  const state = JSON.stringify([
    field.value,
    field.raw,
    field.found,
    field.review?.by ?? null,
    field.review?.at ?? null,
  ]);
  return `"${createHash('sha256').update(state).digest('hex').slice(0, TAG_HEX_DIGITS)}"`;
}

/** Whether an If-Match header's value matches `etag` (`*`, or one of its comma-separated tags; strong comparison). */
export function ifMatchHolds(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === etag);
}

/** The report as the API gives it: each field with its entity tag (tags are not stored: they follow from the field). */
export function withFieldEtags(report: Report): Report {
  return {
    ...report,
    fields: Object.fromEntries(Object.entries(report.fields).map(([key, f]) => [key, { ...f, etag: fieldEtag(f) }])),
  };
}
