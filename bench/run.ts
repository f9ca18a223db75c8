// `npm run bench`: converts every corpus report (scan and digital), scores it against its truth file, times
// OCRmyPDF on the same scans as the speed reference, prints the figures and writes bench/results/latest.json.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Report } from '../shared/contracts/report';
import { CellScore, FieldScore, Truth, characterErrorRate, reliability, scoreCells, scoreFields } from './metrics';

const run = promisify(execFile);
const corpus = path.resolve(process.argv[2] ?? process.env.DOCPIPE_CORPUS ?? path.join(__dirname, '../../../shared/corpus'));
const resultsDir = path.join(__dirname, '../../bench/results');

interface FileResult {
  file: string;
  kind: 'scan' | 'digital';
  pages: number;
  /** Pages with at least one table: the table stage's figure is per table page. */
  tablePages: number;
  wallMs: number;
  pagesPerMinute: number;
  stageMs: { ocr: number; tables: number; normalisation: number };
  peakRssMb: number;
  fields: Omit<FieldScore, 'samples'>;
  cells: CellScore;
  cer: number;
  template: string | null;
  agencyOk: boolean;
  yearOk: boolean;
}

async function convert(file: string, tmp: string) {
  const out = path.join(tmp, `${path.basename(file)}.json`);
  await run(process.execPath, [path.join(__dirname, 'convert-one.js'), file, out], { maxBuffer: 1 << 26 });
  return JSON.parse(await readFile(out, 'utf8')) as { report: Report; times: { ocrMs: number; tablesMs: number; normalisationMs: number }; wallMs: number; peakRssMb: number };
}

async function ocrmypdf(file: string, tmp: string, truth: Truth) {
  const started = Date.now();
  const sidecar = path.join(tmp, `${path.basename(file)}.txt`);
  await run('ocrmypdf', ['-q', '-l', 'chi_sim', '--jobs', '2', '--sidecar', sidecar, file, path.join(tmp, 'ocrmypdf.pdf')]);
  const wallMs = Date.now() - started;
  // OCRmyPDF reads tables into its text too; its CER is against the prose alone, so it is an upper bound.
  return { wallMs, pagesPerMinute: truth.pages / (wallMs / 60000), cer: characterErrorRate(await readFile(sidecar, 'utf8'), truth.text) };
}

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docpipe-bench-'));
  const names = (await readdir(corpus)).filter((f) => f.endsWith('.truth.json')).map((f) => f.replace('.truth.json', '')).sort();
  // BENCH_ONLY=digital (or a file name part) narrows the run while working on one thing.
  const only = process.env.BENCH_ONLY ?? '';
  const results: FileResult[] = [];
  const samples: Record<'scan' | 'digital', { confidence: number; correct: boolean }[]> = { scan: [], digital: [] };
  const reference: { file: string; wallMs: number; pagesPerMinute: number; cer: number }[] = [];
  const hasOcrmypdf = await run('ocrmypdf', ['--version']).then(() => true, () => false);
  for (const name of names) {
    const truth = JSON.parse(await readFile(path.join(corpus, `${name}.truth.json`), 'utf8')) as Truth;
    for (const kind of ['scan', 'digital'] as const) {
      const file = path.join(corpus, `${name}.${kind}.pdf`);
      if (!existsSync(file) || !path.basename(file).includes(only)) {
        continue;
      }
      const out = await convert(file, tmp);
      const { samples: s, ...fields } = scoreFields(out.report, truth);
      samples[kind].push(...s);
      const result: FileResult = {
        file: path.basename(file), kind, pages: out.report.source.pages, wallMs: out.wallMs,
        tablePages: new Set(out.report.tables.flatMap((t) => t.pages)).size,
        pagesPerMinute: out.report.source.pages / (out.wallMs / 60000),
        stageMs: { ocr: out.times.ocrMs, tables: out.times.tablesMs, normalisation: out.times.normalisationMs },
        peakRssMb: out.peakRssMb, fields, cells: scoreCells(out.report, truth), cer: characterErrorRate(out.report.text, truth.text),
        template: out.report.template, agencyOk: out.report.agency === truth.agency, yearOk: out.report.year === truth.year,
      };
      results.push(result);
      print(result);
      if (kind === 'scan' && hasOcrmypdf) {
        const ref = await ocrmypdf(file, tmp, truth);
        reference.push({ file: result.file, ...ref });
        console.log(`  ocrmypdf -l chi_sim --jobs 2: ${(ref.wallMs / 1000).toFixed(1)} s, ${ref.pagesPerMinute.toFixed(1)} pages/min, CER ${pct(ref.cer)} (tables included in its text)`);
      }
    }
  }
  const summary = (['scan', 'digital'] as const).map((kind) => summarise(kind, results.filter((r) => r.kind === kind), samples[kind]));
  const refPages = reference.reduce((s, r) => s + (results.find((x) => x.file === r.file)?.pages ?? 0), 0);
  const refMs = reference.reduce((s, r) => s + r.wallMs, 0);
  const ocrmypdfPpm = refMs ? refPages / (refMs / 60000) : null;
  console.log('\n== overall');
  for (const s of summary) {
    console.log(`${s.kind}: fields ${pct(s.fieldAccuracy)} right, silent errors ${pct(s.silentErrorRate)}, review load ${pct(s.reviewLoad)}, ` +
      `cells structure ${pct(s.cellStructure)} text ${pct(s.cellText)} numeric ${pct(s.numericCells)}, prose CER ${pct(s.cer)}, ` +
      `${s.pagesPerMinute.toFixed(1)} pages/min (OCR stage ${s.ocrPagesPerMinute.toFixed(1)}, table stage ${s.tablePagesPerMinute.toFixed(1)} table pages/min), peak RSS ${s.peakRssMb.toFixed(0)} MB`);
    console.log(`  reliability (confidence -> observed accuracy): ${s.reliability.map((b) => `${b.bucket}: ${b.count} @ ${b.accuracy === null ? '-' : pct(b.accuracy)}`).join(', ')}`);
  }
  if (ocrmypdfPpm !== null) {
    console.log(`ocrmypdf -l chi_sim --jobs 2 on the scans: ${ocrmypdfPpm.toFixed(1)} pages/min`);
  }
  await mkdir(resultsDir, { recursive: true });
  const outFile = path.join(resultsDir, 'latest.json');
  await writeFile(outFile, JSON.stringify({ date: new Date().toISOString(), cores: os.availableParallelism(), results, summary, reference, ocrmypdfPagesPerMinute: ocrmypdfPpm }, null, 1));
  console.log(`results written to ${outFile}`);
}

