// The review queue across documents, most doubtful first: j / k choose, Enter opens the field in its document.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ReviewQueue, api } from '../api';
import { follow, navigate } from '../router';
import { t } from '../i18n';
import { captionText } from '../parts/caption';

export const reviewAddress = (documentId: string, key: string) => `/review/${encodeURIComponent(documentId)}?field=${encodeURIComponent(key)}`;

export function QueuePage() {
  const [queue, setQueue] = useState<ReviewQueue | null>(null);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    api<ReviewQueue>('/api/review/queue?limit=200').then(setQueue, (e: Error) => setError(e.message));
  }, []);
  // Listening from the first render on (the keys read the latest queue and choice through a ref), so no key
  // pressed as soon as the list shows is lost.
  const state = useRef({ queue, selected });
  state.current = { queue, selected };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const items = state.current.queue?.items ?? [];
      if (items.length === 0 || (e.target as HTMLElement).matches('input, textarea, select')) {
        return;
      }
      if (e.key === 'j' || e.key === 'ArrowDown') {
        setSelected((s) => Math.min(items.length - 1, s + 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        setSelected((s) => Math.max(0, s - 1));
      } else if (e.key === 'Enter' || e.key === 'n') {
        const item = items[state.current.selected];
        navigate(reviewAddress(item.documentId, item.key));
      } else {
        return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    list.current?.children[selected]?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  if (error) {
    return <p class="flag">{error}</p>;
  }
  if (!queue) {
    return <p class="muted">{t('loading')}</p>;
  }
  return (
    <section>
      <h1>{t('queue')}</h1>
      <p id="counts">{queue.items.length === 0 ? t('queueEmpty') : t('queueCounts', { fields: queue.fields, documents: queue.documents })}</p>
      {queue.items.length > 0 ? <p class="muted small">{t('openNext')}</p> : null}
      <ol id="queue" class="queue" ref={list}>
        {queue.items.map((item, i) => (
          <li key={`${item.documentId}:${item.key}`} class={i === selected ? 'selected' : ''}>
            <a href={reviewAddress(item.documentId, item.key)} onClick={(e) => follow(e, reviewAddress(item.documentId, item.key))}>
              <span class="caption">{captionText(item.caption, item.key)}</span>
              <span class="value">{item.raw === '' ? '—' : item.raw}</span>
              <span class="muted small">{item.filename} · {t('confidence')} {item.confidence.toFixed(2)}</span>
              <span class="flag small">{item.reasons.join('; ')}</span>
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
