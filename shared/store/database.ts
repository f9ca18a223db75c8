// The MongoDB connection and collection handles; only shared/store imports the mongodb driver.
// Features used are those both MongoDB 7 and FerretDB support: CRUD, upserts, findOneAndUpdate,
// $addToSet, unique indexes and GridFS. No transactions, no change streams.
import { Collection, Db, GridFSBucket, MongoClient, MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import type { DocumentRecord, PageProgressRecord } from '../contracts/document';
import type { PageRecognition } from '../contracts/page';
import type { PageTables } from '../contracts/table';
import type { Report } from '../contracts/report';
import type { ReviewRecord } from '../contracts/review';
import type { ApiKeyRecord, SessionRecord, UserRecord } from '../contracts/user';
import type { QueueEntry, QueueSummary } from '../domain/review-queue';
import { ensureIndexes } from './indexes';

export type PageRecord = PageRecognition & { _id: string };
export type PageTablesRecord = PageTables & { _id: string };
/**
 * A report as stored: `fields` nested along the dots of the keys (see field-paths.ts), so a field is read
 * by its key as a path: { 'fields.applications.newlyReceived.total.value': { $gt: 0 } }.
 */
export type ReportRecord = Omit<Report, 'fields'> & { _id: string; fields: Record<string, unknown>; createdAt: Date; updatedAt: Date };

/** A writer's hold on a report (report-lease.ts). */
export interface LeaseRecord {
  _id: string;
  token: string;
  expiresAt: Date;
}

export interface Database {
  client: MongoClient;
  db: Db;
  documents: Collection<DocumentRecord>;
  progress: Collection<PageProgressRecord>;
  pages: Collection<PageRecord>;
  pageTables: Collection<PageTablesRecord>;
  reports: Collection<ReportRecord>;
  reviews: Collection<ReviewRecord>;
  leases: Collection<LeaseRecord>;
  /** The review queue (review-queue.repository.ts): a summary per document with flagged fields, and its fields. */
  reviewQueue: Collection<QueueSummary>;
  reviewQueueFields: Collection<{ _id: string; entries: QueueEntry[] }>;
  users: Collection<UserRecord>;
  apiKeys: Collection<ApiKeyRecord>;
  sessions: Collection<SessionRecord>;
  files: GridFSBucket;
}

/** Connects and makes sure the indexes exist (idempotent: indexes.ts). */
export async function connectDatabase(url: string, dbName: string): Promise<Database> {
  const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 10000 });
  const db = client.db(dbName);
  const database: Database = {
    client,
    db,
    documents: db.collection<DocumentRecord>('documents'),
    progress: db.collection<PageProgressRecord>('progress'),
    pages: db.collection<PageRecord>('pages'),
    pageTables: db.collection<PageTablesRecord>('page_tables'),
    reports: db.collection<ReportRecord>('reports'),
    reviews: db.collection<ReviewRecord>('reviews'),
    leases: db.collection<LeaseRecord>('leases'),
    reviewQueue: db.collection<QueueSummary>('review_queue'),
    reviewQueueFields: db.collection<{ _id: string; entries: QueueEntry[] }>('review_queue_fields'),
    users: db.collection<UserRecord>('users'),
    apiKeys: db.collection<ApiKeyRecord>('api_keys'),
    sessions: db.collection<SessionRecord>('sessions'),
    files: new GridFSBucket(db, { bucketName: 'files' }),
  };
  await ensureIndexes(database);
  return database;
}

/** Whether the database answers a ping. */
// A readiness probe answers within 2 s: a live database answers a ping in milliseconds, while the driver would
// wait out its 10 s server selection for one that is away, longer than a health check's timeout (5 s in compose).
const PING_TIMEOUT_MS = 2000;

/** Whether the database answers a ping within `timeoutMs`. */
export async function pingDatabase(database: Database, timeoutMs = PING_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = database.db.command({ ping: 1 }).then(() => true, () => false);
  try {
    return await Promise.race([ping, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether a failure is the database being unreachable (no server to select, a connection reset or timed out)
 * rather than anything about the request: such failures wait for the database instead of spending attempts.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof MongoServerSelectionError || e instanceof MongoNetworkError) {
      return true;
    }
  }
  return false;
}
