// A logger whose lines are kept in memory, parsed, for tests that check what a handler logs.
import pino from 'pino';
import type { Logger } from '../../shared/logging/logger';

export function memoryLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    {
      write: (line: string) => {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines };
}
