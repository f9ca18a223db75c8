// A document recorded but never announced (the upload service died between the two) is announced again:
// queued documents older than the grace period with no OCR progress. Downstream handlers are idempotent.
import type { Database } from '../../../shared/store/database';
import type { Envelope } from '../../../shared/contracts/messages';
import { stageCounts } from '../../../shared/store/progress.repository';
import { receivedMessage } from './accept-upload';

export async function requeueStalled(database: Database, publish: (m: Envelope) => Promise<void>, graceMs: number): Promise<number> {
  const queued = await database.documents.find({ status: 'queued', createdAt: { $lt: new Date(Date.now() - graceMs) } }).limit(100).toArray();
  const counts = await stageCounts(database, queued.map((d) => d._id));
  const stalled = queued.filter((d) => {
    const c = counts.get(d._id);
    return !c || c.ocrDone + c.ocrFailed === 0;
  });
  for (const doc of stalled) {
    await publish(receivedMessage(doc));
  }
  return stalled.length;
}
