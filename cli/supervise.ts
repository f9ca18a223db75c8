// `npm start`: the four services as separate processes, each restarted with backoff when it exits.
// SIGTERM or Ctrl-C stops them all (each drains its in-flight work first; a second SIGTERM is ignored). Wiring only.
import path from 'node:path';
import { loadConfig } from '../shared/config/config';
import { createLogger } from '../shared/logging/logger';
import { onStopSignals } from '../shared/runtime/stop-signals';
import { supervise } from '../shared/runtime/supervisor';
import { arenaCap } from './malloc-arenas';

const SERVICES = ['upload', 'ocr', 'table-extraction', 'normalisation'];

const config = loadConfig();
const logger = createLogger('supervisor', config.LOG_LEVEL);
// One machine, one METRICS_PORT each: upload on METRICS_PORT, then ocr, table-extraction, normalisation on the next ports.
const supervisor = supervise(
  SERVICES.map((name, i) => ({
    name,
    command: process.execPath,
    args: [path.join(__dirname, '../services', name, 'src/main.js')],
    env: { ...arenaCap(), ...(config.METRICS_PORT ? { METRICS_PORT: String(config.METRICS_PORT + i) } : {}) },
  })),
  logger,
);
onStopSignals(
  logger,
  (signal) => {
    logger.info({ signal }, 'stopping the services');
    void supervisor.stop().then(() => {
      logger.info('services stopped');
      process.exit(0);
    });
  },
  () => process.exit(1),
);
