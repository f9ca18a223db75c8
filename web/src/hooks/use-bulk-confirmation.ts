// Confirming at once every flagged field of the current field's table (`c`), row (`r`) or page (`p`) whose identities
// hold, and undoing the last such batch (`u`).
import { useState } from 'preact/hooks';
import { ConfirmAnswer, UndoAnswer, api } from '../api';
import { failureText, sectionText, t } from '../i18n';

/** What a bulk confirmation covers, from the field the desk shows. */
export type BulkScope = 'table' | 'row' | 'page';

export interface BulkConfirmation {
  lastBatch: ConfirmAnswer | null;
  confirm(field: { key: string; page: number | null }, scope: BulkScope): Promise<void>;
  undo(): Promise<void>;
}

/** `say` tells the reviewer what happened; `refresh` reads the document's fields again after a batch. */
export function useBulkConfirmation(
  documentId: string,
  say: (message: string) => void,
  refresh: () => Promise<void>,
): BulkConfirmation {
  const [lastBatch, setLastBatch] = useState<ConfirmAnswer | null>(null);
  const base = `/api/documents/${encodeURIComponent(documentId)}`;
  const confirm = async (field: { key: string; page: number | null }, scope: BulkScope) => {
    const table = field.key.split('.')[0];
    if (scope === 'page' && field.page === null) {
      return;
    }
    const body = scope === 'table' ? { table } : scope === 'row' ? { rowOf: field.key } : { page: field.page };
    try {
      const done = await api<ConfirmAnswer>(`${base}/confirmations`, { method: 'POST', json: body });
      setLastBatch(done);
      const said = { n: done.count, table: sectionText(table), page: field.page ?? '' };
      say(t(scope === 'table' ? 'confirmedTable' : scope === 'row' ? 'confirmedRow' : 'confirmedPage', said));
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
