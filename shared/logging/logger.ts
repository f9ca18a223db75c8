// Structured logs (pino): stable messages, context in fields { documentId, page, messageId, attempt }.
import pino from 'pino';

export type Logger = pino.Logger;

/** One root logger per process, named after the service; LOG_LEVEL is read by the config module. */
export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, base: { service } });
}
