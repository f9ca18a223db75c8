// Announcing a stored document to the pipeline. The record is the truth and the announcement can be made
// again: a document whose announcement did not go out (the broker away) keeps no `announcedAt`, and the sweep
// announces it once the broker is back. The split handler splits a document once however often it is announced.
import type { DocumentRecord } from '../../../shared/contracts/document';
import { Envelope, envelope } from '../../../shared/contracts/messages';
import { errorMessage } from '../../../shared/errors/errors';
import type { Logger } from '../../../shared/logging/logger';

export interface AnnounceDeps {
  publish(message: Envelope): Promise<void>;
  markAnnounced(documentId: string): Promise<void>;
  logger: Logger;
}

/** The message that starts a document through the pipeline; its id is fixed, so re-sends deduplicate. */
export const receivedMessage = (doc: Pick<DocumentRecord, '_id' | 'pages'>) =>
  envelope('upload.document.received', { documentId: doc._id, pages: doc.pages }, `${doc._id}:received`);

/** Publishes the document's start and records when; false if the broker did not take it (left to the sweep). */
export async function announce(doc: Pick<DocumentRecord, '_id' | 'pages'>, deps: AnnounceDeps): Promise<boolean> {
  try {
    await deps.publish(receivedMessage(doc));
  } catch (error) {
    deps.logger.warn(
      { documentId: doc._id, err: errorMessage(error) },
      'document stored, not announced yet: the sweep announces it when the broker is back',
    );
    return false;
  }
  await deps.markAnnounced(doc._id);
  return true;
}
