// Writes that belong together, on the real database. GridFS writes cut half-way: the chunks they leave never block the file's rewrite (before,
// every retry failed with E11000 on files.chunks and the page was lost), and the orphan sweep removes what is
// never rewritten, and files whose document was never recorded, but nothing younger than its grace.
// The report's lease: a writer killed while holding it (a normalisation worker killed
// mid-assembly) leaves a lease that expires soon enough for the next writer, the redelivered assembly, to get it
// within its wait: before, the lease lasted 30 s against a 10 s wait, and the redelivery failed twice. A live
// holder whose write outlasts the lease keeps it by renewing it.
// Stored records are checked against their contract as they are read.
// A stage's completion is announced once, by one of the pages that finish together (before, each announced it and
// the next stage ran twice, the second run rewriting the report after the document was done).
import { Readable } from 'node:stream';
import { connectDatabase, Database } from '../../shared/store/database';
import { deleteFile, getFile, putFile, putFileFrom } from '../../shared/store/files.repository';
import { removeOrphanFiles } from '../../shared/store/orphan-files';
import { createDocument, findDocument, findDocuments, resetForRetry } from '../../shared/store/documents.repository';
import { addReview, listReviews } from '../../shared/store/reviews.repository';
import {
  claimCompletion,
  recordPageDone,
  recordTablesDone,
  stageComplete,
} from '../../shared/store/progress.repository';
import { findPage, listPages, savePage, saveReport } from '../../shared/store/results.repository';
import { backfillQueue } from '../../services/upload/src/use-cases/review-queue';
import { recheck } from '../../shared/domain/identities';
import { SHIZUISHAN, truthReport } from '../../harness/corpus';
import { memoryLogger } from '../support/memory-logger';
import { queueFieldsOf, queueSummaries, writeQueue } from '../../shared/store/review-queue.repository';
import { claimDocument } from '../../shared/store/review-claims.repository';
import { findUser, insertUser, updateUser } from '../../shared/store/users.repository';
import { PermanentError, StoredRecordError } from '../../shared/errors/errors';
import { dropNamespace } from '../../harness/namespace';
import { testConfig } from '../support/namespace';
import { LEASE_MS, withReportLease } from '../../shared/store/report-lease';
import { pageRecord } from '../../harness/page-record';

const config = testConfig();
let database: Database;

beforeAll(async () => {
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
});

afterAll(async () => {
  await database.client.close();
  await dropNamespace(config);
});

