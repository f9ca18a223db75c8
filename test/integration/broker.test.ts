// The broker against the real RabbitMQ: confirms, retry with backoff, dead-lettering, invalid payloads. Each test
// declares its own namespace (queues counted by a test are its own), so that none depends on another's messages.
import amqp from 'amqplib';
import { Broker } from '../../shared/broker/broker';
import { names, queues, retryDelays } from '../../shared/broker/topology';
import type { Config } from '../../shared/config/config';
import { Envelope, envelope } from '../../shared/contracts/messages';
import { PermanentError, RetryableError, TransientError } from '../../shared/errors/errors';
import { createLogger } from '../../shared/logging/logger';
import { retryPolicy } from '../../shared/config/config';
import { dropNamespace, queueDepth } from '../../harness/namespace';
import { eventually, testConfig } from '../support/namespace';

// Every stage's attempts set to 3 by the variable for every stage (MAX_ATTEMPTS).
const MAX_ATTEMPTS = 3;
const spec = queues.recognise;
const opened: { config: Config; broker: Broker }[] = [];

/** A namespace of the test's own (MAX_ATTEMPTS attempts unless told), a broker connected to it, its topology
 * declared. */
async function ownNamespace(overrides: Partial<Config> = {}): Promise<{ config: Config; broker: Broker }> {
  const config = testConfig({ MAX_ATTEMPTS, ...overrides });
  const broker = await Broker.connect(config.AMQP_URL, config.QUEUE_PREFIX, createLogger('test', 'silent'));
  opened.push({ config, broker });
  await broker.declare(Object.values(queues), (s) => retryPolicy(config, s));
  return { config, broker };
}

afterEach(async () => {
  for (const { config, broker } of opened.splice(0)) {
    await broker.close(1000);
    await dropNamespace(config);
  }
});

describe('Broker', () => {
  /** A namespace whose recognise queue is consumed by a handler that fails by page: 2 always (retryable),
   * 3 at once (permanent), 4 on the first try only; what it saw and what it gave up on. */
  async function recognising() {
    const { config, broker } = await ownNamespace();
    const seen: { id: string; attempt: number }[] = [];
    const givenUp: string[] = [];
    await broker.consume(
      spec,
      async (message: Envelope) => {
        const { page } = message.payload as { page: number };
        seen.push({ id: message.messageId, attempt: seen.filter((s) => s.id === message.messageId).length + 1 });
        if (page === 2) {
          throw new RetryableError('database away');
        }
        if (page === 3) {
          throw new PermanentError('corrupt page');
        }
        if (page === 4 && seen.filter((s) => s.id === message.messageId).length < 2) {
          throw new RetryableError('timeout, passes on the second try');
        }
      },
      {
        prefetch: 2,
        retry: retryPolicy(config, spec),
        onGiveUp: async (m) => {
          givenUp.push(m.messageId);
        },
      },
    );
    return { config, broker, seen, givenUp };
  }

  it('delivers a published message to its handler once, and acks it', async () => {
    const { config, broker, seen } = await recognising();
    await broker.publish(envelope('ocr.page.requested', { documentId: 'd', page: 1 }, 'ok'));
    await eventually(async () => (seen.some((s) => s.id === 'ok') ? true : undefined), 5000, 'delivery');
    // Acked once no handler is busy: an acked message is never delivered again.
    await eventually(async () => (broker.handling === 0 ? true : undefined), 5000, 'the ack');
    expect(seen.filter((s) => s.id === 'ok')).toHaveLength(1);
    expect(await queueDepth(config, spec)).toEqual({ ready: 0, dead: 0 });
  });

  it('retries a retryable failure until it passes', async () => {
    const { broker, seen, givenUp } = await recognising();
    await broker.publish(envelope('ocr.page.requested', { documentId: 'd', page: 4 }, 'flaky'));
    await eventually(async () => (seen.filter((s) => s.id === 'flaky').length === 2 ? true : undefined), 5000, 'retry');
    expect(givenUp).not.toContain('flaky');
  });

  it('gives up after the last attempt: onGiveUp runs, the message is dead-lettered', async () => {
    const { config, broker, seen, givenUp } = await recognising();
    await broker.publish(envelope('ocr.page.requested', { documentId: 'd', page: 2 }, 'down'));
    await eventually(async () => (givenUp.includes('down') ? true : undefined), 10000, 'give up');
    expect(seen.filter((s) => s.id === 'down')).toHaveLength(3);
    await eventually(async () => ((await queueDepth(config, spec)).dead === 1 ? true : undefined), 5000, 'dead letter');
  });

  it('dead-letters a permanent error at once, without retrying', async () => {
    const { broker, seen, givenUp } = await recognising();
    await broker.publish(envelope('ocr.page.requested', { documentId: 'd', page: 3 }, 'corrupt'));
    await eventually(async () => (givenUp.includes('corrupt') ? true : undefined), 5000, 'give up');
    expect(seen.filter((s) => s.id === 'corrupt')).toHaveLength(1);
  });

  it('dead-letters an invalid payload without calling the handler', async () => {
    const { config, seen, givenUp } = await recognising();
    const before = seen.length;
    const deadBefore = (await queueDepth(config, spec)).dead;
    const connection = await amqp.connect(config.AMQP_URL);
    const channel = await connection.createConfirmChannel();
    const bad = {
      type: 'ocr.page.requested',
      version: 1,
      messageId: 'bad',
      documentId: 'd',
      payload: { documentId: 'd', page: -1 },
    };
    channel.publish(names(config.QUEUE_PREFIX).exchange, 'ocr.page.requested', Buffer.from(JSON.stringify(bad)), {
      persistent: true,
    });
    await channel.waitForConfirms();
    await connection.close();
    await eventually(
      async () => ((await queueDepth(config, spec)).dead === deadBefore + 1 ? true : undefined),
      5000,
      'invalid message dead-lettered',
    );
    expect(seen.length).toBe(before);
    expect(givenUp).not.toContain('bad');
  });
});

