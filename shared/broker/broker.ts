// RabbitMQ through amqplib: publisher confirms, manual acks, bounded prefetch, delayed retry and dead letters;
// a delivery interrupted by a dying worker counts as an attempt, so no message is redelivered forever, while one cut
// by the broker's going away does not (the worker notes it in `CutDeliveries` before it exits, with those it settled
// just before, whose ack the broker may have dropped: held-deliveries.ts).
// Only this module imports amqplib. A lost connection is fatal for the process (`onLost`): unacked messages
// go back to their queues and the restarted process takes them up, so nothing is lost.
import amqp from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { PermanentError, errorMessage } from '../errors/errors';
import type { Logger } from '../logging/logger';
import { Envelope, InvalidMessageError, parseEnvelope } from '../contracts/messages';
import { HeldDeliveries } from './held-deliveries';
import { QueueSpec, RetryPolicy, jittered, names, outageDelay, retryDelay, retryDelays } from './topology';

/** A handler for one queue; throwing retries (RetryableError or any Error) or dead-letters (PermanentError). */
export type MessageHandler = (message: Envelope) => Promise<void>;

export interface ConsumeOptions {
  prefetch: number;
  retry: RetryPolicy;
  /** Called once when a message is given up on (attempts spent or permanent error), before dead-lettering. */
  onGiveUp?: (message: Envelope, error: unknown) => Promise<void>;
  /** Whether a failure is transient, a dependency away or busy, which spends no attempt (see deliver). */
  isOutage?: (error: unknown) => boolean;
  /** Told how each delivery ended and how long its handler took (metrics). */
  observe?: (outcome: DeliveryOutcome, seconds: number, message?: Envelope) => void;
}

/** ok: handled and acked; retry: sent to wait for another attempt; outage: waiting for a dependency, no attempt
 * spent; dead: given up on and dead-lettered. */
export type DeliveryOutcome = 'ok' | 'retry' | 'outage' | 'dead';

/**
 * Where a worker notes the deliveries it held when the broker went away (restarted, or the network to it cut), and
 * those it settled just before (the broker may have dropped their ack), so that their redelivery spends no attempt:
 * to the broker that looks like a worker that died, which counts. Kept outside the broker (the database), as the
 * worker exits and another process takes the redelivery.
 */
export interface CutDeliveries {
  /** Notes deliveries by key (queue, message id, attempt). */
  record(keys: string[]): Promise<void>;
  /** Whether `key` was noted, forgetting it: a later death of the worker that takes it counts again. */
  take(key: string): Promise<boolean>;
}

// How long a worker that lost the broker tries to note its deliveries before it exits anyway (the database away
// too): they then count as attempts, as before.
const NOTE_CUT_TIMEOUT_MS = 5000;

const ATTEMPT_HEADER = 'x-docpipe-attempt';
// A transient failure (a dependency away) is no fault of the message: it waits and tries again without spending
// an attempt, with capped, jittered backoff, for the policy's outage budget from the first such failure, after
// which each failure counts again so that nothing waits forever. The headers carry when it began and how often
// the message has waited.
const OUTAGE_HEADER = 'x-docpipe-outage-since';
const WAITS_HEADER = 'x-docpipe-outage-waits';

export class Broker {
  private readonly consumers: { channel: Channel; tag: string }[] = [];
  /** Messages given up on whose give-up could not be recorded: on redelivery only the give-up is redone. */
  private readonly givingUp = new Set<string>();
  private closing = false;
  private connected = true;
  /** The deliveries being handled and those settled lately, by their key in CutDeliveries. */
  private readonly deliveries = new HeldDeliveries<ConsumeMessage>();
  private cutNoted?: Promise<void>;

  private constructor(
    private readonly connection: ChannelModel,
    private readonly publisher: ConfirmChannel,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly cuts?: CutDeliveries,
  ) {}

