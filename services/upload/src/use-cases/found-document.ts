// A document asked for by id: the record, or the API's "no such document" (404, document-not-found).
import type { DocumentRecord } from '../../../../shared/contracts/document';
import { NotFoundError } from '../../../../shared/errors/errors';

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
