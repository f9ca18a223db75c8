// The robustness suites' floors per scanning kind (test/integration/robustness-*.test.ts): shared reports scanned the
// ways real archives scan (render.py, seeds 2 and 3: not the corpus render), read by the same stage code the services
// run, scored against their truth. The full matrix, every report under every condition, is `npm run bench:matrix`.
// The kinds are split over two suites so that jest runs them on two workers at once: together they were the
// longest suite of `npm test` (1370 s of its 1828).
import { readFile } from 'node:fs/promises';
import { createOcrPool, OcrPool } from '../../shared/adapters/tesseract.adapter';
import type { Report } from '../../shared/contracts/report';
import { convertDocument } from '../../cli/convert-document';
import type { Truth } from '../../harness/corpus';
import { scoreCells, scoreFields } from '../../bench/metrics';
import { ScanCondition, renderedScan } from '../../bench/scan-conditions';

// A scan kind's test renders its report with render.py when the cache is cold, then converts it, on a 2-core machine
// shared with three other suites: on a fresh machine (2026-12-02) Ningxia's 14 pages at 200 dpi took over 600 s. 20
// minutes still stops a hang well inside CI's 90.
const SCAN_KIND_TIMEOUT_MS = 20 * 60 * 1000;

/** A kind's floors: fields right and cell structure, and whether the report must come out whole. */
export interface ScanKind {
  report: string;
  condition: ScanCondition;
  fields: number;
  structure: number;
  whole: boolean;
}

async function readUnder(
  ocr: OcrPool,
  condition: ScanCondition,
  name: string,
): Promise<{ report: Report; truth: Truth }> {
  const rendered = await renderedScan(condition, name);
  const truth = JSON.parse(await readFile(rendered.truth, 'utf8')) as Truth;
  const { report } = await convertDocument(await readFile(rendered.pdf), `${name}.pdf`, {
    ocr,
    dpi: 300,
    reviewThreshold: 0.9,
    concurrency: 3,
  });
  return { report, truth };
}

/** One test per kind: its floors, no silent error, and the page geometry measured on every page read. */
export function describeScanKinds(kinds: readonly ScanKind[]): void {
  let ocr: OcrPool;

  beforeAll(() => {
    ocr = createOcrPool(2);
  });

  afterAll(() => ocr.close());

  describe.each(kinds)('$report scanned as $condition.id', ({ report: name, condition, fields, structure, whole }) => {
    it(
      'reads the fields and the grid, and flags every field it got wrong',
      async () => {
        const { report, truth } = await readUnder(ocr, condition, name);
        const score = scoreFields(report, truth);
        const cells = scoreCells(report, truth);
        expect(score.silentErrors).toBe(0);
        expect(score.correct / score.total).toBeGreaterThanOrEqual(fields);
        expect(cells.structure / cells.total).toBeGreaterThanOrEqual(structure);
        if (whole) {
          expect(report.quality.status).toBe('ok');
        }
        // Every page read from its image carries what was measured on it: print strokes of 0.5-3 pt (a hair
        // line to a heavy photocopy), the sizes its thresholds followed.
        const read = report.pages.filter((p) => p.source === 'ocr' && !p.blank);
        expect(read.length).toBeGreaterThan(0);
        for (const p of read) {
          expect(p.geometry?.strokePt).toBeGreaterThanOrEqual(0.5);
          expect(p.geometry?.strokePt).toBeLessThanOrEqual(3);
        }
      },
      SCAN_KIND_TIMEOUT_MS,
    );
  });
}
