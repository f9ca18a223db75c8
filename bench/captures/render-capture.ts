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
export async function renderedCapture(report: string, family: FamilyName, seed: number, onPage?: (n: number, page: CapturedPage) => Promise<void>): Promise<RenderedCapture> {
  const plan = planFor(report, family, seed);
  const dir = path.join(capturesCache(), `v${GENERATOR_VERSION}`, `${family}-${seed}`);
  const pdf = path.join(dir, `${report}.${family}.pdf`);
  const truth = path.join(dir, `${report}.truth.json`);
  const described = path.join(dir, `${report}.capture.json`);
  if (!onPage && existsSync(pdf) && existsSync(truth) && existsSync(described)) {
    const { description } = JSON.parse(await readFile(described, 'utf8')) as { description: string };
    return { pdf, truth, device: plan.device, description };
  }
  await mkdir(dir, { recursive: true });
  // Written under a scratch name and moved in whole, so an interrupted render never leaves a half file.
  const scratch = `${pdf}.${process.pid}.tmp`;
  try {
    await writeCapturePdf(scratch, await capturePages(report, plan, seed, onPage));
    await rename(scratch, pdf);
  } finally {
    await rm(scratch, { force: true });
  }
  await copyFile(path.join(sharedRoot(), 'corpus', `${report}.truth.json`), truth);
  await writeFile(described, JSON.stringify({ report, family, seed, device: plan.device, description: plan.description }, null, 1));
  return { pdf, truth, device: plan.device, description: plan.description };
}

/** Each page of the report's digital PDF captured by `plan`, the next page (or the one before, for the last) as its back. */
async function capturePages(report: string, plan: CapturePlan, seed: number, onPage?: (n: number, page: CapturedPage) => Promise<void>): Promise<EncodedPage[]> {
  const source = await openSource(path.join(sharedRoot(), 'corpus', `${report}.digital.pdf`));
  const pages: EncodedPage[] = [];
  try {
    let current = await source.page(1);
    let previous: typeof current | null = null;
    for (let n = 1; n <= source.pageCount; n += 1) {
      const next = n < source.pageCount ? await source.page(n + 1) : null;
      const back = next ?? previous;
      const rng = createRng(seed).fork(`${plan.family}:${report}:page${n}`);
      const captured = plan.capture(current.raster, { dpi: SOURCE_DPI, words: current.words, back: back?.raster ?? null }, rng);
      await onPage?.(n, captured);
      pages.push(await encodePage(captured));
      previous = current;
      if (next) {
        current = next;
      }
    }
  } finally {
    await source.close();
  }
  return pages;
}
