// The MongoDB connection and collection handles; only shared/store imports the mongodb driver.
// Features used are those both MongoDB 7 and FerretDB support: CRUD, upserts, findOneAndUpdate,
// $addToSet, unique indexes and GridFS. No transactions, no change streams.
import {
  Collection,
  Db,
  GridFSBucket,
  MongoClient,
  MongoNetworkError,
  MongoServerError,
  MongoServerSelectionError,
  ObjectId,
} from 'mongodb';
import type { DocumentRecord, PageProgressRecord } from '../contracts/document';
import type { PageRecognition } from '../contracts/page';
import type { PageTables } from '../contracts/table';
import type { Report } from '../contracts/report';
import type { ClaimRecord, ReviewRecord } from '../contracts/review';
import type { ApiKeyRecord, SessionRecord, UserRecord } from '../contracts/user';
import type { QueueEntry, QueueSummary } from '../domain/review-queue';
import { ensureIndexes } from './indexes';

export type PageRecord = PageRecognition & { _id: string };
export type PageTablesRecord = PageTables & { _id: string };
/**
 * A report as stored: `fields` nested along the dots of the keys (see field-paths.ts), so a field is read
 * by its key as a path: { 'fields.applications.newlyReceived.total.value': { $gt: 0 } }.
 */
export type ReportRecord = Omit<Report, 'fields'> & {
  _id: string;
  fields: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
};

/** A GridFS file's entry (`files.files`), written by the driver once every chunk is in. */
export interface FileEntryRecord {
  _id: string;
  length: number;
  chunkSize: number;
  uploadDate: Date;
  filename: string;
  metadata?: { documentId?: string; page?: number };
}

/** A GridFS chunk (`files.chunks`); `_id` is the driver's ObjectId, so it carries the time it was written. */
export interface FileChunkRecord {
  _id: ObjectId;
  files_id: string;
  n: number;
}

/** A file write begun and not yet known finished (files.repository.ts): where the orphan sweep looks for chunks. */
export interface FileWriteRecord {
  _id: string;
  startedAt: Date;
}

/** A delivery cut by the broker's going away, noted by its worker (cut-deliveries.repository.ts). */
export interface CutDeliveryRecord {
  _id: string;
  at: Date;
}

/** The page whose recording completed a stage of a document, `_id` `<documentId>:<stage>` (progress.repository.ts). */
export interface CompletionRecord {
  _id: string;
  documentId: string;
  page: number;
  at: Date;
}

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
  reviewClaims: Collection<ClaimRecord>;
  /** The review queue (review-queue.repository.ts): a summary per document with flagged fields, and its fields. */
  reviewQueue: Collection<QueueSummary>;
  reviewQueueFields: Collection<{ _id: string; entries: QueueEntry[] }>;
  users: Collection<UserRecord>;
  apiKeys: Collection<ApiKeyRecord>;
  sessions: Collection<SessionRecord>;
  files: GridFSBucket;
  /** The bucket's two collections, for what GridFSBucket does not do: delete by `files_id`, sweep orphans. */
  fileEntries: Collection<FileEntryRecord>;
  fileChunks: Collection<FileChunkRecord>;
  fileWrites: Collection<FileWriteRecord>;
  cutDeliveries: Collection<CutDeliveryRecord>;
  /** Which page's recording completed a stage of a document (progress.repository.ts, claimCompletion). */
  completions: Collection<CompletionRecord>;
}

// How long an operation waits for a server when none answers: a worker's page can wait out a restart of a few
// seconds; the API answers 503 sooner (upload service).
const SERVER_SELECTION_MS = 10_000;

/** Connects and makes sure the indexes exist (idempotent: indexes.ts); an operation with no server to send it to
 * fails after `serverSelectionMs`. */
export async function connectDatabase(
  url: string,
  dbName: string,
  serverSelectionMs = SERVER_SELECTION_MS,
): Promise<Database> {
  const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: serverSelectionMs });
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
    reviewClaims: db.collection<ClaimRecord>('review_claims'),
    reviewQueue: db.collection<QueueSummary>('review_queue'),
    reviewQueueFields: db.collection<{ _id: string; entries: QueueEntry[] }>('review_queue_fields'),
    users: db.collection<UserRecord>('users'),
    apiKeys: db.collection<ApiKeyRecord>('api_keys'),
    sessions: db.collection<SessionRecord>('sessions'),
    files: new GridFSBucket(db, { bucketName: 'files' }),
    fileEntries: db.collection<FileEntryRecord>('files.files'),
    fileChunks: db.collection<FileChunkRecord>('files.chunks'),
    fileWrites: db.collection<FileWriteRecord>('file_writes'),
    cutDeliveries: db.collection<CutDeliveryRecord>('cut_deliveries'),
    completions: db.collection<CompletionRecord>('completions'),
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
  const ping = database.db.command({ ping: 1 }).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, late]);
  } finally {
    clearTimeout(timer);
  }
}

// MongoDB's own codes for a server that cannot serve for now: host unreachable or not found, network timeout,
// shutting down, a primary stepping down or not yet elected (a replica set's fail-over takes seconds), interrupted
// at shutdown or by a change of replica state. From the server's error codes list (error_codes.yml).
const UNAVAILABLE_CODES = new Set([6, 7, 89, 91, 189, 10107, 11600, 11602, 13435, 13436]);
// FerretDB answers with its own InternalError (code 1) when its PostgreSQL is away, the request being fine:
// "failed to connect to `user=postgres ...`: dial error ... connection refused", "write failed: ... connection reset
// by peer" (measured on FerretDB 1.24 with its PostgreSQL cut), or PostgreSQL's own words as it stops or starts
// ("terminating connection due to administrator command", "the database system is shutting down", SQLSTATE 57P01,
// 57P03, connection-exception class 08).
const FERRETDB_INTERNAL_ERROR = 1;
const BACKEND_AWAY =
  /failed to connect to|dial error|connection refused|connection reset|broken pipe|unexpected EOF|conn closed|closed pool|terminating connection|database system is (shutting down|starting up|in recovery|not yet accepting)|SQLSTATE (57P0[123]|08[0-9A-Z]{3})/i;

/**
 * Whether a failure is the database being unreachable, rather than anything about the request: no server to
 * select, a connection reset or timed out, a server that says it cannot serve for now, or FerretDB saying its
 * PostgreSQL is away. Such failures wait for the database instead of spending attempts (shared/runtime/transient.ts).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof MongoServerSelectionError || e instanceof MongoNetworkError) {
      return true;
    }
    if (
      e instanceof MongoServerError &&
      (UNAVAILABLE_CODES.has(Number(e.code)) || (e.code === FERRETDB_INTERNAL_ERROR && BACKEND_AWAY.test(e.message)))
    ) {
      return true;
    }
  }
  return false;
}

// The server's code for an insert whose unique key is taken (error_codes.yml), the same from MongoDB and FerretDB.
const DUPLICATE_KEY = 11000;

/** Whether a write failed because another record holds its unique key (an _id or a unique index). */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}
