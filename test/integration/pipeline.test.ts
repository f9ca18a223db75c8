// The whole way on the real broker and database: the four services started, corpus PDFs uploaded over HTTP,
// reports read back from the API and MongoDB; duplicates, bad input and redelivered messages.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { queues } from '../../shared/broker/topology';
import { envelope } from '../../shared/contracts/messages';
import type { Report } from '../../shared/contracts/report';
import type { PageRecognition } from '../../shared/contracts/page';
import { pageTexts } from '../../shared/domain/searchable-text';
import { comparable } from '../../shared/domain/cjk-text';
import { characterErrorRate } from '../../bench/metrics';
import { startUploadService, RunningUpload } from '../../services/upload/src/service';
import { startOcrService } from '../../services/ocr/src/service';
import { startTableService } from '../../services/table-extraction/src/service';
import { startNormalisationService } from '../../services/normalisation/src/service';
import type { RunningWorker } from '../../shared/runtime/worker';
import { CORPUS, SHIZUISHAN, YINCHUAN, loadTruth } from '../../harness/corpus';
import { Client, asAdmin, asNewUser } from '../support/auth';
import { dropNamespace, queueDepth } from '../../harness/namespace';
import { eventually, testConfig } from '../support/namespace';
import { EventTap, tapEvents } from '../support/events';
import { sample, scrape } from '../support/prometheus-text';

const config = testConfig({ METRICS_PORT: 0 });
const run = promisify(execFile);
// How long a document may take to be done: a wait for the result, not a speed check (jest's per-test limit is 600 s).
// Run alone the 7-page scan is done in about 2 minutes; beside the suite's slowest tests on 2 cores it took over 4
// (2026-11-30), which the former 240 s wait failed.
const DONE_WAIT_MS = 540000;
let upload: RunningUpload;
let workers: RunningWorker[];
let api: string;
let client: Client;
let mongo: MongoClient;
let tap: EventTap;

beforeAll(async () => {
  upload = await startUploadService(config);
  tap = await tapEvents(config, ['normalisation.document.completed', '*.document.failed']);
  workers = await Promise.all([startOcrService(config), startTableService(config), startNormalisationService(config)]);
  api = `http://127.0.0.1:${upload.port}`;
  client = await asAdmin(api);
  mongo = await MongoClient.connect(config.MONGODB_URL);
}, 60000);

afterAll(async () => {
  await tap.close();
  await Promise.all(workers.map((w) => w.stop()));
  await upload.stop();
  await mongo.close();
  await dropNamespace(config);
});

const pdf = (file: string) => readFileSync(path.join(CORPUS, file));

// Each file is uploaded and read once, by whichever test needs it first, and no test changes it: the tests do not
// depend on their order. A test that changes a document (reviews it, fails it) works on a copy of its own.
const processing = new Map<string, Promise<{ id: string; report: Report }>>();
function processed(file: string): Promise<{ id: string; report: Report }> {
  if (!processing.has(file)) {
    processing.set(file, uploadAndWait(file));
  }
  return processing.get(file) as Promise<{ id: string; report: Report }>;
}

/** A copy of `file` with bytes of its own (`% copy <tag>` after %%EOF), uploaded and read: for a test that changes it. */
function processedCopy(file: string, tag: string): Promise<{ id: string; report: Report }> {
  return uploadAndWait(file, Buffer.concat([pdf(file), Buffer.from(`\n% copy ${tag}\n`)]));
}

async function uploadAndWait(file: string, bytes = pdf(file)): Promise<{ id: string; report: Report }> {
  const res = await client.post('/api/documents').attach('file', bytes, file);
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  await eventually(
    async () => {
      const status = await client.get(`/api/documents/${id}`);
      return status.body.status === 'done' ? true : undefined;
    },
    DONE_WAIT_MS,
    `${file} to be done`,
  );
  const report = await client.get(`/api/documents/${id}/report`);
  expect(report.status).toBe(200);
  return { id, report: report.body as Report };
}

const fieldAccuracy = (report: Report, name: string) => {
  const truth = loadTruth(name);
  const keys = Object.keys(truth.fields);
  return keys.filter((k) => report.fields[k]?.value === truth.fields[k].value).length / keys.length;
};