describe('Broker, retrying', () => {
  it('sends each retry to its delay queue with an expiry of its own, at most a fifth under the delay', async () => {
    // Retries 8 s apart, so the messages are still in the delay queue when the test looks, however loaded the machine.
    const delayMs = 8000;
    const own = await ownNamespace({ RETRY_BASE_MS: delayMs, RETRY_MAX_MS: delayMs });
    await own.broker.consume(
      queues.split,
      async () => {
        throw new RetryableError('fails, to be retried');
      },
      { prefetch: 4, retry: retryPolicy(own.config, queues.split) },
    );
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    for (const id of ids) {
      await own.broker.publish(envelope('upload.document.received', { documentId: id, pages: 1 }, id));
    }
    const connection = await amqp.connect(own.config.AMQP_URL);
    const channel = await connection.createChannel();
    const delayQueue = names(own.config.QUEUE_PREFIX).delayQueue(queues.split, delayMs);
    const expiryOf = new Map<string, number>();
    await eventually(
      async () => {
        const got = await channel.get(delayQueue, { noAck: true });
        if (got) {
          expiryOf.set(String(got.properties.messageId), Number(got.properties.expiration));
        }
        return expiryOf.size === ids.length ? true : undefined;
      },
      delayMs * 0.75,
      'every retry in the delay queue',
    );
    await connection.close();
    const expiries = [...expiryOf.values()];
    expiries.forEach((expiry) => expect(expiry).toBeGreaterThanOrEqual(0.8 * delayMs));
    expiries.forEach((expiry) => expect(expiry).toBeLessThanOrEqual(delayMs));
    // Not all in step (six equal draws would be a broken random).
    expect(new Set(expiries).size).toBeGreaterThan(1);
  });
});

