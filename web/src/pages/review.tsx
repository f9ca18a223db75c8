// The reviewer's desk for one document: the page with the field's cell outlined, the crop beside the value, the
// captions, the reasons, the suggestion, the identities the field is a term of (checked again as the value is
// typed, and by the server after saving) and the field's history. Keyboard first: Enter saves and moves on,
// Tab / j next, Shift+Tab / k previous, a accepts the read value, s takes the suggestion, Esc skips.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BBox } from '../../../shared/contracts/geometry';
import type { Check, Field } from '../../../shared/contracts/report';
import { checksOf, evaluateIdentity, fieldTermValue } from '../../../shared/domain/identities';
import { parseNumber } from '../../../shared/domain/numbers';
import { allows } from '../../../shared/contracts/user';
import { ApiError, Report, ReviewAnswer, ReviewHistory, ReviewList, ReviewQueue, Session, api } from '../api';
import { follow, navigate, useLocation } from '../router';
import { known, t } from '../i18n';
import { PageView } from '../parts/page-view';
import { History } from '../parts/history';
import { Caption, captionText } from '../parts/caption';
import { reviewAddress } from './queue';

type Flagged = ReviewList['fields'][number];

export function ReviewPage({ id, session }: { id: string; session: Session }) {
  const { query } = useLocation();
  const [list, setList] = useState<ReviewList | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [history, setHistory] = useState<ReviewHistory['reviews']>([]);
  const [error, setError] = useState('');
  const [index, setIndex] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const base = `/api/documents/${encodeURIComponent(id)}`;

  useEffect(() => {
    Promise.all([api<ReviewList>(`${base}/review`), api<Report>(`${base}/report`), api<ReviewHistory>(`${base}/reviews`)]).then(([l, r, h]) => {
      setList(l);
      setReport(r);
      setHistory(h.reviews);
      const wanted = l.fields.findIndex((f) => f.key === query.get('field'));
      setIndex(Math.max(0, wanted));
    }, (e: Error) => setError(e.message));
    // Loaded once per document: moving between its fields changes only the query.
  }, [id]);

  const fields = list?.fields ?? [];
  const current: Flagged | undefined = fields[index];
  const draft = current ? (drafts[current.key] ?? initialDraft(current)) : '';

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [current?.key]);

  if (error) {
    return <p id="head" class="flag">{error}</p>;
  }
  if (!list || !report) {
    return <p id="head" class="muted">{t('loading')}</p>;
  }

  const move = (d: number) => {
    if (fields.length === 0) {
      return;
    }
    const next = (index + d + fields.length) % fields.length;
    setIndex(next);
    setMessage('');
    navigate(reviewAddress(id, fields[next].key), true);
  };
  /** The next field not yet settled in this sitting, after the current one; none when all are. */
  const moveOn = (done: Set<string>) => {
    for (let d = 1; d <= fields.length; d += 1) {
      const i = (index + d) % fields.length;
      if (!done.has(fields[i].key)) {
        setIndex(i);
        navigate(reviewAddress(id, fields[i].key), true);
        return;
      }
    }
  };

  const save = async (raw: string) => {
    if (!current) {
      return;
    }
    try {
      const answer = await api<ReviewAnswer>(`${base}/fields/${encodeURIComponent(current.key)}/review`, { method: 'POST', json: { raw } });
      const { key, checks, reportReview, ...field } = answer;
      setReport((r) => r && {
        ...r, review: reportReview, fields: { ...r.fields, [key]: field },
        checks: r.checks.map((c) => checks.find((n) => n.id === c.id) ?? c),
      });
      const done = new Set(saved).add(key);
      setSaved(done);
      setMessage(`${t('saved')}: ${raw === '' ? '—' : raw}`);
      void api<ReviewHistory>(`${base}/reviews`).then((h) => setHistory(h.reviews), () => undefined);
      moveOn(done);
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 403 ? `${t('notAllowed')} (${e.message})` : (e as Error).message);
    }
  };

  const takeSuggestion = () => {
    if (current?.suggestion) {
      setDrafts({ ...drafts, [current.key]: String(current.suggestion.value) });
    }
  };

  const onKey = (e: KeyboardEvent) => {
    if (!current) {
      return;
    }
    // Values are numbers or dashes: the letters below never belong to one.
    const keys: Record<string, () => void> = {
      Enter: () => void save(draft),
      Escape: () => move(1),
      Tab: () => move(e.shiftKey ? -1 : 1),
      j: () => move(1),
      k: () => move(-1),
      a: () => void save(current.raw),
      s: takeSuggestion,
    };
    const action = e.ctrlKey || e.metaKey || e.altKey ? undefined : keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const where = current ? placeOf(current, report) : null;
  const field = current ? report.fields[current.key] : undefined;
  const checks = current ? liveChecks(report, current.key, draft) : [];
  const settled = fields.every((f) => saved.has(f.key));
  return (
    <section class="review">
      <h1 id="head">{list.filename}</h1>
      <p class="muted">{t('fieldsFlagged', { n: report.review.flagged })} · {t(`review_${report.review.status}`)} · <a href={`/documents/${id}`} onClick={(e) => follow(e, `/documents/${id}`)}>{t('report')}</a></p>
      {allows(session.roles, 'review') ? null : <p class="flag">{t('notAllowed')}</p>}
      {fields.length === 0 || settled ? <AllDone /> : null}
      {current && field ? (
        <div class="desk">
          <div class="left">
            <PageView documentId={id} page={where?.page ?? null} box={where?.box ?? null} />
          </div>
          <div class="right">
            <ol class="field-list" aria-label={t('fields')}>
              {fields.map((f, i) => (
                <li key={f.key} class={`${i === index ? 'current' : ''} ${saved.has(f.key) ? 'done' : ''}`}>
                  <button type="button" tabIndex={-1} onClick={() => {
                    setIndex(i);
                    navigate(reviewAddress(id, f.key), true);
                  }}>{captionText(f.caption, f.key)}</button>
                </li>
              ))}
            </ol>
            <div class="editor" data-key={current.key}>
              <h2 class="caption"><Caption caption={current.caption} fallback={current.key} /></h2>
              <p class="muted small key">{current.key}</p>
              {current.imageUrl ? <img class="crop" src={current.imageUrl} alt="" /> : null}
              {!current.found ? <p class="flag">{t('notFound')}{where?.label ? ` · ${t('expectedIn', { where: where.label })}` : ''}</p> : null}
              <dl class="facts">
                <dt>{t('read')}</dt><dd><strong>{current.raw === '' ? '—' : current.raw}</strong> <span class="muted">({t('confidence')} {current.confidence.toFixed(2)})</span></dd>
                <dt>{t('reasons')}</dt><dd class="flag">{current.reasons.join('; ')}</dd>
                {current.suggestion ? <><dt>{t('suggestion')}</dt><dd id="suggestion"><strong>{current.suggestion.value}</strong> <span class="muted">{current.suggestion.reason}</span></dd></> : null}
              </dl>
              <label class="value">{t('correctValue')}
                <input id="value" ref={input} value={draft} inputMode="decimal" autocomplete="off"
                  onInput={(e) => setDrafts({ ...drafts, [current.key]: e.currentTarget.value })} onKeyDown={onKey} />
              </label>
              <p class="buttons">
                <button type="button" class="primary" tabIndex={-1} onClick={() => void save(draft)}>{t('save')} ⏎</button>
                <button type="button" tabIndex={-1} onClick={() => void save(current.raw)}>{t('acceptRead')} (a)</button>
                {current.suggestion ? <button type="button" tabIndex={-1} onClick={takeSuggestion}>{t('takeSuggestion')} (s)</button> : null}
                <button type="button" tabIndex={-1} onClick={() => move(1)}>{t('skip')} (Esc)</button>
              </p>
              <p id="message" class="muted" role="status">{message}</p>
              <p class="muted small keys">{t('keys')}</p>
              <h3>{t('checks')}</h3>
              <ul id="checks" class="checks">
                {checks.map((c) => <CheckLine key={c.id} check={c} report={report} current={current.key} />)}
              </ul>
              <h3>{t('history')}</h3>
              <History reviews={history.filter((h) => h.field === current.key)} showField={false} />
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** What the box holds at first: the suggestion when there is one, else the value as read. */
const initialDraft = (f: Flagged) => (f.suggestion ? String(f.suggestion.value) : f.raw);

/** The identities the field is a term of, evaluated with the value as typed (the server checks again on saving). */
function liveChecks(report: Report, key: string, typed: string): Check[] {
  const parsed = parseNumber(typed, { dashIsZero: true });
  const termValue = (k: string) => {
    if (k !== key) {
      return fieldTermValue(report.fields[k]);
    }
    return parsed.ok ? (parsed.value ?? 0) : undefined;
  };
  return checksOf(report.checks, key).map((c) => evaluateIdentity(c, termValue));
}

function CheckLine({ check, report, current }: { check: Check; report: Report; current: string }) {
  // A term is named by what tells it from the field under review: its column where they share a row, else its row.
  const here = report.fields[current]?.caption;
  const side = (keys: readonly string[]) => keys.map((k) => {
    const f: Field | undefined = report.fields[k];
    const name = !f?.caption ? k : here && f.caption.row === here.row ? f.caption.column : f.caption.row;
    return <span key={k} class={k === current ? 'term current' : 'term'} title={k}>{name}</span>;
  });
  const status = `check_${check.status}`;
  return (
    <li data-status={check.status} data-id={check.id}>
      <span class={`badge ${check.status === 'ok' ? 'good' : check.status === 'broken' ? 'bad' : ''}`}>{known(status) ? t(status) : check.status}</span>{' '}
      <span class="muted small">{check.description}</span>
      <div class="sides">
        <span>{side(check.left)} = <strong class="left-value">{check.leftValue ?? '?'}</strong></span>
        <span> ⟷ </span>
        <span>{side(check.right)} = <strong class="right-value">{check.rightValue ?? '?'}</strong></span>
      </div>
    </li>
  );
}

/** Where to look: the field's cell; for a field not found, the table the template puts it in (its first page). */
function placeOf(f: Flagged, report: Report): { page: number | null; box: BBox | null; label?: string } {
  if (f.page !== null && f.bbox) {
    return { page: f.page, box: f.bbox };
  }
  const tableName = f.key.split('.')[0];
  const table = report.tables.find((tb) => tb.name === tableName);
  if (!table) {
    return { page: null, box: null, label: tableName };
  }
  const page = table.pages[0];
  const cells = table.cells.filter((c) => c.page === page && c.bbox);
  if (cells.length === 0) {
    return { page, box: null, label: tableName };
  }
  const x0 = Math.min(...cells.map((c) => c.bbox.x));
  const y0 = Math.min(...cells.map((c) => c.bbox.y));
  const x1 = Math.max(...cells.map((c) => c.bbox.x + c.bbox.width));
  const y1 = Math.max(...cells.map((c) => c.bbox.y + c.bbox.height));
  return { page, box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, label: `${tableName}, ${t('pages')} ${page}` };
}

/** Nothing left here: the next document in the queue, if any. */
function AllDone() {
  const [next, setNext] = useState<ReviewQueue['items'][number] | null | undefined>(undefined);
  useEffect(() => {
    api<ReviewQueue>('/api/review/queue?limit=1').then((q) => setNext(q.items[0] ?? null), () => setNext(null));
  }, []);
  const to = next ? reviewAddress(next.documentId, next.key) : '/queue';
  return (
    <p id="all-done" class="card good-text">{t('allReviewed')} {next ? <a href={to} onClick={(e) => follow(e, to)}>{t('nextInQueue')}: {next.filename}</a> : null}</p>
  );
}
