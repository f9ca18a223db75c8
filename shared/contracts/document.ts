// The `documents` collection: one record per uploaded PDF, with its status and per-stage progress.
import { z } from 'zod';

/** Status shown to users; set by the stages, never derived from log text. */
export const documentStatusSchema = z.enum(['queued', 'processing', 'done', 'failed']);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

export interface PageFailure {
  page: number;
  reason: string;
}

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
  progress: {
    ocr: { done: number[]; failed: PageFailure[] };
    tables: { done: number[] };
    normalisation: { done: boolean };
  };
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

/** Counts for the status API from the stored page lists. */
export function progressView(doc: DocumentRecord): ProgressView {
  return {
    ocr: { done: doc.progress.ocr.done.length, failed: doc.progress.ocr.failed.length, total: doc.pages },
    tables: { done: doc.progress.tables.done.length, total: doc.pages },
    normalisation: { done: doc.progress.normalisation.done },
  };
}
