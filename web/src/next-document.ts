// The next document of the review queue after this one: where `n`, and Enter once all is settled, go on to.
import { ReviewQueue, api } from './api';

/** The queue's most doubtful field in another document than `documentId` that no other reviewer has open, or null
 * when nothing else waits. */
export async function nextInQueue(documentId: string): Promise<ReviewQueue['items'][number] | null> {
  const queue = await api<ReviewQueue>(
    `/api/review/queue?limit=1&unclaimed=true&notDocument=${encodeURIComponent(documentId)}`,
  );
  return queue.items[0] ?? null;
}
