// A document asked for by id: the record, or the API's "no such document" (404, document-not-found); and its report,
// or the API's one answer for "no report yet" (409, report-not-ready).
import type { DocumentRecord } from '../../../../shared/contracts/document';
import type { Report } from '../../../../shared/contracts/report';
import { NotFoundError, ReportNotReadyError } from '../../../../shared/errors/errors';
import type { Database } from '../../../../shared/store/database';
import { findDocument } from '../../../../shared/store/documents.repository';
import { findReport } from '../../../../shared/store/results.repository';

/** The document `documentId` as `find` reads it; NotFoundError when there is none. */
export async function foundDocument(
  find: (documentId: string) => Promise<DocumentRecord | null>,
  documentId: string,
): Promise<DocumentRecord> {
  const doc = await find(documentId);
  if (!doc) {
    throw new NotFoundError(`no document with id ${documentId}`, 'document-not-found', { documentId });
  }
  return doc;
}

/** The stored document `id`; NotFoundError (404) when there is none. */
export function mustFind(database: Database, id: string): Promise<DocumentRecord> {
  return foundDocument((documentId) => findDocument(database, documentId), id);
}

/** A document's report, or ReportNotReadyError (409) naming the document's status while it has none. */
export async function mustFindReport(database: Database, id: string): Promise<{ doc: DocumentRecord; report: Report }> {
  const doc = await mustFind(database, id);
  const report = await findReport(database, doc._id);
  if (!report) {
    throw new ReportNotReadyError(doc._id, doc.status);
  }
  return { doc, report };
}
