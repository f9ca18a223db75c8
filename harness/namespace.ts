// A namespace on the broker and database (a prefix on its queues and exchanges, a database of its own) as tests and
// benchmarks make them: its queues' depths, and dropping it all when done.
import amqp from 'amqplib';
import { MongoClient } from 'mongodb';
import { Config, retryPolicy } from '../shared/config/config';
import { queues, names, retryDelays } from '../shared/broker/topology';

/** Deletes the namespace's queues (each delay queue its retry policy under `config` declares) and exchanges, and drops
 * its database. */
export async function dropNamespace(config: Config): Promise<void> {
  const connection = await amqp.connect(config.AMQP_URL);
  const channel = await connection.createChannel();
  const n = names(config.QUEUE_PREFIX);
  for (const spec of Object.values(queues)) {
    await channel.deleteQueue(n.queue(spec));
    await channel.deleteQueue(n.deadQueue(spec));
    for (const ms of retryDelays(retryPolicy(config, spec))) {
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

/** Empties a namespace queue's dead-letter queue: a test that dead-letters leaves the next one a clean queue. */
export async function purgeDeadLetters(config: Config, spec: (typeof queues)[keyof typeof queues]): Promise<void> {
  const connection = await amqp.connect(config.AMQP_URL);
  const channel = await connection.createChannel();
  await channel.purgeQueue(names(config.QUEUE_PREFIX).deadQueue(spec));
  await connection.close();
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
