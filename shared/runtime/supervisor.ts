// Runs processes and restarts each one that exits, with capped, jittered exponential backoff, until told
// to stop; then sends SIGTERM to each and waits for them. `npm start` runs the four services under it, so a
// service that exits (the broker lost, the database away at start-up) comes back without a person.
import { ChildProcess, spawn } from 'node:child_process';
import type { Logger } from '../logging/logger';
import { Backoff, restartDelay } from '../retry/backoff';

export interface Supervised {
  name: string;
  command: string;
  args: readonly string[];
  /** Variables added to this process's environment. */
  env?: Record<string, string>;
}

// First restart after 1 s (a broker restart takes a few seconds), at most every 30 s while something stays
// down (the services' own retry delay cap), and a run of a minute counts as healthy: start-up takes seconds.
export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 30000, healthyMs: 60000 };

export interface Supervisor {
  /** Restarts so far, per process name. */
  restarts(): Record<string, number>;
  /** SIGTERM to every process, no more restarts; resolves when all have exited. */
  stop(): Promise<void>;
}

export function supervise(
  processes: readonly Supervised[],
  logger: Logger,
  backoff: Backoff = DEFAULT_BACKOFF,
): Supervisor {
  let stopping = false;
  const running = new Map<string, ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();
  const counts: Record<string, number> = Object.fromEntries(processes.map((p) => [p.name, 0]));
  const exited = new Map<string, Promise<void>>();

  const start = (p: Supervised, quickExits: number) => {
    const startedAt = Date.now();
    const child = spawn(p.command, [...p.args], { stdio: 'inherit', env: { ...process.env, ...p.env } });
    running.set(p.name, child);
    exited.set(
      p.name,
      new Promise((resolve) => {
        child.once('exit', (code, signal) => {
          running.delete(p.name);
          resolve();
          if (stopping) {
            logger.info({ process: p.name, code, signal }, 'process stopped');
            return;
          }
          const quick = Date.now() - startedAt < backoff.healthyMs ? quickExits + 1 : 1;
          const delayMs = restartDelay(backoff, quick);
          logger.warn({ process: p.name, code, signal, delayMs }, 'process exited, restarting');
          const timer = setTimeout(() => {
            timers.delete(timer);
            counts[p.name] += 1;
            start(p, quick);
          }, delayMs);
          timers.add(timer);
        });
      }),
    );
    child.once('error', (error) => logger.error({ process: p.name, err: error.message }, 'process could not start'));
  };

  for (const p of processes) {
    start(p, 0);
  }
  return {
    restarts: () => ({ ...counts }),
    async stop() {
      stopping = true;
      for (const timer of timers) {
        clearTimeout(timer);
      }
      for (const child of running.values()) {
        child.kill('SIGTERM');
      }
      await Promise.all(exited.values());
    },
  };
}
