// The `documents` collection: one record per uploaded PDF, with its status; per-page progress lives in
// the `progress` collection, one record per page and stage.
import { z } from 'zod';

/** Status shown to users; set by the stages, never derived from log text. */
/** `needs-attention`: read, but the report is not whole (report.quality): a person must look before use. */
export const documentStatusSchema = z.enum(['queued', 'processing', 'done', 'needs-attention', 'failed']);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

export interface DocumentRecord {
  _id: string;
  filename: string;
  sha256: string;
  size: number;
  pages: number;
  /** GridFS id of the original PDF. */
  fileId: string;
  status: DocumentStatus;
  /** Why the document failed, when status is 'failed'. */
  failure?: string;
  /** What a person must look at, when status is 'needs-attention' (the report's quality problems). */
  attention?: string[];
  /** When the document was last announced to the pipeline: the sweep re-announces only long after it. */
  announcedAt?: Date;
  /** Set once every page has been requested: a repeated announcement then splits nothing again. */
  split?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

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
