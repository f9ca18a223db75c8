// The services as real processes (the compiled dist/ build, as `npm start` runs them), for tests and the soak run
// that kill, restart and measure them: their JSON log lines are kept, their peak RSS read from /proc.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../shared/config/config';
import { Database, connectDatabase } from '../shared/store/database';
import { dropNamespace } from './namespace';

export type Stage = 'upload' | 'ocr' | 'table-extraction' | 'normalisation';

export interface LogLine {
  msg: string;
  documentId?: string;
  page?: number;
  port?: number;
  [field: string]: unknown;
}

export interface ServiceProcess {
  stage: Stage;
  child: ChildProcess;
  /** Every JSON log line so far. */
  lines: LogLine[];
  /** Resolves when the process has exited and every line it wrote has been read (`lines` is complete). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Peak resident memory so far, in MB (VmHWM). */
  peakRssMb(): number;
}

const root = path.resolve(__dirname, '..');
// Under ts-jest __dirname is harness; compiled, dist/harness: the services are always in dist/.
const distRoot = path.basename(root) === 'dist' ? root : path.join(root, 'dist');

/** The configuration as the environment a service reads it from. */
export function environmentOf(config: Config): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...Object.fromEntries(
      Object.entries(config)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ),
    LOG_LEVEL: 'info',
  };
}

/** Starts one service and resolves once it is up (consuming, or listening: then `port` is set). */
export async function startProcess(
  stage: Stage,
  config: Config,
  readyTimeoutMs = 60000,
): Promise<ServiceProcess & { port?: number }> {
  const child = spawn(process.execPath, [path.join(distRoot, 'services', stage, 'src/main.js')], {
    env: environmentOf(config),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let rest = '';
  const waiters: (() => void)[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        // not a log line
      }
    }
    waiters.splice(0).forEach((w) => w());
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close', not 'exit': 'exit' can come before the last of its output is read, and a check of what an exited
    // process logged would miss it.
    child.once('close', (code, signal) => {
      resolve({ code, signal });
      waiters.splice(0).forEach((w) => w());
    });
  });
  let peak = 0;
  const peakRssMb = () => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // exited: the last reading stands
    }
    return peak;
  };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    const up = lines.find((l) => l.msg === 'worker started' || l.msg === 'upload service listening');
    if (up) {
      return { stage, child, lines, exited, peakRssMb, ...(up.port ? { port: up.port } : {}) };
    }
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${stage} did not start (exit ${child.exitCode ?? child.signalCode}): ${stderr}`);
    }
    await new Promise<void>((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, 200);
    });
  }
}

/** Resolves with the first log line, from now on or already seen, that `match` accepts. */
export async function logged(
  service: ServiceProcess,
  match: (line: LogLine) => boolean,
  timeoutMs: number,
): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = service.lines.find(match);
    if (line) {
      return line;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for a log line of ${service.stage}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGKILL: no drain, no goodbye; resolves once it is gone. */
export async function killHard(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGKILL');
  await service.exited;
}

/** Service processes started one by one on `config`, its database, and the end of it all: the processes killed, the
 * database client closed and the namespace dropped. */
export async function serviceStack(config: Config): Promise<{
  services: readonly ServiceProcess[];
  database: Database;
  start: (stage: Stage) => Promise<ServiceProcess & { port?: number }>;
  tearDown: () => Promise<void>;
}> {
  const services: ServiceProcess[] = [];
  const database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  return {
    services,
    database,
    start: async (stage) => {
      const s = await startProcess(stage, config);
      services.push(s);
      return s;
    },
    tearDown: async () => {
      await Promise.all(services.map((s) => killHard(s)));
      await database.client.close();
      await dropNamespace(config);
    },
  };
}
