// Each integration test gets its own namespace on the real broker and database: a uuid in the queue prefix
// and the database name. Cleanup (harness/namespace.ts) deletes both.
import { randomUUID } from 'node:crypto';
import { Config, loadConfig } from '../../shared/config/config';
import { STACK_ADMIN } from '../../harness/credentials';

export function testConfig(overrides: Partial<Config> = {}): Config {
  const id = randomUUID().slice(0, 8);
  return {
    ...loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...STACK_ADMIN }),
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
