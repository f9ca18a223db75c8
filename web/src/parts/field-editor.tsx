// The field under review: captions, crop, what was read and why it is doubted, the value box with the identities
// right under it (checked as the value is typed), the actions and the field's history.
import type { RefObject } from 'preact';
import type { ConfirmAnswer, Report, ReviewHistory } from '../api';
import type { BulkScope } from '../hooks/use-bulk-confirmation';
import type { Flagged } from '../hooks/use-review-desk';
import { sectionText, t, useLang } from '../i18n';
import { Caption } from './caption';
import { CheckLine, liveChecks } from './check-line';
import { History } from './history';
import type { Place } from './place';
import { confidenceText } from './confidence';
import { reasonText } from './reason-text';

interface Props {
  field: Flagged;
  report: Report;
  where: Place;
  draft: string;
  input: RefObject<HTMLInputElement | null>;
  message: string;
  history: ReviewHistory['reviews'];
  lastBatch: ConfirmAnswer | null;
  onDraft: (value: string) => void;
  onKey: (e: KeyboardEvent) => void;
  onSave: () => void;
  onAccept: () => void;
  onSkip: () => void;
  onConfirm: (scope: BulkScope) => void;
  onUndo: () => void;
}

export function FieldEditor(p: Props) {
  const { field } = p;
  const lang = useLang();
  const checks = liveChecks(p.report, field.key, p.draft);
  return (
    <div class="editor" data-key={field.key}>
      <h2 class="caption">
        <Caption caption={field.caption} fallback={field.key} />
      </h2>
      <p class="muted small key">
        {sectionText(field.key.split('.')[0])} · <span translate={false}>{field.key}</span>
      </p>
      {field.imageUrl ? <img class="crop" src={field.imageUrl} alt="" /> : null}
      {!field.found ? (
        <p class="flag">
          {t('notFound')}
          {p.where.label ? ` · ${t('expectedIn', { where: p.where.label })}` : ''}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('read')}</dt>
        <dd>
          <strong>{field.raw === '' ? '—' : field.raw}</strong>{' '}
          <span class="muted">
            ({t('confidence')} {confidenceText(field.confidence)})
          </span>
        </dd>
        <dt>{t('reasons')}</dt>
        <dd class="flag reasons">
          {field.reasons.length > 0
            ? field.reasons.map((r) => reasonText(r, lang)).join('; ')
            : t(field.needsReview ? 'belowThreshold' : 'settled')}
        </dd>
        {field.suggestion ? (
          <>
            <dt>{t('suggestion')}</dt>
            <dd id="suggestion">
              <strong>{field.suggestion.value}</strong>{' '}
              <span class="muted">{reasonText(field.suggestion.reason, lang)}</span>
            </dd>
          </>
        ) : null}
      </dl>
      <label class="value">
        {t('correctValue')}
        <input
          id="value"
          ref={p.input}
          value={p.draft}
          inputMode="decimal"
          autocomplete="off"
          onInput={(e) => p.onDraft(e.currentTarget.value)}
          onKeyDown={p.onKey}
        />
      </label>
      <ul id="checks" class="checks">
        {checks.map((c) => (
          <CheckLine key={c.id} check={c} report={p.report} current={field.key} />
        ))}
      </ul>
      <p class="buttons">
        <button type="button" class="primary" tabIndex={-1} onClick={p.onSave}>
          {t('save')} ⏎
        </button>
        <button type="button" tabIndex={-1} onClick={p.onAccept}>
          {t('acceptRead')} (a)
        </button>
        <button type="button" tabIndex={-1} onClick={() => p.onConfirm('table')}>
          {t('confirmTable')} (c)
        </button>
        <button type="button" tabIndex={-1} onClick={() => p.onConfirm('row')}>
          {t('confirmRow')} (r)
        </button>
        {field.page === null ? null : (
          <button type="button" tabIndex={-1} onClick={() => p.onConfirm('page')}>
            {t('confirmPage')} (p)
          </button>
        )}
        {p.lastBatch ? (
          <button type="button" tabIndex={-1} onClick={p.onUndo}>
            {t('undo')} (u)
          </button>
        ) : null}
        <button type="button" tabIndex={-1} onClick={p.onSkip}>
          {t('skip')} (Esc)
        </button>
      </p>
      <p id="message" class="muted" role="status">
        {p.message}
      </p>
      <p class="muted small keys">{t('keys')}</p>
      <h3>{t('history')}</h3>
      <History reviews={p.history.filter((h) => h.field === field.key)} showField={false} />
    </div>
  );
}
