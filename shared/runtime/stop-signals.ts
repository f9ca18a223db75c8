// How a process answers the signals that stop it. The first SIGTERM or SIGINT starts a drain. A second SIGTERM
// while draining is ignored: a process group's SIGTERM (a terminal's Ctrl-C sends SIGINT, systemd and container
// runtimes SIGTERM) reaches each service and its supervisor, which passes it on, so every service gets two, and
// with the second killing it mid-drain its in-flight pages came back counted as attempts. A second SIGINT (Ctrl-C
// pressed again) or a third signal of any kind forces the exit: a person who insists is obeyed.
import type { Logger } from '../logging/logger';

export type StopSignal = 'SIGTERM' | 'SIGINT';
export type SignalAction = 'drain' | 'ignore' | 'force';

/** What to do on the last of `received`, the stop signals received so far, in order. */
export function signalAction(received: readonly StopSignal[]): SignalAction {
  if (received.length <= 1) {
    return 'drain';
  }
  const last = received[received.length - 1];
  const sigints = received.filter((s) => s === 'SIGINT').length;
  return received.length >= 3 || (last === 'SIGINT' && sigints >= 2) ? 'force' : 'ignore';
}

/** Calls `drain` on the first stop signal and `force` when one insists (see signalAction); logs the others. */
export function onStopSignals(
  logger: Logger,
  drain: (signal: StopSignal) => void,
  force: (signal: StopSignal) => void,
): void {
  const received: StopSignal[] = [];
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      received.push(signal);
      const action = signalAction(received);
      switch (action) {
        case 'drain':
          drain(signal);
          break;
        case 'ignore':
          logger.info({ signal }, 'already stopping; signal ignored (a third, or SIGINT twice, forces)');
          break;
        case 'force':
          logger.warn({ signal }, 'told again to stop: exiting without finishing');
          force(signal);
          break;
      }
    });
  }
}
