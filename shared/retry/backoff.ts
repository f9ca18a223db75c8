// Capped, jittered exponential backoff for whatever comes back after failing together: a supervised process that
// exits, a publisher's connection to the broker. Its own module, so that the broker and the runtime both use it
// without importing each other.

export interface Backoff {
  /** Wait before the first restart; doubled after each quick exit. */
  baseMs: number;
  /** Longest wait between restarts. */
  maxMs: number;
  /** A run at least this long was healthy: the next restart waits `baseMs` again. */
  healthyMs: number;
}

/** Delay before restart number `restart` (1-based) of a process that keeps exiting quickly, with ±20% jitter
 * so that processes that failed together (the broker went away) do not all come back in the same instant. */
export function restartDelay(backoff: Backoff, restart: number, random: () => number = Math.random): number {
  const capped = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (restart - 1));
  return Math.round(capped * (0.8 + 0.4 * random()));
}
