// Claims: a reviewer's hold on a document open in their desk, so that the queue does not send a second reviewer to
// it meanwhile. A claim is a record under the document's id, inserted (which both MongoDB and FerretDB refuse to do
// twice, so two reviewers opening one document at once get one claim between them), renewed by its holder's desk
// while the document is open and released when it closes; a desk that closes without a word (a tab closed, a laptop
// asleep) leaves a claim that expires. A claim only steers the queue and warns: saves are guarded by If-Match.
import { type ClaimRecord, claimRecordSchema } from '../contracts/review';
import { TransientError } from '../errors/errors';
import { checked } from './checked-record';
import { Database, isDuplicateKey } from './database';

const asClaim = (record: ClaimRecord) => checked('review_claims', record, claimRecordSchema);

// A claim lasts this long past its last renewal: a desk closed without releasing frees its document within two
// minutes, and a desk renewing every CLAIM_RENEW_MS keeps it through two lost renewals (a network blip, a slow
// answer; the third renewal after the last one that arrived comes as the claim runs out).
export const CLAIM_MS = 120_000;
export const CLAIM_RENEW_MS = 30_000;

export interface Claim {
  documentId: string;
  reviewer: string;
  expiresAt: Date;
}

/** Takes or renews the reviewer's claim on the document; another reviewer's live claim is answered as it stands. */
export async function claimDocument(
  database: Database,
  documentId: string,
  reviewer: string,
  now = new Date(),
): Promise<{ taken: boolean; claim: Claim }> {
  const expiresAt = new Date(now.getTime() + CLAIM_MS);
  // Four rounds suffice: one to find an expired claim and take it over, one to insert against a racer, one to see
  // who won, one to renew a claim the look found; more would only repeat them.
  for (let round = 0; round < 4; round += 1) {
    try {
      await database.reviewClaims.insertOne({ _id: documentId, reviewer, expiresAt });
      return { taken: true, claim: { documentId, reviewer, expiresAt } };
    } catch (error) {
      if (!isDuplicateKey(error)) {
        throw error;
      }
    }
    const found = await database.reviewClaims.findOne({ _id: documentId });
    if (!found) {
      continue;
    }
    const held = asClaim(found);
    if (held.reviewer === reviewer) {
      // Renewed only while it is still this reviewer's: one taken over meanwhile is looked at again.
      const renewed = await database.reviewClaims.updateOne({ _id: documentId, reviewer }, { $set: { expiresAt } });
      if (renewed.matchedCount === 1) {
        return { taken: true, claim: { documentId, reviewer, expiresAt } };
      }
      continue;
    }
    if (held.expiresAt.getTime() > now.getTime()) {
      return { taken: false, claim: { documentId, reviewer: held.reviewer, expiresAt: held.expiresAt } };
    }
    // Expired: taken over by whoever first inserts a marker naming that very claim (a unique _id again, since FerretDB
    // applies a filtered delete as read-then-write and two reviewers both seeing it expired could each remove the
    // claim the other had just inserted); the others look again and find the new claim.
    try {
      await database.leases.insertOne({
        _id: `claim-takeover:${documentId}:${held.expiresAt.getTime()}`,
        token: reviewer,
        expiresAt,
      });
    } catch (error) {
      if (isDuplicateKey(error)) {
        continue;
      }
      throw error;
    }
    await database.reviewClaims.deleteOne({ _id: documentId, reviewer: held.reviewer, expiresAt: held.expiresAt });
  }
  throw new TransientError(`the claim on ${documentId} changed hands while it was being taken`, 'database');
}

/** Gives the reviewer's claim up (nothing if it is not theirs). */
export async function releaseClaim(database: Database, documentId: string, reviewer: string): Promise<void> {
  await database.reviewClaims.deleteOne({ _id: documentId, reviewer });
}

/** The claims that have not expired, by document. */
export async function liveClaims(database: Database, now = new Date()): Promise<Map<string, Claim>> {
  const claims = (await database.reviewClaims.find({ expiresAt: { $gt: now } }).toArray()).map(asClaim);
  return new Map(claims.map((c) => [c._id, { documentId: c._id, reviewer: c.reviewer, expiresAt: c.expiresAt }]));
}
