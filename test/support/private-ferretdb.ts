// A FerretDB of the test's own, for outages the shared one must never see: its PostgreSQL is reached through a
// relay the test cuts (FerretDB then answers every command with an InternalError, as when PostgreSQL is down), and
// the process itself can be stopped and started again on the same port (FerretDB down). Binary and flags as
// deploy/local/ferretdb.sh, with the same GIN twins of its indexes (deploy/local/ferretdb-indexes.sql); its data in a
// PostgreSQL database of its own, made for it and dropped at the end, apart from the shared instance's and any other.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TcpProxy, tcpProxy } from './tcp-proxy';
import { freePort, listening } from './ports';

const BINARY = path.join(process.env.DOCPIPE_LOCAL_DIR ?? path.join(os.homedir(), '.cache/docpipe'), 'bin/ferretdb');
const INDEXES_SQL = path.join(__dirname, '../../deploy/local/ferretdb-indexes.sql');

export interface PrivateFerretDb {
  /** mongodb:// URL of this FerretDB. */
  url: string;
  /** The relay between FerretDB and PostgreSQL: cut it for "PostgreSQL down". */
  postgres: TcpProxy;
  /** Stops the FerretDB process (SIGTERM), resolving once it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A FerretDB over the PostgreSQL on `postgresPort` (the machine's cluster, or one of the test's own). */
export async function privateFerretDb(postgresPort = 5432): Promise<PrivateFerretDb> {
  const psql = (...args: string[]) =>
    promisify(execFile)('psql', [
      '-h',
      '127.0.0.1',
      '-p',
      String(postgresPort),
      '-U',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      ...args,
    ]);
  const pgDatabase = `docpipe_ferretdb_${randomUUID().slice(0, 8)}`;
  await psql('-c', `CREATE DATABASE ${pgDatabase}`);
  await psql('-d', pgDatabase, '-f', INDEXES_SQL);
  const postgres = await tcpProxy('127.0.0.1', postgresPort);
  const port = await freePort();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'docpipe-ferretdb-'));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    const c = spawn(
      BINARY,
      [
        '--handler=postgresql',
        `--postgresql-url=postgres://postgres@127.0.0.1:${postgres.port}/${pgDatabase}`,
        `--listen-addr=127.0.0.1:${port}`,
        `--state-dir=${stateDir}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=ERROR',
      ],
      { stdio: 'ignore' },
    );
    child = c;
    exited = new Promise((resolve) => c.once('exit', () => resolve()));
    const deadline = Date.now() + 30000;
    while (!(await listening(port))) {
      if (c.exitCode !== null || Date.now() > deadline) {
        throw new Error(`private FerretDB did not start on ${port} (exit ${c.exitCode})`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async () => {
    child?.kill('SIGTERM');
    await exited;
    child = undefined;
  };
  await start();
  return {
    url: `mongodb://127.0.0.1:${port}`,
    postgres,
    stop,
    start,
    async close() {
      await stop();
      await postgres.close();
      await rm(stateDir, { recursive: true, force: true });
      await psql('-c', `DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
    },
  };
}
