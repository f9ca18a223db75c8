// The `documents` collection: creation (deduplicated by sha256), listing, and the stages' progress updates.
import type { Filter } from 'mongodb';
import { DocumentRecord, DocumentStatus, documentRecordSchema } from '../contracts/document';
import { Database, isDuplicateKey } from './database';
import { checked } from './checked-record';

const asDocument = (record: DocumentRecord) => checked('documents', record, documentRecordSchema);

/** Inserts `doc` unless one with the same sha256 exists; returns the stored one and whether it is new. */
export async function createDocument(
  database: Database,
  doc: DocumentRecord,
): Promise<{ document: DocumentRecord; created: boolean }> {
  try {
    await database.documents.insertOne(doc);
    return { document: doc, created: true };
  } catch (error) {
    if (!isDuplicateKey(error)) {
      throw error;
    }
    const existing = await database.documents.findOne({ sha256: doc.sha256 });
    if (!existing) {
      throw error;
    }
    return { document: asDocument(existing), created: false };
  }
}

export async function findDocument(database: Database, id: string): Promise<DocumentRecord | null> {
  const found = await database.documents.findOne({ _id: id });
  return found && asDocument(found);
}

export async function findDocuments(database: Database, ids: readonly string[]): Promise<DocumentRecord[]> {
  return (await database.documents.find({ _id: { $in: [...ids] } }).toArray()).map(asDocument);
}

export async function findDocumentBySha(database: Database, sha256: string): Promise<DocumentRecord | null> {
  const found = await database.documents.findOne({ sha256 });
  return found && asDocument(found);
}

/** Queued documents announced before `announcedBefore`, or never announced and recorded by `createdBefore`: at most `limit`. */
export async function stalledDocuments(
  database: Database,
  due: { announcedBefore: Date; createdBefore: Date },
  limit: number,
): Promise<DocumentRecord[]> {
  const found = await database.documents
    .find({
      status: 'queued',
      $or: [
        { announcedAt: { $lt: due.announcedBefore } },
        { announcedAt: { $exists: false }, createdAt: { $lte: due.createdBefore } },
      ],
    })
    .limit(limit)
    .toArray();
  return found.map(asDocument);
}

/** A page of documents, newest first, optionally of one status. */
/** What the document list can be narrowed by. */
export interface DocumentQuery {
  status?: DocumentStatus;
  /** Failed or needing attention: what a person must look at. */
  attention?: boolean;
  /** Part of the filename, any case. */
  q?: string;
  /** The report's agency (part of it) and year. */
  agency?: string;
  year?: number;
  limit: number;
  offset: number;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function listDocuments(database: Database, query: DocumentQuery) {
  const filter: Filter<DocumentRecord> = {
    ...(query.status
      ? { status: query.status }
      : query.attention
        ? { status: { $in: ['failed', 'needs-attention'] } }
        : {}),
    // Text as text: escaped, so a search for "a.b" or "(" finds exactly that.
    ...(query.q ? { filename: { $regex: escapeRegex(query.q), $options: 'i' } } : {}),
  };
  if (query.agency || query.year) {
    // Agency and year are read into the report: the documents whose report says so.
    const reports = await database.reports
      .find(
        {
          ...(query.agency ? { agency: { $regex: escapeRegex(query.agency) } } : {}),
          ...(query.year ? { year: query.year } : {}),
        },
        { projection: { _id: 1 } },
      )
      .toArray();
    filter._id = { $in: reports.map((r) => r._id) };
  }
  const [items, total] = await Promise.all([
    database.documents
      .find(filter)
      .sort({ createdAt: -1, _id: 1 })
      .skip(query.offset)
      .limit(query.limit)
      .toArray()
      .then((found) => found.map(asDocument)),
    database.documents.countDocuments(filter),
  ]);
  return { items, total };
}

/** Ids of the documents whose record, page progress or report changed after `since` (for live progress). */
export async function changedSince(database: Database, since: Date): Promise<string[]> {
  // A report's change (a review) is the document's too: its view carries the report's review counts.
  const [documents, pages, reports] = await Promise.all([
    database.documents.find({ updatedAt: { $gt: since } }, { projection: { _id: 1 } }).toArray(),
    database.progress.find({ at: { $gt: since } }, { projection: { documentId: 1 } }).toArray(),
    database.reports.find({ updatedAt: { $gt: since } }, { projection: { _id: 1 } }).toArray(),
  ]);
  return [
    ...new Set([...documents.map((d) => d._id), ...pages.map((p) => p.documentId), ...reports.map((r) => r._id)]),
  ];
}

/** Whether every page of the document has been requested already. */
export async function isSplit(database: Database, id: string): Promise<boolean> {
  return (await database.documents.findOne({ _id: id }, { projection: { split: 1 } }))?.split === true;
}

/** Records that every page of the document has been requested. */
export async function markSplit(database: Database, id: string): Promise<void> {
  await database.documents.updateOne({ _id: id }, { $set: { split: true, updatedAt: new Date() } });
}

/** Records that the document was (re-)announced now. */
export async function markAnnounced(database: Database, id: string): Promise<void> {
  await database.documents.updateOne({ _id: id }, { $set: { announcedAt: new Date() } });
}

/** queued -> processing, once; later calls change nothing. */
export async function markProcessing(database: Database, id: string): Promise<void> {
  await database.documents.updateOne(
    { _id: id, status: 'queued' },
    { $set: { status: 'processing', updatedAt: new Date() } },
  );
}

/** The document read: done, or needs-attention with the problems when its report is not whole. */
export async function markDone(database: Database, id: string, problems: readonly string[]): Promise<void> {
  await database.documents.updateOne(
    { _id: id },
    problems.length === 0
      ? { $set: { status: 'done', updatedAt: new Date() }, $unset: { failure: '', attention: '' } }
      : {
          $set: { status: 'needs-attention', attention: [...problems], updatedAt: new Date() },
          $unset: { failure: '' },
        },
  );
}

/**
 * Puts a document that failed or needs attention back to the start, its progress cleared so the fan-in
 * counts the pages afresh (pages read well are announced again, not re-read; failed ones are read again).
 * True if it was reset; a document in any other state is left as it is.
 */
export async function resetForRetry(database: Database, id: string): Promise<boolean> {
  const result = await database.documents.updateOne(
    { _id: id, status: { $in: ['failed', 'needs-attention'] } },
    {
      $set: { status: 'queued', updatedAt: new Date() },
      $unset: { failure: '', attention: '', split: '', announcedAt: '' },
    },
  );
  if (result.modifiedCount !== 1) {
    return false;
  }
  await Promise.all([
    database.progress.deleteMany({ documentId: id }),
    database.completions.deleteMany({ documentId: id }),
  ]);
  return true;
}

/** Marks the document failed with a reason a person can read; a read document (done or needs-attention) stays so. */
export async function markFailed(database: Database, id: string, reason: string): Promise<void> {
  await database.documents.updateOne(
    { _id: id, status: { $nin: ['done', 'needs-attention'] } },
    { $set: { status: 'failed', failure: reason, updatedAt: new Date() } },
  );
}
