// The `docpipe` command's entry. It runs itself again with glibc's arena cap (malloc-arenas.ts) before it loads
// anything else: the first process only waits for the second, and loading the pipeline's modules in it as well cost
// 0.8 CPU seconds a command (a CPU profile of `convert` on a digital PDF, 2026-12-03).
import { rerunWithArenaCap } from './malloc-arenas';

if (!rerunWithArenaCap()) {
  import('./commands.js').then(
    ({ runCli }) => runCli(process.argv),
    (error: unknown) => {
      process.stderr.write(`docpipe: could not load the command: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
