// The accounting identities (勾稽关系) of a report, evaluated: `ok` when both sides agree, `broken` when they do
// not, `unknown` when a term is missing (not found in the document, or not a number), never `ok` for want of a
// term. Used when a report is assembled and again after every correction.
import type { Check, Field, Report, ReportReview } from '../contracts/report';

/** An identity as the template states it: left = right, each side a sum of field keys. */
export interface Identity {
  id: string;
  description: string;
  left: readonly string[];
  right: readonly string[];
}

/** A term's value, or undefined when it is missing. Blank cells count as 0, as the reports print them. */
export type TermValue = (key: string) => number | undefined;

/** Sums equal to within rounding (万元 amounts carry decimals). */
export const equal = (a: number, b: number) => Math.abs(a - b) < 1e-6;

export function evaluateIdentity(identity: Identity, termValue: TermValue): Check {
  const terms = [...identity.left, ...identity.right];
  const missing = terms.filter((k) => termValue(k) === undefined);
  const base = {
    id: identity.id,
    description: identity.description,
    left: [...identity.left],
    right: [...identity.right],
  };
  if (missing.length > 0) {
    return { ...base, leftValue: null, rightValue: null, status: 'unknown', ok: false, missing };
  }
  const side = (keys: readonly string[]) => keys.reduce((s, k) => s + (termValue(k) ?? 0), 0);
  const leftValue = side(identity.left);
  const rightValue = side(identity.right);
  const holds = equal(leftValue, rightValue);
  return { ...base, leftValue, rightValue, status: holds ? 'ok' : 'broken', ok: holds, missing: [] };
}

/** The checks `key` is a term of. */
export function checksOf(checks: readonly Check[], key: string): Check[] {
  return checks.filter((c) => c.left.includes(key) || c.right.includes(key));
}

/** A report field as a term: a reviewed value always counts; a field not found, or whose text is no number, is missing. */
export function fieldTermValue(field: Field | undefined): number | undefined {
  if (!field) {
    return undefined;
  }
  if (field.review) {
    return field.value ?? 0;
  }
  if (field.found === false || (field.value === null && field.raw.trim() !== '')) {
    return undefined;
  }
  return field.value ?? 0;
}

/** Where the report's review stands: nothing to review, fields still flagged, or every flag settled by a person. */
export function reviewSummary(fields: Readonly<Record<string, Field>>): ReportReview {
  const all = Object.values(fields);
  const flagged = all.filter((f) => f.needsReview).length;
  const reviewed = all.filter((f) => f.review).length;
  return { status: flagged > 0 ? 'pending' : reviewed > 0 ? 'reviewed' : 'not-needed', flagged, reviewed };
}

/** The report with its identities evaluated again from its fields as they are now, and its review summary. */
export function recheck(report: Report): Report {
  const term: TermValue = (k) => fieldTermValue(Object.hasOwn(report.fields, k) ? report.fields[k] : undefined);
  return {
    ...report,
    checks: report.checks.map((c) => evaluateIdentity(c, term)),
    review: reviewSummary(report.fields),
  };
}
