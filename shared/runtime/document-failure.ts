// A document given up by a stage: marked failed with the reason, and announced to downstream systems (a public
// event, README "Events"), so that nobody has to poll for what will not come.
import { Envelope, envelope } from '../contracts/messages';
import type { Database } from '../store/database';
import { markFailed } from '../store/documents.repository';

export async function failDocument(
  database: Database,
  publish: (m: Envelope) => Promise<void>,
  type: 'ocr.document.failed' | 'normalisation.document.failed',
  documentId: string,
  reason: string,
): Promise<void> {
  await markFailed(database, documentId, reason);
  await publish(envelope(type, { documentId, reason, retry: `/api/documents/${documentId}/retry` }));
}
