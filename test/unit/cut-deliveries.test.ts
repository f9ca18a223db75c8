// How the broker counts a redelivery, on a fake amqplib connection: a delivery settled just before the connection's
// loss is noted as cut (the broker may have dropped its ack, and gives the message back as if its worker had died),
// so its redelivery spends no attempt; a redelivery nobody noted counts, as a worker's death does.
import { EventEmitter } from 'node:events';
import amqp from 'amqplib';
import type { ChannelModel, ConsumeMessage } from 'amqplib';
import { Broker, CutDeliveries } from '../../shared/broker/broker';
import { queues } from '../../shared/broker/topology';
import { envelope } from '../../shared/contracts/messages';
import { memoryLogger } from '../support/memory-logger';

jest.mock('amqplib', () => ({ __esModule: true, default: { connect: jest.fn() } }));
const connect = jest.mocked(amqp.connect);

const PREFIX = 'unit';
const retry = { maxAttempts: 3, baseMs: 1000, maxMs: 30_000, outageBudgetMs: 60_000 };

/** One channel for consuming, publishing and checking queues: what the broker sent and settled on it. */
class FakeChannel extends EventEmitter {
  readonly acked: ConsumeMessage[] = [];
  readonly sent: string[] = [];
  deliver?: (msg: ConsumeMessage | null) => void;
  prefetch = async () => undefined;
  checkQueue = async () => ({ messageCount: 0 });
  close = async () => undefined;
  cancel = async () => undefined;
  consume = async (_queue: string, onMessage: (msg: ConsumeMessage | null) => void) => {
    this.deliver = onMessage;
    return { consumerTag: 'tag' };
  };
  ack = (msg: ConsumeMessage) => {
    this.acked.push(msg);
  };
  nack = () => undefined;
  publish = (_exchange: string, routingKey: string, _content: Buffer, _options: unknown, confirm: () => void) => {
    this.sent.push(routingKey);
    confirm();
    return true;
  };
}

class FakeConnection extends EventEmitter {
  readonly channel = new FakeChannel();
  createChannel = async () => this.channel;
  createConfirmChannel = async () => this.channel;
  close = async () => undefined;
}

/** A worker's broker on a fake connection, consuming the assembly queue with a handler that passes. */
async function worker(cuts: CutDeliveries) {
  const connection = new FakeConnection();
  connect.mockResolvedValueOnce(connection as unknown as ChannelModel);
  const { logger, lines } = memoryLogger();
  const broker = await Broker.connect('amqp://fake', PREFIX, logger, cuts);
  const handled: string[] = [];
  await broker.consume(
    queues.assemble,
    async (message) => {
      handled.push(message.messageId);
    },
    { prefetch: 1, retry },
  );
  const lost = new Promise<void>((resolve) => broker.onLost(() => resolve()));
  return { connection, channel: connection.channel, broker, handled, lost, said: () => lines.map((l) => l.msg) };
}

function delivery(redelivered: boolean): ConsumeMessage {
  const message = envelope('tables.document.extracted', { documentId: 'd' }, 'm1');
  return {
    content: Buffer.from(JSON.stringify(message)),
    fields: { deliveryTag: 1, redelivered, exchange: PREFIX, routingKey: message.type, consumerTag: 'tag' },
    properties: { messageId: 'm1', headers: {} },
  } as unknown as ConsumeMessage;
}

/** Cut deliveries kept in memory, as the database keeps them. */
function memoryCuts(): CutDeliveries & { noted: Set<string> } {
  const noted = new Set<string>();
  return {
    noted,
    record: async (keys) => keys.forEach((k) => noted.add(k)),
    take: async (key) => noted.delete(key),
  };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('a redelivery after the broker went away', () => {
  it('spends no attempt when the worker had acked it just before it saw the connection lost', async () => {
    const cuts = memoryCuts();
    const first = await worker(cuts);
    first.channel.deliver?.(delivery(false));
    await settled();
    expect(first.channel.acked).toHaveLength(1);
    // The broker closed the connection before it read that ack: the worker sees the close only now.
    first.connection.emit('close');
    await first.lost;
    expect([...cuts.noted]).toEqual([`${PREFIX}:${queues.assemble.name}|m1|1`]);

    const second = await worker(cuts);
    second.channel.deliver?.(delivery(true));
    await settled();
    expect(second.handled).toEqual(['m1']);
    expect(second.said()).toContain('redelivered after the broker went away: no attempt spent');
    expect(second.channel.sent).toEqual([]);
    expect(cuts.noted.size).toBe(0);
  });

  it('counts as an attempt when nobody noted its delivery cut (its worker died)', async () => {
    const second = await worker(memoryCuts());
    second.channel.deliver?.(delivery(true));
    await settled();
    expect(second.handled).toEqual([]);
    expect(second.said()).toContain('redelivered: the interrupted delivery counts as an attempt');
    expect(second.channel.sent).toEqual([`${PREFIX}:${queues.assemble.name}.retry.1000ms`]);
  });
});
