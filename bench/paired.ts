// `npm run bench:paired`: docpipe against OCRmyPDF as a new user would time them, the whole process measured from
// outside by GNU time: `docpipe convert FILE -o report.json` (OCR, tables and normalisation, one process) and
// `ocrmypdf -l chi_sim --jobs 2 --force-ocr FILE out.pdf` (OCR and a PDF, no tables), in turn on the same file, a
// warm-up of each first (not counted), then PAIRED_PAIRS (3) pairs, the order alternating within the pairs so
// neither always runs on a machine the other has just warmed. Prints per file the medians of CPU seconds (user +
// system, children included), wall seconds and the largest process's RSS, and the medians of the per-pair ratios;
// writes bench/results/paired.json. PAIRED_FILES=a.pdf,b.pdf replaces the corpus scans.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { median } from './metrics';

const run = promisify(execFile);
const corpus = path.resolve(process.env.DOCPIPE_CORPUS ?? path.join(__dirname, '../../../shared/corpus'));
const resultsDir = path.join(__dirname, '../../bench/results');
const cli = path.join(__dirname, '../cli/main.js');

/** One timed process: GNU time's %e %U %S %M (wall s, user s, system s, largest resident set in KiB). */
interface Timed {
  cpuS: number;
  wallS: number;
  rssMiB: number;
}

async function timed(command: string, args: readonly string[]): Promise<Timed> {
  const { stderr } = await run('/usr/bin/time', ['-f', 'TIMED %e %U %S %M', command, ...args], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { code?: number; stderr?: string }) => {
    // docpipe exits 2 when a report needs attention: converted all the same.
    if (error.code === 2 && error.stderr) {
      return { stderr: error.stderr };
    }
    throw error;
  });
  const line = stderr
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('TIMED '));
  if (!line) {
    throw new Error(`no timing from /usr/bin/time for ${command}: ${stderr.slice(-500)}`);
  }
  const [wall, user, system, rssKiB] = line.slice(6).split(' ').map(Number);
  return { cpuS: user + system, wallS: wall, rssMiB: rssKiB / 1024 };
}

const tools = (tmp: string) => ({
  docpipe: (file: string) => timed(process.execPath, [cli, 'convert', file, '-o', path.join(tmp, 'report.json')]),
  ocrmypdf: (file: string) =>
    timed('ocrmypdf', ['-q', '-l', 'chi_sim', '--jobs', '2', '--force-ocr', file, path.join(tmp, 'ocrmypdf.pdf')]),
});

async function main(): Promise<void> {
  await run('/usr/bin/time', ['-f', '%e', 'true']).catch(() => {
    throw new Error('GNU time is needed to measure whole processes: apt-get install time');
  });
  await run('ocrmypdf', ['--version']).catch(() => {
    throw new Error('ocrmypdf is not installed: apt-get install ocrmypdf tesseract-ocr-chi-sim');
  });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docpipe-paired-'));
  const pairs = Number(process.env.PAIRED_PAIRS ?? 3);
  const files = process.env.PAIRED_FILES
    ? process.env.PAIRED_FILES.split(',')
    : (await readdir(corpus))
        .filter((f) => f.endsWith('.scan.pdf'))
        .sort()
        .map((f) => path.join(corpus, f));
  const tool = tools(tmp);
  const rows = [];
  for (const file of files) {
    await tool.docpipe(file);
    await tool.ocrmypdf(file);
    const runs: { docpipe: Timed; ocrmypdf: Timed }[] = [];
    for (let k = 0; k < pairs; k += 1) {
      const first = k % 2 === 0 ? 'docpipe' : 'ocrmypdf';
      const a = await tool[first](file);
      const b = await tool[first === 'docpipe' ? 'ocrmypdf' : 'docpipe'](file);
      runs.push(first === 'docpipe' ? { docpipe: a, ocrmypdf: b } : { docpipe: b, ocrmypdf: a });
    }
    const of = (who: 'docpipe' | 'ocrmypdf', key: keyof Timed) => median(runs.map((r) => r[who][key]));
    const ratio = (key: keyof Timed) => median(runs.map((r) => r.docpipe[key] / r.ocrmypdf[key]));
    const row = {
      file: path.basename(file),
      docpipe: { cpuS: of('docpipe', 'cpuS'), wallS: of('docpipe', 'wallS'), rssMiB: of('docpipe', 'rssMiB') },
      ocrmypdf: { cpuS: of('ocrmypdf', 'cpuS'), wallS: of('ocrmypdf', 'wallS'), rssMiB: of('ocrmypdf', 'rssMiB') },
      ratio: { cpu: ratio('cpuS'), wall: ratio('wallS'), rss: ratio('rssMiB') },
      runs,
    };
    rows.push(row);
    console.log(
      `${row.file}: docpipe ${row.docpipe.cpuS.toFixed(1)} CPU s, ${row.docpipe.wallS.toFixed(1)} s wall, ${row.docpipe.rssMiB.toFixed(0)} MiB;` +
        ` ocrmypdf ${row.ocrmypdf.cpuS.toFixed(1)} CPU s, ${row.ocrmypdf.wallS.toFixed(1)} s wall, ${row.ocrmypdf.rssMiB.toFixed(0)} MiB;` +
        ` docpipe/ocrmypdf CPU ${row.ratio.cpu.toFixed(2)}, wall ${row.ratio.wall.toFixed(2)} (medians of ${pairs} pairs)`,
    );
  }
  const overall = {
    cpu: median(rows.map((r) => r.ratio.cpu)),
    wall: median(rows.map((r) => r.ratio.wall)),
    largestRssMiB: Math.max(...rows.map((r) => r.docpipe.rssMiB)),
  };
  console.log(
    `\ndocpipe / OCRmyPDF over ${rows.length} file(s), medians: CPU ${overall.cpu.toFixed(2)}, wall ${overall.wall.toFixed(2)}; docpipe's largest process ${overall.largestRssMiB.toFixed(0)} MiB` +
      ` (target: 0.67 or less each, under 700 MiB)`,
  );
  await mkdir(resultsDir, { recursive: true });
  const outFile = path.join(resultsDir, 'paired.json');
  await writeFile(
    outFile,
    JSON.stringify(
      { date: new Date().toISOString(), cores: os.availableParallelism(), load: os.loadavg(), pairs, overall, rows },
      null,
      1,
    ),
  );
  console.log(`results written to ${outFile}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
