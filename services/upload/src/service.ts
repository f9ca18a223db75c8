// Wires the upload service: database, broker (topology declared, so nothing published is dropped before
// the workers start), the HTTP server and the sweep that re-announces documents stuck before the pipeline.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Broker } from '../../../shared/broker/broker';
import { queues } from '../../../shared/broker/topology';
import { Config, loadConfig } from '../../../shared/config/config';
import { errorMessage } from '../../../shared/errors/errors';
import { createLogger } from '../../../shared/logging/logger';
import { retryPolicy } from '../../../shared/runtime/worker';
import { connectDatabase } from '../../../shared/store/database';
import { createApp } from './app';
import { requeueStalled } from './requeue-sweep';

// Documents queued this long with no OCR progress are announced again.
const SWEEP_EVERY_MS = 60_000;
const STALLED_AFTER_MS = 120_000;

export interface RunningUpload {
  port: number;
  broker: Broker;
  stop(): Promise<void>;
}

export async function startUploadService(config: Config = loadConfig()): Promise<RunningUpload> {
  const logger = createLogger('upload', config.LOG_LEVEL);
  const database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  const broker = await Broker.connect(config.AMQP_URL, config.QUEUE_PREFIX, logger);
  await broker.declare(Object.values(queues), retryPolicy(config));
  const publish = (m: Parameters<Broker['publish']>[0]) => broker.publish(m);
  const app = createApp({ database, publish, brokerReady: () => broker.ready, logger, maxUploadBytes: config.MAX_UPLOAD_MB * 1024 * 1024,
    limits: { maxPages: config.MAX_PAGES, maxPageInches: config.MAX_PAGE_INCHES, uploadsPerMinute: config.UPLOADS_PER_MINUTE } });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.HTTP_PORT, () => resolve(s));
  });
  const sweep = setInterval(() => {
    requeueStalled(database, publish, STALLED_AFTER_MS)
      .then((n) => n > 0 && logger.warn({ count: n }, 're-announced stalled documents'))
      .catch((error: unknown) => logger.error({ err: errorMessage(error) }, 'sweep failed'));
  }, SWEEP_EVERY_MS);
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'upload service listening');
  return {
    port,
    broker,
    async stop() {
      clearInterval(sweep);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await broker.close(config.SHUTDOWN_TIMEOUT_MS);
      await database.client.close();
    },
  };
}
