// The whole RabbitMQ topology in one place: stage queues, their delay (retry) queues and dead-letter queues.
import type { MessageType } from '../contracts/messages';

/** A stage queue: what it is bound to; its delay and dead-letter queues are derived from its name. */
export interface QueueSpec {
  name: string;
  bindings: readonly MessageType[];
}

/** Every consumer queue of the pipeline, in stage order. */
export const queues = {
  split: { name: 'ocr:document:split', bindings: ['upload.document.received'] },
  recognise: { name: 'ocr:page:recognise', bindings: ['ocr.page.requested'] },
  extract: { name: 'tables:page:extract', bindings: ['ocr.page.recognised'] },
  assemble: { name: 'normalisation:document:assemble', bindings: ['tables.document.extracted'] },
} as const satisfies Record<string, QueueSpec>;

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
  /** How long a message waits for a dependency that is away (transient failures) before its failures count. */
  outageBudgetMs: number;
}

/** Delay before attempt `attempt + 1`, after `attempt` failures: capped exponential backoff. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
}

/** Delay before trying again after `waits` waits for a dependency that is away: doubling from the base, capped. */
export function outageDelay(policy: RetryPolicy, waits: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** waits);
}

/** The distinct delays a policy can ask for (retries and outage waits), one delay queue each. */
export function retryDelays(policy: RetryPolicy): number[] {
  const delays = new Set<number>();
  for (let attempt = 1; attempt < policy.maxAttempts; attempt += 1) {
    delays.add(retryDelay(policy, attempt));
  }
  for (let waits = 0; outageDelay(policy, waits) < policy.maxMs; waits += 1) {
    delays.add(outageDelay(policy, waits));
  }
  delays.add(policy.maxMs);
  return [...delays].sort((a, b) => a - b);
}

/** `delayMs` less up to a fifth, at random, as a message's own expiry in the delay queue of `delayMs`: messages that
 * waited out an outage, queued apart, do not come back in step. (RabbitMQ expires a message only at the head of its
 * queue: a burst queued at once comes back with its first.) Only less: the queue's TTL is the most a message waits
 * there. */
export function jittered(delayMs: number, random: () => number = Math.random): number {
  return Math.round(delayMs * (0.8 + 0.2 * random()));
}

/** Names derived from the prefix, so tests can run in their own namespace on a shared broker. */
export function names(prefix: string) {
  return {
    exchange: prefix,
    deadExchange: `${prefix}.dead`,
    queue: (spec: QueueSpec) => `${prefix}:${spec.name}`,
    delayQueue: (spec: QueueSpec, ms: number) => `${prefix}:${spec.name}.retry.${ms}ms`,
    deadQueue: (spec: QueueSpec) => `${prefix}:${spec.name}.dead`,
  };
}
