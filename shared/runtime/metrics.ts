// Prometheus metrics (prom-client), one registry per process, served at /metrics: messages by queue and outcome
// (retries and dead letters among them), handler latency per stage, pages and documents processed, queue depths
// read from the broker at scrape time, and how busy the Tesseract pool is. deploy/grafana/docpipe.json charts them.
import { ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeliveryOutcome } from '../broker/broker';
import type { Envelope } from '../contracts/messages';

export interface Metrics {
  registry: Registry;
  /** A delivery's outcome and handling time on `queue`. */
  observeDelivery(queue: string, outcome: DeliveryOutcome, seconds: number, message?: Envelope): void;
  /** Reads queue depths at each scrape. */
  watchQueues(read: () => Promise<{ queue: string; ready: number; dead: number }[]>): void;
  /** Reads the OCR pool's load at each scrape. */
  watchOcr(load: () => { workers: number; jobs: number; busy: number }): void;
  /** An HTTP response of the upload service: its method, route pattern (never the ids in it) and status. */
  observeRequest(method: string, route: string, status: number): void;
  /** An upload's outcome: accepted (new), duplicate (same bytes as before). */
  observeUpload(outcome: 'accepted' | 'duplicate'): void;
  /** What an orphan sweep removed: GridFS chunks and file entries without an owner. */
  observeOrphans(removed: { chunks: number; files: number }): void;
  /** Serves /metrics on `port` (0: any free port), and /healthz and /readyz when `ready` is given (workers have no
   * other HTTP port for a container's health check); resolves with the port. */
  serve(port: number, ready?: () => Promise<boolean>): Promise<{ port: number; close(): Promise<void> }>;
}

// Seconds: a cell's digits take tens of milliseconds, a 400 dpi page's OCR up to a minute or two on one core.
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const messages = new Counter({
    name: 'docpipe_messages_total',
    help: 'Deliveries by queue and outcome (ok, retry, outage, dead)',
    labelNames: ['queue', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'docpipe_handler_seconds',
    help: 'Time from delivery to outcome, by queue',
    labelNames: ['queue'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const processed = new Counter({
    name: 'docpipe_processed_total',
    help: 'Pages and documents a stage finished, by queue and unit (page, document)',
    labelNames: ['queue', 'unit'],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'docpipe_http_requests_total',
    help: 'HTTP responses by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const uploads = new Counter({
    name: 'docpipe_uploads_total',
    help: 'Uploads by outcome (accepted, duplicate)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const orphans = new Counter({
    name: 'docpipe_orphans_removed_total',
    help: 'GridFS chunks and file entries without an owner removed by the sweep, by kind (chunk, file)',
    labelNames: ['kind'],
    registers: [registry],
  });
  let readDepths: (() => Promise<{ queue: string; ready: number; dead: number }[]>) | undefined;
  new Gauge({
    name: 'docpipe_queue_messages',
    help: 'Messages waiting, by queue and kind (ready, dead)',
    labelNames: ['queue', 'kind'],
    registers: [registry],
    async collect() {
      for (const d of (await readDepths?.().catch(() => [])) ?? []) {
        this.set({ queue: d.queue, kind: 'ready' }, d.ready);
        this.set({ queue: d.queue, kind: 'dead' }, d.dead);
      }
    },
  });
  let ocrLoad: (() => { workers: number; jobs: number; busy: number }) | undefined;
  new Gauge({
    name: 'docpipe_ocr_workers',
    help: 'Tesseract workers started in this process',
    registers: [registry],
    collect() {
      this.set(ocrLoad?.().workers ?? 0);
    },
  });
  new Gauge({
    name: 'docpipe_ocr_busy_ratio',
    help: 'Share of the Tesseract workers busy at scrape time (average it over time for the busy share)',
    registers: [registry],
    collect() {
      const load = ocrLoad?.() ?? { workers: 0, jobs: 0, busy: 0 };
      this.set(load.workers === 0 ? 0 : load.busy / load.workers);
    },
  });
  return {
    registry,
    observeDelivery(queue, outcome, seconds, message) {
      messages.inc({ queue, outcome });
      latency.observe({ queue }, seconds);
      if (outcome === 'ok' && message) {
        processed.inc({ queue, unit: 'page' in message.payload ? 'page' : 'document' });
      }
    },
    watchQueues(read) {
      readDepths = read;
    },
    watchOcr(load) {
      ocrLoad = load;
    },
    observeRequest(method, route, status) {
      requests.inc({ method, route, status: String(status) });
    },
    observeUpload(outcome) {
      uploads.inc({ outcome });
    },
    observeOrphans(removed) {
      orphans.inc({ kind: 'chunk' }, removed.chunks);
      orphans.inc({ kind: 'file' }, removed.files);
    },
    async serve(port, ready) {
      const json = (res: ServerResponse, status: number, body: object) =>
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      const server = createServer((req, res) => {
        if (req.url === '/metrics') {
          registry.metrics().then(
            (text) => {
              res.writeHead(200, { 'Content-Type': registry.contentType }).end(text);
            },
            (error: unknown) => json(res, 500, { error: String(error) }),
          );
        } else if (req.url === '/healthz' && ready) {
          json(res, 200, { ok: true });
        } else if (req.url === '/readyz' && ready) {
          ready().then(
            (ok) => json(res, ok ? 200 : 503, { ok }),
            () => json(res, 503, { ok: false }),
          );
        } else {
          json(res, 404, { error: `served here: /metrics${ready ? ', /healthz, /readyz' : ''}` });
        }
      });
      // A port already taken is a start-up error with its reason, not an unhandled event.
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return {
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
  };
}
