// A page of the review queue as the address asks for it (filters and paging live in the address, so a view can be
// shared and survives a reload).
import { useEffect, useState } from 'preact/hooks';
import { ReviewQueue, api } from '../api';

// A page holds what a reviewer scans at once; j past its end turns the page.
export const QUEUE_PAGE = 50;
export const QUEUE_FILTERS = ['document', 'section', 'reason'] as const;

/** The queue page, or the failure that kept it away (said by i18n's failureText when shown). */
export function useQueue(query: URLSearchParams): { queue: ReviewQueue | null; error: unknown } {
  const [queue, setQueue] = useState<ReviewQueue | null>(null);
  const [error, setError] = useState<unknown>(null);
  const asked = new URLSearchParams({ limit: String(QUEUE_PAGE), offset: query.get('offset') ?? '0' });
  for (const name of QUEUE_FILTERS) {
    const value = query.get(name);
    if (value) {
      asked.set(name, value);
    }
  }
  const address = `/api/review/queue?${asked.toString()}`;
  useEffect(() => {
    api<ReviewQueue>(address).then(
      (q) => {
        setQueue(q);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, [address]);
  return { queue, error };
}
