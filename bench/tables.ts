// `npm run bench:tables`: generic tables, not the template's. Each run draws fresh seeds (printed; TABLES_SEED=n
// re-runs one) and renders TABLES_COUNT (3) tables of each kind (ruled, three-line, borderless, key-value) into
// one PDF per kind, born-digital and scanned (bench/tables/render-tables.ts), converts each with the pipeline
// (no template: the report keeps its tables) and scores every table against its truth (bench/tables/table-metrics.ts):
// adjacency F1, cells exact, TEDS and TEDS-S, and the share of wrong cells not flagged. Prints one row per kind and
// medium with the issue's targets missed; writes bench/results/tables.json (tables-partial.json when narrowed).
// TABLES_KINDS=ruled,borderless and TABLES_MEDIA=digital narrow it.
import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ReportTable } from '../shared/contracts/report';
import { comparable } from '../shared/domain/cjk-text';
import { convertFile, pct } from './convert-and-score';
import { TABLE_KINDS, type TableKind } from './tables/generate-table';
import type { TruthCell } from '../harness/corpus';
import { type Medium, renderTables } from './tables/render-tables';
import { type TableScore, adjacencyF1, scoreTable } from './tables/table-metrics';

const resultsDir = path.join(__dirname, '../../bench/results');
const MEDIA: readonly Medium[] = ['digital', 'scan'];

// The issue's targets (#21): adjacency F1 0.97 on born-digital pages and ruled scans of 300 dpi, 0.90 on 200 dpi
// images (the scans here are 150-300 dpi: held to 0.90); TEDS 0.80 on mixed real-world tables; at most 10% of wrong
// cells unflagged born-digital, 20% on images.
const TARGETS = {
  digital: { f1: 0.97, teds: 0.8, unflagged: 0.1 },
  scan: { f1: 0.9, teds: 0.8, unflagged: 0.2 },
};

interface Row {
  kind: TableKind;
  medium: Medium;
  seed: number;
  tables: number;
  found: number;
  scores: TableScore[];
}

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docpipe-tables-'));
  const count = Number(process.env.TABLES_COUNT ?? 3);
  const base = process.env.TABLES_SEED ? Number(process.env.TABLES_SEED) : randomInt(2 ** 31);
  const kinds = TABLE_KINDS.filter((k) => !process.env.TABLES_KINDS || process.env.TABLES_KINDS.split(',').includes(k));
  const media = MEDIA.filter((m) => !process.env.TABLES_MEDIA || process.env.TABLES_MEDIA.split(',').includes(m));
  console.log(`generic tables: base seed ${base}, ${count} table(s) per kind and medium, into ${tmp}`);
  const rows: Row[] = [];
  for (const kind of kinds) {
    for (const medium of media) {
      // Each kind and medium has its own seed after the base, the same whatever the run is narrowed to.
      const seed = base + TABLE_KINDS.indexOf(kind) * MEDIA.length + MEDIA.indexOf(medium);
      const { pdf, truth } = await renderTables(tmp, kind, seed, count, medium);
      const { report } = await convertFile(pdf, tmp);
      console.log(`\n-- ${kind} ${medium} seed ${seed} (TABLES_SEED=${base}): ${report.tables.length} table(s) read`);
      const row: Row = { kind, medium, seed, tables: truth.tables.length, found: 0, scores: [] };
      for (const t of truth.tables) {
        const read = matchingTable(report.tables, t.page, t.cells);
        const score = scoreTable(t.cells, read?.cells ?? null);
        row.found += read ? 1 : 0;
        row.scores.push(score);
        const scan = t.scan ? `, ${t.scan.dpi} dpi tilt ${t.scan.tiltDegrees.toFixed(2)}` : '';
        console.log(
          `  page ${t.page} (${t.lang}, ${t.rows}x${t.cols}, ${t.headerRows} header row(s), frame ${t.frame}${scan}): ` +
            `${read ? `read ${rowsOf(read)}x${colsOf(read)}` : 'NOT FOUND'}, adjacency F1 ${adjacencyF1([score.adjacency]).f1.toFixed(3)}, ` +
            `exact ${score.exact}/${score.cells}, TEDS ${score.teds.toFixed(3)} (structure ${score.tedsStructure.toFixed(3)}), unflagged ${score.unflagged}/${score.wrong}`,
        );
        for (const miss of score.misses.slice(0, 4)) {
          console.log(`    ${miss}`);
        }
      }
      rows.push(row);
    }
  }
  const summary = rows.map(summarise);
  printTable(base, summary);
  await mkdir(resultsDir, { recursive: true });
  const narrowed = kinds.length < TABLE_KINDS.length || media.length < MEDIA.length;
  const outFile = path.join(resultsDir, narrowed ? 'tables-partial.json' : 'tables.json');
  await writeFile(
    outFile,
    JSON.stringify({ date: new Date().toISOString(), baseSeed: base, count, summary, rows }, null, 1),
  );
  console.log(`results written to ${outFile}`);
}

