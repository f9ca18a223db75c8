// A page image is read at the same cost whatever the archive's size: with thousands of files stored, both queries
// of a GridFS read (the file's entry by `_id`, then its chunks by `files_id` in order) go through an index, never a
// scan of the collection. On FerretDB 1.x that is PostgreSQL's plan, which uses the GIN twins of
// deploy/local/ferretdb-indexes.sql (made by `npm test`'s deploy/local/services-up.sh; before them: a Seq Scan of
// files_chunks, 91 ms with 35 files and 1.3-6.3 s with 533); on MongoDB, the winning plan's stages (IXSCAN).
import { Binary } from 'mongodb';
import { connectDatabase, Database } from '../../shared/store/database';
import { getFile, putFile } from '../../shared/store/files.repository';
import { dropNamespace } from '../../harness/namespace';
import { testConfig } from '../support/namespace';

// Thousands, as the issue asks: enough that a scan and an index lookup differ by orders of magnitude.
const FILES = 3000;
const config = testConfig();
let database: Database;

/** A stored page image as the driver writes it: one entry, its chunks. */
const entry = (i: number) => ({
  _id: `archive-${i}:1`,
  length: 300,
  chunkSize: 261120,
  uploadDate: new Date(),
  filename: 'page-1.png',
  metadata: { documentId: `archive-${i}`, page: 1 },
});
const chunk = (i: number) => ({ files_id: `archive-${i}:1`, n: 0, data: new Binary(Buffer.alloc(300, i % 251)) });

beforeAll(async () => {
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  for (let from = 0; from < FILES; from += 500) {
    const batch = Array.from({ length: Math.min(500, FILES - from) }, (_, k) => from + k);
    await database.fileEntries.insertMany(batch.map(entry));
    await database.fileChunks.insertMany(batch.map(chunk) as never[]);
  }
}, 300000);

afterAll(async () => {
  await database.client.close();
  await dropNamespace(config);
});

/** The stages (MongoDB) or plan nodes (FerretDB's PostgreSQL) of an explained query, flattened. */
function planSteps(explained: Record<string, unknown>): string[] {
  const steps: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object') {
      return;
    }
    const n = node as Record<string, unknown>;
    // MongoDB: stage, inputStage(s); PostgreSQL (through FerretDB): Node Type, Plans.
    for (const key of ['stage', 'Node Type']) {
      if (typeof n[key] === 'string') {
        steps.push(n[key]);
      }
    }
    for (const key of ['inputStage', 'inputStages', 'queryPlan', 'Plans', 'Plan', 'winningPlan']) {
      walk(n[key]);
    }
  };
  walk(explained.queryPlanner);
  return steps;
}

const SCANS = ['COLLSCAN', 'Seq Scan'];
const INDEXED = [
  'IXSCAN',
  'IDHACK',
  'EXPRESS_IXSCAN',
  'EXPRESS_CLUSTERED_IXSCAN',
  'Index Scan',
  'Index Only Scan',
  'Bitmap Index Scan',
];

function expectIndexed(explained: Record<string, unknown>) {
  const steps = planSteps(explained);
  expect(steps.filter((s) => SCANS.includes(s))).toEqual([]);
  expect(steps.some((s) => INDEXED.includes(s))).toBe(true);
}

it(`reads a page image among ${FILES} stored files through indexes only`, async () => {
  const image = Buffer.alloc(600000, 7);
  await putFile(database, 'doc-read:3', 'page-3.png', image, { documentId: 'doc-read', page: 3 });
  expect((await getFile(database, 'doc-read:3'))?.equals(image)).toBe(true);
  expect(await database.fileEntries.countDocuments()).toBe(FILES + 1);

  // The queries GridFSBucket's download stream makes (mongodb's gridfs/download.ts): the entry, then the chunks.
  expectIndexed(await database.fileEntries.find({ _id: 'doc-read:3' }).limit(1).explain());
  expectIndexed(await database.fileChunks.find({ files_id: 'doc-read:3' }).sort({ n: 1 }).explain());
  // And the rewrite's delete of a file's chunks, by files_id (files.repository.ts), through the same lookup.
  expectIndexed(await database.fileChunks.find({ files_id: 'archive-17:1' }).explain());
}, 300000);
