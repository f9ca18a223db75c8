// A PostgreSQL cluster of the test's own, for a real "PostgreSQL stopped" under a FerretDB of the test's own: the
// shared cluster (the machine's, port 5432) must never stop under the other tests. initdb into a temporary
// directory, pg_ctl to start, stop (fast: sessions terminated, as an operator's stop does) and start again on the
// same port; removed at the end. Debian's server binaries (postgresql package, installed by .ci/run).
import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports';

export interface PrivatePostgres {
  port: number;
  /** Stops the server (pg_ctl stop -m fast); resolves once it is down. */
  stop(): Promise<void>;
  /** Starts it again; resolves once it takes connections. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const run = promisify(execFile);

/** The newest installed server's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
async function binDir(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql')).filter((v) =>
    existsSync(`/usr/lib/postgresql/${v}/bin/initdb`),
  );
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  }
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

export async function privatePostgres(): Promise<PrivatePostgres> {
  const bin = await binDir();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docpipe-postgres-'));
  const port = await freePort();
  const data = path.join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, its commands run as the postgres user, who owns the directory.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
  }
  await chmod(dir, 0o700);
  const pg = (command: string, ...args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args], { cwd: dir })
      : run(path.join(bin, command), args, { cwd: dir });
  await pg('initdb', '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync');
  const start = async () => {
    await pg(
      'pg_ctl',
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`,
      'start',
    );
  };
  const stop = async () => {
    await pg('pg_ctl', '-D', data, '-m', 'fast', '-w', '-t', '60', 'stop');
  };
  await start();
  return {
    port,
    start,
    stop,
    async close() {
      await stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
