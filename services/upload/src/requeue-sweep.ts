// A document recorded but never announced (the upload service died between the two) is announced again:
// queued documents older than the grace period with no OCR progress. Downstream handlers are idempotent.
import type { Database } from '../../../shared/store/database';
import type { Envelope } from '../../../shared/contracts/messages';
import { receivedMessage } from './accept-upload';

export async function requeueStalled(database: Database, publish: (m: Envelope) => Promise<void>, graceMs: number): Promise<number> {
  const stalled = await database.documents.find({
    status: 'queued',
    createdAt: { $lt: new Date(Date.now() - graceMs) },
    'progress.ocr.done': { $size: 0 },
  }).limit(100).toArray();
  for (const doc of stalled) {
    await publish(receivedMessage(doc));
  }
  return stalled.length;
}
