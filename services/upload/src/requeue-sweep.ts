// A document recorded but never split (the upload service died before announcing it, or the OCR service was
// away) is announced again: queued documents last announced longer ago than the grace period. Each
// announcement is recorded, so during a long outage a document is re-announced once per grace period, not
// once per sweep, and a retried document waits its grace period like a new one. The split handler splits a
// document once however often it is announced.
import type { Database } from '../../../shared/store/database';
import type { Envelope } from '../../../shared/contracts/messages';
import { markAnnounced } from '../../../shared/store/documents.repository';
import { receivedMessage } from './accept-upload';

export async function requeueStalled(database: Database, publish: (m: Envelope) => Promise<void>, graceMs: number): Promise<number> {
  const before = new Date(Date.now() - graceMs);
  const stalled = await database.documents.find({
    status: 'queued',
    $or: [{ announcedAt: { $lt: before } }, { announcedAt: { $exists: false }, createdAt: { $lt: before } }],
  }).limit(100).toArray();
  for (const doc of stalled) {
    await publish(receivedMessage(doc));
    await markAnnounced(database, doc._id);
  }
  return stalled.length;
}
