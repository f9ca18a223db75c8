// Progress of a batch: on a terminal, a bar per document (cli-progress) showing its pages read and its tables
// read; elsewhere (a log, a pipe), one plain line per page and stage.
import { MultiBar, Presets, SingleBar } from 'cli-progress';

export interface BatchProgress {
  stage(file: string, stage: 'read' | 'tables', done: number, total: number): void;
  finished(file: string, outcome: string): void;
  stop(): void;
}

export function batchProgress(files: readonly string[], stream: NodeJS.WriteStream = process.stderr): BatchProgress {
  return stream.isTTY ? barsFor(files, stream) : linesTo(stream);
}

function linesTo(stream: NodeJS.WritableStream): BatchProgress {
  return {
    stage: (file, stage, done, total) => {
      stream.write(`${file}: ${stage === 'read' ? 'page read' : 'tables read'} ${done}/${total}\n`);
    },
    finished: (file, outcome) => {
      stream.write(`${file}: ${outcome}\n`);
    },
    stop: () => undefined,
  };
}

function barsFor(files: readonly string[], stream: NodeJS.WriteStream): BatchProgress {
  const width = Math.min(40, Math.max(...files.map((f) => f.length)));
  const multi = new MultiBar(
    {
      stream,
      format: `{file} [{bar}] {value}/{total} pages | read {read} · tables {tables} | {state}`,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  const label = (f: string) => (f.length > width ? `…${f.slice(-(width - 1))}` : f.padEnd(width));
  const bars = new Map<string, SingleBar>(
    files.map((f) => [f, multi.create(1, 0, { file: label(f), read: 0, tables: 0, state: 'queued' })]),
  );
  const counts = new Map<string, { read: number; tables: number }>();
  return {
    stage: (file, stage, _done, total) => {
      const c = counts.get(file) ?? { read: 0, tables: 0 };
      c[stage] += 1;
      counts.set(file, c);
      const bar = bars.get(file);
      bar?.setTotal(total);
      bar?.update(c.tables, { read: c.read, tables: c.tables, state: c.tables === total ? 'assembling' : 'reading' });
    },
    finished: (file, outcome) => {
      bars.get(file)?.update({ state: outcome.length > 40 ? `${outcome.slice(0, 39)}…` : outcome });
    },
    stop: () => multi.stop(),
  };
}
