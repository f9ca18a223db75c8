// A document recorded but not yet on its way (the upload service died before announcing it, the broker was
// away, or the OCR service was) is announced again: queued documents never announced, or last announced longer
// ago than the grace period. Each announcement is recorded, so during a long outage a document is re-announced
// once per grace period, not once per sweep, and a retried document waits its grace period like a new one.
import type { Database } from '../../../shared/store/database';
import { stalledDocuments } from '../../../shared/store/documents.repository';
import { AnnounceDeps, announce } from './announce';

// Documents announced per sweep: the sweep runs every few seconds, and stops at the first the broker refuses.
const SWEEP_BATCH = 100;

export interface SweepGrace {
  /** A document announced this long ago with no progress is announced again. */
  announcedMs: number;
  /** A document never announced, recorded this long ago (its upload is finished by then), is announced. */
  neverAnnouncedMs: number;
}

/** Announces what is due; stops at the first announcement the broker does not take. Returns how many went out. */
export async function requeueStalled(database: Database, deps: AnnounceDeps, grace: SweepGrace): Promise<number> {
  const now = Date.now();
  const stalled = await stalledDocuments(
    database,
    { announcedBefore: new Date(now - grace.announcedMs), createdBefore: new Date(now - grace.neverAnnouncedMs) },
    SWEEP_BATCH,
  );
  let sent = 0;
  for (const doc of stalled) {
    if (!(await announce(doc, deps))) {
      break;
    }
    sent += 1;
  }
  return sent;
}
