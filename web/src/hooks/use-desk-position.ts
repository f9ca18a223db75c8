// Which of the document's flagged fields the desk shows: the one the address names once the list is there, then the
// one moved to (kept in the address, so a reload or a shared link opens the same field).
import { useEffect, useState } from 'preact/hooks';
import type { Flagged } from './use-review-desk';
import { navigate } from '../router';
import { reviewAddress } from '../pages/queue';

export function useDeskPosition(documentId: string, fields: readonly Flagged[] | undefined, named: string | null) {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (fields) {
      setIndex(
        Math.max(
          0,
          fields.findIndex((f) => f.key === named),
        ),
      );
    }
  }, [fields]);
  const go = (i: number) => {
    setIndex(i);
    navigate(reviewAddress(documentId, (fields ?? [])[i].key), true);
  };
  return { index, go };
}

/** The first field after `from`, round the list, not yet settled; -1 when every one is. */
export function nextUnsettled(fields: readonly Flagged[], from: number, settled: (key: string) => boolean): number {
  for (let d = 1; d <= fields.length; d += 1) {
    const i = (from + d) % fields.length;
    if (!settled(fields[i].key)) {
      return i;
    }
  }
  return -1;
}
