// The frame every queue-consuming service runs in: config, logger, database, broker and topology up; the
// service's consumers wired; SIGTERM/SIGINT drain in-flight work and close everything. main.ts only calls it.
import os from 'node:os';
import { loadConfig, Config, retryPolicy } from '../config/config';
import { Broker } from '../broker/broker';
import { QueueSpec, queues } from '../broker/topology';
import type { Envelope, MessageType } from '../contracts/messages';
import { PermanentError, errorMessage } from '../errors/errors';
import { Logger, createLogger } from '../logging/logger';
import { Database, connectDatabase, pingDatabase } from '../store/database';
import { cutDeliveries } from '../store/cut-deliveries.repository';
import { onStopSignals } from './stop-signals';
import { transientOf } from './transient';
import { Metrics, createMetrics } from './metrics';

/** One queue's handler; `onGiveUp` records the failure when a message is dead-lettered. */
export interface Consumer<T extends MessageType = MessageType> {
  spec: QueueSpec;
  type: T;
  handle: (message: Envelope<T>) => Promise<void>;
  onGiveUp?: (message: Envelope<T>, error: unknown) => Promise<void>;
  prefetch?: number;
}

type AnyConsumer = Consumer<MessageType>;

/** Declares a consumer with its message type checked against its handler, then erases the type for the list. */
export function consumer<T extends MessageType>(definition: Consumer<T>): AnyConsumer {
  return definition as unknown as AnyConsumer;
}

export interface WorkerContext {
  config: Config;
  logger: Logger;
  database: Database;
  broker: Broker;
  metrics: Metrics;
}

export interface RunningWorker {
  context: WorkerContext;
  /** Where /metrics is served, when METRICS_PORT is set. */
  metricsPort?: number;
  stop(): Promise<void>;
}

export type WorkerSetup = (
  context: WorkerContext,
) => Promise<{ consumers: AnyConsumer[]; close?: () => Promise<void> }>;

/** Connects, declares the topology and starts consuming; refuses to start with two handlers for a queue. */
export async function startWorker(
  name: string,
  setup: WorkerSetup,
  config: Config = loadConfig(),
): Promise<RunningWorker> {
  const logger = createLogger(name, config.LOG_LEVEL);
  // Before any worker thread starts (Tesseract's): on Linux a thread's niceness is its own, and new threads inherit it.
  // Only ever lowered: raising it back needs privileges.
  if (config.WORKER_NICE > os.getPriority()) {
    os.setPriority(config.WORKER_NICE);
  }
  const database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  // A delivery cut by the broker's going away is noted in the database, so that its redelivery spends no attempt.
  const broker = await Broker.connect(config.AMQP_URL, config.QUEUE_PREFIX, logger, cutDeliveries(database));
  await broker.declare(Object.values(queues), (spec) => retryPolicy(config, spec));
  const metrics = createMetrics(name);
  const context = { config, logger, database, broker, metrics };
  const { consumers, close } = await setup(context);
  const names = consumers.map((c) => c.spec.name);
  if (new Set(names).size !== names.length) {
    throw new Error(`two handlers for one queue in ${names.join(', ')}`);
  }
  for (const c of consumers) {
    await broker.consume(
      c.spec,
      async (message) => {
        if (message.type !== c.type) {
          throw new PermanentError(`queue ${c.spec.name} does not take ${message.type}`);
        }
        await c.handle(message);
      },
      {
        prefetch: c.prefetch ?? config.PREFETCH,
        retry: retryPolicy(config, c.spec),
        onGiveUp: c.onGiveUp,
        isOutage: (error) => transientOf(error) !== undefined,
        observe: (outcome, seconds, message) => metrics.observeDelivery(c.spec.name, outcome, seconds, message),
      },
    );
  }
  metrics.watchQueues(() => broker.depths(consumers.map((c) => c.spec)));
  // Ready while the broker is connected and the database answers: what a container's health check asks.
  const ready = async () => broker.ready && (await pingDatabase(database));
  const served = config.METRICS_PORT === undefined ? undefined : await metrics.serve(config.METRICS_PORT, ready);
  logger.info({ queues: names, metricsPort: served?.port }, 'worker started');
  return {
    context,
    metricsPort: served?.port,
    async stop() {
      await served?.close();
      await broker.close(config.SHUTDOWN_TIMEOUT_MS);
      await close?.();
      await database.client.close();
      logger.info('worker stopped');
    },
  };
}

/** For main.ts: start, drain and exit 0 on SIGTERM/SIGINT (stop-signals.ts), exit non-zero if the broker connection is lost. */
export async function runUntilSignalled(start: () => Promise<RunningWorker>): Promise<void> {
  const worker = await start();
  const { logger, broker } = worker.context;
  broker.onLost((error) => {
    // Unacked messages return to their queues; the supervisor restarts us and nothing is lost. Called once the
    // deliveries held were noted as cut, which spends no attempt on their redelivery.
    logger.fatal({ err: errorMessage(error) }, 'broker connection lost, exiting');
    process.exit(1);
  });
  onStopSignals(
    logger,
    (signal) => {
      logger.info({ signal }, 'shutting down');
      worker.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: errorMessage(error) }, 'unclean shutdown');
          process.exit(1);
        },
      );
    },
    () => process.exit(1),
  );
}
