// The reviewer's desk for one document: the page with the field's cell outlined, the crop beside the value, the
// captions, the reasons, the suggestion, the identities the field is a term of (checked again as the value is typed,
// and by the server after saving) and the field's history. Keyboard first: Enter saves and moves on at once (the save
// runs in the background; a failure brings the reviewer back), Tab / j next, Shift+Tab / k previous, a accepts the
// read value, s takes the suggestion, c confirms the table's fields whose identities hold (u undoes), n opens the
// next document of the queue, Esc skips; Alt with + / - / 0 zooms.
import { useEffect, useRef, useState } from 'preact/hooks';
import { allows } from '../../../shared/contracts/user';
import { ApiError, ConfirmAnswer, Session, UndoAnswer, api } from '../api';
import { follow, navigate, useLocation } from '../router';
import { failureText, sectionText, t } from '../i18n';
import { useReviewDesk, Flagged } from '../hooks/use-review-desk';
import { useFieldSaves } from '../hooks/use-field-saves';
import { useRefocus } from '../hooks/use-refocus';
import { usePrefetch } from '../hooks/use-prefetch';
import { useClaim } from '../hooks/use-claim';
import { nextInQueue } from '../next-document';
import { PageView, pageViewImage } from '../parts/page-view';
import { FieldList } from '../parts/field-list';
import { ConflictPanel } from '../parts/conflict';
import { FieldEditor } from '../parts/field-editor';
import { placeOf } from '../parts/place';
import { reviewAddress } from './queue';

