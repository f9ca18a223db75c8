// The table stage's fan-in on two workers: the pages of a document finishing at the same time on two running
// table-extraction services (the real handler, store and broker) announce the document exactly once.
import { startTableService } from '../../services/table-extraction/src/service';
import { Broker } from '../../shared/broker/broker';
import { queues } from '../../shared/broker/topology';
import { retryPolicy } from '../../shared/config/config';
import { envelope } from '../../shared/contracts/messages';
import { createLogger } from '../../shared/logging/logger';
import { RunningWorker } from '../../shared/runtime/worker';
import { Database, connectDatabase } from '../../shared/store/database';
import { createDocument } from '../../shared/store/documents.repository';
import { savePage } from '../../shared/store/results.repository';
import { dropNamespace, queueDepth } from '../../harness/namespace';
import { pageRecord } from '../../harness/page-record';
import { eventually, testConfig } from '../support/namespace';
import { sample, scrape } from '../support/prometheus-text';

// Four deliveries at a time on each worker: pages of one document in hand on both at once.
const config = testConfig({ METRICS_PORT: 0, OCR_WORKERS: 4 });
const DOCUMENTS = 8;
const PAGES = 4;
let database: Database;
let broker: Broker;
let workers: RunningWorker[];

beforeAll(async () => {
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  broker = await Broker.connect(config.AMQP_URL, config.QUEUE_PREFIX, createLogger('test', 'silent'));
  await broker.declare(Object.values(queues), (s) => retryPolicy(config, s));
  workers = await Promise.all([startTableService(config), startTableService(config)]);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await broker.close(1000);
  await database.client.close();
  await dropNamespace(config);
});

it('announces each document once when its pages finish together on two workers, each worker taking some', async () => {
  const now = new Date();
  const ids = Array.from({ length: DOCUMENTS }, (_, i) => `fan-in-${i}`);
  for (const documentId of ids) {
    await createDocument(database, {
      _id: documentId,
      filename: `${documentId}.pdf`,
      sha256: documentId,
      size: 1,
      pages: PAGES,
      fileId: 'none',
      status: 'processing',
      createdAt: now,
      updatedAt: now,
    });
    for (let page = 1; page <= PAGES; page += 1) {
      // Pages with nothing on them: their tables are read at once, so the pages finish together.
      await savePage(database, pageRecord({ documentId, page }));
    }
  }
  const announce = (pages: number[]) =>
    Promise.all(
      ids.flatMap((documentId) =>
        pages.map((page) =>
          broker.publish(envelope('ocr.page.recognised', { documentId, page, failed: false }, `${documentId}:${page}`)),
        ),
      ),
    );
  // All pages but the last two of each document done first; then the last two of every document announced at
  // once, one after the other, so that each document's last pages are in hand together, on one worker or on both.
  await announce(Array.from({ length: PAGES - 2 }, (_, p) => p + 1));
  await eventually(
    async () =>
      (await database.progress.countDocuments({ stage: 'tables' })) === DOCUMENTS * (PAGES - 2) ? true : undefined,
    60000,
    'the first pages done',
  );
  await announce([PAGES - 1, PAGES]);
  const announced = await eventually(
    async () => {
      const { ready } = await queueDepth(config, queues.assemble);
      return ready >= DOCUMENTS ? ready : undefined;
    },
    60000,
    'every document announced',
  );
  // Given time for a second announcement, there is none.
  await new Promise((r) => setTimeout(r, 1000));
  expect(await queueDepth(config, queues.assemble)).toEqual({ ready: DOCUMENTS, dead: 0 });
  expect(announced).toBe(DOCUMENTS);
  expect(await database.progress.countDocuments({ stage: 'tables' })).toBe(DOCUMENTS * PAGES);
  // Both workers read pages: the fan-in was raced, not run by one of them alone.
  const perWorker = await Promise.all(
    workers.map(async (w) =>
      sample(await scrape(w.metricsPort), 'docpipe_processed_total', { queue: queues.extract.name, unit: 'page' }),
    ),
  );
  expect(perWorker.reduce((a, b) => a + b, 0)).toBe(DOCUMENTS * PAGES);
  perWorker.forEach((n) => expect(n).toBeGreaterThan(0));
});
