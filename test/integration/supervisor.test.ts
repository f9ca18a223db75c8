// The supervisor behind `npm start`, with real child processes: restarts what exits, backs off while it
// keeps exiting, and stops everything on request.
import pino from 'pino';
import { createLogger } from '../../shared/logging/logger';
import { supervise } from '../../shared/runtime/supervisor';
import { restartDelay } from '../../shared/retry/backoff';
import { eventually } from '../support/namespace';

const logger = createLogger('test', 'silent');
const node = (script: string) => ({ command: process.execPath, args: ['-e', script] });

describe('restartDelay', () => {
  const backoff = { baseMs: 1000, maxMs: 30000, healthyMs: 60000 };

  it('doubles while a process keeps exiting, up to the cap, with at most 20% jitter', () => {
    expect([1, 2, 3, 6, 10].map((n) => restartDelay(backoff, n, () => 0.5))).toEqual([1000, 2000, 4000, 30000, 30000]);
    expect(restartDelay(backoff, 1, () => 0)).toBe(800);
    expect(restartDelay(backoff, 1, () => 1)).toBe(1200);
  });
});

describe('supervise', () => {
  it('restarts a process that exits, and stops it with SIGTERM', async () => {
    const supervisor = supervise(
      [
        { name: 'crashes', ...node('setTimeout(() => process.exit(3), 20)') },
        { name: 'steady', ...node("process.on('SIGTERM', () => process.exit(0)); setInterval(() => undefined, 1000)") },
      ],
      logger,
      { baseMs: 10, maxMs: 40, healthyMs: 60000 },
    );
    await eventually(async () => (supervisor.restarts().crashes >= 3 ? true : undefined), 20000, 'three restarts');
    expect(supervisor.restarts().steady).toBe(0);
    await supervisor.stop();
    const after = supervisor.restarts();
    await new Promise((r) => setTimeout(r, 200));
    expect(supervisor.restarts()).toEqual(after);
  });

  it('backs off while a process keeps exiting quickly', async () => {
    const delays: number[] = [];
    const capture = pino(
      { level: 'warn' },
      {
        write: (line: string) => {
          delays.push((JSON.parse(line) as { delayMs: number }).delayMs);
        },
      },
    );
    const supervisor = supervise([{ name: 'crashes', ...node('process.exit(1)') }], capture, {
      baseMs: 100,
      maxMs: 400,
      healthyMs: 60000,
    });
    await eventually(async () => (supervisor.restarts().crashes >= 4 ? true : undefined), 20000, 'four restarts');
    await supervisor.stop();
    const expected = [100, 200, 400, 400];
    expected.forEach((ms, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(0.8 * ms);
      expect(delays[i]).toBeLessThanOrEqual(1.2 * ms);
    });
  });
});
