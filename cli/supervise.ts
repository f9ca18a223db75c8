// `npm start`: the four services as separate processes, each restarted with backoff when it exits.
// SIGTERM or Ctrl-C stops them all (each drains its in-flight work first). Wiring only.
import path from 'node:path';
import { loadConfig } from '../shared/config/config';
import { createLogger } from '../shared/logging/logger';
import { supervise } from '../shared/runtime/supervisor';

const SERVICES = ['upload', 'ocr', 'table-extraction', 'normalisation'];

const logger = createLogger('supervisor', loadConfig().LOG_LEVEL);
const supervisor = supervise(SERVICES.map((name) => ({
  name,
  command: process.execPath,
  args: [path.join(__dirname, '../services', name, 'src/main.js')],
})), logger);
const stop = (signal: string) => {
  logger.info({ signal }, 'stopping the services');
  void supervisor.stop().then(() => process.exit(0));
};
process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));
