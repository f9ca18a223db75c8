// The robustness matrix's scanning conditions, and their renders made on demand with
// ../shared/tools/corpus/render.py into a cache outside git (DOCPIPE_MATRIX_CACHE, default ~/.cache/docpipe/matrix).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '../shared/config/repository-root';

const run = promisify(execFile);

export const REPORTS = ['000-shizuishan-2020', '002-yinchuan-2020', '004-ningxia-2017'] as const;
export const STRESS_KINDS = ['seal', 'lowdpi', 'rotated', 'photocopy', 'mixed'] as const;
// Seeds 2 and 3: not the corpus's (1), so the matrix is never the render the reading was first built on.
export const SEEDS = [2, 3] as const;
const RESOLUTIONS = [150, 200, 300, 400] as const;
// The stress kinds that render.py scans at --dpi, run again at 200 dpi (the "stress kinds at 200 dpi"):
// lowdpi is 150 dpi and mixed 300 and 200 dpi by definition, whatever --dpi says (render.py's STRESS table).
export const STRESS_AT_200 = ['seal', 'rotated', 'photocopy'] as const;

export interface ScanCondition {
  /** e.g. s2-200dpi, s3-hard, s2-photocopy */
  id: string;
  seed: number;
  dpi: number;
  hard?: boolean;
  stress?: (typeof STRESS_KINDS)[number];
}

/**
 * The seeds a run renders: MATRIX_SEEDS=7,19 names them; MATRIX_SEEDS=fresh draws two the matrix has never
 * held (printed by the bench, so a miss can be rendered again); unset, the matrix's own seeds 2 and 3.
 */
export function matrixSeeds(setting = process.env.MATRIX_SEEDS, draw = () => Math.random()): number[] {
  if (!setting) {
    return [...SEEDS];
  }
  if (setting === 'fresh') {
    // render.py's seed is any integer; 4 and up so a draw is never the corpus's (1) or the matrix's own, and the
    // second one past the first (two draws of one seed would be one render).
    const first = 4 + Math.floor(draw() * 1_000_000);
    return [first, first + 1 + Math.floor(draw() * 1_000_000)];
  }
  const entries = setting.split(',').map((s) => s.trim());
  if (entries.some((s) => !/^\d+$/.test(s))) {
    throw new Error(`MATRIX_SEEDS must be "fresh" or integers separated by commas, not "${setting}"`);
  }
  return [...new Set(entries.map(Number))];
}

/** Every condition of the matrix: seeds x (resolutions, --hard, each stress kind, the stress kinds at 200 dpi). */
export function matrixConditions(seeds: readonly number[] = SEEDS): ScanCondition[] {
  return seeds.flatMap((seed) => [
    ...RESOLUTIONS.map((dpi) => ({ id: `s${seed}-${dpi}dpi`, seed, dpi })),
    { id: `s${seed}-hard`, seed, dpi: 300, hard: true },
    ...STRESS_KINDS.map((stress) => ({ id: `s${seed}-${stress}`, seed, dpi: 300, stress })),
    ...STRESS_AT_200.map((stress) => ({ id: `s${seed}-${stress}-200dpi`, seed, dpi: 200, stress })),
  ]);
}

// ../shared sits beside the repository.
export const sharedRoot = () => path.resolve(process.env.DOCPIPE_SHARED ?? path.join(repositoryRoot(), '../shared'));
export const matrixCache = () =>
  path.resolve(process.env.DOCPIPE_MATRIX_CACHE ?? path.join(os.homedir(), '.cache/docpipe/matrix'));

const suffix = (c: ScanCondition) => (c.stress ? c.stress : c.hard ? 'hardscan' : 'scan');

/** The scanned PDF and truth file of `report` under condition `c`, rendered first if not in the cache. */
export async function renderedScan(c: ScanCondition, report: string): Promise<{ pdf: string; truth: string }> {
  const dir = path.join(matrixCache(), c.id);
  const pdf = path.join(dir, `${report}.${suffix(c)}.pdf`);
  const truth = path.join(dir, `${report}.truth.json`);
  if (existsSync(pdf) && existsSync(truth)) {
    return { pdf, truth };
  }
  await ensureRenderTools();
  // Rendered into a scratch folder and moved in whole, so an interrupted render never leaves a half file.
  const scratch = path.join(matrixCache(), `.tmp-${c.id}-${report}-${process.pid}`);
  await mkdir(scratch, { recursive: true });
  try {
    const args = [
      path.join(sharedRoot(), 'tools/corpus/render.py'),
      scratch,
      report,
      '--seed',
      String(c.seed),
      '--dpi',
      String(c.dpi),
      ...(c.hard ? ['--hard'] : []),
      ...(c.stress ? ['--stress', c.stress] : []),
    ];
    await run('python3', args, { cwd: path.join(sharedRoot(), 'tools/corpus'), maxBuffer: 1 << 24 });
    await mkdir(dir, { recursive: true });
    // --hard writes no truth file: its content is the report's, the same as the corpus truth.
    if (c.hard) {
      await copyFile(
        path.join(sharedRoot(), 'corpus', `${report}.truth.json`),
        path.join(scratch, `${report}.truth.json`),
      );
    }
    await rename(path.join(scratch, `${report}.${suffix(c)}.pdf`), pdf);
    await rename(path.join(scratch, `${report}.truth.json`), truth);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { pdf, truth };
}

// What render.py needs (its header): Debian's chromium, poppler-utils, imagemagick, img2pdf and two CJK fonts.
const RENDER_PACKAGES = ['chromium', 'poppler-utils', 'imagemagick', 'img2pdf', 'fonts-noto-cjk', 'fonts-arphic-uming'];
let toolsReady: Promise<void> | undefined;

function ensureRenderTools(): Promise<void> {
  toolsReady ??= (async () => {
    const missing = await run('dpkg-query', ['-W', '-f', '${Status}\n', ...RENDER_PACKAGES]).then(
      (r) => r.stdout.split('\n').filter((l) => l !== '' && !l.includes('install ok installed')).length > 0,
      () => true,
    );
    if (missing) {
      process.stderr.write(`installing render.py's packages: ${RENDER_PACKAGES.join(' ')}\n`);
      await run('apt-get', ['update', '-q'], { maxBuffer: 1 << 26 });
      await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...RENDER_PACKAGES], {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        maxBuffer: 1 << 26,
      });
    }
  })();
  return toolsReady;
}
