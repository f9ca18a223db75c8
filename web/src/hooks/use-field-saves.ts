// Saves in the background: the reviewer moves on at once while saves go to the server one after another, each with
// the field's latest entity tag (If-Match). A save refused because another reviewer changed the field (412) comes
// back as a conflict to choose on; any other failure brings the reviewer back to the field with the reason.
import { useRef, useState } from 'preact/hooks';
import { ApiError, ReviewAnswer, StaleField, api } from '../api';
import type { ReviewDesk } from './use-review-desk';

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
  conflict: Conflict | null;
  save: (key: string, raw: string) => void;
  /** The other's value is kept: the conflict is closed and the field counts as settled. */
  keepTheirs: () => void;
}

export function useFieldSaves(documentId: string, desk: ReviewDesk, onFailure: (key: string, message: string, status?: number) => void): FieldSaves {
  const [sent, setSent] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(0);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());

  const send = async (key: string, raw: string) => {
    try {
      const etag = desk.etags.current[key];
      const answer = await api<ReviewAnswer>(`/api/documents/${encodeURIComponent(documentId)}/fields/${encodeURIComponent(key)}/review`, {
        method: 'POST', json: { raw }, headers: etag ? { 'If-Match': etag } : {},
      });
      desk.applyAnswer(answer);
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
        desk.refresh().catch(() => undefined);
        setConflict({ key, mine: raw, theirs });
      }
      onFailure(key, (e as Error).message, e instanceof ApiError ? e.status : undefined);
    } finally {
      setPending((n) => n - 1);
    }
  };

  const save = (key: string, raw: string) => {
    setSent((s) => ({ ...s, [key]: raw }));
    setPending((n) => n + 1);
    if (conflict?.key === key) {
      setConflict(null);
    }
    chain.current = chain.current.then(() => send(key, raw));
  };

  const keepTheirs = () => {
    if (conflict) {
      setSent((s) => ({ ...s, [conflict.key]: conflict.theirs.raw }));
      setConflict(null);
    }
  };

  return { sent, pending, conflict, save, keepTheirs };
}
