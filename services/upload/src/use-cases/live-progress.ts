// Live progress for the server-sent event stream: each look reads the documents changed since the last look (reaching
// back EVENTS_LOOKBACK_MS) and sends the views that differ from what was sent; a comment keeps an idle stream open.
import { errorMessage } from '../../../../shared/errors/errors';
import type { Logger } from '../../../../shared/logging/logger';

// Live progress is read from the database once a second: a page takes seconds, so bars move smoothly, and each
// look is two indexed queries. A comment every 15 s keeps proxies from closing an idle stream.
export const EVENTS_POLL_MS = 1000;
export const EVENTS_HEARTBEAT_MS = 15_000;
// A write is stamped (updatedAt) before it commits: on a loaded machine a review stamped at t committed after a look
// made at t + 0.5 s, and the next look, from that look's moment on, never saw it (the archive kept showing the old
// count, twice in a row in the browser test). Each look reaches this far back before the last one; a view already
// sent, unchanged, is not sent again.
export const EVENTS_LOOKBACK_MS = 10_000;

export interface ProgressDeps {
  /** The views (as the API shows them) of the documents changed since `since`. */
  changedViews(since: Date): Promise<{ id: string }[]>;
  logger: Logger;
  /** The clock, in ms (Date.now unless a test sets it). */
  now?: () => number;
}

/** Where the stream goes: a `document` event with a view as JSON, or a comment. */
export interface ProgressSink {
  document(data: string): void;
  comment(text: string): void;
}

/** The looks of one stream, from now on: each sends what changed since the last (a failed look is made again from
 * the same moment, by the next call). */
export function progressLooks(deps: ProgressDeps, sink: ProgressSink): () => Promise<void> {
  const now = deps.now ?? Date.now;
  let since = now();
  let lastWrite = now();
  // What was sent of each document, and when: forgotten once its changes are out of every look's reach.
  const sent = new Map<string, { view: string; at: number }>();
  return async () => {
    const at = now();
    const views = await deps.changedViews(new Date(since - EVENTS_LOOKBACK_MS));
    // Moved on only once the changes are read.
    since = at;
    for (const view of views) {
      const data = JSON.stringify(view);
      if (sent.get(view.id)?.view !== data) {
        sent.set(view.id, { view: data, at });
        sink.document(data);
        lastWrite = now();
      }
    }
    for (const [id, last] of sent) {
      if (last.at < at - 2 * EVENTS_LOOKBACK_MS) {
        sent.delete(id);
      }
    }
    if (now() - lastWrite > EVENTS_HEARTBEAT_MS) {
      sink.comment('still here');
      lastWrite = now();
    }
  };
}

/** Looks every EVENTS_POLL_MS, one look at a time (a slow look is not overtaken), until `until` aborts. */
export function streamProgress(deps: ProgressDeps, sink: ProgressSink, until: AbortSignal): void {
  if (until.aborted) {
    return;
  }
  const look = progressLooks(deps, sink);
  let busy = false;
  const timer = setInterval(() => {
    if (!busy) {
      busy = true;
      look()
        .catch((error: unknown) => deps.logger.warn({ err: errorMessage(error) }, 'live progress look failed'))
        .finally(() => {
          busy = false;
        });
    }
  }, EVENTS_POLL_MS);
  until.addEventListener('abort', () => clearInterval(timer), { once: true });
}