describe('GridFS files', () => {
  // Three chunks' worth (the driver's chunks are 255 kB): the write is cut after two chunks went in.
  const CHUNK = 255 * 1024;
  const bytes = (fill: number, size = 3 * CHUNK) => Buffer.alloc(size, fill);

  /** A write whose source fails after `chunks` whole chunks: the process killed or the connection lost mid-file. */
  async function cutWrite(id: string, documentId: string, chunks: number): Promise<void> {
    async function* source() {
      for (let i = 0; i < chunks; i += 1) {
        yield bytes(i, CHUNK);
      }
      // The last chunk written is flushed before the failure reaches the stream.
      await new Promise((r) => setTimeout(r, 200));
      throw new Error('cut');
    }
    await expect(putFileFrom(database, id, 'cut.png', Readable.from(source()), { documentId })).rejects.toThrow('cut');
  }

  const chunksOf = (id: string) => database.fileChunks.countDocuments({ files_id: id });

  it('rewrites a file whose earlier write was cut half-way', async () => {
    await cutWrite('doc-a:page:4:image', 'doc-a', 2);
    expect(await chunksOf('doc-a:page:4:image')).toBeGreaterThanOrEqual(1);
    expect(await getFile(database, 'doc-a:page:4:image')).toBeUndefined();

    await putFile(database, 'doc-a:page:4:image', 'page-4.png', bytes(7), { documentId: 'doc-a', page: 4 });
    expect((await getFile(database, 'doc-a:page:4:image'))?.equals(bytes(7))).toBe(true);
    expect(await chunksOf('doc-a:page:4:image')).toBe(3);
    // The finished write leaves no mark for the sweep.
    expect(await database.fileWrites.countDocuments({ _id: 'doc-a:page:4:image' })).toBe(0);
    await deleteFile(database, 'doc-a:page:4:image');
  });

  it('sweeps chunks never rewritten and files without their document, past the grace only', async () => {
    await database.documents.insertOne({ _id: 'doc-kept' } as never);
    await cutWrite('doc-kept:page:2:image', 'doc-kept', 2);
    await putFile(database, 'doc-kept:pdf', 'kept.pdf', bytes(1, 10), { documentId: 'doc-kept' });
    await putFile(database, 'doc-gone:pdf', 'gone.pdf', bytes(2, 2 * CHUNK), { documentId: 'doc-gone' });
    const orphanedChunks = await chunksOf('doc-kept:page:2:image');

    expect(await removeOrphanFiles(database, 60_000)).toEqual({ chunks: 0, files: 0 });
    expect(await removeOrphanFiles(database, 0)).toEqual({ chunks: orphanedChunks + 2, files: 1 });
    expect(await chunksOf('doc-kept:page:2:image')).toBe(0);
    expect(await getFile(database, 'doc-gone:pdf')).toBeUndefined();
    expect(await chunksOf('doc-gone:pdf')).toBe(0);
    expect((await getFile(database, 'doc-kept:pdf'))?.equals(bytes(1, 10))).toBe(true);
    expect(await removeOrphanFiles(database, 0)).toEqual({ chunks: 0, files: 0 });
    await deleteFile(database, 'doc-kept:pdf');
  });
});

describe("the report's lease", () => {
  it('lets the next writer in, within its wait, when the holder was killed just after taking the lease', async () => {
    // What a holder killed just after taking the lease leaves: its lease, fresh.
    await database.leases.insertOne({
      _id: 'report:killed',
      token: 'killed-holder',
      expiresAt: new Date(Date.now() + LEASE_MS),
    });
    expect(await withReportLease(database, 'killed', async () => 'written')).toBe('written');
    expect(await database.leases.countDocuments({ _id: 'report:killed' })).toBe(0);
  });

  it("keeps a live holder's lease past LEASE_MS: nobody else writes until it is done", async () => {
    const events: string[] = [];
    const holder = withReportLease(database, 'long', async () => {
      events.push('holder in');
      await new Promise((r) => setTimeout(r, LEASE_MS + 2500));
      events.push('holder out');
    });
    while (events.length === 0) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const next = withReportLease(database, 'long', async () => {
      events.push('next in');
    });
    await Promise.all([holder, next]);
    expect(events).toEqual(['holder in', 'holder out', 'next in']);
  }, 30000);
});

