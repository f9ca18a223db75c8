// Every index, with the query it serves; created at start-up by every service (createIndex is idempotent: an
// index that exists with the same keys and options is left as it is). The README's queries are among them.
import type { Database } from './database';

/** Headline totals downstream systems select reports by (README, "In MongoDB"). Both MongoDB and FerretDB index a
 * named path; neither FerretDB 1.x nor a portable design can index all 198 fields at once (no wildcard indexes). */
export const INDEXED_FIELD_KEYS = [
  'applications.newlyReceived.total',
  'applications.results.total.total',
  'reviewAndLitigation.administrativeReview.total',
] as const;

export async function ensureIndexes(database: Database): Promise<void> {
  // sha256 is unique: two uploads of the same bytes race to one document, never two.
  await database.documents.createIndex({ sha256: 1 }, { unique: true });
  // The document list, by status and newest first; the requeue sweep.
  await database.documents.createIndex({ status: 1, createdAt: -1 });
  await database.progress.createIndex({ documentId: 1, stage: 1 });
  // A retry clears the document's completion claims.
  await database.completions.createIndex({ documentId: 1 });
  // Live progress: what changed since the last look.
  await database.documents.createIndex({ updatedAt: 1 });
  await database.progress.createIndex({ at: 1 });
  await database.reports.createIndex({ updatedAt: 1 });
  await database.pages.createIndex({ documentId: 1, page: 1 });
  await database.pageTables.createIndex({ documentId: 1, page: 1 });
  await database.reviews.createIndex({ documentId: 1, at: -1 });
  // Reports by agency and year, by their verdict and by where their review stands.
  await database.reports.createIndex({ agency: 1, year: 1 });
  await database.reports.createIndex({ 'quality.status': 1 });
  await database.reports.createIndex({ 'review.status': 1 });
  for (const key of INDEXED_FIELD_KEYS) {
    await database.reports.createIndex({ [`fields.${key}.value`]: 1 });
  }
  await database.apiKeys.createIndex({ hash: 1 }, { unique: true });
  await database.apiKeys.createIndex({ userId: 1 });
  await database.sessions.createIndex({ userId: 1 });
  // A file's chunks in order (every read, and the delete by files_id before a rewrite): the index the driver makes
  // at a bucket's first write, made here too so that reads have it from the start.
  await database.fileChunks.createIndex({ files_id: 1, n: 1 }, { unique: true });
  // The orphan sweep: writes begun long ago.
  await database.fileWrites.createIndex({ startedAt: 1 });
}
