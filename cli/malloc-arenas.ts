// glibc's malloc gives each thread that allocates its own arena, up to eight per core, and an arena keeps what was
// freed in it. A conversion allocates from many threads (libvips', the Tesseract workers', libuv's) in large, short-
// lived blocks (page images), so freed memory stays scattered over the arenas: with the default the one-process
// converter peaked at 767-802 MB on the Shizuishan scan, with two arenas at 650-653 MB, its CPU time the same
// (2026-12-01, this 2-core machine, interleaved runs). The cap has to be in the environment before the process
// starts (glibc reads it once), so `convert` runs itself again with it, and `npm start` gives it to each service.
// Set MALLOC_ARENA_MAX yourself to choose another value; other C libraries ignore it.
import { spawn } from 'node:child_process';
import os from 'node:os';

/** The value measured above; one arena would put every thread's allocations behind one lock. */
const ARENAS = '2';

/** The arena cap for a child process: this process's own MALLOC_ARENA_MAX where it has one. */
export const arenaCap = (): Record<string, string> => ({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? ARENAS });

/**
 * On Linux without the cap in its environment, runs this same command again with it, passing signals on, and exits
 * as it exits: true when it did (the caller does nothing more), false when this process already has the cap.
 */
export function rerunWithArenaCap(): boolean {
  if (process.platform !== 'linux' || process.env.MALLOC_ARENA_MAX !== undefined) {
    return false;
  }
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, ...arenaCap() },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    process.stderr.write(`docpipe: could not run itself again with MALLOC_ARENA_MAX set: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
  });
  return true;
}