describe("a stage's completion", () => {
  it('is announced by one page of those finishing together, again by that page redelivered, and afresh after a retry', async () => {
    const id = 'doc-fan-in';
    await createDocument(database, {
      _id: id,
      filename: 'f.pdf',
      sha256: 'fan-in-sha',
      size: 1,
      pages: 6,
      fileId: 'x',
      status: 'failed',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    // Six pages recorded at once: each sees the stage complete once all are recorded, only one may say so.
    await Promise.all([1, 2, 3, 4, 5, 6].map((page) => recordPageDone(database, id, 'tables', page)));
    expect(await stageComplete(database, id, 'tables', 6)).toBe(true);
    const claims = await Promise.all([1, 2, 3, 4, 5, 6].map((page) => claimCompletion(database, id, 'tables', page)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = claims.indexOf(true) + 1;
    expect(await claimCompletion(database, id, 'tables', winner)).toBe(true);
    expect(await claimCompletion(database, id, 'tables', winner === 1 ? 2 : 1)).toBe(false);
    // A retry starts the document over: the next completion is announced again.
    expect(await resetForRetry(database, id)).toBe(true);
    expect(await claimCompletion(database, id, 'tables', 3)).toBe(true);
  });
});

describe("the table stage's fan-in", () => {
  it('lets exactly one of the pages finishing at once on several workers announce the document, each page recorded', async () => {
    // Each page records, counts and claims as its worker does, all at once and interleaved: no page may see the set
    // complete before its own record, and only one may announce it, whichever order the database runs them in.
    for (const round of [1, 2, 3]) {
      const id = `doc-raced-${round}`;
      const answers = await Promise.all(
        [1, 2, 3, 4, 5, 6, 7, 8].map((page) => recordTablesDone(database, id, page, 8)),
      );
      expect({ round, announced: answers.filter(Boolean).length }).toEqual({ round, announced: 1 });
      expect(await database.progress.countDocuments({ documentId: id, stage: 'tables' })).toBe(8);
    }
    // One page short: nobody announces.
    const short = await Promise.all([1, 2, 3].map((page) => recordTablesDone(database, 'doc-raced-short', page, 4)));
    expect(short).toEqual([false, false, false]);
  });
});

describe('records read back', () => {
  it("are checked against their contract: a damaged one names its collection and id, and is no one else's problem", async () => {
    await savePage(database, {
      ...pageRecord({ documentId: 'doc-read' }),
    });
    expect((await findPage(database, 'doc-read', 1))?.width).toBe(595);
    // As an older version, or a hand edit, might have left it: a page without its width.
    await database.pages.updateOne({ _id: 'doc-read:1' }, { $unset: { width: '' } });
    const error = await findPage(database, 'doc-read', 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredRecordError);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/stored pages record doc-read:1 does not match its contract: width/);
    await expect(listPages(database, 'doc-read')).rejects.toThrow(StoredRecordError);
  });

  it('are checked for documents and reviews too: a status no stage writes, a review without its reviewer', async () => {
    const now = new Date();
    await createDocument(database, {
      _id: 'doc-damaged',
      filename: 'f.pdf',
      sha256: 'damaged-sha',
      size: 1,
      pages: 1,
      fileId: 'x',
      status: 'queued',
      createdAt: now,
      updatedAt: now,
    });
    expect((await findDocument(database, 'doc-damaged'))?.status).toBe('queued');
    await database.documents.updateOne({ _id: 'doc-damaged' }, { $set: { status: 'half-done' as never } });
    await expect(findDocument(database, 'doc-damaged')).rejects.toThrow(
      /stored documents record doc-damaged does not match its contract: status/,
    );
    await expect(findDocuments(database, ['doc-damaged'])).rejects.toThrow(StoredRecordError);
    await addReview(database, {
      _id: 'review-damaged',
      documentId: 'doc-damaged',
      field: 'f',
      reviewer: 'ann',
      at: now,
      old: { value: 1, raw: '1' },
      new: { value: 2, raw: '2' },
    });
    expect((await listReviews(database, 'doc-damaged')).map((r) => r.new.value)).toEqual([2]);
    await database.reviews.updateOne({ _id: 'review-damaged' }, { $unset: { reviewer: '' } });
    await expect(listReviews(database, 'doc-damaged')).rejects.toThrow(
      /stored reviews record review-damaged does not match its contract: reviewer/,
    );
  });

  it('rewrite a damaged review queue summary from its report at start, instead of failing to start', async () => {
    const read = truthReport(SHIZUISHAN, 'doc-heal');
    const key = Object.keys(read.fields)[0];
    const report = recheck({
      ...read,
      fields: { ...read.fields, [key]: { ...read.fields[key], needsReview: true, confidence: 0.5 } },
    });
    await saveReport(database, report);
    await writeQueue(database, 'doc-heal', 'heal.pdf', report.fields);
    await database.reviewQueue.updateOne({ _id: 'doc-heal' }, { $set: { fields: 'one' as never } });
    const { logger, lines } = memoryLogger();
    await backfillQueue(database, logger);
    expect((await queueSummaries(database, 'doc-heal')).map((q) => q.fields)).toEqual([1]);
    expect(lines).toContainEqual(
      expect.objectContaining({ documentId: 'doc-heal', msg: 'a damaged review queue record left out' }),
    );
  });

  it('are checked for the queue, claims and users: a field without its confidence, a claim or user without a date', async () => {
    const field = { value: 3, raw: '3', confidence: 0.4, needsReview: true, reasons: ['low'], page: 2, bbox: null };
    await writeQueue(database, 'doc-queued', 'q.pdf', { 'a.b': { ...field, found: true } });
    expect((await queueFieldsOf(database, 'doc-queued')).map((e) => e.field.confidence)).toEqual([0.4]);
    expect((await queueSummaries(database, 'doc-queued')).map((s) => s.fields)).toEqual([1]);
    // Earlier versions stored a field's missing caption as null: read as none.
    await database.reviewQueueFields.updateOne({ _id: 'doc-queued' }, { $set: { 'entries.0.field.caption': null } });
    expect((await queueFieldsOf(database, 'doc-queued'))[0].field).not.toHaveProperty('caption', null);
    await database.reviewQueueFields.updateOne({ _id: 'doc-queued' }, { $unset: { 'entries.0.field.confidence': '' } });
    await expect(queueFieldsOf(database, 'doc-queued')).rejects.toThrow(
      /stored review_queue_fields record doc-queued does not match its contract: entries.0.field.confidence/,
    );
    await database.reviewQueue.updateOne({ _id: 'doc-queued' }, { $set: { fields: 'one' as never } });
    await expect(queueSummaries(database, 'doc-queued')).rejects.toThrow(/review_queue record doc-queued.*: fields/);
    // Or, for a reader that can do without it (the queue is rebuilt from the reports), left out and handed back.
    const damaged: string[] = [];
    expect(await queueSummaries(database, 'doc-queued', (e) => damaged.push(e.id))).toEqual([]);
    expect(damaged).toEqual(['doc-queued']);

    expect((await claimDocument(database, 'doc-claimed', 'ann')).taken).toBe(true);
    await database.reviewClaims.updateOne({ _id: 'doc-claimed' }, { $set: { expiresAt: 'soon' as never } });
    await expect(claimDocument(database, 'doc-claimed', 'bob')).rejects.toThrow(
      /review_claims record doc-claimed.*: expiresAt/,
    );

    const now = new Date();
    await insertUser(database, {
      _id: 'user-damaged',
      passwordHash: 'h',
      roles: ['reader'],
      createdAt: now,
      updatedAt: now,
    });
    expect((await findUser(database, 'user-damaged'))?.roles).toEqual(['reader']);
    await database.users.updateOne({ _id: 'user-damaged' }, { $set: { roles: ['owner'] as never } });
    await expect(findUser(database, 'user-damaged')).rejects.toThrow(/users record user-damaged.*: roles.0/);
  });

  it('are checked before a change is written: a user change that breaks the contract is refused, nothing written', async () => {
    const at = new Date('2026-01-02T03:04:05Z');
    await insertUser(database, {
      _id: 'user-changed',
      passwordHash: 'h',
      roles: ['reader'],
      createdAt: at,
      updatedAt: at,
    });
    await expect(updateUser(database, 'user-changed', { roles: ['owner'] as never })).rejects.toThrow(/roles/);
    await expect(updateUser(database, 'user-changed', { createdAt: 'now' } as never)).rejects.toThrow(/createdAt/);
    expect(await database.users.findOne({ _id: 'user-changed' })).toEqual({
      _id: 'user-changed',
      passwordHash: 'h',
      roles: ['reader'],
      createdAt: at,
      updatedAt: at,
    });
    // A change that keeps it is written, and read back as it now stands.
    expect((await updateUser(database, 'user-changed', { roles: ['reviewer'] }))?.roles).toEqual(['reviewer']);
    expect((await findUser(database, 'user-changed'))?.roles).toEqual(['reviewer']);
  });
});
