// One writer of a report at a time. FerretDB 1.x applies concurrent updates to one document as read-modify-write
// and loses all but one (measured: 8 reviewers correcting 8 fields of one report at once kept 2); MongoDB does not.
// Writers of a report (its assembly in normalisation, each review) hold a lease on it: a document inserted under a
// unique _id, which both servers refuse to insert twice. A holder that died leaves a lease that expires.
import { randomUUID } from 'node:crypto';
import { TransientError } from '../errors/errors';
import type { Database } from './database';

// Longer than any hold: a field write takes milliseconds and a report's assembly and save under a second.
const LEASE_MS = 30_000;
// Waiting writers try again this often: holds last milliseconds.
const POLL_MS = 20;
// A writer waits at most this long (then the request or message fails and is retried), so a stuck lease
// costs a retry, never a hang; well under LEASE_MS, so a lease left by a dead holder needs one retry.
const WAIT_MS = 10_000;

const DUPLICATE_KEY = 11000;

/** Runs `write` holding the report's lease; TransientError if the lease stays taken for WAIT_MS. */
export async function withReportLease<T>(database: Database, documentId: string, write: () => Promise<T>): Promise<T> {
  const _id = `report:${documentId}`;
  const token = randomUUID();
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await database.leases.insertOne({ _id, token, expiresAt: new Date(Date.now() + LEASE_MS) });
      break;
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) {
        throw error;
      }
    }
    // A lease past its time belonged to a holder that died: removed by its token, so two waiters that both
    // see it expired remove it once, and then race to insert as usual.
    const held = await database.leases.findOne({ _id });
    if (held && held.expiresAt.getTime() < Date.now()) {
      await database.leases.deleteOne({ _id, token: held.token });
      continue;
    }
    if (Date.now() > deadline) {
      throw new TransientError(`the report of ${documentId} is being written by another writer`, 'report');
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await write();
  } finally {
    await database.leases.deleteOne({ _id, token });
  }
}
