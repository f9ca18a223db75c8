// Confirming at once every flagged field of a table whose identities hold (`c`), and undoing the last such batch (`u`).
import { useState } from 'preact/hooks';
import { ConfirmAnswer, UndoAnswer, api } from '../api';
import { failureText, sectionText, t } from '../i18n';

export interface TableConfirmation {
  lastBatch: ConfirmAnswer | null;
  confirm(fieldKey: string): Promise<void>;
  undo(): Promise<void>;
}

/** `say` tells the reviewer what happened; `refresh` reads the document's fields again after a batch. */
export function useTableConfirmation(
  documentId: string,
  say: (message: string) => void,
  refresh: () => Promise<void>,
): TableConfirmation {
  const [lastBatch, setLastBatch] = useState<ConfirmAnswer | null>(null);
  const base = `/api/documents/${encodeURIComponent(documentId)}`;
  const confirm = async (fieldKey: string) => {
    const table = fieldKey.split('.')[0];
    try {
      const done = await api<ConfirmAnswer>(`${base}/tables/${encodeURIComponent(table)}/confirm`, { method: 'POST' });
      setLastBatch(done);
      say(t('confirmedTable', { n: done.count, table: sectionText(table) }));
      await refresh();
    } catch (e) {
      say(failureText(e));
    }
  };
  const undo = async () => {
    if (!lastBatch) {
      return;
    }
    try {
      const undone = await api<UndoAnswer>(lastBatch.undo, { method: 'POST' });
      setLastBatch(null);
      say(t('undone', { n: undone.count }));
      await refresh();
    } catch (e) {
      say(failureText(e));
    }
  };
  return { lastBatch, confirm, undo };
}
