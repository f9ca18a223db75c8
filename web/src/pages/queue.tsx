// The review queue across documents, most doubtful document first: j / k choose, Enter opens the field in its
// document; filters (document, section, reason) and the page are in the address.
import { useEffect, useRef, useState } from 'preact/hooks';
import { REASON_KINDS } from '../../../shared/domain/review-queue';
import { follow, navigate, useLocation } from '../router';
import { failureText, known, sectionText, t } from '../i18n';
import { captionText } from '../parts/caption';
import { confidenceText } from '../parts/confidence';
import { QUEUE_PAGE, useQueue } from '../hooks/use-queue';

export const reviewAddress = (documentId: string, key: string) =>
  `/review/${encodeURIComponent(documentId)}?field=${encodeURIComponent(key)}`;
const SECTIONS = ['applications', 'activeDisclosure', 'reviewAndLitigation', 'legacyStatistics'];

/** The reason kind in words; an unknown kind as it is. */
export const reasonKindText = (kind: string) =>
  known(`reason_${kind}`) ? t(`reason_${kind}` as Parameters<typeof t>[0]) : kind;

export function QueuePage() {
  const { query } = useLocation();
  const { queue, error } = useQueue(query);
  const [selected, setSelected] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  const offset = Number(query.get('offset') ?? 0);
  const withQuery = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) {
      if (v) {
        next.set(k, v);
      } else {
        next.delete(k);
      }
    }
    return `/queue${next.toString() !== '' ? `?${next.toString()}` : ''}`;
  };
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
  useEffect(() => setSelected(0), [queue]);

  if (error !== null) {
    return <p class="flag">{failureText(error)}</p>;
  }
  if (!queue) {
    return <p class="muted">{t('loading')}</p>;
  }
  const choose = (name: string) => (e: Event) =>
    navigate(withQuery({ [name]: (e.currentTarget as HTMLSelectElement).value || null, offset: null }));
  return (
    <section>
      <h1>{t('queue')}</h1>
      <div class="filters">
        <select aria-label={t('section')} value={query.get('section') ?? ''} onChange={choose('section')}>
          <option value="">{t('allSections')}</option>
          {SECTIONS.map((s) => (
            <option key={s} value={s}>
              {sectionText(s)}
            </option>
          ))}
        </select>
        <select aria-label={t('reasons')} value={query.get('reason') ?? ''} onChange={choose('reason')}>
          <option value="">{t('allReasons')}</option>
          {REASON_KINDS.map((r) => (
            <option key={r} value={r}>
              {reasonKindText(r)}
            </option>
          ))}
        </select>
        {query.get('document') ? (
          <a
            id="all-documents"
            href={withQuery({ document: null, offset: null })}
            onClick={(e) => follow(e, withQuery({ document: null, offset: null }))}
          >
            {t('allDocuments')}
          </a>
        ) : null}
      </div>
      <p id="counts">
        {queue.items.length === 0
          ? t('queueEmpty')
          : t('queueCounts', { fields: queue.fields, documents: queue.documents })}
      </p>
      {queue.items.length > 0 ? <p class="muted small">{t('openNext')}</p> : null}
      <ol id="queue" class="queue" ref={list}>
        {queue.items.map((item, i) => (
          <li key={`${item.documentId}:${item.key}`} class={i === selected ? 'selected' : ''}>
            <a
              href={reviewAddress(item.documentId, item.key)}
              onClick={(e) => follow(e, reviewAddress(item.documentId, item.key))}
            >
              <span class="caption">{captionText(item.caption, item.key)}</span>
              <span class="value">{item.raw === '' ? '—' : item.raw}</span>
              <span class="muted small">
                {item.filename} · {sectionText(item.section)} · {t('confidence')} {confidenceText(item.confidence)}
              </span>
              <span class="flag small">{reasonKindText(item.reasonKind)}</span>
              {item.claimedBy ? (
                <span class="muted small claimed">{t('reviewing', { who: item.claimedBy })}</span>
              ) : null}
            </a>
          </li>
        ))}
      </ol>
      <p class="pager">
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => navigate(withQuery({ offset: offset > QUEUE_PAGE ? String(offset - QUEUE_PAGE) : null }))}
        >
          {t('previous')}
        </button>
        <span class="muted">
          {t('ofTotal', {
            from: queue.fields === 0 ? 0 : offset + 1,
            to: offset + queue.items.length,
            total: queue.fields,
          })}
        </span>
        <button
          type="button"
          disabled={offset + QUEUE_PAGE >= queue.fields}
          onClick={() => navigate(withQuery({ offset: String(offset + QUEUE_PAGE) }))}
        >
          {t('next')}
        </button>
      </p>
    </section>
  );
}
