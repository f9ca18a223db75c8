// Another reviewer saved this field after it was opened here: both values, and the choice (keys t and m).
import type { Conflict } from '../hooks/use-field-saves';
import { t, timeText } from '../i18n';

export function ConflictPanel({
  conflict,
  onTheirs,
  onMine,
}: {
  conflict: Conflict;
  onTheirs: () => void;
  onMine: () => void;
}) {
  const { theirs } = conflict;
  const who = theirs.review?.by ?? '?';
  const when = theirs.review ? timeText(theirs.review.at, 'time') : '';
  return (
    <div id="conflict" class="card conflict" role="alert">
      <p>{t('conflict', { who, when })}</p>
      <p>
        {t('theirValue')}: <strong id="theirs">{theirs.raw === '' ? '—' : theirs.raw}</strong> · {t('yourValue')}:{' '}
        <strong id="mine">{conflict.mine === '' ? '—' : conflict.mine}</strong>
      </p>
      <p class="buttons">
        <button type="button" tabIndex={-1} onClick={onTheirs}>
          {t('keepTheirs')} (t)
        </button>
        <button type="button" tabIndex={-1} class="primary" onClick={onMine}>
          {t('saveMine')} (m)
        </button>
      </p>
    </div>
  );
}
