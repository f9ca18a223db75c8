// `npm run bench:captures`: the unseen-capture run. Each run draws fresh seeds (printed, so a failure can be
// re-rendered with bench/captures/render-one.js) and renders the three shared reports under random compositions
// of each family's degradations (bench/captures/families.ts), converts and scores them as the matrix does, and
// prints each family's distribution (minimum, median, maximum) and the targets missed. Writes
// bench/results/captures.json (captures-partial.json when narrowed).
// CAPTURES_DRAWS (2) draws per family and report; CAPTURES_SEED=n makes the base seed n (draws n, n+1, ...);
// CAPTURES_FAMILIES=phone,faded and CAPTURES_REPORTS=000 narrow it.
import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type FileResult, convertAndScore, pct, printFile } from './convert-and-score';
import { targetsMissed } from './captures/capture-targets';
import { FAMILIES, type FamilyName } from './captures/families';
import { renderedCapture } from './captures/render-capture';
import type { Truth } from '../harness/corpus';
import { REPORTS } from './scan-conditions';

const resultsDir = path.join(__dirname, '../../bench/results');

/** One converted draw. */
type Draw = FileResult & {
  family: FamilyName;
  report: string;
  seed: number;
  device: string;
  description: string;
  targets: string[];
};

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docpipe-captures-'));
  const draws = Number(process.env.CAPTURES_DRAWS ?? 2);
  // A base seed below 2^31 leaves room for the draws after it; from crypto unless a failure is being re-run.
  const base = process.env.CAPTURES_SEED ? Number(process.env.CAPTURES_SEED) : randomInt(2 ** 31);
  const families = FAMILIES.filter(
    (f) => !process.env.CAPTURES_FAMILIES || process.env.CAPTURES_FAMILIES.split(',').includes(f),
  );
  const reports = REPORTS.filter(
    (r) => !process.env.CAPTURES_REPORTS || process.env.CAPTURES_REPORTS.split(',').some((p) => r.includes(p)),
  );
  console.log(
    `unseen captures: base seed ${base}, ${draws} draw(s) per family and report, families ${families.join(', ')}`,
  );
  const results: Draw[] = [];
  for (const family of families) {
    for (const report of reports) {
      for (let k = 0; k < draws; k += 1) {
        const seed = base + k;
        const rendered = await renderedCapture(report, family, seed);
        console.log(
          `\n-- ${family} seed ${seed} ${report}: ${rendered.description}` +
            ` (re-render: node dist/bench/captures/render-one.js --report ${report} --family ${family} --seed ${seed} --png)`,
        );
        const truth = JSON.parse(await readFile(rendered.truth, 'utf8')) as Truth;
        const { result } = await convertAndScore(rendered.pdf, truth, tmp);
        const draw: Draw = {
          ...result,
          family,
          report,
          seed,
          device: rendered.device,
          description: rendered.description,
          targets: targetsMissed(rendered.device, result),
        };
        printFile({ ...result, file: `${family}-${seed}/${result.file}` });
        console.log(`  targets missed: ${draw.targets.join('; ') || '-'}`);
        results.push(draw);
      }
    }
    printTable(
      families
        .map((f) =>
          familyRow(
            f,
            results.filter((r) => r.family === f),
          ),
        )
        .filter((r) => r.draws > 0),
    );
  }
  await mkdir(resultsDir, { recursive: true });
  // A narrowed run writes beside the full one, never over it.
  const narrowed = families.length < FAMILIES.length || reports.length < REPORTS.length;
  const outFile = path.join(resultsDir, narrowed ? 'captures-partial.json' : 'captures.json');
  const rows = families.map((f) =>
    familyRow(
      f,
      results.filter((r) => r.family === f),
    ),
  );
  await writeFile(
    outFile,
    JSON.stringify(
      { date: new Date().toISOString(), cores: os.availableParallelism(), baseSeed: base, draws, rows, files: results },
      null,
      1,
    ),
  );
  console.log(`results written to ${outFile}`);
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
// The lower of the two middle values when the draws are even: a median that is one of the draws, never flattered.
const median = (values: readonly number[]) => sorted(values)[Math.floor((values.length - 1) / 2)] ?? 0;
const min = (values: readonly number[]) => sorted(values)[0] ?? 0;
const max = (values: readonly number[]) => sorted(values).at(-1) ?? 0;

/** A family's distribution over its draws (each draw one document). */
function familyRow(family: FamilyName, draws: readonly Draw[]) {
  const share = (f: (d: Draw) => number) => draws.map((d) => f(d) / (d.fields.total || 1));
  const fields = share((d) => d.fields.correct);
  const silent = share((d) => d.fields.silentErrors);
  const review = share((d) => d.fields.flagged);
  const structure = draws.map((d) => d.cells.structure / (d.cells.total || 1));
  const cer = draws.map((d) => d.cer);
  return {
    family,
    draws: draws.length,
    fieldsMin: min(fields),
    fieldsMedian: median(fields),
    silentMax: max(silent),
    reviewMedian: median(review),
    reviewMax: max(review),
    structureMin: min(structure),
    cerMedian: median(cer),
    cerMax: max(cer),
    flagged: draws.filter((d) => d.quality !== 'ok').length,
    targets: [...new Set(draws.flatMap((d) => d.targets.map((t) => `${t} (${d.report.slice(0, 3)} seed ${d.seed})`)))],
  };
}

function printTable(rows: readonly ReturnType<typeof familyRow>[]): void {
  console.log(
    '\n| family | draws | fields right min / median | silent errors max | review load median / max | cell structure min | prose CER median / max | docs flagged | targets missed |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.family} | ${r.draws} | ${pct(r.fieldsMin)} / ${pct(r.fieldsMedian)} | ${pct(r.silentMax)} | ${pct(r.reviewMedian)} / ${pct(r.reviewMax)} | ` +
        `${pct(r.structureMin)} | ${pct(r.cerMedian)} / ${pct(r.cerMax)} | ${r.flagged}/${r.draws} | ${r.targets.join('; ') || '-'} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
