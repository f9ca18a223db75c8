// The only module that touches tesseract.js: a pool of workers created once per process, reused for every page.
// tesseract.js takes recognition parameters per worker, not per job, so each mode has its own scheduler
// (started on first use): 'text' reads Chinese and Latin as blocks, 'digits' reads one line of numbers.
import { createScheduler, createWorker, OEM, PSM } from 'tesseract.js';
import type { Scheduler } from 'tesseract.js';
import type { PixelBox, Raster } from './raster';
import { PermanentError } from '../errors/errors';
import { modelSource } from './tesseract-models';

export type OcrMode = 'text' | 'digits';

export interface OcrWord {
  text: string;
  /** 0..1 */
  confidence: number;
  bbox: PixelBox;
}

export interface OcrLine extends OcrWord {
  words: OcrWord[];
}

export interface OcrResult {
  text: string;
  confidence: number;
  lines: OcrLine[];
}

export interface OcrPool {
  recognise(image: Raster, mode: OcrMode): Promise<OcrResult>;
  /** Workers started (over every mode), jobs given to them and not yet done (some may wait for a worker), and the
   * workers busy with one. */
  load(): { workers: number; jobs: number; busy: number };
  close(): Promise<void>;
}

const modes: Record<
  OcrMode,
  { lang: string; pkg: string; parameters: Record<string, string>; workers: (size: number) => number }
> = {
  text: {
    lang: 'chi_sim',
    workers: (size) => size,
    pkg: '@tesseract.js-data/chi_sim',
    parameters: {
      tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
      // Without this Tesseract puts a space between every pair of CJK characters.
      preserve_interword_spaces: '1',
      // Our PNGs carry no usable DPI metadata; the images we OCR are 225-300 DPI, so tell Tesseract so.
      user_defined_dpi: '300',
    },
  },
  digits: {
    lang: 'eng',
    // One worker whatever the pool's size: digit readings are 1.5% of a scanned page's CPU (bench:profile, 4 short
    // lines a page), so one never keeps a page waiting, and each worker more holds about 90 MB (the eng model cut to
    // its LSTM engine, measured 2026-12-01).
    workers: () => 1,
    pkg: '@tesseract.js-data/eng',
    parameters: {
      tessedit_pageseg_mode: PSM.SINGLE_LINE,
      tessedit_char_whitelist: '0123456789+-.,',
      user_defined_dpi: '300',
    },
  },
};

/** A pool of `size` workers for text and one for digits; schedulers start lazily so a process pays only for modes it uses. */
export function createOcrPool(size: number): OcrPool {
  const schedulers = new Map<OcrMode, Promise<Scheduler>>();
  const jobs = new Map<OcrMode, number>();
  const start = async (mode: OcrMode) => {
    const spec = modes[mode];
    const scheduler = createScheduler();
    const { langPath, gzip } = await modelSource(spec.pkg, spec.lang);
    const workers = await Promise.all(
      Array.from({ length: spec.workers(size) }, async () => {
        const worker = await createWorker(spec.lang, OEM.LSTM_ONLY, { langPath, gzip, cacheMethod: 'none' });
        await worker.setParameters(spec.parameters);
        return worker;
      }),
    );
    workers.forEach((w) => scheduler.addWorker(w));
    return scheduler;
  };
  return {
    async recognise(image, mode) {
      // Tesseract's worker dies on images over 32767 px a side, taking the process with it: refuse first.
      if (image.width > MAX_SIDE || image.height > MAX_SIDE) {
        throw new PermanentError(`image of ${image.width} x ${image.height} px is too large to OCR`);
      }
      let scheduler = schedulers.get(mode);
      if (!scheduler) {
        const starting = start(mode);
        schedulers.set(mode, starting);
        // A mode whose workers failed to start is started afresh by the next reading, not failed for good.
        starting.catch(() => schedulers.get(mode) === starting && schedulers.delete(mode));
        scheduler = starting;
      }
      jobs.set(mode, (jobs.get(mode) ?? 0) + 1);
      try {
        const result = await (await scheduler).addJob('recognize', toPgm(image), {}, { blocks: true, text: true });
        return toResult(result.data);
      } finally {
        jobs.set(mode, (jobs.get(mode) ?? 1) - 1);
      }
    },
    load() {
      const started = [...schedulers.keys()];
      const workersOf = (mode: OcrMode) => modes[mode].workers(size);
      return {
        workers: started.reduce((n, mode) => n + workersOf(mode), 0),
        jobs: [...jobs.values()].reduce((n, j) => n + j, 0),
        busy: started.reduce((n, mode) => n + Math.min(jobs.get(mode) ?? 0, workersOf(mode)), 0),
      };
    },
    async close() {
      const started = [...schedulers.values()];
      schedulers.clear();
      await Promise.all(
        started.map(async (s) => {
          await (await s).terminate();
        }),
      );
    },
  };
}

const MAX_SIDE = 32000;

/** The raster as binary PGM, which Tesseract's Leptonica reads: a header and the raw bytes, no encoding
 * (PNG encoding of the many small cell images cost more than reading some of them). */
function toPgm(image: Raster): Buffer {
  return Buffer.concat([
    Buffer.from(`P5\n${image.width} ${image.height}\n255\n`),
    Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
  ]);
}

interface TessBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBox;
}
interface TessLine extends TessWord {
  words: TessWord[];
}
interface TessPage {
  text: string;
  confidence: number;
  blocks: { paragraphs: { lines: TessLine[] }[] }[] | null;
}

const box = (b: TessBox): PixelBox => ({ x: b.x0, y: b.y0, width: b.x1 - b.x0, height: b.y1 - b.y0 });

function toResult(page: TessPage): OcrResult {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        lines.push({
          text: line.text.replace(/\n$/, ''),
          confidence: line.confidence / 100,
          bbox: box(line.bbox),
          words: line.words.map((w) => ({ text: w.text, confidence: w.confidence / 100, bbox: box(w.bbox) })),
        });
      }
    }
  }
  return { text: page.text, confidence: page.confidence / 100, lines };
}