describe('the pipeline, end to end', () => {
  it('turns a digital PDF into an exact report, stored in MongoDB by field key', async () => {
    const { id, report } = await processed(`${YINCHUAN}.digital.pdf`);
    expect(report).toMatchObject({
      documentId: id,
      template: 'gov-disclosure-2019',
      agency: '银川市公安局',
      year: 2020,
    });
    expect(fieldAccuracy(report, YINCHUAN)).toBe(1);
    expect(report.pages.every((p) => p.source === 'text-layer')).toBe(true);
    const stored = await mongo
      .db(config.MONGODB_DB)
      .collection('reports')
      .findOne({
        _id: id as never,
        'fields.applications.newlyReceived.total.value': 9,
      });
    expect(stored).not.toBeNull();
    const doc = await client.get(`/api/documents/${id}`);
    expect(doc.body.progress).toEqual({
      ocr: { done: 6, failed: 0, total: 6 },
      tables: { done: 6, total: 6 },
      normalisation: { done: true },
    });
  });

  it('tells downstream systems that a document is done, and that one failed, by public events', async () => {
    const { id } = await processed(`${YINCHUAN}.digital.pdf`);
    const completed = await eventually(
      async () =>
        tap.events.find((e) => e.routingKey === 'normalisation.document.completed' && e.body.documentId === id),
      30000,
      'the completion event',
    );
    expect(completed.body.payload).toEqual({
      documentId: id,
      status: 'done',
      filename: `${YINCHUAN}.digital.pdf`,
      template: 'gov-disclosure-2019',
      agency: '银川市公安局',
      year: 2020,
      problems: [],
      flagged: 0,
      report: `/api/documents/${id}/report`,
    });
    // A stage that gives a document up says so: here normalisation, asked to assemble a document that does not exist.
    await upload.publisher.publish(envelope('tables.document.extracted', { documentId: 'no-such-document' }));
    const failed = await eventually(
      async () =>
        tap.events.find(
          (e) => e.routingKey === 'normalisation.document.failed' && e.body.documentId === 'no-such-document',
        ),
      60000,
      'the failure event',
    );
    expect(failed.body.payload).toEqual({
      documentId: 'no-such-document',
      reason: expect.stringMatching(/does not exist/),
      retry: '/api/documents/no-such-document/retry',
    });
  });

  it('turns a scanned PDF into a report that is accurate and honest about what it doubts', async () => {
    const { report } = await processed(`${SHIZUISHAN}.scan.pdf`);
    const truth = loadTruth(SHIZUISHAN);
    expect(report.template).toBe('gov-disclosure-2019');
    expect(fieldAccuracy(report, SHIZUISHAN)).toBeGreaterThanOrEqual(0.99);
    const silent = Object.keys(truth.fields).filter(
      (k) => report.fields[k].value !== truth.fields[k].value && !report.fields[k].needsReview,
    );
    expect(silent).toEqual([]);
    expect(report.pages.every((p) => p.source === 'ocr')).toBe(true);
  });

  it('returns the existing document for the same bytes instead of a second copy', async () => {
    await processed(`${YINCHUAN}.digital.pdf`);
    const again = await client.post('/api/documents').attach('file', pdf(`${YINCHUAN}.digital.pdf`), 'renamed.pdf');
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(
      await mongo.db(config.MONGODB_DB).collection('documents').countDocuments({ sha256: again.body.sha256 }),
    ).toBe(1);
  });

  it('refuses a file that is not a PDF with a clear 4xx, records nothing and queues nothing', async () => {
    const before = await mongo.db(config.MONGODB_DB).collection('documents').countDocuments();
    const res = await client.post('/api/documents').attach('file', Buffer.from('hello, not a pdf'), 'notes.pdf');
    expect(res.status).toBe(415);
    expect(res.body.error).toMatch(/not a PDF/);
    const broken = await client.post('/api/documents').attach('file', Buffer.from('%PDF-1.7\n garbage'), 'broken.pdf');
    expect(broken.status).toBe(422);
    expect(broken.body.error).toMatch(/cannot be read/);
    const none = await client.post('/api/documents').field('name', 'x');
    expect(none.status).toBe(400);
    expect(await mongo.db(config.MONGODB_DB).collection('documents').countDocuments()).toBe(before);
    expect(await queueDepth(config, queues.split)).toEqual({ ready: 0, dead: 0 });
  });

  it('changes nothing when every message of a finished document is delivered again, and keeps reviews', async () => {
    // Reviewed here: a copy of its own.
    const { id } = await processedCopy(`${YINCHUAN}.digital.pdf`, 'delivered again');
    const db = mongo.db(config.MONGODB_DB);
    const alice = await asNewUser(api, 'alice', ['reviewer']);
    const review = await alice
      .post(`/api/documents/${id}/fields/applications.newlyReceived.total/review`)
      .send({ raw: '9', comment: 'checked' });
    expect(review.status).toBe(200);
    const counts = async () => ({
      documents: await db.collection('documents').countDocuments(),
      pages: await db.collection('pages').countDocuments({ documentId: id }),
      pageTables: await db.collection('page_tables').countDocuments({ documentId: id }),
      reports: await db.collection('reports').countDocuments({ _id: id as never }),
      files: await db.collection('files.files').countDocuments({ 'metadata.documentId': id }),
    });
    const before = await counts();
    const reportBefore = (await client.get(`/api/documents/${id}/report`)).body as Report;
    const pages = reportBefore.source.pages;
    await upload.publisher.publish(envelope('upload.document.received', { documentId: id, pages }, `${id}:received`));
    for (let page = 1; page <= pages; page += 1) {
      await upload.publisher.publish(
        envelope('ocr.page.recognised', { documentId: id, page, failed: false }, `${id}:recognised:${page}`),
      );
    }
    await upload.publisher.publish(envelope('tables.document.extracted', { documentId: id }, `${id}:tables`));
    // Quiet: no handler busy, every queue empty, and still no handler busy (a handler publishes what follows
    // before it acks, so nothing can be on its way between the two readings).
    const idle = () => workers.every((w) => w.context.broker.handling === 0);
    await eventually(
      async () => {
        const depths = idle() && (await Promise.all(Object.values(queues).map((q) => queueDepth(config, q))));
        return depths && depths.every((d) => d.ready === 0) && idle() ? true : undefined;
      },
      60000,
      'every redelivered message to be handled',
    );
    expect(await counts()).toEqual(before);
    const reportAfter = (await client.get(`/api/documents/${id}/report`)).body as Report;
    expect(reportAfter.fields).toEqual(reportBefore.fields);
    expect(reportAfter.fields['applications.newlyReceived.total'].review?.by).toBe('alice');
    expect((await client.get(`/api/documents/${id}`)).body.status).toBe('done');
  });

  it('runs a failed document again on request, and refuses to retry one that is not failed', async () => {
    // Failed and read again here: a copy of its own, of the 7-page digital report (read again in seconds, not minutes).
    const { id } = await processedCopy(`${SHIZUISHAN}.digital.pdf`, 'retried');
    expect((await client.post(`/api/documents/${id}/retry`)).status).toBe(409);
    await mongo
      .db(config.MONGODB_DB)
      .collection('documents')
      .updateOne({ _id: id as never }, { $set: { status: 'failed', failure: 'broker away during assembly' } });
    const retried = await client.post(`/api/documents/${id}/retry`);
    expect(retried.status).toBe(202);
    // The OCR service may already have taken it up.
    expect(['queued', 'processing']).toContain(retried.body.status);
    expect(retried.body.progress.tables.done).toBeLessThan(7);
    expect(retried.body.failure).toBeUndefined();
    await eventually(
      async () => ((await client.get(`/api/documents/${id}`)).body.status === 'done' ? true : undefined),
      DONE_WAIT_MS,
      'the retried document to be done',
    );
    expect((await client.get(`/api/documents/${id}`)).body.progress.ocr.done).toBe(7);
  });

  it('answers status, listing and errors in words a person understands', async () => {
    await Promise.all([processed(`${YINCHUAN}.digital.pdf`), processed(`${SHIZUISHAN}.scan.pdf`)]);
    expect((await client.get('/api/documents/nope')).status).toBe(404);
    expect((await client.get('/api/documents?status=weird')).status).toBe(400);
    // Every document of the namespace: these two, and the copies other tests made if they ran first.
    const all = await mongo.db(config.MONGODB_DB).collection('documents').countDocuments();
    expect(all).toBeGreaterThanOrEqual(2);
    const page = await client.get('/api/documents?limit=1&offset=0');
    expect(page.body).toMatchObject({ total: all, limit: 1, offset: 0 });
    expect(page.body.items).toHaveLength(1);
    expect((await client.get('/readyz')).body).toEqual({ ok: true, database: true, broker: true });
    const bad = await client.post('/api/documents/nope/fields/x/review').send({ raw: 1 });
    expect(bad.status).toBe(400);
  });
});