  /** Connects and opens the confirm channel used for every publish; `cuts`, if given, keeps a delivery cut by the
   * broker's going away from counting as an attempt. */
  static async connect(url: string, prefix: string, logger: Logger, cuts?: CutDeliveries): Promise<Broker> {
    const connection = await amqp.connect(url);
    const publisher = await connection.createConfirmChannel();
    const broker = new Broker(connection, publisher, prefix, logger, cuts);
    connection.on('close', () => {
      broker.connected = false;
      void broker.cutOnce();
    });
    // Without a listener an 'error' event would crash the process before 'close' is seen.
    connection.on('error', (error: unknown) => {
      logger.error({ err: errorMessage(error) }, 'broker connection error');
      void broker.cutOnce();
    });
    return broker;
  }

  /** Whether the connection is up (for readiness probes). */
  get ready(): boolean {
    return this.connected && !this.closing;
  }

  /** Calls `callback` once if the connection is lost while not closing on purpose, once the deliveries it cut are
   * noted (CutDeliveries). */
  onLost(callback: (error: unknown) => void): void {
    const lost = (error: unknown) => {
      if (!this.closing) {
        this.closing = true;
        void this.cutOnce().finally(() => callback(error ?? new Error('broker connection closed')));
      }
    };
    this.connection.on('error', lost);
    this.connection.on('close', lost);
  }

