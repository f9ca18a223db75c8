// One document's desk data: its flagged fields (most doubtful first), its report and its history, kept current by
// the server's live events (another reviewer's save shows at once) and by the answers of our own saves.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Field } from '../../../shared/contracts/report';
import { DocumentView, Report, ReviewAnswer, ReviewHistory, ReviewList, api } from '../api';

export type Flagged = ReviewList['fields'][number];

export interface ReviewDesk {
  list: ReviewList | null;
  report: Report | null;
  history: ReviewHistory['reviews'];
  /** What kept the desk from loading (said by i18n's failureText), or null. */
  error: unknown;
  /** The latest entity tag known for each field: what a save sends as If-Match. */
  etags: { current: Record<string, string> };
  /** A save's answer: the field, its identities and the report's review state as the server now has them. */
  applyAnswer: (answer: Pick<ReviewAnswer, 'key' | 'checks' | 'reportReview' | 'etag'> & Field) => void;
  /** The report and history read again (after a bulk confirmation, or another reviewer's change). */
  refresh: () => Promise<void>;
}

export function useReviewDesk(id: string, wanted: string | null): ReviewDesk {
  const [list, setList] = useState<ReviewList | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [history, setHistory] = useState<ReviewHistory['reviews']>([]);
  const [error, setError] = useState<unknown>(null);
  const etags = useRef<Record<string, string>>({});
  const base = `/api/documents/${encodeURIComponent(id)}`;

  const refresh = async () => {
    const [r, h] = await Promise.all([api<Report>(`${base}/report`), api<ReviewHistory>(`${base}/reviews`)]);
    for (const [key, f] of Object.entries(r.fields)) {
      etags.current[key] = f.etag ?? '';
    }
    setReport(r);
    setHistory(h.reviews);
  };

  useEffect(() => {
    const field = wanted ? `?field=${encodeURIComponent(wanted)}` : '';
    Promise.all([api<ReviewList>(`${base}/review${field}`), refresh()]).then(
      ([l]) => setList(l),
      (e: unknown) => setError(e),
    );
    // Another reviewer's save on this document arrives as an event; the report is read again to show it.
    const events = new EventSource('/api/documents/events');
    events.addEventListener('document', (e) => {
      if ((JSON.parse((e as MessageEvent<string>).data) as DocumentView).id === id) {
        refresh().catch(() => undefined);
      }
    });
    return () => events.close();
    // Loaded once per document: moving between its fields changes only the query.
  }, [id]);

  const applyAnswer: ReviewDesk['applyAnswer'] = (answer) => {
    const { key, checks, reportReview, ...field } = answer;
    etags.current[key] = answer.etag;
    setReport(
      (r) =>
        r && {
          ...r,
          review: reportReview,
          fields: { ...r.fields, [key]: field },
          checks: r.checks.map((c) => checks.find((n) => n.id === c.id) ?? c),
        },
    );
    void api<ReviewHistory>(`${base}/reviews`).then(
      (h) => setHistory(h.reviews),
      () => undefined,
    );
  };

  return { list, report, history, error, etags, applyAnswer, refresh };
}
