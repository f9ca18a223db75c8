// What the desk reads of a document: its flagged fields (and one asked for, to reopen it) with their cell images, most
// doubtful first; and the history of its reviews.
import type { Field } from '../../../../shared/contracts/report';
import type { Database } from '../../../../shared/store/database';
import { listReviews } from '../../../../shared/store/reviews.repository';
import { mustFind, mustFindReport } from './found-document';
import { fieldView } from './review-field';

// Cell images get 6 pt of context around the cell, so a reviewer sees its rulings and neighbours' edges.
const CONTEXT_PT = 6;

/** The address of the image of a field's cell, with some context around it; null for a field not found. */
export function cellImageUrl(documentId: string, f: Pick<Field, 'page' | 'bbox'>): string | null {
  return f.page && f.bbox
    ? `/api/documents/${documentId}/pages/${f.page}/image?${new URLSearchParams({
        x: String(Math.max(0, f.bbox.x - CONTEXT_PT)),
        y: String(Math.max(0, f.bbox.y - CONTEXT_PT)),
        width: String(f.bbox.width + 2 * CONTEXT_PT),
        height: String(f.bbox.height + 2 * CONTEXT_PT),
      }).toString()}`
    : null;
}

/** The document's fields to review; `wanted` comes too, flagged or not (a settled field reopened from the desk or the
 * report). */
export async function reviewList(database: Database, documentId: string, wanted?: string) {
  const { doc, report } = await mustFindReport(database, documentId);
  const fields = Object.entries(report.fields)
    .filter(([key, f]) => f.needsReview || key === wanted)
    .map(([key, f]) => ({ ...fieldView(report, key, f), imageUrl: cellImageUrl(doc._id, f) }))
    // Most doubtful first, as the queue; the template's order among equals (sort is stable).
    .sort((a, b) => a.confidence - b.confidence);
  return {
    documentId: doc._id,
    filename: doc.filename,
    total: Object.keys(report.fields).length,
    review: report.review,
    fields,
  };
}

/** Every review of the document: who, when, old and new. */
export async function reviewHistory(database: Database, documentId: string) {
  const doc = await mustFind(database, documentId);
  const reviews = await listReviews(database, doc._id);
  // A bulk confirmation's record keeps the field as it was, for its undo: that stays inside.
  return {
    documentId: doc._id,
    reviews: reviews.map(({ _id, before, ...r }) => {
      void before;
      return { id: _id, ...r };
    }),
  };
}
