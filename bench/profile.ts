// `npm run bench:profile`: where a scanned page's CPU goes. Converts each file in this process one page at a time
// with one Tesseract worker (so each step's CPU is its own: shared/runtime/step-profile.ts) and prints, per step,
// CPU seconds per page, its share of the whole and the calls per page, the costliest first; and, for a file with a
// truth beside it (`x.scan.pdf` and `x.truth.json`), what the reading got right, so that a speed-up is seen with its
// cost; writes bench/results/profile.json. Files: the arguments, or PROFILE_FILES=a.pdf,b.pdf, or the corpus scans.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../shared/config/config';
import { createOcrPool } from '../shared/adapters/tesseract.adapter';
import { convertDocument } from '../cli/convert-document';
import { StepTotals, createStepProfile } from '../shared/runtime/step-profile';
import type { Report } from '../shared/contracts/report';
import type { Truth } from '../harness/corpus';
import { characterErrorRate, scoreFields } from './metrics';

const corpus = path.resolve(process.env.DOCPIPE_CORPUS ?? path.join(__dirname, '../../../shared/corpus'));
const resultsDir = path.join(__dirname, '../../bench/results');

async function filesToProfile(args: readonly string[]): Promise<string[]> {
  if (args.length > 0) {
    return [...args];
  }
  if (process.env.PROFILE_FILES) {
    return process.env.PROFILE_FILES.split(',');
  }
  return (await readdir(corpus))
    .filter((f) => f.endsWith('.scan.pdf'))
    .sort()
    .map((f) => path.join(corpus, f));
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** Fields right, flagged and wrong unflagged, and the prose CER, against the truth beside `file`, if there is one. */
async function accuracy(file: string, report: Report): Promise<string> {
  const truthFile = file.replace(/\.[a-z0-9]+\.pdf$/, '.truth.json');
  if (truthFile === file || !existsSync(truthFile)) {
    return 'no truth file';
  }
  const truth = JSON.parse(await readFile(truthFile, 'utf8')) as Truth;
  const fields = scoreFields(report, truth);
  return `fields ${fields.correct}/${fields.total}, ${fields.flagged} flagged, ${fields.silentErrors} silent; prose CER ${(100 * characterErrorRate(report.text, truth.text)).toFixed(2)}%`;
}

function table(totals: readonly StepTotals[], pages: number): string {
  const cpu = totals.reduce((s, t) => s + t.cpuMs, 0);
  const width = Math.max(...totals.map((t) => t.path.length), 4);
  const rows = totals.map(
    (t) =>
      `${t.path.padEnd(width)}  ${seconds(t.cpuMs / pages).padStart(7)}  ${((100 * t.cpuMs) / cpu).toFixed(1).padStart(5)}%  ${seconds(t.wallMs / pages).padStart(7)}  ${(t.calls / pages).toFixed(1).padStart(6)}`,
  );
  return [
    `${'step'.padEnd(width)}  cpu s/p   share   wall s/p  calls/p`,
    ...rows,
    `${'all'.padEnd(width)}  ${seconds(cpu / pages).padStart(7)}  100.0%`,
  ].join('\n');
}

async function main(args: readonly string[]): Promise<void> {
  const config = loadConfig();
  const files = await filesToProfile(args);
  const profile = createStepProfile();
  // One worker, one page at a time: a step is charged only for what runs while it does.
  const ocr = createOcrPool(1);
  let pages = 0;
  const perFile: { file: string; pages: number; cpuS: number; accuracy: string }[] = [];
  try {
    for (const file of files) {
      const before = process.cpuUsage();
      const { report } = await convertDocument(await readFile(file), path.basename(file), {
        ocr,
        dpi: config.OCR_DPI,
        reviewThreshold: config.REVIEW_THRESHOLD,
        concurrency: 1,
        profile,
      });
      const used = process.cpuUsage(before);
      pages += report.source.pages;
      perFile.push({
        file: path.basename(file),
        pages: report.source.pages,
        cpuS: (used.user + used.system) / 1e6,
        accuracy: await accuracy(file, report),
      });
    }
  } finally {
    await ocr.close();
  }
  const totals = profile.totals();
  for (const f of perFile) {
    process.stdout.write(
      `${f.file}: ${f.pages} pages, ${f.cpuS.toFixed(1)} CPU s (${(f.cpuS / f.pages).toFixed(2)} per page); ${f.accuracy}\n`,
    );
  }
  process.stdout.write(
    `\n${pages} pages, one at a time, one Tesseract worker (the first reading of each model includes loading it):\n${table(totals, pages)}\n`,
  );
  await mkdir(resultsDir, { recursive: true });
  await writeFile(
    path.join(resultsDir, 'profile.json'),
    `${JSON.stringify({ files: perFile, pages, steps: totals }, null, 2)}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
