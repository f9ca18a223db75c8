// Generated tables printed as a new user's files are: born-digital (the HTML printed to PDF by Chromium, with its
// text layer) and scanned (those pages rendered at 150-300 dpi by pdftoppm, tilted a little, noised, saved as JPEG
// and wrapped into an image-only PDF by img2pdf), each with its truth JSON. Into a scratch folder: fresh seeds
// each run, nothing cached.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { createRng } from '../captures/rng';
import { type GeneratedTable, type TableKind, generateTable } from './generate-table';
import { tablesHtml } from './table-html';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../chromium';

const run = promisify(execFile);

export type Medium = 'digital' | 'scan';

/** What a rendered file holds: one table a page, with the truth of each and how its page was scanned. */
export interface TablesTruth {
  seed: number;
  kind: TableKind;
  medium: Medium;
  tables: (GeneratedTable & { page: number; scan?: ScanCondition })[];
}

/** How one page was scanned. */
export interface ScanCondition {
  dpi: number;
  tiltDegrees: number;
  noise: number;
  jpegQuality: number;
  /** ImageMagick's seed for the grain: without one it draws its own, and a seed's scans differed from run to run. */
  noiseSeed: number;
}

// Scanners archive at 150-300 dpi; a page fed by hand is tilted up to half a degree; grain and JPEG 60-90 are an
// office scanner's. Heavier degradations are the captures run's (bench/captures), not this one's.
const DPI_CHOICES = [150, 200, 240, 300];
const MAX_TILT = 0.5;

/** Renders `count` tables of `kind` for `seed` into `dir` as `<kind>-<seed>.<medium>.pdf` with `.truth.json` beside. */
export async function renderTables(
  dir: string,
  kind: TableKind,
  seed: number,
  count: number,
  medium: Medium,
): Promise<{ pdf: string; truth: TablesTruth }> {
  await mkdir(dir, { recursive: true });
  const rng = createRng(seed);
  const tables = Array.from({ length: count }, (_, i) => generateTable(rng.fork(`${kind}:table:${i}`), kind));
  const formRules = tables.map((_, i) => rng.fork(`rules:${i}`).chance(0.5));
  const base = path.join(dir, `${kind}-${seed}`);
  await writeFile(`${base}.html`, tablesHtml(tables, formRules));
  const digital = `${base}.digital.pdf`;
  await run(CHROMIUM_PATH, [...CHROMIUM_FLAGS, '--no-pdf-header-footer', `--print-to-pdf=${digital}`, `${base}.html`], {
    timeout: 120_000,
  });
  const truth: TablesTruth = { seed, kind, medium, tables: tables.map((t, i) => ({ ...t, page: i + 1 })) };
  let pdf = digital;
  if (medium === 'scan') {
    pdf = `${base}.scan.pdf`;
    const images: string[] = [];
    for (const t of truth.tables) {
      const scan = scanCondition(rng.fork(`scan:${t.page}`));
      t.scan = scan;
      images.push(await scanPage(digital, t.page, scan, `${base}-p${t.page}`));
    }
    await run('img2pdf', [...images, '-o', pdf]);
  }
  await writeFile(`${base}.${medium}.truth.json`, JSON.stringify(truth, null, 1));
  return { pdf, truth };
}

function scanCondition(rng: ReturnType<typeof createRng>): ScanCondition {
  return {
    dpi: rng.pick(DPI_CHOICES),
    tiltDegrees: rng.uniform(-MAX_TILT, MAX_TILT),
    noise: rng.uniform(0.1, 0.4),
    jpegQuality: rng.int(60, 90),
    noiseSeed: rng.int(1, 2 ** 31 - 1),
  };
}

/** One page of `pdf` as a scanner saves it: grey, tilted, grainy, JPEG, its resolution in the header. */
async function scanPage(pdf: string, page: number, scan: ScanCondition, base: string): Promise<string> {
  await run('pdftoppm', [
    '-r',
    String(scan.dpi),
    '-gray',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdf,
    base,
  ]);
  const out = `${base}.jpg`;
  await run('convert', [
    `${base}.pgm`,
    '-background',
    'white',
    '-rotate',
    scan.tiltDegrees.toFixed(2),
    '-seed',
    String(scan.noiseSeed),
    '-attenuate',
    scan.noise.toFixed(2),
    '+noise',
    'Gaussian',
    '-colorspace',
    'Gray',
    '-density',
    String(scan.dpi),
    '-units',
    'PixelsPerInch',
    '-quality',
    String(scan.jpegQuality),
    out,
  ]);
  return out;
}