describe('Broker, when giving up fails', () => {
  it('retries only the give-up, after a delay, never the handler again', async () => {
    const { config, broker } = await ownNamespace();
    let handled = 0;
    let giveUps = 0;
    await broker.consume(
      queues.extract,
      async () => {
        handled += 1;
        throw new RetryableError('always fails');
      },
      {
        prefetch: 1,
        retry: retryPolicy(config, queues.extract),
        onGiveUp: async () => {
          giveUps += 1;
          if (giveUps < 3) {
            throw new Error('database away while recording the failure');
          }
        },
      },
    );
    await broker.publish(envelope('ocr.page.recognised', { documentId: 'd', page: 1, failed: false }, 'give-up-fails'));
    await eventually(
      async () => ((await queueDepth(config, queues.extract)).dead === 1 ? true : undefined),
      15000,
      'dead letter after the give-up passed',
    );
    expect(giveUps).toBe(3);
    expect(handled).toBe(MAX_ATTEMPTS);
  });
});

/** Consumes the split queue of `own` with `handler`, whose errors `isOutage` tells outages; the ids given up on. */
async function consumeSplit(
  own: { config: Config; broker: Broker },
  handler: () => Promise<void>,
  isOutage: (e: unknown) => boolean,
): Promise<string[]> {
  const givenUp: string[] = [];
  await own.broker.consume(queues.split, handler, {
    prefetch: 1,
    retry: retryPolicy(own.config, queues.split),
    isOutage,
    onGiveUp: async (m) => {
      givenUp.push(m.messageId);
    },
  });
  return givenUp;
}

describe('Broker, while the database is away', () => {
  it('tries again without spending attempts, however many more times than the attempts allow', async () => {
    const { config, broker } = await ownNamespace();
    class Unreachable extends Error {}
    let handled = 0;
    const givenUp = await consumeSplit(
      { config, broker },
      async () => {
        handled += 1;
        if (handled <= MAX_ATTEMPTS * 2) {
          throw new Unreachable('server selection timed out');
        }
      },
      (e) => e instanceof Unreachable,
    );
    await broker.publish(envelope('upload.document.received', { documentId: 'd', pages: 1 }, 'database-away'));
    await eventually(
      async () => (handled === MAX_ATTEMPTS * 2 + 1 ? true : undefined),
      20000,
      'the handler to pass once the outage is over',
    );
    expect(givenUp).toEqual([]);
    expect(await queueDepth(config, queues.split)).toEqual({ ready: 0, dead: 0 });
  });
});

describe('Broker, while a dependency stays away past the outage budget', () => {
  it('waits with growing delays, spends no attempt until the budget is spent, then counts and gives up', async () => {
    const { config: budget, broker: own } = await ownNamespace({ OUTAGE_BUDGET_MS: 1500 });
    const calls: number[] = [];
    const givenUp = await consumeSplit(
      { config: budget, broker: own },
      async () => {
        calls.push(Date.now());
        throw new TransientError('the database is not reachable', 'database');
      },
      (e) => e instanceof TransientError,
    );
    await own.publish(envelope('upload.document.received', { documentId: 'd', pages: 1 }, 'away-for-good'));
    await eventually(
      async () => ((await queueDepth(budget, queues.split)).dead === 1 ? true : undefined),
      20000,
      'the dead letter',
    );
    expect(givenUp).toEqual(['away-for-good']);
    // The broker starts the outage's clock when it catches the first failure, a moment after the handler was called
    // (a millisecond, more under load): a call within CLOCK_SLACK_MS of the budget's end may fall either side, so it
    // is counted on neither. The waits there are 40-200 ms, so two calls at most are left out.
    const CLOCK_SLACK_MS = 50;
    const budgetEnd = calls[0] + budget.OUTAGE_BUDGET_MS;
    const waited = calls.filter((t) => t < budgetEnd);
    const spent = calls.filter((t) => t >= budgetEnd + CLOCK_SLACK_MS);
    // Many more tries than attempts while within the budget; the attempts counted only after it.
    expect(waited.length).toBeGreaterThan(MAX_ATTEMPTS);
    expect(spent.length).toBeGreaterThan(0);
    expect(spent.length).toBeLessThanOrEqual(MAX_ATTEMPTS);
    // Each wait at least four fifths of its step (50, 100, 200 ms, then 200 ms: RETRY_BASE_MS doubling to RETRY_MAX_MS).
    const gaps = waited.slice(1).map((t, i) => t - waited[i]);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(0.8 * Math.min(200, 50 * 2 ** i) - 5));
  });
});

