// The review queue's two collections, written with the report by the report's writers (who hold its lease):
// `review_queue` a summary per document with flagged fields, `review_queue_fields` the flagged fields of each.
import type { Field } from '../contracts/report';
import {
  QueueEntry,
  QueueSummary,
  queueEntries,
  queueFieldsSchema,
  queueSummary,
  queueSummarySchema,
} from '../domain/review-queue';
import type { ZodType, ZodTypeDef } from 'zod';
import { StoredRecordError } from '../errors/errors';
import { checked } from './checked-record';
import type { Database } from './database';

/** The document's place in the queue as its fields now stand: written, or removed once nothing is flagged. */
export async function writeQueue(
  database: Database,
  documentId: string,
  filename: string,
  fields: Record<string, Field>,
): Promise<void> {
  const entries = queueEntries(fields);
  if (entries.length === 0) {
    await Promise.all([
      database.reviewQueue.deleteOne({ _id: documentId }),
      database.reviewQueueFields.deleteOne({ _id: documentId }),
    ]);
    return;
  }
  // Fields first: a summary never names fields that are not there to read.
  await database.reviewQueueFields.replaceOne({ _id: documentId }, { entries }, { upsert: true });
  await database.reviewQueue.replaceOne({ _id: documentId }, queueSummary(documentId, filename, entries), {
    upsert: true,
  });
}

/** Every document's summary, or one document's. A summary that breaks its schema is a StoredRecordError, or, given
 * `onDamaged`, is left out and handed to it: the queue is rebuilt from the reports, so one damaged summary need not
 * stop the queue or the service's start. */
export async function queueSummaries(
  database: Database,
  documentId?: string,
  onDamaged?: (error: StoredRecordError) => void,
): Promise<QueueSummary[]> {
  const found = await database.reviewQueue.find(documentId ? { _id: documentId } : {}).toArray();
  return found.flatMap((r) => checkedOr('review_queue', r, queueSummarySchema, onDamaged) ?? []);
}

/** `record` checked; one that breaks its schema is handed to `onDamaged` and read as none, or, without it, thrown. */
function checkedOr<T>(
  collection: string,
  record: { _id: string } & Record<string, unknown>,
  schema: ZodType<T, ZodTypeDef, unknown>,
  onDamaged: ((error: StoredRecordError) => void) | undefined,
): T | undefined {
  try {
    return checked(collection, record, schema);
  } catch (error) {
    if (onDamaged && error instanceof StoredRecordError) {
      onDamaged(error);
      return undefined;
    }
    throw error;
  }
}

/** A document's flagged fields, most doubtful first; a damaged record as queueSummaries treats one. */
export async function queueFieldsOf(
  database: Database,
  documentId: string,
  onDamaged?: (error: StoredRecordError) => void,
): Promise<QueueEntry[]> {
  const found = await database.reviewQueueFields.findOne({ _id: documentId });
  return found ? (checkedOr('review_queue_fields', found, queueFieldsSchema, onDamaged)?.entries ?? []) : [];
}
