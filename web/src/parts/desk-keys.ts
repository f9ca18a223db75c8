// The desk's keys. Values are numbers or dashes: the letters never belong to one. With Ctrl, Cmd or Alt a key is the
// browser's or the page view's (Alt with + / - / 0 zooms), never the desk's.
import type { BulkScope } from '../hooks/use-bulk-confirmation';

export interface DeskActions {
  save: () => void;
  move: (by: 1 | -1) => void;
  accept: () => void;
  suggest: () => void;
  confirm: (scope: BulkScope) => void;
  undo: () => void;
  nextDocument: () => void;
  /** Only while the field's save met another reviewer's value. */
  conflict?: { keepTheirs: () => void; saveMine: () => void };
}

/** Runs the desk's action for the key pressed, if it has one, instead of what the key would do. */
export function onDeskKey(e: KeyboardEvent, actions: DeskActions): void {
  const keys: Record<string, () => void> = {
    Enter: actions.save,
    Escape: () => actions.move(1),
    Tab: () => actions.move(e.shiftKey ? -1 : 1),
    j: () => actions.move(1),
    k: () => actions.move(-1),
    a: actions.accept,
    s: actions.suggest,
    c: () => actions.confirm('table'),
    r: () => actions.confirm('row'),
    p: () => actions.confirm('page'),
    u: actions.undo,
    n: actions.nextDocument,
    ...(actions.conflict ? { t: actions.conflict.keepTheirs, m: actions.conflict.saveMine } : {}),
  };
  const action = e.ctrlKey || e.metaKey || e.altKey ? undefined : keys[e.key];
  if (action) {
    e.preventDefault();
    action();
  }
}
