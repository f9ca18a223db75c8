// Reading a document again: one that failed or needs attention is reset (its failed pages read afresh) and announced
// to the pipeline as if just uploaded; any other is refused with its status.
import type { DocumentRecord } from '../../../../shared/contracts/document';
import { InputError } from '../../../../shared/errors/errors';
import type { Logger } from '../../../../shared/logging/logger';
import { foundDocument } from './found-document';

export interface RetryDeps {
  find: (documentId: string) => Promise<DocumentRecord | null>;
  /** Resets a failed or needing-attention document for reading again; false if it is neither. */
  reset(documentId: string): Promise<boolean>;
  /** Publishes the document's start (false if the broker did not take it: the sweep announces it later). */
  announce(document: DocumentRecord): Promise<boolean>;
  logger: Logger;
}

/** The document as it is after its reset; NotFoundError for no such document, InputError (409) for one that is not
 * failed or needing attention. */
export async function retryDocument(deps: RetryDeps, documentId: string): Promise<DocumentRecord> {
  const doc = await foundDocument(deps.find, documentId);
  if (!(await deps.reset(doc._id))) {
    throw new InputError(
      `only a document that failed or needs attention can be retried; this one is ${doc.status}`,
      'not-retryable',
      { status: doc.status },
    );
  }
  await deps.announce(doc);
  deps.logger.info({ documentId: doc._id, was: doc.status }, 'document retried');
  return foundDocument(deps.find, doc._id);
}
