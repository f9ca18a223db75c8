// The `progress` collection: a record per page and stage. Recording is an upsert by id (idempotent); the
// fan-in counts after recording, so of two pages finishing together the later always sees both.
import type { PageProgressRecord, StageCounts } from '../contracts/document';
import { Database, isDuplicateKey } from './database';

export async function recordPageDone(
  database: Database,
  documentId: string,
  stage: PageProgressRecord['stage'],
  page: number,
  failure?: string,
): Promise<void> {
  const _id = `${documentId}:${stage}:${page}`;
  await database.progress.replaceOne(
    { _id },
    { documentId, stage, page, ...(failure ? { failure } : {}), at: new Date() },
    { upsert: true },
  );
}

/** Whether every one of `pages` pages has passed `stage`. */
export async function stageComplete(
  database: Database,
  documentId: string,
  stage: PageProgressRecord['stage'],
  pages: number,
): Promise<boolean> {
  return (await database.progress.countDocuments({ documentId, stage })) >= pages;
}

/**
 * Whether `page` is the one to announce that `stage` is complete for the document. Two pages that finish together
 * both see the stage complete, and both announcing ran the next stage twice (the second run rewrote the report
 * after the document was done). The first to insert the claim wins, the insert of a unique _id being atomic in
 * MongoDB and FerretDB alike; the winner's page, delivered again after a crash, wins again (its announcement may
 * not have gone out). A retry of the document clears the claim with the progress (documents.repository.ts).
 */
export async function claimCompletion(
  database: Database,
  documentId: string,
  stage: PageProgressRecord['stage'],
  page: number,
): Promise<boolean> {
  const _id = `${documentId}:${stage}`;
  try {
    await database.completions.insertOne({ _id, documentId, page, at: new Date() });
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) {
      throw error;
    }
  }
  return (await database.completions.findOne({ _id }))?.page === page;
}

/**
 * The table stage's fan-in for one page: the page recorded as done, then whether every page of the document is and
 * this page is the one to announce it (once, claimCompletion). Of pages finishing together on several workers, the
 * later to record sees them all (its count runs after both records committed), and one claim wins.
 */
export async function recordTablesDone(
  database: Database,
  documentId: string,
  page: number,
  pages: number,
): Promise<boolean> {
  await recordPageDone(database, documentId, 'tables', page);
  return (
    (await stageComplete(database, documentId, 'tables', pages)) &&
    claimCompletion(database, documentId, 'tables', page)
  );
}

/** Page counts per stage for each of the documents. */
export async function stageCounts(
  database: Database,
  documentIds: readonly string[],
): Promise<Map<string, StageCounts>> {
  const counts = new Map(documentIds.map((id) => [id, { ocrDone: 0, ocrFailed: 0, tablesDone: 0 }]));
  const records = database.progress.find(
    { documentId: { $in: [...documentIds] } },
    { projection: { documentId: 1, stage: 1, failure: 1 } },
  );
  for await (const r of records) {
    const c = counts.get(r.documentId);
    if (c && r.stage === 'tables') {
      c.tablesDone += 1;
    } else if (c) {
      c[r.failure ? 'ocrFailed' : 'ocrDone'] += 1;
    }
  }
  return counts;
}
