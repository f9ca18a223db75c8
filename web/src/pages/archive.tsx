// The archivist's page: drop or choose PDFs (each with its own progress and result), and the documents with
// live stage progress, what needs attention, search, filters and paging.
import { useEffect, useRef, useState } from 'preact/hooks';
import { DocumentList, DocumentView, Session, UploadAnswer, api, pageImage, uploadFile } from '../api';
import { follow, navigate, useLocation } from '../router';
import { failureText, t } from '../i18n';
import { allows } from '../../../shared/contracts/user';
import { StageBars, StateBadge } from '../parts/progress';

const PAGE_SIZE = 25;
// Two files are sent at once: a batch of hundreds neither waits on one file at a time nor floods the service.
const PARALLEL_UPLOADS = 2;

interface Upload {
  id: number;
  name: string;
  sent: number;
  state: 'waiting' | 'uploading' | 'accepted' | 'duplicate' | 'refused';
  /** What the server said of it (a refusal, or a duplicate offered for a retry), shown by failureText. */
  said?: unknown;
  documentId?: string;
}

export function ArchivePage({ session }: { session: Session }) {
  // Each file taken brings the list again at once: its document was made before any event could tell of it.
  const [taken, setTaken] = useState(0);
  return (
    <>
      {allows(session.roles, 'upload') ? <Uploader onTaken={() => setTaken((n) => n + 1)} /> : null}
      <Documents taken={taken} />
    </>
  );
}

