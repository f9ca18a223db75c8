// A RabbitMQ node of the test's own, for restarts the shared broker must never see: started with the machine's
// rabbitmq-server (the package .ci/run installs) under its own node name, ports and data directory, restarted
// with `rabbitmqctl stop_app` / `start_app` (the broker goes away and comes back with its durable queues and
// persistent messages, as in a real restart), stopped and removed at the end.
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, listening } from './ports';

export interface PrivateRabbitMq {
  /** amqp:// URL of this node. */
  url: string;
  /** Stops the broker application (connections closed, queues kept on disk); resolves once it is down. */
  stopApp(): Promise<void>;
  /** Stops the broker application with this process frozen (a synchronous call) until it is down: a process starved
   * of CPU while the broker goes, which reads the broker's closing of its connections only after it has gone on. */
  stopAppFrozen(): void;
  /** Starts it again; resolves once it takes connections. */
  startApp(): Promise<void>;
  close(): Promise<void>;
}

const run = promisify(execFile);

async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) {
      throw new Error(`private RabbitMQ: timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function privateRabbitMq(): Promise<PrivateRabbitMq> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docpipe-rabbitmq-'));
  const [port, distPort] = [await freePort(), await freePort()];
  const node = `docpipe-${randomUUID().slice(0, 8)}@localhost`;
  // An empty plugin list and no config file: the machine's rabbitmq.conf binds the shared node's port.
  await writeFile(path.join(dir, 'plugins'), '[].\n');
  // Debian's wrapper runs the node as the rabbitmq user when called by root (su): it must be able to write here.
  await chmod(dir, 0o777);
  await chmod(path.join(dir, 'plugins'), 0o644);
  const env = {
    ...process.env,
    HOME: dir, // the Erlang cookie, shared by the node and rabbitmqctl
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'plugins'),
    RABBITMQ_CONFIG_FILE: path.join(dir, 'none'),
  };
  const ctl = (...args: string[]) => run('rabbitmqctl', ['-n', node, ...args], { env, timeout: 120000 });
  await run('rabbitmq-server', ['-detached'], { env });
  await until(() => listening(port), 120000, 'the node to listen');
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    async stopApp() {
      await ctl('stop_app');
      await until(async () => !(await listening(port)), 60000, 'the node to stop listening');
    },
    stopAppFrozen() {
      execFileSync('rabbitmqctl', ['-n', node, 'stop_app'], { env, timeout: 120000 });
    },
    async startApp() {
      await ctl('start_app');
      await until(() => listening(port), 60000, 'the node to listen again');
    },
    async close() {
      await ctl('stop').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
