// The whole RabbitMQ topology in one place: stage queues with their retry defaults, their delay (retry) queues and
// dead-letter queues.
import type { MessageType } from '../contracts/messages';

/** The stages of the pipeline, one queue each. */
export type Stage = 'split' | 'recognise' | 'extract' | 'assemble';

/** A stage queue: what it is bound to and its retry defaults; its delay and dead-letter queues are derived from its
 * name. */
export interface QueueSpec {
  stage: Stage;
  name: string;
  bindings: readonly MessageType[];
  /** The stage's retry policy unless the environment sets it (`retryPolicy` in shared/config/config.ts). */
  retry: Omit<RetryPolicy, 'outageBudgetMs'>;
}

// Every stage backs off alike, doubling from 1 s to 30 s (the values of the one policy before there was one per
// stage): past a message's own failures what waits is mostly an outage, a dependency away, which lasts as long
// whichever stage meets it. The attempts differ, by what a failure at the stage usually is and what giving up costs.
const backoff = { baseMs: 1000, maxMs: 30_000 };

/** Every consumer queue of the pipeline, in stage order, with its retry defaults. */
export const queues = {
  // Splitting reads no page (it publishes a message per page and marks the document), so an attempt is cheap and
  // idempotent; what fails here besides an outage is the database or the broker failing in a way not known as one,
  // which passes with time; and giving up fails the whole document. So 5, one more than the single policy had.
  split: {
    stage: 'split',
    name: 'ocr:document:split',
    bindings: ['upload.document.received'],
    retry: { maxAttempts: 5, ...backoff },
  },
  // Reading a page (a 300 dpi render and Tesseract) costs seconds of a core, and for the same page it fails the same
  // way: a page that throws throws again, one that runs its worker out of memory does so again. Giving up costs
  // that page only (stored as failed, the document goes on; a retry of the document reads it afresh). 3: the second
  // attempt is for a worker killed while holding it for another reason (a sibling page's crash, with OCR_WORKERS
  // pages in flight), the third for one more such; more would only re-run the same failure.
  recognise: {
    stage: 'recognise',
    name: 'ocr:page:recognise',
    bindings: ['ocr.page.requested'],
    retry: { maxAttempts: 3, ...backoff },
  },
  // Reading a page's tables runs Tesseract over each cell: costly and deterministic as OCR is, and giving up costs
  // that page's tables only (stored with none and the reason). 3, as for OCR.
  extract: {
    stage: 'extract',
    name: 'tables:page:extract',
    bindings: ['ocr.page.recognised'],
    retry: { maxAttempts: 3, ...backoff },
  },
  // Assembling is a pure function of the stored records and one upsert, cheap to repeat; what fails is the database
  // or the report's lease (reviews write it too), which pass with time, and giving up fails the whole document
  // after every page was read. So 5, as for splitting.
  assemble: {
    stage: 'assemble',
    name: 'normalisation:document:assemble',
    bindings: ['tables.document.extracted'],
    retry: { maxAttempts: 5, ...backoff },
  },
} as const satisfies { [S in Stage]: QueueSpec & { stage: S } };

/** How a queue's consumer retries a failed message. */
export interface RetryPolicy {
  /** Attempts (the first delivery included) before a message is dead-lettered. */
  maxAttempts: number;
  /** The first backoff delay; each next one doubles, up to `maxMs`. */
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
