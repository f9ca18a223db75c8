// `npm run bench:matrix`: the robustness matrix. The three shared reports rendered under every scanning
// condition of bench/scan-conditions.ts (made on demand into a cache outside git), each converted and scored;
// one row per condition, the targets of each row checked, a reliability table and the expected calibration
// error over all fields, OCRmyPDF timed on the plain 300 dpi scans in the same run. Writes bench/results/matrix.json
// (matrix-partial.json when narrowed).
// MATRIX_ONLY=photocopy (a part of a condition id, or several, comma-separated) and MATRIX_REPORTS=000 narrow it;
// MATRIX_SEEDS=fresh (or 7,19) renders the same conditions at seeds the matrix does not hold.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileResult, convertAndScore, pct, printFile, summarise } from './convert-and-score';
import type { Truth } from '../harness/corpus';
import { expectedCalibrationError, reliability } from './metrics';
import { hasOcrmypdf, ocrmypdf } from './run';
import { REPORTS, SEEDS, ScanCondition, matrixConditions, matrixSeeds, renderedScan } from './scan-conditions';

const resultsDir = path.join(__dirname, '../../bench/results');

type Row = ReturnType<typeof summarise> & { condition: string; targets: string[] };

/** The floors for a row; a broken one is named in the row. */
function targetsMissed(c: ScanCondition, s: ReturnType<typeof summarise>): string[] {
  const missed: string[] = [];
  if (s.silentErrorRate > 0.001) {
    missed.push('silent errors > 0.1%');
  }
  if (c.stress === 'lowdpi' || c.dpi < 200) {
    if (s.fieldAccuracy < 0.97) {
      missed.push('fields < 97%');
    }
    if (s.reviewLoad > 0.1) {
      missed.push('review load > 10%');
    }
    return missed;
  }
  if (s.fieldAccuracy < 0.995) {
    missed.push('fields < 99.5%');
  }
  if (s.cellStructure < 0.995) {
    missed.push('structure < 99.5%');
  }
  if (s.reviewLoad > 0.03) {
    missed.push('review load > 3%');
  }
  if (s.cer > 0.01) {
    missed.push('CER > 1%');
  }
  return missed;
}

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docpipe-matrix-'));
  const only = (process.env.MATRIX_ONLY ?? '').split(',').filter(Boolean);
  const reports = REPORTS.filter(
    (r) => !process.env.MATRIX_REPORTS || process.env.MATRIX_REPORTS.split(',').some((p) => r.includes(p)),
  );
  const seeds = matrixSeeds();
  console.log(`robustness matrix: render.py seeds ${seeds.join(', ')}`);
  const conditions = matrixConditions(seeds).filter((c) => only.length === 0 || only.some((o) => c.id.includes(o)));
  const rows: Row[] = [];
  const all: { confidence: number; correct: boolean }[] = [];
  const files: (FileResult & { condition: string })[] = [];
  for (const c of conditions) {
    const results: FileResult[] = [];
    const samples: { confidence: number; correct: boolean }[] = [];
    for (const report of reports) {
      const rendered = await renderedScan(c, report);
      const truth = JSON.parse(await readFile(rendered.truth, 'utf8')) as Truth;
      const scored = await convertAndScore(rendered.pdf, truth, tmp);
      printFile({ ...scored.result, file: `${c.id}/${scored.result.file}` });
      results.push(scored.result);
      samples.push(...scored.samples);
      files.push({ ...scored.result, condition: c.id });
    }
    const summary = summarise(results, samples);
    rows.push({ condition: c.id, ...summary, targets: targetsMissed(c, summary) });
    all.push(...samples);
    printTable(rows);
  }
  const reference = await speedReference(reports, tmp, rows, files, conditions);
  const calibration = { ece: expectedCalibrationError(all), reliability: reliability(all), fields: all.length };
  printTable(rows);
  console.log(
    `\nreliability over ${all.length} fields (confidence -> observed accuracy): ` +
      calibration.reliability
        .map((b) => `${b.bucket}: ${b.count} @ ${b.accuracy === null ? '-' : pct(b.accuracy)}`)
        .join(', '),
  );
  console.log(`expected calibration error: ${(calibration.ece * 100).toFixed(2)}%`);
  if (reference) {
    console.log(
      `plain 300 dpi scans: docpipe ${reference.docpipePagesPerMinute.toFixed(1)} pages/min, ocrmypdf -l chi_sim --jobs 2 ${reference.ocrmypdfPagesPerMinute.toFixed(1)} pages/min`,
    );
  }
  await mkdir(resultsDir, { recursive: true });
  // A narrowed run writes beside the full one, never over it.
  const narrowed = only.length > 0 || reports.length < REPORTS.length || seeds.join() !== SEEDS.join();
  const outFile = path.join(resultsDir, narrowed ? 'matrix-partial.json' : 'matrix.json');
  await writeFile(
    outFile,
    JSON.stringify(
      { date: new Date().toISOString(), cores: os.availableParallelism(), seeds, rows, calibration, reference, files },
      null,
      1,
    ),
  );
  console.log(`results written to ${outFile}`);
}

/** OCRmyPDF on the plain 300 dpi scans of the run, against docpipe's figure on the same files. */
async function speedReference(
  reports: readonly string[],
  tmp: string,
  rows: readonly Row[],
  files: readonly (FileResult & { condition: string })[],
  conditions: readonly ScanCondition[],
) {
  const plain = rows.find((r) => r.condition.endsWith('-300dpi'));
  if (!plain || !(await hasOcrmypdf())) {
    return undefined;
  }
  const c = conditions.find((x) => x.id === plain.condition) as ScanCondition;
  let pages = 0;
  let ms = 0;
  for (const report of reports) {
    const rendered = await renderedScan(c, report);
    const truth = JSON.parse(await readFile(rendered.truth, 'utf8')) as Truth;
    const ref = await ocrmypdf(rendered.pdf, tmp, truth);
    pages += truth.pages;
    ms += ref.wallMs;
  }
  const ours = files.filter((f) => f.condition === c.id);
  return {
    condition: c.id,
    ocrmypdfPagesPerMinute: pages / (ms / 60000),
    docpipePagesPerMinute: ours.reduce((s, f) => s + f.pages, 0) / (ours.reduce((s, f) => s + f.wallMs, 0) / 60000),
  };
}

function printTable(rows: readonly Row[]): void {
  console.log(
    '\n| condition | fields right | silent errors | review load | cell structure | cell text | prose CER | pages/min | docs flagged | stroke / ruling / glyph (pt) | targets missed |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  const pt = (v: number | null) => (v === null ? '-' : v.toFixed(2));
  for (const r of rows) {
    console.log(
      `| ${r.condition} | ${pct(r.fieldAccuracy)} | ${pct(r.silentErrorRate)} | ${pct(r.reviewLoad)} | ${pct(r.cellStructure)} | ${pct(r.cellText)} | ` +
        `${pct(r.cer)} | ${r.pagesPerMinute.toFixed(1)} | ${r.documentsFlagged}/${r.files} | ` +
        `${pt(r.geometry.strokePt)} / ${pt(r.geometry.rulingPt)} / ${pt(r.geometry.textHeightPt)} | ${r.targets.join('; ') || '-'} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
