// The desk when nothing is left to review in its document: a link to the next document in the queue, if any.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { nextInQueue } from '../next-document';
import { reviewAddress } from '../pages/queue';
import { follow } from '../router';

/** Nothing left here: the next document in the queue, if any. */
export function AllDone({ id }: { id: string }) {
  const [next, setNext] = useState<Awaited<ReturnType<typeof nextInQueue>> | undefined>(undefined);
  useEffect(() => {
    nextInQueue(id).then(setNext, () => setNext(null));
  }, [id]);
  const to = next ? reviewAddress(next.documentId, next.key) : '/queue';
  return (
    <p id="all-done" class="card good-text">
      {t('allReviewed')}{' '}
      {next ? (
        <a href={to} onClick={(e) => follow(e, to)}>
          {t('nextInQueue')}: {next.filename}
        </a>
      ) : null}
    </p>
  );
}
