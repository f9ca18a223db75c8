// The reviewer's desk for one document: the page with the field's cell outlined, the crop beside the value, the
// captions, the reasons, the suggestion, the identities the field is a term of (checked again as the value is typed,
// and by the server after saving) and the field's history. Keyboard first: Enter saves and moves on at once (the save
// runs in the background; a failure brings the reviewer back), Tab / j next, Shift+Tab / k previous, a accepts the
// read value, s takes the suggestion, c / r / p confirm the table's / row's / page's fields whose identities hold (u
// undoes), n opens the next document of the queue, Esc skips; Alt with + / - / 0 zooms.
import { useEffect, useRef, useState } from 'preact/hooks';
import { allows } from '../../../shared/contracts/user';
import { ApiError, Session } from '../api';
import { navigate, useLocation } from '../router';
import { failureText, t } from '../i18n';
import { useReviewDesk, Flagged } from '../hooks/use-review-desk';
import { useFieldSaves } from '../hooks/use-field-saves';
import { useRefocus } from '../hooks/use-refocus';
import { usePrefetch } from '../hooks/use-prefetch';
import { useClaim } from '../hooks/use-claim';
import { nextUnsettled, useDeskPosition } from '../hooks/use-desk-position';
import { useBulkConfirmation } from '../hooks/use-bulk-confirmation';
import { nextInQueue } from '../next-document';
import { PageView, pageViewImage } from '../parts/page-view';
import { FieldList } from '../parts/field-list';
import { ConflictPanel } from '../parts/conflict';
import { DeskStatus } from '../parts/desk-status';
import { FieldEditor } from '../parts/field-editor';
import { onDeskKey } from '../parts/desk-keys';
import { placeOf } from '../parts/place';
import { reviewAddress } from './queue';
import { AllDone } from '../parts/all-done';

export function ReviewPage({ id, session }: { id: string; session: Session }) {
  const { query } = useLocation();
  const desk = useReviewDesk(id, query.get('field'));
  const fields = desk.list?.fields ?? [];
  const { index, go } = useDeskPosition(id, desk.list?.fields, query.get('field'));
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const batches = useBulkConfirmation(id, setMessage, desk.refresh);

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

  const current: Flagged | undefined = fields[index];
  const field = current && desk.report ? { ...current, ...desk.report.fields[current.key] } : current;
  const settled = (key: string) => Object.hasOwn(saves.sent, key) || desk.report?.fields[key]?.needsReview === false;
  const following = (from: number) => nextUnsettled(fields, from, settled);
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
  const onKey = (e: KeyboardEvent) => {
    const conflict = saves.conflict?.key === field.key ? saves.conflict : null;
    onDeskKey(e, {
      save: () => save(draft),
      move,
      accept,
      suggest: () => {
        if (field.suggestion) {
          saves.noteSeen(field.key);
          setDrafts({ ...drafts, [field.key]: String(field.suggestion.value) });
        }
      },
      confirm: (scope) => void batches.confirm(field, scope),
      undo: () => void batches.undo(),
      nextDocument: () => void nextDocument(),
      conflict: conflict ? { keepTheirs: saves.keepTheirs, saveMine: () => save(conflict.mine) } : undefined,
    });
  };

  const where = placeOf(field, report);
  const conflict = saves.conflict?.key === field.key ? saves.conflict : null;
  return (
    <section class="review">
      <h1 id="head">{desk.list.filename}</h1>
      <DeskStatus
        documentId={id}
        flagged={report.review.flagged}
        pending={saves.pending}
        waiting={saves.waiting}
        mayReview={mayReview}
        heldBy={heldBy}
      />
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
            lastBatch={batches.lastBatch}
            onDraft={(v) => {
              saves.noteSeen(field.key);
              setDrafts({ ...drafts, [field.key]: v });
            }}
            onKey={onKey}
            onSave={() => save(draft)}
            onAccept={accept}
            onSkip={() => move(1)}
            onConfirm={(scope) => void batches.confirm(field, scope)}
            onUndo={() => void batches.undo()}
          />
        </div>
      </div>
    </section>
  );
}
