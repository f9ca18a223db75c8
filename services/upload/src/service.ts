// Wires the upload service: database, a publisher that reconnects (topology declared on each connection, so
// nothing published is dropped before the workers start), the HTTP server, which stays up while the broker is
// away, and the sweep that announces documents stuck before the pipeline (at once after a reconnection).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Broker } from '../../../shared/broker/broker';
import { Publisher, keepConnected } from '../../../shared/broker/publisher';
import { queues } from '../../../shared/broker/topology';
import { Config, loadConfig, retryPolicy } from '../../../shared/config/config';
import { errorMessage } from '../../../shared/errors/errors';
import { Logger, createLogger } from '../../../shared/logging/logger';
import { connectDatabase } from '../../../shared/store/database';
import { markAnnounced } from '../../../shared/store/documents.repository';
import { removeOrphanFiles } from '../../../shared/store/orphan-files';
import type { AnnounceDeps } from './announce';
import { createApp } from './app';
import { createMetrics } from '../../../shared/runtime/metrics';
import { ensureFirstAdmin } from './auth/first-admin';
import { backfillQueue } from './use-cases/review-queue';
import { SweepGrace, requeueStalled } from './requeue-sweep';

const SWEEP_EVERY_MS = 60_000;
// A request finds the database gone within 3 s and is answered 503 (the driver's default wait is 30 s, the
// workers' 10 s): a person or a script is waiting, and a restart that takes longer is better told than hidden.
const API_SERVER_SELECTION_MS = 3_000;
// Announced documents with no OCR progress for two minutes (a page's OCR takes seconds; the OCR service away
// longer than that) are announced again. Never-announced ones (the broker refused the upload's announcement)
// are due after 10 s, long past an upload's own announcement; after a reconnection at once.
const GRACE: SweepGrace = { announcedMs: 120_000, neverAnnouncedMs: 10_000 };
// Orphaned GridFS files are rare (a write cut half-way and never tried again): an hourly look is enough, and the
// look reads every file entry. A write streams from memory or a local temporary file and takes seconds; ten
// minutes after it began, a write without its entry is dead.
const ORPHAN_SWEEP_EVERY_MS = 3_600_000;
const ORPHAN_GRACE_MS = 600_000;

export interface RunningUpload {
  port: number;
  /** Where /metrics is served, when METRICS_PORT is set. */
  metricsPort?: number;
  publisher: Publisher;
  logger: Logger;
  stop(): Promise<void>;
}

export async function startUploadService(config: Config = loadConfig()): Promise<RunningUpload> {
  const logger = createLogger('upload', config.LOG_LEVEL);
  const database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB, API_SERVER_SELECTION_MS);
  const publisher = await keepConnected(async () => {
    const broker = await Broker.connect(config.AMQP_URL, config.QUEUE_PREFIX, logger);
    await broker.declare(Object.values(queues), (spec) => retryPolicy(config, spec));
    return broker;
  }, logger);
  const announcing: AnnounceDeps = {
    publish: (m) => publisher.publish(m),
    markAnnounced: (id) => markAnnounced(database, id),
    logger,
  };
  await backfillQueue(database, logger);
  await ensureFirstAdmin(
    database,
    { username: config.DOCPIPE_ADMIN_USER, password: config.DOCPIPE_ADMIN_PASSWORD },
    logger,
  );
  const metrics = createMetrics('upload');
  const stopping = new AbortController();
  const served = config.METRICS_PORT === undefined ? undefined : await metrics.serve(config.METRICS_PORT);
  const app = createApp({
    database,
    announcing,
    brokerReady: () => publisher.ready,
    logger,
    metrics,
    stopping: stopping.signal,
    maxUploadBytes: config.MAX_UPLOAD_MB * 1024 * 1024,
    limits: {
      maxPages: config.MAX_PAGES,
      maxPageInches: config.MAX_PAGE_INCHES,
      uploadsPerMinute: config.UPLOADS_PER_MINUTE,
    },
    auth: {
      sessionHours: config.SESSION_HOURS,
      cookieSecure: config.COOKIE_SECURE,
      loginFailuresPer15Min: config.LOGIN_FAILURES_PER_15_MIN,
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.HTTP_PORT, () => resolve(s));
  });
  const sweep = (grace: SweepGrace) => {
    requeueStalled(database, announcing, grace)
      .then((n) => n > 0 && logger.info({ count: n }, 'announced queued documents'))
      .catch((error: unknown) => logger.error({ err: errorMessage(error) }, 'sweep failed'));
  };
  const timer = setInterval(() => publisher.ready && sweep(GRACE), SWEEP_EVERY_MS);
  const orphanTimer = setInterval(() => {
    removeOrphanFiles(database, ORPHAN_GRACE_MS)
      .then((removed) => {
        metrics.observeOrphans(removed);
        if (removed.chunks + removed.files > 0) {
          logger.info(removed, 'removed orphaned files');
        }
      })
      .catch((error: unknown) => logger.error({ err: errorMessage(error) }, 'orphan sweep failed'));
  }, ORPHAN_SWEEP_EVERY_MS);
  publisher.onReconnected(() => sweep({ ...GRACE, neverAnnouncedMs: 0 }));
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, metricsPort: served?.port }, 'upload service listening');
  return {
    port,
    metricsPort: served?.port,
    publisher,
    logger,
    async stop() {
      clearInterval(timer);
      clearInterval(orphanTimer);
      stopping.abort();
      await served?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await publisher.close(config.SHUTDOWN_TIMEOUT_MS);
      await database.client.close();
    },
  };
}
