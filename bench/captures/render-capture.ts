// One draw rendered: a shared report captured as a family's draw for a seed, into a cache folder outside git,
// with the corpus truth file beside it (the content is the report's own, so its truth is unchanged).
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { matrixCache, sharedRoot } from '../scan-conditions';
import { type EncodedPage, encodePage, writeCapturePdf } from './capture-pdf';
import { type CapturePlan, type CapturedPage, type FamilyName, planCapture } from './families';
import { createRng } from './rng';
import { SOURCE_DPI, openSource } from './source-pages';

/** Where the captures are cached: beside the matrix's renders (~/.cache/docpipe/captures). */
export const capturesCache = () => path.join(path.dirname(matrixCache()), 'captures');

// Raised whenever a family's rendering changes, so a cached draw of an older generator is never read as this one's
// (2: the fax's optics softened by 0.3-0.5 pixel instead of a one-pixel box blur).
const GENERATOR_VERSION = 2;

/** A rendered draw: its files and what was drawn. */
export interface RenderedCapture {
  pdf: string;
  truth: string;
  device: CapturePlan['device'];
  description: string;
}

/** The plan a seed draws for a report and family: the same whenever the seed is. */
function planFor(report: string, family: FamilyName, seed: number): CapturePlan {
  return planCapture(family, createRng(seed).fork(`${family}:${report}:plan`));
}

/**
 * `report` captured as `family`'s draw for `seed`, rendered into `<cache>/v<generator>/<family>-<seed>/` unless there already.
 * `onPage`, if given, sees each captured page (render-one writes page 1 as PNG from it).
 */
export async function renderedCapture(
  report: string,
  family: FamilyName,
  seed: number,
  onPage?: (n: number, page: CapturedPage) => Promise<void>,
): Promise<RenderedCapture> {
  return rendered(report, family, seed, { onPage });
}

/**
 * Page `page` alone of `report` captured as `family`'s draw for `seed`, as a one-page PDF: the same pixels as that page
 * of the whole draw (each page's degradations come from the seed and the page's number), for a test of one page
 * at a fraction of the cost.
 */
export async function renderedCapturePage(
  report: string,
  family: FamilyName,
  seed: number,
  page: number,
): Promise<RenderedCapture> {
  return rendered(report, family, seed, { page });
}

async function rendered(
  report: string,
  family: FamilyName,
  seed: number,
  options: { onPage?: (n: number, page: CapturedPage) => Promise<void>; page?: number },
): Promise<RenderedCapture> {
  const plan = planFor(report, family, seed);
  const dir = path.join(capturesCache(), `v${GENERATOR_VERSION}`, `${family}-${seed}`);
  const pdf = path.join(dir, `${report}.${family}${options.page !== undefined ? `.page${options.page}` : ''}.pdf`);
  const truth = path.join(dir, `${report}.truth.json`);
  const described = path.join(dir, `${report}.capture.json`);
  if (!options.onPage && existsSync(pdf) && existsSync(truth) && existsSync(described)) {
    const { description } = JSON.parse(await readFile(described, 'utf8')) as { description: string };
    return { pdf, truth, device: plan.device, description };
  }
  await mkdir(dir, { recursive: true });
  // Written under a scratch name and moved in whole, so an interrupted render never leaves a half file.
  const scratch = `${pdf}.${process.pid}.tmp`;
  try {
    await writeCapturePdf(scratch, await capturePages(report, plan, seed, options));
    await rename(scratch, pdf);
  } finally {
    await rm(scratch, { force: true });
  }
  await copyFile(path.join(sharedRoot(), 'corpus', `${report}.truth.json`), truth);
  await writeFile(
    described,
    JSON.stringify({ report, family, seed, device: plan.device, description: plan.description }, null, 1),
  );
  return { pdf, truth, device: plan.device, description: plan.description };
}

/** Each page of the report's digital PDF (or page `only`) captured by `plan`, the next page (or the one before, for
 * the last) as its back. Each source page is rendered once, and let go once no page ahead needs it. */
async function capturePages(
  report: string,
  plan: CapturePlan,
  seed: number,
  { onPage, page: only }: { onPage?: (n: number, page: CapturedPage) => Promise<void>; page?: number },
): Promise<EncodedPage[]> {
  const source = await openSource(path.join(sharedRoot(), 'corpus', `${report}.digital.pdf`));
  const sourcePages = new Map<number, ReturnType<typeof source.page>>();
  const sourcePage = (n: number) => {
    if (!sourcePages.has(n)) {
      sourcePages.set(n, source.page(n));
    }
    return sourcePages.get(n) as ReturnType<typeof source.page>;
  };
  const pages: EncodedPage[] = [];
  try {
    if (only !== undefined && (only < 1 || only > source.pageCount)) {
      throw new Error(`${report} has no page ${only}`);
    }
    for (const n of only !== undefined ? [only] : Array.from({ length: source.pageCount }, (_, i) => i + 1)) {
      const current = await sourcePage(n);
      const back = source.pageCount === 1 ? null : await sourcePage(n < source.pageCount ? n + 1 : n - 1);
      const rng = createRng(seed).fork(`${plan.family}:${report}:page${n}`);
      const captured = plan.capture(
        current.raster,
        { dpi: SOURCE_DPI, words: current.words, back: back?.raster ?? null },
        rng,
      );
      await onPage?.(n, captured);
      pages.push(await encodePage(captured));
      sourcePages.delete(n - 1);
    }
  } finally {
    await source.close();
  }
  return pages;
}
