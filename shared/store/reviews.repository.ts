// The `reviews` collection: every correction with who, when, the old and the new value; never rewritten, but for
// the mark that a bulk confirmation was undone.
import { ReviewRecord, reviewRecordSchema } from '../contracts/review';
import type { Database } from './database';
import { checked } from './checked-record';

const asReview = (record: ReviewRecord) => checked('reviews', record, reviewRecordSchema);

export async function addReview(database: Database, review: ReviewRecord): Promise<void> {
  await database.reviews.insertOne(review);
}

export async function listReviews(database: Database, documentId: string): Promise<ReviewRecord[]> {
  return (await database.reviews.find({ documentId }).sort({ at: 1 }).toArray()).map(asReview);
}

export async function addReviews(database: Database, reviews: ReviewRecord[]): Promise<void> {
  if (reviews.length > 0) {
    await database.reviews.insertMany(reviews);
  }
}

/** A bulk confirmation's records (batch ids are per document, so the document is named too). */
export async function batchReviews(database: Database, documentId: string, batch: string): Promise<ReviewRecord[]> {
  return (await database.reviews.find({ documentId, batch }).toArray()).map(asReview);
}

/** Marks a bulk confirmation undone: its records stay, and are no longer applied. */
export async function markBatchUndone(database: Database, documentId: string, batch: string, at: Date): Promise<void> {
  await database.reviews.updateMany({ documentId, batch }, { $set: { undoneAt: at } });
}
