// A document the pipeline read, kept as its records, and copies of it stored under new ids in a moment: a test that
// changes a scanned document (reviews it, confirms a table) works on a copy of its own instead of reading the scan
// again (minutes of OCR), and its copy is removed after it. The page images stay where the pipeline stored them,
// read by every copy (a page's record names its image file; nothing checks the file's owner).
import { randomBytes } from 'node:crypto';
import { DocumentRecord, PageProgressRecord, documentIdFor } from '../../shared/contracts/document';
import type { Report } from '../../shared/contracts/report';
import type { Database, PageRecord, PageTablesRecord } from '../../shared/store/database';
import { deleteFile } from '../../shared/store/files.repository';
import { findReport, saveReport } from '../../shared/store/results.repository';

/** A read document's records as stored. */
export interface DocumentSnapshot {
  document: DocumentRecord;
  pages: PageRecord[];
  pageTables: PageTablesRecord[];
  progress: PageProgressRecord[];
  report: Report;
}

/** The records of document `id`: the document, its pages and their tables, its progress and its report. */
export async function snapshotOf(database: Database, id: string): Promise<DocumentSnapshot> {
  const [document, pages, pageTables, progress, report] = await Promise.all([
    database.documents.findOne({ _id: id }),
    database.pages.find({ documentId: id }).toArray(),
    database.pageTables.find({ documentId: id }).toArray(),
    database.progress.find({ documentId: id }).toArray(),
    findReport(database, id),
  ]);
  if (!document || !report) {
    throw new Error(`document ${id} has no ${document ? 'report' : 'record'} to copy`);
  }
  return { document, pages, pageTables, progress, report };
}

/**
 * Stores a copy of `snapshot` as a new document: its own SHA-256 (so its id is new and no upload is a duplicate of
 * it), its records' ids and `documentId` renamed, its report saved as normalisation saves one (with its review queue).
 * Returns the copy's id.
 */
export async function storeCopy(database: Database, snapshot: DocumentSnapshot): Promise<string> {
  const sha256 = randomBytes(32).toString('hex');
  const id = documentIdFor(sha256);
  const from = snapshot.document._id;
  const renamed = <T extends { _id: string; documentId: string }>(records: T[]): T[] =>
    records.map((r) => ({ ...r, _id: r._id.replace(from, id), documentId: id }));
  await database.documents.insertOne({ ...snapshot.document, _id: id, sha256 });
  await Promise.all([
    snapshot.pages.length > 0 ? database.pages.insertMany(renamed(snapshot.pages)) : undefined,
    snapshot.pageTables.length > 0 ? database.pageTables.insertMany(renamed(snapshot.pageTables)) : undefined,
    snapshot.progress.length > 0 ? database.progress.insertMany(renamed(snapshot.progress)) : undefined,
  ]);
  await saveReport(database, {
    ...snapshot.report,
    documentId: id,
    source: { ...snapshot.report.source, sha256 },
  });
  return id;
}

/**
 * Removes every record of document `id`: the document, its pages, tables, progress and completions, its report, its
 * place in the review queue, its reviews, claim and lease, and (unless `files` is false) the files stored for it.
 */
export async function removeDocument(database: Database, id: string, { files = true } = {}): Promise<void> {
  await Promise.all([
    database.documents.deleteOne({ _id: id }),
    database.pages.deleteMany({ documentId: id }),
    database.pageTables.deleteMany({ documentId: id }),
    database.progress.deleteMany({ documentId: id }),
    database.completions.deleteMany({ documentId: id }),
    database.reports.deleteOne({ _id: id }),
    database.reviewQueue.deleteOne({ _id: id }),
    database.reviewQueueFields.deleteOne({ _id: id }),
    database.reviews.deleteMany({ documentId: id }),
    database.reviewClaims.deleteOne({ _id: id }),
    database.leases.deleteOne({ _id: `report:${id}` }),
  ]);
  if (files) {
    for (const file of await database.fileEntries.find({ 'metadata.documentId': id }).toArray()) {
      await deleteFile(database, file._id);
    }
  }
}