  /** Declares the exchanges and, for each queue, its bindings, delay queues (for the queue's own retry policy,
   * `retryOf`) and dead-letter queue. */
  async declare(specs: readonly QueueSpec[], retryOf: (spec: QueueSpec) => RetryPolicy): Promise<void> {
    const n = names(this.prefix);
    const ch = this.publisher;
    await ch.assertExchange(n.exchange, 'topic', { durable: true });
    await ch.assertExchange(n.deadExchange, 'direct', { durable: true });
    for (const spec of specs) {
      const queue = n.queue(spec);
      await ch.assertQueue(queue, { durable: true });
      for (const key of spec.bindings) {
        await ch.bindQueue(queue, n.exchange, key);
      }
      // A delay queue per backoff step: messages wait out the TTL, then dead-letter straight back to
      // their stage queue through the default exchange, so a retry reaches only the queue that failed.
      for (const ms of retryDelays(retryOf(spec))) {
        await ch.assertQueue(n.delayQueue(spec, ms), {
          durable: true,
          arguments: { 'x-message-ttl': ms, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
        });
      }
      await ch.assertQueue(n.deadQueue(spec), { durable: true });
      await ch.bindQueue(n.deadQueue(spec), n.deadExchange, queue);
    }
  }

  /** Publishes a persistent message and waits for the broker's confirm. */
  async publish(message: Envelope): Promise<void> {
    await this.send(names(this.prefix).exchange, message.type, Buffer.from(JSON.stringify(message)), {
      messageId: message.messageId,
    });
  }

  /** Consumes `spec`'s queue with manual acks; each message is acked only after its outcome is safe. Refuses a
   * retry policy whose delay queues were not declared (`declare`, with the same policy). */
  async consume(spec: QueueSpec, handler: MessageHandler, options: ConsumeOptions): Promise<void> {
    await this.checkDelayQueues(spec, options.retry);
    const channel = await this.connection.createChannel();
    await channel.prefetch(options.prefetch);
    const queue = names(this.prefix).queue(spec);
    const { consumerTag } = await channel.consume(queue, (msg) => {
      if (msg) {
        this.deliveries.hold(msg, deliveryKey(queue, msg));
        void this.deliver(spec, channel, msg, handler, options).finally(() => this.deliveries.settle(msg));
      }
    });
    this.consumers.push({ channel, tag: consumerTag });
  }

  /** Throws unless every delay queue `retry` can send `spec`'s messages to exists: a retry sent to a missing one would
   * be dropped by the broker (the default exchange routes it nowhere) and confirmed all the same. */
  private async checkDelayQueues(spec: QueueSpec, retry: RetryPolicy): Promise<void> {
    const n = names(this.prefix);
    const channel = await this.connection.createChannel();
    // A missing queue closes the channel with an error event, which unheard would crash the process.
    channel.on('error', () => undefined);
    try {
      for (const ms of retryDelays(retry)) {
        await channel.checkQueue(n.delayQueue(spec, ms)).catch(() => {
          throw new Error(
            `no delay queue ${n.delayQueue(spec, ms)}: ${spec.name} is consumed with a retry policy it was not declared with`,
          );
        });
      }
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Messages waiting in each queue and its dead-letter queue (for metrics), read on a channel of their own. */
  async depths(specs: readonly QueueSpec[]): Promise<{ queue: string; ready: number; dead: number }[]> {
    const n = names(this.prefix);
    const channel = await this.connection.createChannel();
    try {
      const out = [];
      for (const spec of specs) {
        out.push({
          queue: spec.name,
          ready: (await channel.checkQueue(n.queue(spec))).messageCount,
          dead: (await channel.checkQueue(n.deadQueue(spec))).messageCount,
        });
      }
      return out;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Messages being handled now (delivered, not yet acked or rejected). */
  get handling(): number {
    return this.deliveries.holding;
  }

  /** Stops consuming, waits up to `timeoutMs` for in-flight handlers, then closes the connection. */
  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    for (const { channel, tag } of this.consumers) {
      await channel.cancel(tag).catch(() => undefined);
    }
    const deadline = Date.now() + timeoutMs;
    while (this.deliveries.holding > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.connection.close().catch(() => undefined);
  }

  private async deliver(
    spec: QueueSpec,
    channel: Channel,
    msg: ConsumeMessage,
    handler: MessageHandler,
    options: ConsumeOptions,
  ) {
    const header: unknown = msg.properties.headers?.[ATTEMPT_HEADER];
    const attempt = Number(header ?? 1);
    const log = this.logger.child({ queue: spec.name, messageId: msg.properties.messageId as unknown, attempt });
    const started = process.hrtime.bigint();
    const observe = (outcome: DeliveryOutcome, message?: Envelope) =>
      options.observe?.(outcome, Number(process.hrtime.bigint() - started) / 1e9, message);
    let message: Envelope;
    try {
      message = parseEnvelope(msg.content);
    } catch (error) {
      log.error({ err: errorMessage(error) }, 'invalid message dead-lettered');
      await this.settle(channel, msg, () => this.deadLetter(spec, msg, error));
      observe('dead');
      return;
    }
    const context = log.child({ documentId: message.documentId, type: message.type });
    const id = msg.properties.messageId as string | undefined;
    if (id && this.givingUp.has(id)) {
      await this.giveUp(
        spec,
        channel,
        msg,
        message,
        new Error('given up before; recording it failed'),
        options,
        context,
      );
      return;
    }
    if (msg.fields.redelivered) {
      if (await this.wasCut(msg, names(this.prefix).queue(spec))) {
        context.info('redelivered after the broker went away: no attempt spent');
      } else {
        await this.redelivered(spec, channel, msg, message, attempt, options, context);
        return;
      }
    }
    try {
      await handler(message);
      channel.ack(msg);
      observe('ok', message);
    } catch (error) {
      if (!this.connected) {
        // The broker went away under it (its publish or ack failed with the connection): nothing can be settled on a
        // closed channel, and nothing need be: the broker gives the message back, noted as cut (CutDeliveries).
        context.warn(
          { err: errorMessage(error) },
          'broker connection lost while handling; the broker gives the message back',
        );
        return;
      }
      const permanent = error instanceof PermanentError || error instanceof InvalidMessageError;
      const transient = !permanent && (options.isOutage?.(error) ?? false);
      if (transient && options.retry.maxAttempts > 1) {
        const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
        const since = typeof headers[OUTAGE_HEADER] === 'number' ? headers[OUTAGE_HEADER] : Date.now();
        const waits = typeof headers[WAITS_HEADER] === 'number' ? headers[WAITS_HEADER] : 0;
        if (Date.now() - since < options.retry.outageBudgetMs) {
          const delay = outageDelay(options.retry, waits);
          const expiry = jittered(delay);
          context.warn(
            { err: errorMessage(error), delayMs: expiry, waits: waits + 1, outageMs: Date.now() - since },
            'a dependency is away; waiting without spending an attempt',
          );
          await this.settle(channel, msg, () => this.wait(spec, msg, { since, waits: waits + 1 }, delay, expiry));
          observe('outage', message);
          return;
        }
      }
      if (!permanent && attempt < options.retry.maxAttempts) {
        const delay = retryDelay(options.retry, attempt);
        context.warn({ err: errorMessage(error), delayMs: delay }, 'handler failed, retrying');
        // A transient failure past the budget keeps the outage's start: its next failure counts too.
        await this.settle(channel, msg, () => this.retry(spec, msg, attempt, delay, transient));
        observe('retry', message);
        return;
      }
      context.error({ err: errorMessage(error), permanent }, 'handler failed, giving up');
      await this.giveUp(spec, channel, msg, message, error, options, context);
      observe('dead', message);
    }
  }

  /** On the connection's loss while not closing on purpose, notes the deliveries held then (once). */
  private cutOnce(): Promise<void> {
    if (!this.cutNoted) {
      this.cutNoted = this.closing ? Promise.resolve() : this.noteCut();
    }
    return this.cutNoted;
  }

  /** Notes the deliveries held now, and those settled just before (their ack perhaps dropped), as cut by the broker's
   * going away, within NOTE_CUT_TIMEOUT_MS. */
  private async noteCut(): Promise<void> {
    const keys = this.deliveries.cut();
    if (!this.cuts || keys.length === 0) {
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), NOTE_CUT_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.cuts.record(keys), late]);
      this.logger.warn(
        { deliveries: keys.length },
        'deliveries cut by the broker noted: their redelivery spends no attempt',
      );
    } catch (error) {
      this.logger.error(
        { err: errorMessage(error), deliveries: keys.length },
        'could not note the deliveries cut by the broker: they count as attempts',
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether this redelivery's last delivery was cut by the broker's going away (noted by its worker). */
  private async wasCut(msg: ConsumeMessage, queue: string): Promise<boolean> {
    if (!this.cuts) {
      return false;
    }
    try {
      return await this.cuts.take(deliveryKey(queue, msg));
    } catch (error) {
      // Not known: it counts, as a worker's death would.
      this.logger.warn({ err: errorMessage(error) }, 'could not look up whether a redelivery was cut by the broker');
      return false;
    }
  }

  /**
   * A message back from the broker whose last delivery ended with no outcome: its worker was killed, ran out
   * of memory or lost the connection while handling it. That delivery counts as a failed attempt, so a page
   * that kills every worker that reads it ends in the dead-letter queue after `maxAttempts`, not redelivered
   * forever; it waits out the backoff delay like any retry, which also spaces out a crash loop.
   */
  private async redelivered(
    spec: QueueSpec,
    channel: Channel,
    msg: ConsumeMessage,
    message: Envelope,
    attempt: number,
    options: ConsumeOptions,
    log: Logger,
  ) {
    const error = new Error(
      `its handler ended without an outcome ${attempt} time(s): the worker stopped while handling it`,
    );
    if (attempt >= options.retry.maxAttempts) {
      log.error({ err: error.message }, 'redelivered after its last attempt, giving up');
      await this.giveUp(spec, channel, msg, message, error, options, log);
      return;
    }
    const delay = retryDelay(options.retry, attempt);
    log.warn({ err: error.message, delayMs: delay }, 'redelivered: the interrupted delivery counts as an attempt');
    await this.settle(channel, msg, () => this.retry(spec, msg, attempt, delay));
  }

  /**
   * Records the failure (onGiveUp) and dead-letters the message. If that fails (the database away), the
   * message goes back to its queue only after the longest retry delay, and its handler is not run again when
   * it returns: only the give-up is retried. Requeued at once, a failing give-up re-ran a whole page's OCR
   * in a tight loop.
   */
  private async giveUp(
    spec: QueueSpec,
    channel: Channel,
    msg: ConsumeMessage,
    message: Envelope,
    error: unknown,
    options: ConsumeOptions,
    log: Logger,
  ) {
    const id = msg.properties.messageId as string | undefined;
    try {
      await options.onGiveUp?.(message, error);
      await this.deadLetter(spec, msg, error);
      channel.ack(msg);
      if (id) {
        this.givingUp.delete(id);
      }
    } catch (failure) {
      log.error(
        { err: errorMessage(failure), delayMs: options.retry.maxMs },
        'could not give up on message, requeueing it later',
      );
      if (id) {
        this.givingUp.add(id);
      }
      const timer = setTimeout(() => {
        try {
          channel.nack(msg, false, true);
        } catch {
          // The channel closed meanwhile: the broker returns unacked messages to the queue by itself.
        }
      }, options.retry.maxMs);
      timer.unref();
    }
  }

  /** Runs `step` then acks; if the step fails the message is requeued so nothing is lost. */
  private async settle(channel: Channel, msg: ConsumeMessage, step: () => Promise<void>) {
    try {
      await step();
      channel.ack(msg);
    } catch (error) {
      this.logger.error({ err: errorMessage(error) }, 'could not settle message, requeueing');
      try {
        channel.nack(msg, false, true);
      } catch {
        // The channel closed meanwhile (the service stopping, the broker away): the broker returns unacked
        // messages to the queue by itself. Thrown here, it was an unhandled error in a stopping service.
      }
    }
  }

  /** An attempt spent; unless the outage goes on past its budget (`outageGoesOn`), it is over and forgotten. Its wait
   * jittered, as an outage's (RabbitMQ expires a message only at its queue's head, so a burst of failures comes back
   * in a few clumps rather than all at once). */
  private retry(spec: QueueSpec, msg: ConsumeMessage, attempt: number, delayMs: number, outageGoesOn = false) {
    const {
      [OUTAGE_HEADER]: since,
      [WAITS_HEADER]: waits,
      ...rest
    } = (msg.properties.headers ?? {}) as Record<string, unknown>;
    const outage = outageGoesOn && since !== undefined ? { [OUTAGE_HEADER]: since, [WAITS_HEADER]: waits ?? 0 } : {};
    return this.delay(spec, msg, { ...rest, ...outage, [ATTEMPT_HEADER]: attempt + 1 }, delayMs, jittered(delayMs));
  }

  /** Back to the queue after `expiryMs` (in the delay queue of `delayMs`) with the same attempt number, remembering
   * when the outage began and how often it has waited. */
  private wait(
    spec: QueueSpec,
    msg: ConsumeMessage,
    outage: { since: number; waits: number },
    delayMs: number,
    expiryMs: number,
  ) {
    return this.delay(
      spec,
      msg,
      { ...msg.properties.headers, [OUTAGE_HEADER]: outage.since, [WAITS_HEADER]: outage.waits },
      delayMs,
      expiryMs,
    );
  }

  /** The message, with `headers`, through the delay queue that returns it to its queue after `delayMs` (or its own
   * `expiryMs`, if sooner). */
  private delay(
    spec: QueueSpec,
    msg: ConsumeMessage,
    headers: Record<string, unknown>,
    delayMs: number,
    expiryMs?: number,
  ) {
    // Not the expiry of an earlier wait: this wait has its own, or none.
    const { expiration, ...properties } = msg.properties as amqp.Options.Publish;
    void expiration;
    return this.send('', names(this.prefix).delayQueue(spec, delayMs), msg.content, {
      ...properties,
      headers,
      ...(expiryMs === undefined ? {} : { expiration: String(expiryMs) }),
    });
  }

  private deadLetter(spec: QueueSpec, msg: ConsumeMessage, error: unknown) {
    const headers = { ...msg.properties.headers, 'x-docpipe-error': errorMessage(error).slice(0, 1000) };
    return this.send(names(this.prefix).deadExchange, names(this.prefix).queue(spec), msg.content, {
      ...msg.properties,
      headers,
    });
  }

  private send(exchange: string, routingKey: string, content: Buffer, properties: amqp.Options.Publish) {
    return new Promise<void>((resolve, reject) => {
      this.publisher.publish(
        exchange,
        routingKey,
        content,
        {
          ...properties,
          persistent: true,
          contentType: 'application/json',
        },
        (error: unknown) =>
          error ? reject(error instanceof Error ? error : new Error(errorMessage(error))) : resolve(),
      );
    });
  }
}

/** A delivery's key in CutDeliveries: its queue, message id and attempt, the same when it is redelivered. */
function deliveryKey(queue: string, msg: ConsumeMessage): string {
  return `${queue}|${String(msg.properties.messageId)}|${Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 1)}`;
}
