// Who corrected what, when: a document's corrections, or one field's.
import type { ReviewHistory } from '../api';
import { t, timeText } from '../i18n';

export function History({ reviews, showField }: { reviews: ReviewHistory['reviews']; showField: boolean }) {
  if (reviews.length === 0) {
    return <p class="muted">{t('noHistory')}</p>;
  }
  return (
    <table class="history">
      <thead>
        <tr>
          {showField ? <th>{t('field')}</th> : null}
          <th>{t('who')}</th>
          <th>{t('when')}</th>
          <th>{t('old')}</th>
          <th>{t('new')}</th>
          <th>{t('comment')}</th>
        </tr>
      </thead>
      <tbody>
        {[...reviews].reverse().map((r) => (
          <tr key={r.id}>
            {showField ? (
              <td class="key" translate={false}>
                {r.field}
              </td>
            ) : null}
            <td translate={false}>{r.reviewer}</td>
            <td>{timeText(r.at)}</td>
            <td>{r.old.raw === '' ? '—' : r.old.raw}</td>
            <td>
              <strong>{r.new.raw === '' ? '—' : r.new.raw}</strong>
            </td>
            <td>{r.comment ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
