// One file through the pipeline in a child process (its own peak memory), scored against its truth file.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Report } from '../shared/contracts/report';
import { comparable } from '../shared/domain/cjk-text';
import type { Truth } from '../harness/corpus';
import { CellScore, FieldScore, characterErrorRate, reliability, scoreCells, scoreFields } from './metrics';

const run = promisify(execFile);

export interface FileResult {
  file: string;
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
  /** Characters of the truth's prose: CER over several files is weighted by it. */
  proseChars: number;
  template: string | null;
  /** The report's own verdict on itself (report.quality.status). */
  quality: string;
  agencyOk: boolean;
  yearOk: boolean;
  /** Medians over the scanned pages of what was measured on them (page-geometry.ts), in points. */
  geometry: { strokePt: number | null; rulingPt: number | null; textHeightPt: number | null };
}

export interface Scored {
  result: FileResult;
  /** Each field's confidence and whether it was right: input to the reliability table. */
  samples: FieldScore['samples'];
}

/** What bench/convert-one.js writes for one file. */
export interface Converted {
  report: Report;
  times: { ocrMs: number; tablesMs: number; normalisationMs: number };
  wallMs: number;
  peakRssMb: number;
}

/** Converts `file` with bench/convert-one.js, in a child process of its own. */
export async function convertFile(file: string, tmp: string): Promise<Converted> {
  const out = path.join(tmp, `${path.basename(file)}.json`);
  await run(process.execPath, [path.join(__dirname, 'convert-one.js'), file, out], { maxBuffer: 1 << 26 });
  return JSON.parse(await readFile(out, 'utf8')) as Converted;
}

/** Converts `file` with bench/convert-one.js and scores the report against `truth`. */
export async function convertAndScore(file: string, truth: Truth, tmp: string): Promise<Scored> {
  const converted = await convertFile(file, tmp);
  const { report } = converted;
  const { samples, ...fields } = scoreFields(report, truth);
  return {
    samples,
    result: {
      file: path.basename(file),
      pages: report.source.pages,
      wallMs: converted.wallMs,
      tablePages: new Set(report.tables.flatMap((t) => t.pages)).size,
      pagesPerMinute: report.source.pages / (converted.wallMs / 60000),
      stageMs: {
        ocr: converted.times.ocrMs,
        tables: converted.times.tablesMs,
        normalisation: converted.times.normalisationMs,
      },
      peakRssMb: converted.peakRssMb,
      fields,
      cells: scoreCells(report, truth),
      cer: characterErrorRate(report.text, truth.text),
      proseChars: [...comparable(truth.text)].length,
      template: report.template,
      quality: report.quality.status,
      agencyOk: report.agency === truth.agency,
      yearOk: report.year === truth.year,
      geometry: medianGeometry(report.pages.flatMap((p) => p.geometry ?? [])),
    },
  };
}

/** Each measure's median over what was measured (nulls left out): over a file's pages, or a row's files. */
function medianGeometry(measured: readonly FileResult['geometry'][]): FileResult['geometry'] {
  const medianOf = (pick: (g: FileResult['geometry']) => number | null) => {
    const sorted = measured.flatMap((g) => pick(g) ?? []).sort((a, b) => a - b);
    return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
  };
  return {
    strokePt: medianOf((g) => g.strokePt),
    rulingPt: medianOf((g) => g.rulingPt),
    textHeightPt: medianOf((g) => g.textHeightPt),
  };
}

export const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** Prints one file's figures and its first misses. */
export function printFile(r: FileResult): void {
  console.log(
    `\n== ${r.file} (${r.pages} pages, template ${r.template}, quality ${r.quality}, agency ${r.agencyOk ? 'ok' : 'WRONG'}, year ${r.yearOk ? 'ok' : 'WRONG'})`,
  );
  console.log(
    `  fields: ${r.fields.correct}/${r.fields.total} right, ${r.fields.flagged} flagged, ${r.fields.silentErrors} silent errors`,
  );
  console.log(
    `  cells: ${r.cells.structure}/${r.cells.total} structure, ${r.cells.text}/${r.cells.total} text, numeric ${r.cells.numericCorrect}/${r.cells.numeric}`,
  );
  console.log(
    `  prose CER ${pct(r.cer)}; ${(r.wallMs / 1000).toFixed(1)} s, ${r.pagesPerMinute.toFixed(1)} pages/min; stages ocr ${r.stageMs.ocr} ms, tables ${r.stageMs.tables} ms, normalisation ${r.stageMs.normalisation} ms; peak RSS ${r.peakRssMb.toFixed(0)} MB`,
  );
  for (const w of r.fields.wrong.slice(0, 10)) {
    console.log(
      `    field ${w.key}: expected ${w.expected}, got ${w.got} ("${w.raw}", confidence ${w.confidence}${w.flagged ? ', flagged' : ', NOT flagged'})`,
    );
  }
  for (const m of r.cells.misses.slice(0, 10)) {
    console.log(`    cell ${m}`);
  }
}

function stageWallMs(rs: readonly FileResult[], stage: 'ocr' | 'tables'): number {
  return rs.reduce(
    (sum, r) => sum + (r.wallMs * r.stageMs[stage]) / (r.stageMs.ocr + r.stageMs.tables + r.stageMs.normalisation || 1),
    0,
  );
}

/** Figures over several files: accuracies weighted by fields, cells and prose length; speed over all pages. */
export function summarise(rs: readonly FileResult[], samples: readonly { confidence: number; correct: boolean }[]) {
  const add = (f: (r: FileResult) => number) => rs.reduce((s, r) => s + f(r), 0);
  const fields = add((r) => r.fields.total) || 1;
  const cells = add((r) => r.cells.total) || 1;
  const pages = add((r) => r.pages);
  const tablePages = add((r) => r.tablePages);
  return {
    files: rs.length,
    fieldAccuracy: add((r) => r.fields.correct) / fields,
    silentErrorRate: add((r) => r.fields.silentErrors) / fields,
    reviewLoad: add((r) => r.fields.flagged) / fields,
    cellStructure: add((r) => r.cells.structure) / cells,
    cellText: add((r) => r.cells.text) / cells,
    numericCells: add((r) => r.cells.numericCorrect) / (add((r) => r.cells.numeric) || 1),
    cer: add((r) => r.cer * r.proseChars) / (add((r) => r.proseChars) || 1),
    pagesPerMinute: pages / (add((r) => r.wallMs) / 60000),
    // Pages overlap in flight, so per-page stage times add up to more than the wall time: each stage is
    // credited with its share of the wall time, in proportion to its summed per-page time.
    ocrPagesPerMinute: pages / (stageWallMs(rs, 'ocr') / 60000),
    tablePagesPerMinute: tablePages / (stageWallMs(rs, 'tables') / 60000),
    peakRssMb: Math.max(...rs.map((r) => r.peakRssMb)),
    /** Documents whose report does not call itself ok. */
    documentsFlagged: rs.filter((r) => r.quality !== 'ok').length,
    reliability: reliability(samples),
    /** What the pages measured (medians over the files' medians, points): the sizes the thresholds followed. */
    geometry: medianGeometry(rs.map((r) => r.geometry)),
  };
}
