// A document's stage progress as bars, and its state as a badge that says plainly when a person must look.
import type { DocumentView } from '../api';
import { known, t, useLang } from '../i18n';
import { reasonText } from './reason-text';

export function StageBars({ doc }: { doc: DocumentView }) {
  const { ocr, tables } = doc.progress;
  return (
    <div class="stages">
      <label>
        {t('ocr')} <progress max={ocr.total || 1} value={ocr.done + ocr.failed} />{' '}
        <span class="muted">
          {ocr.done}/{ocr.total}
          {ocr.failed ? ` (${ocr.failed}✗)` : ''}
        </span>
      </label>
      <label>
        {t('tables')} <progress max={tables.total || 1} value={tables.done} />{' '}
        <span class="muted">
          {tables.done}/{tables.total}
        </span>
      </label>
    </div>
  );
}

/** needs attention: failed, no template, few fields found (the document's own attention reasons say which). */
export function StateBadge({ doc }: { doc: DocumentView }) {
  const lang = useLang();
  const key = `status_${doc.status}`;
  const attention = doc.status === 'failed' || doc.status === 'needs-attention';
  return (
    <span>
      <span class={`badge ${attention ? 'bad' : doc.status === 'done' ? 'good' : ''}`} data-state={doc.status}>
        {known(key) ? t(key) : doc.status}
      </span>
      {doc.failure ? <span class="flag small"> {doc.failure}</span> : null}
      {doc.attention?.map((a) => (
        <span class="flag small" key={a}>
          {' '}
          {reasonText(a, lang)}
        </span>
      ))}
    </span>
  );
}
