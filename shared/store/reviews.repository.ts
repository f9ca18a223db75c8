// The `reviews` collection: every correction with who, when, the old and the new value; never rewritten.
import type { ReviewRecord } from '../contracts/review';
import type { Database } from './database';

export async function addReview(database: Database, review: ReviewRecord): Promise<void> {
  await database.reviews.insertOne(review);
}

export function listReviews(database: Database, documentId: string): Promise<ReviewRecord[]> {
  return database.reviews.find({ documentId }).sort({ at: 1 }).toArray();
}