export function ReviewPage({ id, session }: { id: string; session: Session }) {
  const { query } = useLocation();
  const desk = useReviewDesk(id, query.get('field'));
  const [index, setIndex] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [lastBatch, setLastBatch] = useState<ConfirmAnswer | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const fields = desk.list?.fields ?? [];
  const base = `/api/documents/${encodeURIComponent(id)}`;

  const go = (i: number) => {
    setIndex(i);
    navigate(reviewAddress(id, fields[i].key), true);
  };
  const saves = useFieldSaves(id, desk, (key, failure) => {
    // Back to the field whose save failed, with why (the conflict panel says the rest for a 412).
    const i = fields.findIndex((f) => f.key === key);
    if (i >= 0) {
      go(i);
    }
    // A conflict is told by its panel in the interface's language; the server's sentence would repeat it in English.
    setMessage(failure instanceof ApiError && failure.status === 412 ? '' : failureText(failure));
  });
  useRefocus(input);
  const mayReview = allows(session.roles, 'review');
  const heldBy = useClaim(id, mayReview);

  // The field the address names, once the list is there.
  useEffect(() => {
    if (desk.list) {
      setIndex(
        Math.max(
          0,
          desk.list.fields.findIndex((f) => f.key === query.get('field')),
        ),
      );
    }
  }, [desk.list]);

  const current: Flagged | undefined = fields[index];
  const field = current && desk.report ? { ...current, ...desk.report.fields[current.key] } : current;
  const settled = (key: string) => Object.hasOwn(saves.sent, key) || desk.report?.fields[key]?.needsReview === false;
  const following = (from: number) => {
    for (let d = 1; d <= fields.length; d += 1) {
      const i = (from + d) % fields.length;
      if (!settled(fields[i].key)) {
        return i;
      }
    }
    return -1;
  };
  const ahead = current ? fields[following(index)] : undefined;
  usePrefetch([ahead?.imageUrl, ahead?.page ? pageViewImage(id, ahead.page) : null]);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [current?.key]);

  if (desk.error !== null) {
    return (
      <p id="head" class="flag">
        {failureText(desk.error)}
      </p>
    );
  }
  if (!desk.list || !desk.report || !field) {
    return desk.list && fields.length === 0 ? (
      <AllDone id={id} />
    ) : (
      <p id="head" class="muted">
        {t('loading')}
      </p>
    );
  }
  const report = desk.report;
  const draft =
    drafts[field.key] ?? (field.needsReview && field.suggestion ? String(field.suggestion.value) : field.raw);

  const nextDocument = async () => {
    const next = await nextInQueue(id);
    if (next) {
      navigate(reviewAddress(next.documentId, next.key));
    } else {
      setMessage(t('queueEmpty'));
    }
  };
  const move = (d: number) => {
    setMessage('');
    go((index + d + fields.length) % fields.length);
  };
  /** On to the next field not settled; to the next document once all are. */
  const moveOn = () => {
    const i = following(index);
    if (i >= 0 && i !== index) {
      go(i);
    } else {
      void nextDocument();
    }
  };
  const save = (raw: string) => {
    // No save without a change: a field settled with this value already just moves on.
    if (settled(field.key) && raw.trim() === (saves.sent[field.key] ?? field.raw)) {
      moveOn();
      return;
    }
    saves.save(field.key, raw);
    setMessage(`${t('saved')}: ${raw === '' ? '—' : raw}`);
    moveOn();
  };
  const accept = () => {
    if (!field.found && field.raw === '') {
      setMessage(t('blankNotFound'));
      return;
    }
    save(field.raw);
  };
  const confirmTable = async () => {
    const table = field.key.split('.')[0];
    try {
      const done = await api<ConfirmAnswer>(`${base}/tables/${encodeURIComponent(table)}/confirm`, { method: 'POST' });
      setLastBatch(done);
      setMessage(t('confirmedTable', { n: done.count, table: sectionText(table) }));
      await desk.refresh();
    } catch (e) {
      setMessage(failureText(e));
    }
  };
  const undo = async () => {
    if (!lastBatch) {
      return;
    }
    try {
      const undone = await api<UndoAnswer>(lastBatch.undo, { method: 'POST' });
      setLastBatch(null);
      setMessage(t('undone', { n: undone.count }));
      await desk.refresh();
    } catch (e) {
      setMessage(failureText(e));
    }
  };

  const onKey = (e: KeyboardEvent) => {
    const conflict = saves.conflict?.key === field.key ? saves.conflict : null;
    // Values are numbers or dashes: the letters below never belong to one.
    const keys: Record<string, () => void> = {
      Enter: () => save(draft),
      Escape: () => move(1),
      Tab: () => move(e.shiftKey ? -1 : 1),
      j: () => move(1),
      k: () => move(-1),
      a: accept,
      s: () => {
        if (field.suggestion) {
          saves.noteSeen(field.key);
          setDrafts({ ...drafts, [field.key]: String(field.suggestion.value) });
        }
      },
      c: () => void confirmTable(),
      u: () => void undo(),
      n: () => void nextDocument(),
      ...(conflict ? { t: saves.keepTheirs, m: () => save(conflict.mine) } : {}),
    };
    const action = e.ctrlKey || e.metaKey || e.altKey ? undefined : keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const where = placeOf(field, report);
  const conflict = saves.conflict?.key === field.key ? saves.conflict : null;
  return (
    <section class="review">
      <h1 id="head">{desk.list.filename}</h1>
      <p class="muted">
        {t('fieldsFlagged', { n: report.review.flagged })} ·{' '}
        <a href={`/documents/${id}`} onClick={(e) => follow(e, `/documents/${id}`)}>
          {t('report')}
        </a>
        {saves.pending > 0 ? (
          <>
            {' '}
            · <span id="saving">{t('saving', { n: saves.pending })}</span>
          </>
        ) : null}
        {saves.waiting ? (
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
          {t('claimedBy', { who: heldBy.reviewer, until: new Date(heldBy.expiresAt).toLocaleTimeString() })}
        </p>
      ) : null}
      {fields.every((f) => settled(f.key)) ? <AllDone id={id} /> : null}
      <div class="desk">
        <div class="left">
          <PageView documentId={id} page={where.page} box={where.box} pages={report.source.pages} />
        </div>
        <div class="right">
          <FieldList fields={fields} index={index} settled={settled} onChoose={go} />
          {conflict ? (
            <ConflictPanel conflict={conflict} onTheirs={saves.keepTheirs} onMine={() => save(conflict.mine)} />
          ) : null}
          <FieldEditor
            field={field}
            report={report}
            where={where}
            draft={draft}
            input={input}
            message={message}
            history={desk.history}
            lastBatch={lastBatch}
            onDraft={(v) => {
              saves.noteSeen(field.key);
              setDrafts({ ...drafts, [field.key]: v });
            }}
            onKey={onKey}
            onSave={() => save(draft)}
            onAccept={accept}
            onSkip={() => move(1)}
            onConfirmTable={() => void confirmTable()}
            onUndo={() => void undo()}
          />
        </div>
      </div>
    </section>
  );
}

/** Nothing left here: the next document in the queue, if any. */
function AllDone({ id }: { id: string }) {
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
