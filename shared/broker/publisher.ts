// A publisher that outlives the broker: the upload service only publishes, and its API and pages must keep
// serving while RabbitMQ is away. It connects, and after a loss connects again, with capped, jittered backoff;
// meanwhile `publish` fails with BrokerUnavailableError and the caller leaves the work to be announced later.
import { BrokerUnavailableError, errorMessage } from '../errors/errors';
import type { Envelope } from '../contracts/messages';
import type { Logger } from '../logging/logger';
import { Backoff, restartDelay } from '../retry/backoff';
import type { Broker } from './broker';

export interface Publisher {
  /** Whether a connection is up (for readiness probes). */
  readonly ready: boolean;
  /** Publishes with the broker's confirm; BrokerUnavailableError while there is no connection. */
  publish(message: Envelope): Promise<void>;
  /** Called after every connection made after the first (a reconnection). */
  onReconnected(listener: () => void): void;
  /** Stops reconnecting and closes the connection. */
  close(timeoutMs: number): Promise<void>;
}

// A broker restart takes a few seconds: first try again after 1 s, then 2, 4, ... at most every 30 s while it
// stays away (the supervisor's steps); `healthyMs` is unused here, a successful connection resets the count.
export const RECONNECT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 30000, healthyMs: 0 };

/** Connects with `connect` (which also declares the topology); resolves after the first try, connected or not. */
export async function keepConnected(
  connect: () => Promise<Broker>,
  logger: Logger,
  backoff: Backoff = RECONNECT_BACKOFF,
): Promise<Publisher> {
  let broker: Broker | undefined;
  let closed = false;
  let failures = 0;
  let connections = 0;
  let timer: NodeJS.Timeout | undefined;
  const listeners: (() => void)[] = [];

  const schedule = () => {
    if (!closed) {
      const delayMs = restartDelay(backoff, Math.max(1, failures));
      timer = setTimeout(() => void attempt(), delayMs);
    }
  };
  const attempt = async () => {
    timer = undefined;
    try {
      const connected = await connect();
      if (closed) {
        await connected.close(0);
        return;
      }
      broker = connected;
      failures = 0;
      connections += 1;
      connected.onLost((error) => {
        broker = undefined;
        logger.warn({ err: errorMessage(error) }, 'broker connection lost; reconnecting');
        schedule();
      });
      if (connections > 1) {
        logger.info('broker reconnected');
        listeners.forEach((listener) => listener());
      }
    } catch (error) {
      failures += 1;
      logger.warn({ err: errorMessage(error), failures }, 'broker not reachable; trying again');
      schedule();
    }
  };

  await attempt();
  return {
    get ready() {
      return broker?.ready ?? false;
    },
    async publish(message) {
      if (!broker?.ready) {
        throw new BrokerUnavailableError();
      }
      await broker.publish(message);
    },
    onReconnected(listener) {
      listeners.push(listener);
    },
    async close(timeoutMs) {
      closed = true;
      clearTimeout(timer);
      await broker?.close(timeoutMs);
    },
  };
}
