// Saves in the background: the reviewer moves on at once while saves go to the server one after another, each with
// the entity tag (If-Match) of the field as the reviewer saw it when they began typing: a live update that arrives
// while they type brings the other's value into the report, not into their value box, so it must not make their
// save look current. A save refused because another reviewer changed the field (412) comes
// back as a conflict to choose on; any other failure brings the reviewer back to the field with the reason. A server
// that is away for now (503 with Retry-After while the database, the broker or the report's lease is unavailable;
// nothing was changed) or a lost connection is waited out and the save sent again, with the same If-Match: the
// server takes a try after one that went through as done, not as a conflict.
import { useRef, useState } from 'preact/hooks';
import { ApiError, ReviewAnswer, StaleField, api } from '../api';
import type { ReviewDesk } from './use-review-desk';

// How long a save is kept trying before the reviewer is brought back to it: the API answers 503 within 3 s of the
// database going away, and a restart of FerretDB or the upload service takes well under two minutes.
const KEEP_TRYING_MS = 120_000;
// A lost connection has no Retry-After: the API's own for the database away.
const RECONNECT_S = 5;

/** Seconds to wait before sending again a save that met `error`, if it is worth sending again at all. */
export function retryDelayS(error: unknown): number | undefined {
  if (error instanceof ApiError) {
    return error.status === 503 ? (error.retryAfterS ?? RECONNECT_S) : undefined;
  }
  // fetch rejects with a TypeError when no answer came (the connection refused or lost).
  return error instanceof TypeError ? RECONNECT_S : undefined;
}

export interface Conflict {
  key: string;
  /** What this reviewer typed. */
  mine: string;
  /** The field as the other reviewer left it. */
  theirs: StaleField['current'];
}

export interface FieldSaves {
  /** Keys saved in this sitting, with the value sent (the field list marks them; Enter on them again does nothing). */
  sent: Record<string, string>;
  pending: number;
  /** A save waits for the server to come back (it was answered 503, or no answer came). */
  waiting: boolean;
  conflict: Conflict | null;
  save: (key: string, raw: string) => void;
  /** The reviewer begins typing in the field: the state they see now is the one their save is made against. */
  noteSeen: (key: string) => void;
  /** The other's value is kept: the conflict is closed and the field counts as settled. */
  keepTheirs: () => void;
}

export function useFieldSaves(
  documentId: string,
  desk: ReviewDesk,
  onFailure: (key: string, failure: unknown) => void,
): FieldSaves {
  const [sent, setSent] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(0);
  const [waiting, setWaiting] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const seen = useRef<Record<string, string | undefined>>({});

  /** Sends the save until it has an answer other than "away for now", or KEEP_TRYING_MS have passed; the same tag with
   * every try. */
  const sendUntilAnswered = async (key: string, raw: string, etag: string | undefined): Promise<ReviewAnswer> => {
    const started = Date.now();
    for (;;) {
      try {
        const answer = await api<ReviewAnswer>(
          `/api/documents/${encodeURIComponent(documentId)}/fields/${encodeURIComponent(key)}/review`,
          {
            method: 'POST',
            json: { raw },
            headers: etag ? { 'If-Match': etag } : {},
          },
        );
        setWaiting(false);
        return answer;
      } catch (e) {
        const delayS = retryDelayS(e);
        if (delayS === undefined || Date.now() - started + delayS * 1000 > KEEP_TRYING_MS) {
          setWaiting(false);
          throw e;
        }
        setWaiting(true);
        await new Promise((resolve) => setTimeout(resolve, delayS * 1000));
      }
    }
  };

  const send = async (key: string, raw: string, etag: string | undefined) => {
    try {
      desk.applyAnswer(await sendUntilAnswered(key, raw, etag));
    } catch (e) {
      setSent((s) => {
        const rest = { ...s };
        delete rest[key];
        return rest;
      });
      if (e instanceof ApiError && e.status === 412) {
        const theirs = (e.body as StaleField).current;
        // Their state is the one a next save is made against; the report is read again to show it everywhere.
        desk.etags.current[key] = theirs.etag;
        seen.current[key] = theirs.etag;
        desk.refresh().catch(() => undefined);
        setConflict({ key, mine: raw, theirs });
      }
      onFailure(key, e);
    } finally {
      setPending((n) => n - 1);
    }
  };

  const save = (key: string, raw: string) => {
    const etag = seen.current[key] ?? desk.etags.current[key];
    delete seen.current[key];
    setSent((s) => ({ ...s, [key]: raw }));
    setPending((n) => n + 1);
    if (conflict?.key === key) {
      setConflict(null);
    }
    chain.current = chain.current.then(() => send(key, raw, etag));
  };

  const keepTheirs = () => {
    if (conflict) {
      setSent((s) => ({ ...s, [conflict.key]: conflict.theirs.raw }));
      delete seen.current[conflict.key];
      setConflict(null);
    }
  };

  const noteSeen = (key: string) => {
    if (!Object.hasOwn(seen.current, key)) {
      seen.current[key] = desk.etags.current[key];
    }
  };

  return { sent, pending, waiting, conflict, save, noteSeen, keepTheirs };
}
