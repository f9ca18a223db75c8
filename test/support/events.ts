// A downstream system's view of the pipeline: its own queue bound to the public events on the pipeline's
// exchange, as the README's example consumer does.
import amqp from 'amqplib';
import type { Config } from '../../shared/config/config';
import { names } from '../../shared/broker/topology';

export interface EventTap {
  events: { routingKey: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function tapEvents(config: Config, bindings: string[]): Promise<EventTap> {
  const connection = await amqp.connect(config.AMQP_URL);
  const channel = await connection.createChannel();
  const exchange = names(config.QUEUE_PREFIX).exchange;
  await channel.assertExchange(exchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  for (const key of bindings) {
    await channel.bindQueue(queue, exchange, key);
  }
  const events: EventTap['events'] = [];
  await channel.consume(queue, (msg) => {
    if (msg) {
      events.push({
        routingKey: msg.fields.routingKey,
        body: JSON.parse(msg.content.toString('utf8')) as Record<string, unknown>,
      });
      channel.ack(msg);
    }
  });
  return { events, close: () => connection.close() };
}
