// The `documents` collection: one record per uploaded PDF, with its status; per-page progress lives in
// the `progress` collection, one record per page and stage.
import { z } from 'zod';

/** Status shown to users; set by the stages, never derived from log text. */
/** `needs-attention`: read, but the report is not whole (report.quality): a person must look before use. */
export const documentStatusSchema = z.enum(['queued', 'processing', 'done', 'needs-attention', 'failed']);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

/** A document as stored, checked on every read (shared/store/checked-record.ts). */
export const documentRecordSchema = z.object({
  _id: z.string(),
  filename: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  /** GridFS id of the original PDF. */
  fileId: z.string(),
  status: documentStatusSchema,
  /** Why the document failed, when status is 'failed'. */
  failure: z.string().optional(),
  /** What a person must look at, when status is 'needs-attention' (the report's quality problems). */
  attention: z.array(z.string()).optional(),
  /** When the document was last announced to the pipeline: the sweep re-announces only long after it. */
  announcedAt: z.date().optional(),
  /** Set once every page has been requested: a repeated announcement then splits nothing again. */
  split: z.boolean().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type DocumentRecord = z.infer<typeof documentRecordSchema>;

/** Progress as the API shows it: counts, not page lists. */
export interface ProgressView {
  ocr: { done: number; failed: number; total: number };
  tables: { done: number; total: number };
  normalisation: { done: boolean };
}

/** The document id: the first 24 hex digits of the PDF's SHA-256, so the same bytes get the same id. */
export function documentIdFor(sha256: string): string {
  return sha256.slice(0, 24);
}

/**
 * One page through one stage, in the `progress` collection (`_id` `<documentId>:<stage>:<page>`). A record per
 * page, not an array on the document: concurrent $addToSet on one document is atomic in MongoDB but loses
 * updates in FerretDB 1.x (measured here), while inserts of separate records never conflict.
 */
export interface PageProgressRecord {
  _id: string;
  documentId: string;
  stage: 'ocr' | 'tables';
  page: number;
  /** Why the page failed for good (OCR only). */
  failure?: string;
  at: Date;
}

/** Page counts per stage of one document. */
export interface StageCounts {
  ocrDone: number;
  ocrFailed: number;
  tablesDone: number;
}

/** Progress as the API shows it. */
export function progressView(doc: DocumentRecord, counts: StageCounts): ProgressView {
  return {
    ocr: { done: counts.ocrDone, failed: counts.ocrFailed, total: doc.pages },
    tables: { done: counts.tablesDone, total: doc.pages },
    normalisation: { done: doc.status === 'done' || doc.status === 'needs-attention' },
  };
}
