// The services as real processes, with a scanned report in flight: each stage's worker killed with SIGKILL
// mid-document and started again; with two OCR workers, one killed and not restarted; the database away for
// longer than the retries would allow; the broker restarted. The services reach both through relays the test
// cuts and restores. Every document completes with the report of an undisturbed run, no page is read twice by
// OCR or by the table stage (counted from the services' own log lines), and nothing is dead-lettered. Each test
// starts from the same services (one process of each stage, both relays through), whatever the one before left.
import { Essence, faultRun } from '../support/fault-run';
import { dropNamespace } from '../../harness/namespace';
import { eventually, testConfig } from '../support/namespace';
import { ServiceProcess, killHard, logged } from '../../harness/service-processes';
import { TcpProxy, relayed, tcpProxy } from '../support/tcp-proxy';

// One Tesseract worker per process: two OCR processes and a table process share this machine's two cores.
const direct = testConfig({ OCR_WORKERS: 1, RETRY_BASE_MS: 200, RETRY_MAX_MS: 2000 });
let config: typeof direct;
let databaseRelay: TcpProxy;
let brokerRelay: TcpProxy;
const run = faultRun({ tag: 'copy', configFor: () => config, finishMs: 400000 });
const { running, start, retire, upload, perPage: readsPerPage } = run;
const kill = async (service: ServiceProcess) => {
  await killHard(service);
  retire(service);
};

let baseline: Essence;
let pages: number;

/** The running OCR process (the first, if several), once it has stored a page of `id`. */
async function ocrPastFirstPage(
  id: string,
  ocr = running.find((s) => s.stage === 'ocr') as ServiceProcess,
): Promise<ServiceProcess> {
  await logged(ocr, (l) => l.msg === 'page stored' && l.documentId === id, 120000);
  return ocr;
}

const expectUndisturbed = (id: string) => run.expectUndisturbed(id, { baseline, pages, config: direct });

beforeAll(async () => {
  const database = new URL(direct.MONGODB_URL);
  const broker = new URL(direct.AMQP_URL);
  databaseRelay = await tcpProxy(database.hostname, Number(database.port || 27017));
  brokerRelay = await tcpProxy(broker.hostname, Number(broker.port || 5672));
  config = {
    ...direct,
    MONGODB_URL: relayed(direct.MONGODB_URL, databaseRelay.port),
    AMQP_URL: relayed(direct.AMQP_URL, brokerRelay.port),
  };
  ({ baseline, pages } = await run.startAll());
}, 600000);

// The tests kill, add and drain processes and cut relays: each begins with one worker process of each stage, running,
// behind relays that relay, so that none depends on what another left (jest --randomize runs them in any order).
beforeEach(async () => {
  for (const relay of [databaseRelay, brokerRelay]) {
    if (!relay.listening) {
      await relay.restore();
    }
  }
  // The upload process is never stopped by a test (the harness's client holds its address).
  for (const stage of ['ocr', 'table-extraction', 'normalisation'] as const) {
    // A process that exited on its own (a test failed before retiring it) no longer counts.
    running
      .filter((s) => s.stage === stage && (s.child.exitCode !== null || s.child.signalCode !== null))
      .forEach(retire);
    const [, ...extra] = running.filter((s) => s.stage === stage);
    // No document is in flight between tests: an idle extra worker is stopped without losing anything.
    await Promise.all(extra.map(kill));
    if (!running.some((s) => s.stage === stage)) {
      await start(stage);
    }
  }
}, 120000);

afterAll(async () => {
  await Promise.all(running.map((s) => killHard(s)));
  await Promise.all([databaseRelay.close(), brokerRelay.close()]);
  await dropNamespace(direct);
});

it('finishes a document whose OCR, table and normalisation workers are killed mid-way and started again', async () => {
  const id = await upload('killed-and-restarted');
  const ocr = running.find((s) => s.stage === 'ocr') as ServiceProcess;
  const tables = running.find((s) => s.stage === 'table-extraction') as ServiceProcess;
  const normalisation = running.find((s) => s.stage === 'normalisation') as ServiceProcess;
  // Normalisation away for the whole document: its message waits for it.
  await kill(normalisation);
  await ocrPastFirstPage(id, ocr);
  await kill(ocr);
  await start('ocr');
  await logged(tables, (l) => l.msg === 'page tables stored' && l.documentId === id, 120000);
  await kill(tables);
  await start('table-extraction');
  await eventually(
    async () => (readsPerPage('table-extraction', 'page tables stored', id).size === pages ? true : undefined),
    400000,
    "every page's tables",
  );
  await start('normalisation');

  await expectUndisturbed(id);
}, 600000);

it('finishes a document on the other OCR worker when one of two is killed and not restarted', async () => {
  const second = await start('ocr');
  const id = await upload('one-of-two-killed');
  const first = running.find((s) => s.stage === 'ocr' && s !== second) as ServiceProcess;
  // Killed once it has read a page of this document, while it holds the next.
  await kill(await ocrPastFirstPage(id, first));

  await expectUndisturbed(id);
}, 600000);

it('finishes a document while the database is away for longer than the retries would allow', async () => {
  const id = await upload('database-away');
  await ocrPastFirstPage(id);
  await databaseRelay.cut();
  // Each try waits out the driver's 10 s server selection: 45 s is past the 3 attempts of a page's OCR or tables
  // (0.2 + 0.4 s apart), the stages in flight here.
  await new Promise((r) => setTimeout(r, 45000));
  await databaseRelay.restore();

  await expectUndisturbed(id);
}, 600000);

it('finishes a document when the broker restarts mid-way: the workers exit, come back, and carry on', async () => {
  const id = await upload('broker-restarted');
  await ocrPastFirstPage(id);
  const workers = running.filter((s) => s.stage !== 'upload');
  await brokerRelay.cut();
  // Crash-only: each worker exits when its connection is lost, for its supervisor to start it again.
  const exits = await Promise.all(workers.map((w) => w.exited));
  expect(exits.map((e) => e.code)).toEqual(workers.map(() => 1));
  workers.forEach(retire);
  await brokerRelay.restore();
  await Promise.all(workers.map((w) => start(w.stage)));

  await expectUndisturbed(id);
}, 600000);

it('drains an OCR worker told to stop: it finishes the page it holds, exits 0, and another carries on', async () => {
  const id = await upload('drained');
  const ocr = await ocrPastFirstPage(id);
  // Into its next page: a scanned page takes this worker several seconds (one Tesseract worker, 300 dpi).
  await new Promise((r) => setTimeout(r, 1500));
  ocr.child.kill('SIGTERM');
  const exit = await ocr.exited;
  expect(exit.code).toBe(0);
  expect(ocr.lines.some((l) => l.msg === 'worker stopped')).toBe(true);
  retire(ocr);
  // The page it held when told to stop was finished and stored before it exited, not dropped.
  const told = ocr.lines.findIndex((l) => l.msg === 'shutting down');
  expect(ocr.lines.slice(told).some((l) => l.msg === 'page stored' && l.documentId === id)).toBe(true);
  if (!running.some((s) => s.stage === 'ocr')) {
    await start('ocr');
  }

  await expectUndisturbed(id);
}, 600000);