describe('the searchable PDF', () => {
  const pdftotext = async (args: string[]) => (await run('pdftotext', [...args, '-'])).stdout;

  it('carries the text the report read, where it was read, and finds a phrase on its page', async () => {
    const { id, report } = await processed(`${SHIZUISHAN}.scan.pdf`);
    const res = await client.get(`/api/documents/${id}/pdf`).responseType('blob');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'docpipe-pdf-'));
    const file = path.join(dir, 'searchable.pdf');
    await writeFile(file, res.body as Buffer);
    const pages = (await mongo
      .db(config.MONGODB_DB)
      .collection('pages')
      .find({ documentId: id })
      .sort({ page: 1 })
      .toArray()) as unknown as PageRecognition[];
    // The layer carries what was written, in the order written (pdftotext -raw keeps it): prose lines, then cells.
    const written = pageTexts(pages, report)
      .flatMap((p) => p.runs.map((r) => r.text))
      .join('\n');
    const layer = await pdftotext(['-raw', file]);
    expect(characterErrorRate(layer, written)).toBeLessThan(0.005);
    // Against the truth (its prose and its cells, in the same order as written), the layer is as good as the report.
    const truth = loadTruth(SHIZUISHAN);
    const truthText = [truth.text, ...truth.tables.flatMap((t) => t.cells.map((c) => c.text))].join('\n');
    expect(characterErrorRate(layer, truthText)).toBeLessThanOrEqual(characterErrorRate(written, truthText) + 0.002);
    // Searching a sentence of the report finds its page, and only that page.
    const phrase = '依法保障公民、法人和其他组织获取政府信息的权利';
    const found: number[] = [];
    for (const p of pages) {
      if (
        comparable(await pdftotext(['-f', String(p.page), '-l', String(p.page), file])).includes(comparable(phrase))
      ) {
        found.push(p.page);
      }
    }
    const expected = pages
      .filter((p) => comparable(p.lines.map((l) => l.text).join('')).includes(comparable(phrase)))
      .map((p) => p.page);
    expect(expected).toHaveLength(1);
    expect(found).toEqual(expected);
    // Placed where it was read: the first line of that page starts within a few points of its box (skew moves it a little).
    const page = pages.find((p) => p.page === expected[0]) as PageRecognition;
    const line = page.lines[0];
    const boxes = await pdftotext(['-bbox', '-f', String(page.page), '-l', String(page.page), file]);
    const first = /<word xMin="([\d.]+)" yMin="([\d.]+)"/.exec(boxes.slice(boxes.indexOf('<page')));
    expect(first).not.toBeNull();
    expect(Math.abs(Number(first?.[1]) - line.bbox.x)).toBeLessThan(6);
    expect(Math.abs(Number(first?.[2]) - line.bbox.y)).toBeLessThan(6);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('metrics', () => {
  it('counts pages and documents, times each stage, reads queue depths and the OCR pool, and counts uploads', async () => {
    // The scan starts the OCR pool; the digital report needs none.
    await Promise.all([processed(`${YINCHUAN}.digital.pdf`), processed(`${SHIZUISHAN}.scan.pdf`)]);
    const [ocr, tables, normalisation] = await Promise.all(workers.map((w) => scrape(w.metricsPort)));
    const up = await scrape(upload.metricsPort);
    // Each worker counts the pages and documents its queues processed of the two uploads.
    const processedTotals = [
      { scraped: ocr, queue: queues.recognise.name, unit: 'page', atLeast: 6 },
      { scraped: ocr, queue: queues.split.name, unit: 'document', atLeast: 1 },
      { scraped: tables, queue: queues.extract.name, unit: 'page', atLeast: 6 },
      { scraped: normalisation, queue: queues.assemble.name, unit: 'document', atLeast: 1 },
    ];
    for (const { scraped, queue, unit, atLeast } of processedTotals) {
      expect(sample(scraped, 'docpipe_processed_total', { queue, unit })).toBeGreaterThanOrEqual(atLeast);
    }
    expect(sample(ocr, 'docpipe_handler_seconds_count', { queue: queues.recognise.name })).toBeGreaterThanOrEqual(6);
    expect(ocr).toMatch(new RegExp(`docpipe_queue_messages\\{[^}]*queue="${queues.recognise.name}"[^}]*kind="ready"`));
    expect(ocr).toMatch(/docpipe_ocr_workers\{[^}]*\} [1-9]/);
    expect(ocr).toMatch(/docpipe_ocr_busy_ratio\{/);
    expect(sample(up, 'docpipe_uploads_total', { outcome: 'accepted' })).toBeGreaterThanOrEqual(1);
    expect(
      sample(up, 'docpipe_http_requests_total', { method: 'POST', route: '/api/documents/', status: '201' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("answers a container health check on each worker's metrics port", async () => {
    for (const w of workers) {
      expect((await fetch(`http://127.0.0.1:${w.metricsPort}/healthz`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${w.metricsPort}/readyz`)).json()).toEqual({ ok: true });
    }
  });

  it('charts in the Grafana dashboard only metrics the services expose', async () => {
    // A series is exposed once something was counted in it: the two documents read first (the scan starts the OCR pool).
    await Promise.all([processed(`${YINCHUAN}.digital.pdf`), processed(`${SHIZUISHAN}.scan.pdf`)]);
    const dashboard = JSON.parse(readFileSync(path.join(__dirname, '../../deploy/grafana/docpipe.json'), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exposed = (
      await Promise.all([...workers.map((w) => scrape(w.metricsPort)), scrape(upload.metricsPort)])
    ).join('\n');
    const used = dashboard.panels.flatMap((p) =>
      p.targets.flatMap((t) => t.expr.match(/\b(docpipe|process)_[a-z_]+/g) ?? []),
    );
    expect(used.length).toBeGreaterThan(0);
    for (const name of new Set(used)) {
      expect({ name, exposed: exposed.includes(`${name}{`) || exposed.includes(`${name} `) }).toEqual({
        name,
        exposed: true,
      });
    }
  });
});
