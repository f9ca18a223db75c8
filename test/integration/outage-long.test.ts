// The longer infrastructure faults, each with a scanned document in flight, on servers of the test's own
// (the shared broker, database and PostgreSQL cluster never stop under the other tests): the broker stopped for
// BROKER_OUTAGE_SECONDS (120: a RabbitMQ node of its own, stop_app then start_app), the PostgreSQL under FerretDB
// stopped for PG_OUTAGE_SECONDS (300: a cluster of its own, pg_ctl stop -m fast), and FerretDB itself stopped for
// FERRETDB_OUTAGE_SECONDS (60). Each document ends `done` with the report of an undisturbed run, every page stored
// once by OCR and once by the table stage, no dead letters, no GridFS chunk without its file, no attempt spent on a
// delivery the broker's going away cut; the API never answers 500. The shorter faults of the same kinds (a broker
// restarted at once, PostgreSQL away 60 s) are in broker-restart and outage. Most of its time is spent waiting out
// the outages (it converts the scan four times): jest runs suites beside it that read (jest.config.js).
import { connectDatabase, Database } from '../../shared/store/database';
import { Essence, faultRun, orphanChunks } from '../support/fault-run';
import { dropNamespace } from '../../harness/namespace';
import { testConfig } from '../support/namespace';
import { PrivateFerretDb, privateFerretDb } from '../support/private-ferretdb';
import { PrivatePostgres, privatePostgres } from '../support/private-postgres';
import { PrivateRabbitMq, privateRabbitMq } from '../support/private-rabbitmq';
import { Stage, killHard, logged } from '../../harness/service-processes';

const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback) * 1000;
const BROKER_OUTAGE_MS = seconds('BROKER_OUTAGE_SECONDS', 120);
const PG_OUTAGE_MS = seconds('PG_OUTAGE_SECONDS', 300);
const FERRETDB_OUTAGE_MS = seconds('FERRETDB_OUTAGE_SECONDS', 60);
const WORKERS: Stage[] = ['ocr', 'table-extraction', 'normalisation'];

let rabbit: PrivateRabbitMq;
let postgres: PrivatePostgres;
let ferret: PrivateFerretDb;
let config: ReturnType<typeof testConfig>;
let database: Database;
const run = faultRun({ tag: 'outage-long', configFor: () => config, finishMs: 900000 });
const { running, start, the, retire, upload, linesOf } = run;
const client = () => run.client();
let baseline: Essence;
let pages: number;
const figures: string[] = [];

async function expectUndisturbed(id: string): Promise<void> {
  await run.expectUndisturbed(id, { baseline, pages, config });
  expect(await orphanChunks(database)).toBe(0);
  // No attempt spent on a delivery cut by the broker, nor on a failure that was the infrastructure's.
  expect(linesOf(undefined, id, 'redelivered: the interrupted delivery counts as an attempt')).toEqual([]);
  expect(linesOf(undefined, id, 'handler failed, retrying')).toEqual([]);
}

/** Asks the API for the document list every 5 s for `ms`; the statuses it answered. */
async function apiDuring(ms: number): Promise<number[]> {
  const statuses = new Set<number>();
  const from = Date.now();
  while (Date.now() - from < ms) {
    statuses.add((await client().get('/api/documents')).status);
    await new Promise((r) => setTimeout(r, 5000));
  }
  return [...statuses].sort();
}

const waits = (id: string) =>
  linesOf(undefined, id, 'a dependency is away; waiting without spending an attempt').length;

describe('longer outages', () => {
  beforeAll(async () => {
    [rabbit, postgres] = await Promise.all([privateRabbitMq(), privatePostgres()]);
    ferret = await privateFerretDb(postgres.port);
    config = testConfig({
      AMQP_URL: rabbit.url,
      MONGODB_URL: ferret.url,
      OCR_WORKERS: 1,
      RETRY_BASE_MS: 200,
      RETRY_MAX_MS: 2000,
    });
    database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
    ({ baseline, pages } = await run.startAll());
  }, 900000);

  afterAll(async () => {
    await Promise.all(running.map((s) => killHard(s)));
    await database?.client.close();
    await dropNamespace(config).catch(() => undefined);
    await ferret?.close();
    await Promise.all([rabbit?.close(), postgres?.close()]);
    console.log(`outage figures:\n${figures.join('\n')}`);
  }, 300000);

  it(`finishes a document when the broker is stopped for ${BROKER_OUTAGE_MS / 1000} s, no attempt spent on a cut delivery`, async () => {
    const id = await upload('broker-away');
    await logged(the('ocr'), (l) => l.msg === 'page stored' && l.documentId === id, 300000);
    const workers = running.filter((s) => s.stage !== 'upload');
    await rabbit.stopApp();
    const stoppedAt = Date.now();
    // Crash-only: each worker exits once it has noted what it held; the test plays the supervisor.
    const exits = await Promise.all(workers.map((w) => w.exited));
    expect(exits.map((e) => e.code)).toEqual(workers.map(() => 1));
    workers.forEach(retire);
    // Each noted what it held, and what it had settled just before (an ack the broker may have dropped), as cut.
    const unnoted = workers.flatMap((w) => w.lines).filter((l) => l.msg.startsWith('could not note the deliveries'));
    expect(unnoted).toEqual([]);
    const statuses = await apiDuring(BROKER_OUTAGE_MS - (Date.now() - stoppedAt));
    await rabbit.startApp();
    await Promise.all(WORKERS.map(start));
    expect(statuses).not.toContain(500);

    await expectUndisturbed(id);
    const cut = linesOf(undefined, id, 'redelivered after the broker went away: no attempt spent').length;
    expect(cut).toBeGreaterThanOrEqual(1);
    figures.push(
      `broker stopped ${BROKER_OUTAGE_MS / 1000} s: API answered ${statuses.join(',')}; ${cut} redeliveries of cut deliveries, no attempt spent; done ${Math.round((Date.now() - stoppedAt) / 1000)} s after the stop`,
    );
  }, 1200000);

  it(`finishes a document when the PostgreSQL under FerretDB is stopped for ${PG_OUTAGE_MS / 1000} s, the API answering 503`, async () => {
    const id = await upload('postgres-stopped');
    await logged(the('ocr'), (l) => l.msg === 'page stored' && l.documentId === id, 300000);
    await postgres.stop();
    const stoppedAt = Date.now();
    const statuses = await apiDuring(PG_OUTAGE_MS);
    await postgres.start();
    expect(statuses).toEqual([503]);

    await expectUndisturbed(id);
    figures.push(
      `PostgreSQL stopped ${PG_OUTAGE_MS / 1000} s: API answered ${statuses.join(',')}; ${waits(id)} waits without an attempt spent; done ${Math.round((Date.now() - stoppedAt) / 1000)} s after the stop`,
    );
  }, 1800000);

  it(`finishes a document when FerretDB is stopped for ${FERRETDB_OUTAGE_MS / 1000} s with a page in flight`, async () => {
    const id = await upload('ferretdb-stopped');
    await logged(the('ocr'), (l) => l.msg === 'page stored' && l.documentId === id, 300000);
    await ferret.stop();
    const stoppedAt = Date.now();
    const statuses = await apiDuring(FERRETDB_OUTAGE_MS);
    await ferret.start();
    expect(statuses).toEqual([503]);

    await expectUndisturbed(id);
    figures.push(
      `FerretDB stopped ${FERRETDB_OUTAGE_MS / 1000} s: API answered ${statuses.join(',')}; ${waits(id)} waits without an attempt spent; done ${Math.round((Date.now() - stoppedAt) / 1000)} s after the stop`,
    );
  }, 1200000);
});
