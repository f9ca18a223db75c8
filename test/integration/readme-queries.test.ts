// The README's MongoDB queries, read from the README itself and run against the real database over two stored
// reports: each finds what it says, and the indexes that serve them exist (made idempotently at start-up).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Collection, Document } from 'mongodb';
import type { Report } from '../../shared/contracts/report';
import { connectDatabase, Database } from '../../shared/store/database';
import { ensureIndexes } from '../../shared/store/indexes';
import { saveReport } from '../../shared/store/results.repository';
import { dropNamespace } from '../../harness/namespace';
import { testConfig } from '../support/namespace';
import { YINCHUAN, truthReport } from '../../harness/corpus';

const config = testConfig();
let database: Database;

/** The lines of the js block under "### In MongoDB" that start with `db.`. */
function readmeQueries(): string[] {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### In MongoDB'));
  const block = /```js\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/\s+\/\/.*$/, '').trim())
    .filter((l) => l.startsWith('db.'));
}

/** Runs one line of shell syntax through the driver: `db.<collection>.find(filter, projection)[.sort(spec)]`. */
async function run(line: string): Promise<string[]> {
  const collection = (name: string): Collection<Document> => database.db.collection(name);
  const shell = new Proxy(
    {},
    {
      get: (_t, name: string) => ({
        find: (filter: Document, projection?: Document) =>
          collection(name).find(filter, projection ? { projection } : {}),
      }),
    },
  );
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the README's own text, run as the shell would
  const query = new Function('db', `return ${line}`) as (db: unknown) => { toArray(): Promise<Document[]> };
  const cursor = query(shell);
  return (await cursor.toArray()).map((d) => String(d._id));
}

beforeAll(async () => {
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  const base = truthReport(YINCHUAN, 'whole', { filename: 'a.pdf', sha256: 'a'.repeat(64), pages: 6 });
  const whole: Report = { ...base, agency: '银川市公安局', year: 2020 };
  const key = 'applications.newlyReceived.total';
  const doubtful: Report = {
    ...base,
    documentId: 'doubtful',
    agency: '石嘴山市人民政府',
    year: 2019,
    fields: { ...base.fields, [key]: { ...base.fields[key], confidence: 0.4, needsReview: true } },
    quality: {
      ...base.quality,
      status: 'needs-attention',
      problems: ["only 120 of the template's 198 fields were found in the tables"],
    },
    review: { status: 'pending', flagged: 1, reviewed: 0 },
  };
  await saveReport(database, whole);
  await saveReport(database, doubtful);
  const now = new Date();
  const doc = { sha256: '', size: 1, pages: 6, fileId: '', createdAt: now, updatedAt: now };
  await database.documents.insertMany([
    { ...doc, _id: 'whole', filename: 'a.pdf', sha256: 'a'.repeat(64), status: 'done' },
    {
      ...doc,
      _id: 'doubtful',
      filename: 'b.pdf',
      sha256: 'b'.repeat(64),
      status: 'needs-attention',
      attention: doubtful.quality.problems,
    },
  ]);
}, 60000);

afterAll(async () => {
  await database.client.close();
  await dropNamespace(config);
});

it('runs every query the README shows, each finding what it says', async () => {
  // In the README's order: needs attention; by agency and year; by a value; by a flag; safe to use.
  const expected = [['doubtful'], ['whole'], ['doubtful', 'whole'], ['doubtful'], ['whole']];
  const queries = readmeQueries();
  expect(queries).toHaveLength(expected.length);
  for (const [i, query] of queries.entries()) {
    expect({ query, found: (await run(query)).sort() }).toEqual({ query, found: expected[i] });
  }
});

it('has the indexes that serve them, and makes them again without error', async () => {
  await ensureIndexes(database);
  const keys = async (name: string) =>
    (await database.db.collection(name).listIndexes().toArray()).map((i) => Object.keys(i.key as Document).join(','));
  expect(await keys('documents')).toEqual(expect.arrayContaining(['status,createdAt', 'sha256']));
  expect(await keys('reports')).toEqual(
    expect.arrayContaining([
      'agency,year',
      'quality.status',
      'review.status',
      'fields.applications.newlyReceived.total.value',
    ]),
  );
});
