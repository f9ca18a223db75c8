// The line under the desk's title: fields flagged, the link to the report, saves in flight, the server away; and the
// notices that the user may not review or that another reviewer has the document open.
import type { ClaimHeld } from '../api';
import { t, timeText } from '../i18n';
import { follow } from '../router';

export function DeskStatus(props: {
  documentId: string;
  flagged: number;
  pending: number;
  waiting: boolean;
  mayReview: boolean;
  heldBy: ClaimHeld | null;
}) {
  const { documentId, flagged, pending, waiting, mayReview, heldBy } = props;
  return (
    <>
      <p class="muted">
        {t('fieldsFlagged', { n: flagged })} ·{' '}
        <a href={`/documents/${documentId}`} onClick={(e) => follow(e, `/documents/${documentId}`)}>
          {t('report')}
        </a>
        {pending > 0 ? (
          <>
            {' '}
            · <span id="saving">{t('saving', { n: pending })}</span>
          </>
        ) : null}
        {waiting ? (
          <>
            {' '}
            ·{' '}
            <span id="server-away" class="flag">
              {t('serverAway')}
            </span>
          </>
        ) : null}
      </p>
      {mayReview ? null : <p class="flag">{t('notAllowed')}</p>}
      {heldBy ? (
        <p id="claimed-by" class="flag">
          {t('claimedBy', { who: heldBy.reviewer, until: timeText(heldBy.expiresAt, 'time') })}
        </p>
      ) : null}
    </>
  );
}
