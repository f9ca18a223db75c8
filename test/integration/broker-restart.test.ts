// A real broker restart (a RabbitMQ node of the test's own, stop_app then start_app) while a worker holds a
// message: the worker notes the delivery as cut by the broker before it goes, and the redelivery spends no attempt
// (before, each restart spent one, as a worker's death does); so does one whose ack the broker dropped as it went (the
// worker settled it just before it read the broker's close). A worker that could not note it (its database away
// too) still counts it.
import { Broker, CutDeliveries } from '../../shared/broker/broker';
import { queues } from '../../shared/broker/topology';
import { retryPolicy } from '../../shared/config/config';
import { envelope } from '../../shared/contracts/messages';
import { RetryableError } from '../../shared/errors/errors';
import { createLogger } from '../../shared/logging/logger';
import { connectDatabase, Database } from '../../shared/store/database';
import { cutDeliveries } from '../../shared/store/cut-deliveries.repository';
import { dropNamespace, purgeDeadLetters, queueDepth } from '../../harness/namespace';
import { eventually, testConfig } from '../support/namespace';
import { PrivateRabbitMq, privateRabbitMq } from '../support/private-rabbitmq';

let rabbit: PrivateRabbitMq;
let database: Database;
// Two attempts: one restart counted as an attempt and one failure of the message's own spend them all.
let config = testConfig({ MAX_ATTEMPTS: 2 });

beforeAll(async () => {
  rabbit = await privateRabbitMq();
  config = { ...config, AMQP_URL: rabbit.url };
  database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
}, 180000);

afterAll(async () => {
  await dropNamespace(config).catch(() => undefined);
  await database?.client.close();
  await rabbit?.close();
}, 120000);

interface Worker {
  broker: Broker;
  /** Resolves once the worker has lost the broker (and noted what it held). */
  lost: Promise<void>;
}

/** A worker consuming the assembly queue with `handle`, noting cut deliveries in `cuts` (none: it cannot). */
async function worker(handle: () => Promise<void>, givenUp: string[], cuts?: CutDeliveries): Promise<Worker> {
  const broker = await Broker.connect(config.AMQP_URL, config.QUEUE_PREFIX, createLogger('test', 'silent'), cuts);
  const lost = new Promise<void>((resolve) => broker.onLost(() => resolve()));
  await broker.declare(Object.values(queues), (spec) => retryPolicy(config, spec));
  await broker.consume(queues.assemble, handle, {
    prefetch: 1,
    retry: retryPolicy(config, queues.assemble),
    onGiveUp: async (m) => {
      givenUp.push(m.messageId);
    },
  });
  return { broker, lost };
}

const forever = () => new Promise<void>(() => undefined);

/** A handler that calls `count` on every delivery and fails (retryably) on the first only. */
function failingOnce(count: () => void): () => Promise<void> {
  let failed = false;
  return async () => {
    count();
    if (!failed) {
      failed = true;
      throw new RetryableError("the message's own failure, once");
    }
  };
}

/** Restarts the broker under `held`, which holds a message: it loses its connection and exits. */
async function restartUnder(held: Worker): Promise<void> {
  await rabbit.stopApp();
  await held.lost;
  await rabbit.startApp();
}

it('spends no attempt on a delivery cut by a broker restart, however many restarts', async () => {
  let calls = 0;
  const givenUp: string[] = [];
  const holds = async () => {
    calls += 1;
    await forever();
  };
  const first = await worker(holds, givenUp, cutDeliveries(database));
  await first.broker.publish(envelope('tables.document.extracted', { documentId: 'd' }, 'held-through-restarts'));
  await eventually(async () => (calls === 1 ? true : undefined), 20000, 'the first delivery');
  await restartUnder(first);
  const second = await worker(holds, givenUp, cutDeliveries(database));
  await eventually(async () => (calls === 2 ? true : undefined), 20000, 'the delivery after the first restart');
  await restartUnder(second);
  // Two restarts would have spent both attempts; this one fails on its own and still has its second.
  const third = await worker(
    failingOnce(() => (calls += 1)),
    givenUp,
    cutDeliveries(database),
  );
  await eventually(async () => (calls === 4 ? true : undefined), 20000, 'the message handled after its own failure');
  await eventually(async () => (third.broker.handling === 0 ? true : undefined), 5000, 'the ack');
  expect(givenUp).toEqual([]);
  expect(await queueDepth(config, queues.assemble)).toEqual({ ready: 0, dead: 0 });
  expect(await database.cutDeliveries.countDocuments()).toBe(0);
  await third.broker.close(1000);
}, 300000);

it('spends no attempt on a delivery whose ack the broker dropped as it went away', async () => {
  let calls = 0;
  const givenUp: string[] = [];
  let published: Promise<void> = Promise.resolve();
  const first = await worker(
    async () => {
      calls += 1;
      // Handled, then frozen while the broker goes: the ack is written after the broker closed the connection, before
      // the worker reads that close (a worker starved of CPU), and the broker gives the message back as if cut.
      await published;
      rabbit.stopAppFrozen();
    },
    givenUp,
    cutDeliveries(database),
  );
  published = first.broker.publish(envelope('tables.document.extracted', { documentId: 'd' }, 'ack-dropped'));
  await published;
  await first.lost;
  await rabbit.startApp();
  // Had the dropped ack counted as attempt 1, the message's own failure on attempt 2 would be its last.
  const second = await worker(
    failingOnce(() => (calls += 1)),
    givenUp,
    cutDeliveries(database),
  );
  try {
    await eventually(
      async () => (calls === 3 || givenUp.length > 0 ? true : undefined),
      20000,
      'the message handled after its own failure, or given up',
    );
    expect(givenUp).toEqual([]);
    await eventually(async () => (second.broker.handling === 0 ? true : undefined), 5000, 'the ack');
    expect(await queueDepth(config, queues.assemble)).toEqual({ ready: 0, dead: 0 });
    expect(await database.cutDeliveries.countDocuments()).toBe(0);
  } finally {
    // Left consuming, it would take the next test's message.
    await second.broker.close(1000);
  }
}, 300000);

it('still counts the delivery when the worker could not note it', async () => {
  let calls = 0;
  const givenUp: string[] = [];
  const first = await worker(async () => {
    calls += 1;
    await forever();
  }, givenUp);
  await first.broker.publish(envelope('tables.document.extracted', { documentId: 'd' }, 'not-noted'));
  await eventually(async () => (calls === 1 ? true : undefined), 20000, 'the first delivery');
  await restartUnder(first);
  // The restart counted as attempt 1: the message's own failure on attempt 2 is its last.
  const second = await worker(
    async () => {
      calls += 1;
      throw new RetryableError("the message's own failure");
    },
    givenUp,
    cutDeliveries(database),
  );
  await eventually(async () => (givenUp.length === 1 ? true : undefined), 20000, 'the give-up');
  expect(calls).toBe(2);
  expect(givenUp).toEqual(['not-noted']);
  await eventually(
    async () => ((await queueDepth(config, queues.assemble)).dead === 1 ? true : undefined),
    5000,
    'the dead letter',
  );
  await second.broker.close(1000);
  // The file's tests share the dead-letter queue: the others, in whatever order they run, expect it empty.
  await purgeDeadLetters(config, queues.assemble);
}, 300000);