function Uploader({ onTaken }: { onTaken: () => void }) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const nextId = useRef(0);
  const change = (id: number, patch: Partial<Upload>) =>
    setUploads((all) => all.map((u) => (u.id === id ? { ...u, ...patch } : u)));

  const send = async (files: File[]) => {
    const batch = files.map((file) => ({
      file,
      upload: { id: (nextId.current += 1), name: file.name, sent: 0, state: 'waiting' as const },
    }));
    setUploads((all) => [...batch.map((b) => b.upload), ...all]);
    const queue = [...batch];
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const { file, upload } = item;
        change(upload.id, { state: 'uploading' });
        try {
          const outcome = await uploadFile(file, (sent) => change(upload.id, { sent }));
          if (outcome.status === 201 || outcome.status === 200) {
            const body = outcome.body as UploadAnswer;
            change(upload.id, {
              state: body.duplicate ? 'duplicate' : 'accepted',
              sent: 1,
              documentId: body.id,
              // A plain duplicate needs no words beside its badge; one offered for a retry says so.
              said: body.note ? { code: body.code, params: body.params, error: body.note } : undefined,
            });
            onTaken();
          } else {
            change(upload.id, { state: 'refused', said: outcome.body });
          }
        } catch (error) {
          // One file's failure is that file's: the others go on.
          change(upload.id, { state: 'refused', said: error });
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void send([...(e.dataTransfer?.files ?? [])]);
  };
  return (
    <section class="card">
      <div
        id="drop"
        class={`drop ${over ? 'over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        {t('dropHere')}{' '}
        <label class="button">
          {t('chooseFiles')}
          <input
            type="file"
            accept="application/pdf,.pdf"
            multiple
            hidden
            onChange={(e) => {
              const input = e.currentTarget;
              void send([...(input.files ?? [])]);
              input.value = '';
            }}
          />
        </label>
      </div>
      {uploads.length > 0 ? (
        <ul id="uploads" class="uploads">
          {uploads.map((u) => (
            <li key={u.id} data-state={u.state}>
              <span class="name">{u.name}</span>
              {u.state === 'uploading' || u.state === 'waiting' ? <progress max={1} value={u.sent} /> : null}
              <span class={`badge ${u.state === 'refused' ? 'bad' : u.state === 'accepted' ? 'good' : ''}`}>
                {t(u.state === 'waiting' ? 'uploading' : u.state)}
              </span>
              {u.said !== undefined ? (
                <span class={`said ${u.state === 'refused' ? 'flag' : 'muted'}`}> {failureText(u.said)}</span>
              ) : null}
              {u.documentId ? (
                <a
                  class="small"
                  href={`/documents/${u.documentId}`}
                  onClick={(e) => follow(e, `/documents/${u.documentId as string}`)}
                >
                  {' '}
                  {t('report')}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Documents({ taken }: { taken: number }) {
  // Search, filters and page live in the address, so a view of the archive can be bookmarked, shared and gone back to.
  const { query } = useLocation();
  const filters = {
    q: query.get('q') ?? '',
    agency: query.get('agency') ?? '',
    year: query.get('year') ?? '',
    state: query.get('state') ?? '',
  };
  const offset = Math.max(0, Math.floor(Number(query.get('offset') ?? 0) || 0));
  const address = query.toString();
  const goTo = (changes: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) {
      if (v && !(k === 'offset' && v === '0')) {
        next.set(k, v);
      } else {
        next.delete(k);
      }
    }
    navigate(`/${next.toString() !== '' ? `?${next.toString()}` : ''}`, true);
  };
  const setOffset = (to: number) => goTo({ offset: String(to) });
  const [list, setList] = useState<DocumentList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useRef<() => void>(() => undefined);

  useEffect(() => {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
    if (filters.q) params.set('q', filters.q);
    if (filters.agency) params.set('agency', filters.agency);
    if (/^\d{4}$/.test(filters.year)) params.set('year', filters.year);
    if (filters.state === 'attention') params.set('attention', 'true');
    else if (filters.state) params.set('status', filters.state);
    let live = true;
    const load = () =>
      api<DocumentList>(`/api/documents?${params.toString()}`).then(
        (l) => {
          if (live) {
            setList(l);
            setError(null);
          }
        },
        (e: unknown) => setError(e),
      );
    reload.current = () => void load();
    const timer = setTimeout(reload.current, filters.q || filters.agency ? 250 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [address, taken]);

  // Live progress: the server sends a document's view whenever it changes; one in the list is updated in place,
  // a new one brings the list again.
  useEffect(() => {
    const events = new EventSource('/api/documents/events');
    let soon: ReturnType<typeof setTimeout> | undefined;
    events.addEventListener('document', (e) => {
      const view = JSON.parse((e as MessageEvent<string>).data) as DocumentView;
      setList((l) => {
        if (l && l.items.some((d) => d.id === view.id)) {
          return { ...l, items: l.items.map((d) => (d.id === view.id ? view : d)) };
        }
        clearTimeout(soon);
        soon = setTimeout(() => reload.current(), 300);
        return l;
      });
    });
    return () => {
      clearTimeout(soon);
      events.close();
    };
  }, []);

  const set = (patch: Partial<typeof filters>) => goTo({ ...patch, offset: '' });
  return (
    <section>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <input
          type="search"
          placeholder={t('search')}
          aria-label={t('search')}
          value={filters.q}
          onInput={(e) => set({ q: e.currentTarget.value })}
        />
        <input
          placeholder={t('agency')}
          aria-label={t('agency')}
          value={filters.agency}
          onInput={(e) => set({ agency: e.currentTarget.value })}
        />
        <input
          placeholder={t('year')}
          aria-label={t('year')}
          inputMode="numeric"
          size={6}
          value={filters.year}
          onInput={(e) => set({ year: e.currentTarget.value })}
        />
        <select aria-label={t('state')} value={filters.state} onChange={(e) => set({ state: e.currentTarget.value })}>
          <option value="">{t('all')}</option>
          <option value="attention">{t('attentionOnly')}</option>
          {(['queued', 'processing', 'done', 'needs-attention', 'failed'] as const).map((s) => (
            <option value={s} key={s}>
              {t(`status_${s}`)}
            </option>
          ))}
        </select>
      </form>
      {error !== null ? <p class="flag">{failureText(error)}</p> : null}
      {list && list.items.length === 0 ? <p class="muted">{t('noDocuments')}</p> : null}
      <ul id="docs" class="docs">
        {list?.items.map((d) => (
          <DocumentRow key={d.id} doc={d} />
        ))}
      </ul>
      {list && list.total > PAGE_SIZE ? (
        <p class="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            {t('previous')}
          </button>
          <span class="muted">
            {t('ofTotal', { from: offset + 1, to: Math.min(offset + PAGE_SIZE, list.total), total: list.total })}
          </span>
          <button
            type="button"
            disabled={offset + PAGE_SIZE >= list.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('next')}
          </button>
        </p>
      ) : null}
    </section>
  );
}

function DocumentRow({ doc }: { doc: DocumentView }) {
  const finished = doc.status === 'done' || doc.status === 'needs-attention';
  const flagged = doc.report?.review.flagged ?? 0;
  const [thumb, setThumb] = useState(true);
  const [refusal, setRefusal] = useState<unknown>(null);
  const retry = (address: string) =>
    void api(address, { method: 'POST' }).then(
      () => setRefusal(null),
      (e: unknown) => setRefusal(e),
    );
  return (
    <li class="doc" data-id={doc.id} data-status={doc.status}>
      <div class="thumb">
        {finished && thumb ? (
          <img src={pageImage(doc.id, 1, 24)} alt="" loading="lazy" onError={() => setThumb(false)} />
        ) : null}
      </div>
      <div class="what">
        <a class="name" href={`/documents/${doc.id}`} onClick={(e) => follow(e, `/documents/${doc.id}`)}>
          {doc.filename}
        </a>
        <div class="muted">
          {[doc.report?.agency, doc.report?.year, `${doc.pages} ${t('pages')}`].filter(Boolean).join(' · ')}
        </div>
        <StateBadge doc={doc} />
      </div>
      <StageBars doc={doc} />
      <div class="actions">
        {flagged > 0 ? (
          <a class="button primary" href={`/review/${doc.id}`} onClick={(e) => follow(e, `/review/${doc.id}`)}>
            {t('fieldsFlagged', { n: flagged })}
          </a>
        ) : doc.report ? (
          <span class="badge good">{t(`review_${doc.report.review.status}`)}</span>
        ) : null}
        {doc.links.retry ? (
          <button type="button" onClick={() => retry(doc.links.retry)}>
            {t('retry')}
          </button>
        ) : null}
        {refusal !== null ? <span class="flag small">{failureText(refusal)}</span> : null}
      </div>
    </li>
  );
}