describe('Broker, when the worker dies while handling a message', () => {
  it('counts each interrupted delivery as an attempt, and dead-letters the message after the last', async () => {
    const { config, broker } = await ownNamespace();
    const handled: number[] = [];
    const givenUp: string[] = [];
    // Each "worker" is its own connection; closing it with the message unacked is what a SIGKILL does as the
    // broker sees it: the message goes back to the queue, marked redelivered.
    for (let worker = 1; worker <= MAX_ATTEMPTS + 1; worker += 1) {
      const victim = await Broker.connect(config.AMQP_URL, config.QUEUE_PREFIX, createLogger('test', 'silent'));
      let started = false;
      await victim.consume(
        queues.assemble,
        async () => {
          started = true;
          handled.push(worker);
          await new Promise(() => undefined);
        },
        {
          prefetch: 1,
          retry: retryPolicy(config, queues.assemble),
          onGiveUp: async (m, error) => {
            givenUp.push(`${m.messageId}: ${String(error)}`);
          },
        },
      );
      if (worker === 1) {
        await broker.publish(envelope('tables.document.extracted', { documentId: 'd' }, 'kills-its-worker'));
      }
      const outcome = await eventually(
        async () => (started ? 'handled' : givenUp.length > 0 ? 'given up' : undefined),
        10000,
        `delivery to worker ${worker}`,
      );
      if (outcome === 'given up') {
        await eventually(
          async () => ((await queueDepth(config, queues.assemble)).dead === 1 ? true : undefined),
          5000,
          'dead letter',
        );
        await victim.close(1000);
        break;
      }
      await victim.close(0);
    }
    expect(handled).toHaveLength(MAX_ATTEMPTS);
    expect(givenUp).toEqual([expect.stringContaining('the worker stopped while handling it')]);
    expect(await queueDepth(config, queues.assemble)).toEqual({ ready: 0, dead: 1 });
  });
});

describe('Broker, with a retry policy per queue', () => {
  // The assembly queue's backoff capped higher than the others' (RETRY_MAX_MS 200 in tests): a delay queue of its own.
  const own = testConfig({ ASSEMBLE_RETRY_MAX_MS: 400 });
  afterAll(async () => {
    // Dropped by the test already unless it failed before.
    await dropNamespace(own).catch(() => undefined);
  });

  const exists = async (queue: string) => {
    const connection = await amqp.connect(own.AMQP_URL);
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    const found = await channel.checkQueue(queue).then(
      () => true,
      () => false,
    );
    await connection.close();
    return found;
  };

  it("declares each queue's delay queues from its own policy, and dropping the namespace deletes them all", async () => {
    const declaring = await Broker.connect(own.AMQP_URL, own.QUEUE_PREFIX, createLogger('test', 'silent'));
    await declaring.declare(Object.values(queues), (s) => retryPolicy(own, s));
    await declaring.close(0);
    const n = names(own.QUEUE_PREFIX);
    expect(await exists(n.delayQueue(queues.assemble, 400))).toBe(true);
    expect(await exists(n.delayQueue(queues.split, 400))).toBe(false);
    const declared = Object.values(queues).flatMap((s) =>
      retryDelays(retryPolicy(own, s)).map((ms) => n.delayQueue(s, ms)),
    );
    expect(declared).toContain(n.delayQueue(queues.assemble, 400));
    for (const queue of declared) {
      expect(await exists(queue)).toBe(true);
    }
    await dropNamespace(own);
    for (const queue of declared) {
      expect(await exists(queue)).toBe(false);
    }
  });

  it('refuses to consume with a policy whose delay queues were not declared, whose retries would be dropped', async () => {
    const { config, broker } = await ownNamespace();
    const undeclared = { ...retryPolicy(config, queues.assemble), maxMs: 300 };
    await expect(
      broker.consume(queues.assemble, async () => undefined, { prefetch: 1, retry: undeclared }),
    ).rejects.toThrow(/no delay queue .*retry\.300ms/);
    // The connection survives the refusal.
    expect(broker.ready).toBe(true);
    expect(await broker.depths([queues.assemble])).toHaveLength(1);
  });
});
