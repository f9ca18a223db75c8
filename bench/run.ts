// `npm run bench`: converts every corpus report (scan and digital), scores it against its truth file, times
// OCRmyPDF on the same scans as the speed reference, prints the figures and writes bench/results/latest.json.
// `npm run bench:matrix` (bench/matrix.ts) does the same over many scanning conditions.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FileResult, convertAndScore, pct, printFile, summarise } from './convert-and-score';
import type { Truth } from '../harness/corpus';
import { characterErrorRate } from './metrics';

const run = promisify(execFile);
const corpus = path.resolve(
  process.argv[2] ?? process.env.DOCPIPE_CORPUS ?? path.join(__dirname, '../../../shared/corpus'),
);
const resultsDir = path.join(__dirname, '../../bench/results');

/** OCRmyPDF on the same file, timed in the same run: the speed and prose reference. */
export async function ocrmypdf(file: string, tmp: string, truth: Truth) {
  const started = Date.now();
  const sidecar = path.join(tmp, `${path.basename(file)}.txt`);
  await run('ocrmypdf', [
    '-q',
    '-l',
    'chi_sim',
    '--jobs',
    '2',
    '--sidecar',
    sidecar,
    file,
    path.join(tmp, 'ocrmypdf.pdf'),
  ]);
  const wallMs = Date.now() - started;
  // OCRmyPDF reads tables into its text too; its CER is against the prose alone, so it is an upper bound.
  return {
    wallMs,
    pagesPerMinute: truth.pages / (wallMs / 60000),
    cer: characterErrorRate(await readFile(sidecar, 'utf8'), truth.text),
  };
}

export const hasOcrmypdf = () =>
  run('ocrmypdf', ['--version']).then(
    () => true,
    () => false,
  );

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docpipe-bench-'));
  const names = (await readdir(corpus))
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => f.replace('.truth.json', ''))
    .sort();
  // BENCH_ONLY=digital (or a file name part) narrows the run while working on one thing.
  const only = process.env.BENCH_ONLY ?? '';
  const results: Record<'scan' | 'digital', FileResult[]> = { scan: [], digital: [] };
  const samples: Record<'scan' | 'digital', { confidence: number; correct: boolean }[]> = { scan: [], digital: [] };
  const reference: { file: string; pages: number; wallMs: number; pagesPerMinute: number; cer: number }[] = [];
  const withReference = await hasOcrmypdf();
  for (const name of names) {
    const truth = JSON.parse(await readFile(path.join(corpus, `${name}.truth.json`), 'utf8')) as Truth;
    for (const kind of ['scan', 'digital'] as const) {
      const file = path.join(corpus, `${name}.${kind}.pdf`);
      if (!existsSync(file) || !path.basename(file).includes(only)) {
        continue;
      }
      const scored = await convertAndScore(file, truth, tmp);
      results[kind].push(scored.result);
      samples[kind].push(...scored.samples);
      printFile(scored.result);
      if (kind === 'scan' && withReference) {
        const ref = await ocrmypdf(file, tmp, truth);
        reference.push({ file: scored.result.file, pages: scored.result.pages, ...ref });
        console.log(
          `  ocrmypdf -l chi_sim --jobs 2: ${(ref.wallMs / 1000).toFixed(1)} s, ${ref.pagesPerMinute.toFixed(1)} pages/min, CER ${pct(ref.cer)} (tables included in its text)`,
        );
      }
    }
  }
  const summary = (['scan', 'digital'] as const)
    .filter((k) => results[k].length > 0)
    .map((kind) => ({ kind, ...summarise(results[kind], samples[kind]) }));
  const refMs = reference.reduce((s, r) => s + r.wallMs, 0);
  const ocrmypdfPpm = refMs ? reference.reduce((s, r) => s + r.pages, 0) / (refMs / 60000) : null;
  console.log('\n== overall');
  for (const s of summary) {
    console.log(
      `${s.kind}: fields ${pct(s.fieldAccuracy)} right, silent errors ${pct(s.silentErrorRate)}, review load ${pct(s.reviewLoad)}, ` +
        `cells structure ${pct(s.cellStructure)} text ${pct(s.cellText)} numeric ${pct(s.numericCells)}, prose CER ${pct(s.cer)}, ` +
        `${s.pagesPerMinute.toFixed(1)} pages/min (OCR stage ${s.ocrPagesPerMinute.toFixed(1)}, table stage ${s.tablePagesPerMinute.toFixed(1)} table pages/min), peak RSS ${s.peakRssMb.toFixed(0)} MB, ` +
        `${s.documentsFlagged} of ${s.files} documents flagged`,
    );
    console.log(
      `  reliability (confidence -> observed accuracy): ${s.reliability.map((b) => `${b.bucket}: ${b.count} @ ${b.accuracy === null ? '-' : pct(b.accuracy)}`).join(', ')}`,
    );
  }
  if (ocrmypdfPpm !== null) {
    console.log(`ocrmypdf -l chi_sim --jobs 2 on the scans: ${ocrmypdfPpm.toFixed(1)} pages/min`);
  }
  await mkdir(resultsDir, { recursive: true });
  const outFile = path.join(resultsDir, 'latest.json');
  await writeFile(
    outFile,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        cores: os.availableParallelism(),
        results,
        summary,
        reference,
        ocrmypdfPagesPerMinute: ocrmypdfPpm,
      },
      null,
      1,
    ),
  );
  console.log(`results written to ${outFile}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
