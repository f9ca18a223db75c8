// The one place that decides whether a failure is transient: a dependency away or busy for now (the database,
// FerretDB's PostgreSQL behind it, GridFS, the broker, a report's lease), not the page's own failure. The broker
// lets such a message wait without spending an attempt (within OUTAGE_BUDGET_MS); the API answers 503.
import { TransientError } from '../errors/errors';
import { isDatabaseUnavailable } from '../store/database';

/** The failure as a TransientError if it is one (ours, or a driver error that is the database away), else undefined. */
export function transientOf(error: unknown): TransientError | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof TransientError) {
      return e;
    }
  }
  return isDatabaseUnavailable(error)
    ? new TransientError('the database is not reachable', 'database', { cause: error })
    : undefined;
}