function print(r: FileResult): void {
  console.log(`\n== ${r.file} (${r.pages} pages, template ${r.template}, agency ${r.agencyOk ? 'ok' : 'WRONG'}, year ${r.yearOk ? 'ok' : 'WRONG'})`);
  console.log(`  fields: ${r.fields.correct}/${r.fields.total} right, ${r.fields.flagged} flagged, ${r.fields.silentErrors} silent errors`);
  console.log(`  cells: ${r.cells.structure}/${r.cells.total} structure, ${r.cells.text}/${r.cells.total} text, numeric ${r.cells.numericCorrect}/${r.cells.numeric}`);
  console.log(`  prose CER ${pct(r.cer)}; ${(r.wallMs / 1000).toFixed(1)} s, ${r.pagesPerMinute.toFixed(1)} pages/min; stages ocr ${r.stageMs.ocr} ms, tables ${r.stageMs.tables} ms, normalisation ${r.stageMs.normalisation} ms; peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  for (const w of r.fields.wrong.slice(0, 10)) {
    console.log(`    field ${w.key}: expected ${w.expected}, got ${w.got} ("${w.raw}", confidence ${w.confidence}${w.flagged ? ', flagged' : ', NOT flagged'})`);
  }
  for (const m of r.cells.misses.slice(0, 10)) {
    console.log(`    cell ${m}`);
  }
}

function stageWallMs(rs: FileResult[], stage: 'ocr' | 'tables'): number {
  return rs.reduce((sum, r) => sum + (r.wallMs * r.stageMs[stage]) / (r.stageMs.ocr + r.stageMs.tables + r.stageMs.normalisation || 1), 0);
}

function summarise(kind: 'scan' | 'digital', rs: FileResult[], samples: { confidence: number; correct: boolean }[]) {
  const add = (f: (r: FileResult) => number) => rs.reduce((s, r) => s + f(r), 0);
  const fields = add((r) => r.fields.total) || 1;
  const cells = add((r) => r.cells.total) || 1;
  const pages = add((r) => r.pages);
  const tablePages = add((r) => r.tablePages);
  return {
    kind,
    fieldAccuracy: add((r) => r.fields.correct) / fields,
    silentErrorRate: add((r) => r.fields.silentErrors) / fields,
    reviewLoad: add((r) => r.fields.flagged) / fields,
    cellStructure: add((r) => r.cells.structure) / cells,
    cellText: add((r) => r.cells.text) / cells,
    numericCells: add((r) => r.cells.numericCorrect) / (add((r) => r.cells.numeric) || 1),
    // CER over all characters of the kind's prose, weighted by length.
    cer: add((r) => r.cer * r.pages) / (pages || 1),
    pagesPerMinute: pages / (add((r) => r.wallMs) / 60000),
    // Pages overlap in flight, so per-page stage times add up to more than the wall time: each stage is
    // credited with its share of the wall time, in proportion to its summed per-page time.
    ocrPagesPerMinute: pages / (stageWallMs(rs, 'ocr') / 60000),
    tablePagesPerMinute: tablePages / (stageWallMs(rs, 'tables') / 60000),
    peakRssMb: Math.max(...rs.map((r) => r.peakRssMb)),
    reliability: reliability(samples),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