/** The report table on `page` sharing the most cell texts with the truth table; null when none shares any. */
function matchingTable(tables: readonly ReportTable[], page: number, truth: readonly TruthCell[]): ReportTable | null {
  const wanted = new Map<string, number>();
  truth
    .map((c) => comparable(c.text))
    .filter((t) => t !== '')
    .forEach((t) => wanted.set(t, (wanted.get(t) ?? 0) + 1));
  const shared = (t: ReportTable) => {
    const left = new Map(wanted);
    let n = 0;
    for (const c of t.cells) {
      const key = comparable(c.text);
      if ((left.get(key) ?? 0) > 0) {
        left.set(key, (left.get(key) ?? 0) - 1);
        n += 1;
      }
    }
    return n;
  };
  const ranked = tables
    .filter((t) => t.pages.includes(page))
    .map((t) => ({ t, n: shared(t) }))
    .sort((a, b) => b.n - a.n);
  return ranked[0] && ranked[0].n > 0 ? ranked[0].t : null;
}

const rowsOf = (t: ReportTable) => Math.max(...t.cells.map((c) => c.row + c.rowSpan));
const colsOf = (t: ReportTable) => Math.max(...t.cells.map((c) => c.col + c.colSpan));

function summarise(row: Row) {
  const sum = (f: (s: TableScore) => number) => row.scores.reduce((s, x) => s + f(x), 0);
  const adjacency = adjacencyF1(row.scores.map((s) => s.adjacency));
  const summary = {
    kind: row.kind,
    medium: row.medium,
    seed: row.seed,
    tables: row.tables,
    found: row.found,
    precision: adjacency.precision,
    recall: adjacency.recall,
    f1: adjacency.f1,
    cells: sum((s) => s.cells),
    exact: sum((s) => s.exact),
    teds: sum((s) => s.teds) / (row.scores.length || 1),
    tedsStructure: sum((s) => s.tedsStructure) / (row.scores.length || 1),
    wrong: sum((s) => s.wrong),
    unflagged: sum((s) => s.unflagged),
  };
  const target = TARGETS[row.medium];
  const unflaggedShare = summary.wrong ? summary.unflagged / summary.wrong : 0;
  const missed = [
    summary.f1 < target.f1 ? `F1 < ${target.f1}` : '',
    summary.teds < target.teds ? `TEDS < ${target.teds}` : '',
    unflaggedShare > target.unflagged ? `unflagged > ${pct(target.unflagged)}` : '',
  ].filter(Boolean);
  return { ...summary, unflaggedShare, missed };
}

function printTable(base: number, rows: readonly ReturnType<typeof summarise>[]): void {
  console.log(`\nbase seed ${base}`);
  console.log(
    '| kind | medium | seed | tables found | adjacency F1 (P / R) | cells exact | TEDS | TEDS-S | wrong cells unflagged | targets missed |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.kind} | ${r.medium} | ${r.seed} | ${r.found}/${r.tables} | ${r.f1.toFixed(3)} (${r.precision.toFixed(3)} / ${r.recall.toFixed(3)}) | ` +
        `${r.exact}/${r.cells} | ${r.teds.toFixed(3)} | ${r.tedsStructure.toFixed(3)} | ${r.unflagged}/${r.wrong} (${pct(r.unflaggedShare)}) | ${r.missed.join('; ') || '-'} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
