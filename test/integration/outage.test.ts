// Faults of the infrastructure with scanned documents in flight, on a FerretDB of the test's own (its PostgreSQL
// behind a relay) and the real broker: the OCR process killed in the middle of writing a page image (its database
// relay holds the file's second chunk and the test kills it then), a normalisation worker killed mid-assembly
// (killed as it reads the reviews, holding the report's lease), and PostgreSQL under FerretDB away for
// OUTAGE_TEST_SECONDS (60 by default; the 5-minute run is in outage-long). Every document ends `done` with the report of
// an undisturbed run, each page stored once by OCR and once by the table stage (from the services' log lines), no
// dead letters, no GridFS chunk without its file; the API answers 503 during the outage, never 500.
import { connectDatabase, Database } from '../../shared/store/database';
import { Essence, faultRun, orphanChunks } from '../support/fault-run';
import { dropNamespace } from '../../harness/namespace';
import { testConfig } from '../support/namespace';
import { PrivateFerretDb, privateFerretDb } from '../support/private-ferretdb';
import { Stage, killHard, logged } from '../../harness/service-processes';
import { TcpProxy, commandFor, relayed, tcpProxy } from '../support/tcp-proxy';

const OUTAGE_MS = Number(process.env.OUTAGE_TEST_SECONDS ?? 60) * 1000;
let ferret: PrivateFerretDb;
let config: ReturnType<typeof testConfig>;
let database: Database;
// The OCR and normalisation services reach the database through relays of their own, where the faults are set.
const relays: Partial<Record<Stage, TcpProxy>> = {};
const run = faultRun({
  tag: 'outage',
  configFor: (stage) => {
    const relay = relays[stage];
    return relay ? { ...config, MONGODB_URL: relayed(config.MONGODB_URL, relay.port) } : config;
  },
  finishMs: 900000,
});
const { running, start, the, retire, upload, linesOf, perPage: storedPerPage } = run;
const client = () => run.client();
let baseline: Essence;
let pages: number;

async function expectUndisturbed(id: string): Promise<void> {
  await run.expectUndisturbed(id, { baseline, pages, config });
  expect(await orphanChunks(database)).toBe(0);
}

beforeAll(async () => {
  ferret = await privateFerretDb();
  config = testConfig({ MONGODB_URL: ferret.url, OCR_WORKERS: 1, RETRY_BASE_MS: 200, RETRY_MAX_MS: 2000 });
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  relays.ocr = await tcpProxy('127.0.0.1', Number(new URL(ferret.url).port));
  relays.normalisation = await tcpProxy('127.0.0.1', Number(new URL(ferret.url).port));
  ({ baseline, pages } = await run.startAll());
}, 900000);

afterAll(async () => {
  await Promise.all(running.map((s) => killHard(s)));
  await Promise.all(Object.values(relays).map((r) => r.close()));
  await database.client.close();
  await dropNamespace(config);
  await ferret.close();
});

it('finishes a document whose OCR process is killed in the middle of writing a page image', async () => {
  const ocr = the('ocr');
  let orphaned = 0;
  // The first chunk of the next page image goes in; at the second, the process is killed.
  relays.ocr?.tap(commandFor('insert', 'files.chunks'), 2, () => ocr.child.kill('SIGKILL'));
  const id = await upload('killed-mid-image');
  await ocr.exited;
  retire(ocr);
  orphaned = await orphanChunks(database);
  expect(orphaned).toBeGreaterThanOrEqual(1);
  await start('ocr');

  await expectUndisturbed(id);
  console.log(
    `outage figures: OCR killed mid-image: ${orphaned} orphaned file(s) at the kill, pages stored ${JSON.stringify([...storedPerPage('ocr', 'page stored', id)])}`,
  );
}, 900000);

it('finishes a document whose normalisation worker is killed mid-assembly, its redelivery passing at once', async () => {
  const normalisation = the('normalisation');
  relays.normalisation?.tap(commandFor('find', 'reviews'), 1, () => normalisation.child.kill('SIGKILL'));
  const id = await upload('killed-mid-assembly');
  await normalisation.exited;
  retire(normalisation);
  expect(await database.leases.countDocuments({ _id: `report:${id}` })).toBe(1);
  const restarted = await start('normalisation');
  const startedAt = Date.now();

  await expectUndisturbed(id);
  const failures = restarted.lines.filter(
    (l) =>
      l.documentId === id &&
      ['handler failed, retrying', 'a dependency is away; waiting without spending an attempt'].includes(l.msg),
  );
  expect(failures).toEqual([]);
  console.log(
    `outage figures: normalisation killed mid-assembly: done ${Math.round((Date.now() - startedAt) / 1000)} s after the restart, failed tries after the redelivery ${failures.length}`,
  );
}, 900000);

it(`finishes two documents while the PostgreSQL behind FerretDB is away for ${OUTAGE_MS / 1000} s, the API answering 503`, async () => {
  const ids = [await upload('postgres-away-1'), await upload('postgres-away-2')];
  await logged(the('ocr'), (l) => l.msg === 'page stored' && l.documentId === ids[0], 300000);
  await ferret.postgres.cut();
  const cutAt = Date.now();
  const statuses = new Set<number>();
  while (Date.now() - cutAt < OUTAGE_MS) {
    statuses.add((await client().get('/api/documents')).status);
    await new Promise((r) => setTimeout(r, 5000));
  }
  await ferret.postgres.restore();
  expect([...statuses]).toEqual([503]);

  for (const id of ids) {
    await expectUndisturbed(id);
  }
  const waits = ids.flatMap((id) =>
    ['ocr', 'table-extraction', 'normalisation'].flatMap((s) =>
      linesOf(s as Stage, id, 'a dependency is away; waiting without spending an attempt'),
    ),
  );
  console.log(
    `outage figures: PostgreSQL away ${OUTAGE_MS / 1000} s: API answered ${[...statuses].join(',')}; ${waits.length} waits without an attempt spent; done ${Math.round((Date.now() - cutAt) / 1000)} s after the cut`,
  );
}, 1200000);
