// The environment, parsed once at boot with defaults a newcomer can run with; nothing else reads process.env.
import os from 'node:os';
import { z } from 'zod';
import type { QueueSpec, RetryPolicy, Stage } from '../broker/topology';

const attempts = z.coerce.number().int().min(1);
const delayMs = z.coerce.number().int().min(10);

const schema = z.object({
  AMQP_URL: z.string().default('amqp://guest:guest@127.0.0.1:5672'),
  MONGODB_URL: z.string().default('mongodb://127.0.0.1:27017'),
  MONGODB_DB: z.string().default('docpipe'),
  /** Prefix for exchanges and queues, so several pipelines (or test runs) share one broker. */
  QUEUE_PREFIX: z.string().default('docpipe'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Largest accepted upload, in megabytes. */
  MAX_UPLOAD_MB: z.coerce.number().positive().default(200),
  /** Most pages a document may have: annual reports run to 10-40; 500 leaves room for bound volumes. */
  MAX_PAGES: z.coerce.number().int().positive().default(500),
  /** Uploads one user (or one API key) may make per minute: 600 lets an archivist's batch of hundreds through at
   * once while a runaway script is stopped with 429. */
  UPLOADS_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** The first admin, created at start-up if no user of that name exists; nobody can log in until one is set. */
  DOCPIPE_ADMIN_USER: z.string().optional(),
  DOCPIPE_ADMIN_PASSWORD: z.string().optional(),
  /** How long a login lasts: a working day. */
  SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Send the session cookie over HTTPS only; set true wherever the service is behind TLS. */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Failed logins per username in 15 minutes before 429: a person mistyping needs a few; a guesser gets ~1000 a day. */
  LOGIN_FAILURES_PER_15_MIN: z.coerce.number().int().positive().default(10),
  /** Longest page side, inches: A0 is 46.8 in; a larger page would render to hundreds of megapixels. */
  MAX_PAGE_INCHES: z.coerce.number().positive().default(50),
  /** Tesseract workers per OCR or table process; one per core keeps both cores busy. */
  OCR_WORKERS: z.coerce.number().int().min(1).default(Math.max(1, os.availableParallelism())),
  /** The niceness of the queue workers (OCR, tables, normalisation; 0-19, 0 leaves it): background work gives way to
   * the upload service and the database on a shared machine, so an upload is answered while OCR runs. */
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** Render resolution for OCR: 300 DPI is what Tesseract is trained around. */
  OCR_DPI: z.coerce.number().int().min(100).max(600).default(300),
  /** Messages in flight per consumer; 1 for OCR keeps a slow page from starving other workers. */
  PREFETCH: z.coerce.number().int().min(1).default(1),
  // Retries: each stage's queue has its own policy (defaults and their reasons with the queues, in
  // shared/broker/topology.ts). Each value comes from the stage's own variable, else the one for every stage, else
  // the stage's default (retryPolicy below): unset, every stage keeps its default.
  /** Attempts (the first included) before a message is dead-lettered, for every stage without its own. */
  MAX_ATTEMPTS: attempts.optional(),
  /** Retry backoff for every stage without its own: doubles from the base, capped (outage waits too). */
  RETRY_BASE_MS: delayMs.optional(),
  RETRY_MAX_MS: delayMs.optional(),
  /** One stage's own, over the above: SPLIT, RECOGNISE, EXTRACT, ASSEMBLE (the `queues` of topology.ts). */
  SPLIT_MAX_ATTEMPTS: attempts.optional(),
  SPLIT_RETRY_BASE_MS: delayMs.optional(),
  SPLIT_RETRY_MAX_MS: delayMs.optional(),
  RECOGNISE_MAX_ATTEMPTS: attempts.optional(),
  RECOGNISE_RETRY_BASE_MS: delayMs.optional(),
  RECOGNISE_RETRY_MAX_MS: delayMs.optional(),
  EXTRACT_MAX_ATTEMPTS: attempts.optional(),
  EXTRACT_RETRY_BASE_MS: delayMs.optional(),
  EXTRACT_RETRY_MAX_MS: delayMs.optional(),
  ASSEMBLE_MAX_ATTEMPTS: attempts.optional(),
  ASSEMBLE_RETRY_BASE_MS: delayMs.optional(),
  ASSEMBLE_RETRY_MAX_MS: delayMs.optional(),
  /** How long a message waits for a dependency that is away (database, broker, the report's lease) before its
   * failures count as attempts: 15 minutes covers a restart, a fail-over or an operator's fix; past that the page
   * fails and says why, rather than waiting unseen. One for every stage: an outage is the dependency's, not the
   * stage's. */
  OUTAGE_BUDGET_MS: z.coerce.number().int().min(0).default(900_000),
  /** Fields whose confidence is below this are flagged for review. */
  REVIEW_THRESHOLD: z.coerce.number().min(0).max(1).default(0.9),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30000),
  /** Serve Prometheus metrics at http://<host>:METRICS_PORT/metrics (0: any free port); unset: not served. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

/** The parsed configuration every service and the CLI share. */
export type Config = z.infer<typeof schema>;

/** Parses `env` (process.env by default) and fails fast with every bad variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/** The retry policy of `spec`'s queue: each value from the stage's own variable (`RECOGNISE_MAX_ATTEMPTS`), else the
 * one for every stage (`MAX_ATTEMPTS`), else the stage's default (`spec.retry`, shared/broker/topology.ts). */
export function retryPolicy(config: Config, spec: QueueSpec): RetryPolicy {
  const stage = spec.stage.toUpperCase() as Uppercase<Stage>;
  return {
    maxAttempts: config[`${stage}_MAX_ATTEMPTS` as const] ?? config.MAX_ATTEMPTS ?? spec.retry.maxAttempts,
    baseMs: config[`${stage}_RETRY_BASE_MS` as const] ?? config.RETRY_BASE_MS ?? spec.retry.baseMs,
    maxMs: config[`${stage}_RETRY_MAX_MS` as const] ?? config.RETRY_MAX_MS ?? spec.retry.maxMs,
    outageBudgetMs: config.OUTAGE_BUDGET_MS,
  };
}
