// A reviewer's claim on the document open in their desk: taken or renewed as the desk asks, refused with who holds it
// when another reviewer does, given up when the desk closes (review-claims.repository.ts).
import { ClaimHeldError } from '../../../../shared/errors/errors';
import type { Database } from '../../../../shared/store/database';
import { CLAIM_RENEW_MS, claimDocument, releaseClaim } from '../../../../shared/store/review-claims.repository';

/** The reviewer's claim, taken or renewed: until when, and how often the desk renews it; ClaimHeldError if another's. */
export async function claimForReview(database: Database, request: { documentId: string; reviewer: string }) {
  const { taken, claim } = await claimDocument(database, request.documentId, request.reviewer);
  if (!taken) {
    throw new ClaimHeldError(claim.documentId, claim.reviewer, claim.expiresAt);
  }
  return {
    documentId: claim.documentId,
    reviewer: claim.reviewer,
    expiresAt: claim.expiresAt.toISOString(),
    renewEveryMs: CLAIM_RENEW_MS,
  };
}

/** Gives the reviewer's claim up; another's claim stays. */
export function releaseForReview(database: Database, request: { documentId: string; reviewer: string }) {
  return releaseClaim(database, request.documentId, request.reviewer);
}
