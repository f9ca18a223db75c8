// One writer of a report at a time. FerretDB 1.x applies concurrent updates to one document as read-modify-write
// and loses all but one (measured: 8 reviewers correcting 8 fields of one report at once kept 2); MongoDB does not.
// Writers of a report (its assembly in normalisation, each review) hold a lease on it: a document inserted under a
// unique _id, which both servers refuse to insert twice. A holder renews its lease while it writes; a holder that
// died leaves a lease that expires soon after, so that the redelivery of its message gets the report at once.
import { randomUUID } from 'node:crypto';
import { TransientError } from '../errors/errors';
import { Database, isDuplicateKey } from './database';

// A lease lasts this long past its holder's last renewal. A normalisation worker killed mid-assembly left a 30 s
// lease: its redelivery waited 10 s twice, failed twice and passed on its fourth attempt with 9 s to spare. Now
// a dead holder's lease is gone within 5 s, under the 10 s a writer waits, so the redelivery passes at once;
// renewed every second, a live holder keeps it however long its write takes (five missed renewals to lose it).
export const LEASE_MS = 5_000;
const RENEW_MS = 1_000;
// Waiting writers try again this often: holds last milliseconds.
const POLL_MS = 20;
// A writer waits at most this long (then the request is answered 503, the message waits without spending an
// attempt), so a stuck lease never hangs a request; twice LEASE_MS, so a lease left by a dead holder is taken over.
const WAIT_MS = 10_000;

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
      if (!isDuplicateKey(error)) {
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
  const renewal = setInterval(() => {
    // A renewal that fails (the database away) is made again a second later; the write fails on its own then.
    database.leases
      .updateOne({ _id, token }, { $set: { expiresAt: new Date(Date.now() + LEASE_MS) } })
      .catch(() => undefined);
  }, RENEW_MS);
  renewal.unref();
  try {
    return await write();
  } finally {
    clearInterval(renewal);
    await database.leases.deleteOne({ _id, token });
  }
}
