// Each integration test gets its own namespace on the real broker and database: a uuid in the queue prefix
// and the database name. Cleanup deletes both.
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { MongoClient } from 'mongodb';
import { Config, loadConfig } from '../../shared/config/config';
import { queues, names, retryDelays } from '../../shared/broker/topology';
import { retryPolicy } from '../../shared/runtime/worker';
import { TEST_ADMIN } from './auth';

export function testConfig(overrides: Partial<Config> = {}): Config {
  const id = randomUUID().slice(0, 8);
  return {
    ...loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...TEST_ADMIN }),
    QUEUE_PREFIX: `test-${id}`,
    MONGODB_DB: `test_${id}`,
    HTTP_PORT: 0,
    RETRY_BASE_MS: 50,
    RETRY_MAX_MS: 200,
    // Workers started in the test's own process would renice it.
    WORKER_NICE: 0,
    ...overrides,
  };
}

/** Deletes the namespace's queues and exchanges and drops its database. */
export async function dropNamespace(config: Config): Promise<void> {
  const connection = await amqp.connect(config.AMQP_URL);
  const channel = await connection.createChannel();
  const n = names(config.QUEUE_PREFIX);
  for (const spec of Object.values(queues)) {
    await channel.deleteQueue(n.queue(spec));
    await channel.deleteQueue(n.deadQueue(spec));
    for (const ms of retryDelays(retryPolicy(config))) {
      await channel.deleteQueue(n.delayQueue(spec, ms));
    }
  }
  await channel.deleteExchange(n.exchange);
  await channel.deleteExchange(n.deadExchange);
  await connection.close();
  const client = await MongoClient.connect(config.MONGODB_URL);
  await client.db(config.MONGODB_DB).dropDatabase();
  await client.close();
}

/** Message counts of a namespace's queue and its dead-letter queue. */
export async function queueDepth(
  config: Config,
  spec: (typeof queues)[keyof typeof queues],
): Promise<{ ready: number; dead: number }> {
  const connection = await amqp.connect(config.AMQP_URL);
  const channel = await connection.createChannel();
  const n = names(config.QUEUE_PREFIX);
  const ready = (await channel.checkQueue(n.queue(spec))).messageCount;
  const dead = (await channel.checkQueue(n.deadQueue(spec))).messageCount;
  await connection.close();
  return { ready, dead };
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
