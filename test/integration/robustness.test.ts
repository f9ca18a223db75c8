// Shared reports (Yinchuan 2020 under every kind; Ningxia 2017, the legacy format with a full-page table;
// Shizuishan 2020 with a table page fed landscape)
// scanned the ways real archives scan (render.py, seeds 2 and 3: not the corpus render), read by the same stage code the services run, scored against its truth. The full matrix, every
// report under every condition, is `npm run bench:matrix`; these are the floors CI holds on each kind.
import { readFile } from 'node:fs/promises';
import { createOcrPool, OcrPool } from '../../shared/adapters/tesseract.adapter';
import type { Report } from '../../shared/contracts/report';
import { convertDocument } from '../../cli/convert-document';
import { Truth, scoreCells, scoreFields } from '../../bench/metrics';
import { ScanCondition, renderedScan } from '../../bench/scan-conditions';
import { NINGXIA, SHIZUISHAN, YINCHUAN } from '../support/truth';

let ocr: OcrPool;

beforeAll(() => {
  ocr = createOcrPool(2);
});

afterAll(() => ocr.close());

async function readUnder(condition: ScanCondition, name: string): Promise<{ report: Report; truth: Truth }> {
  const rendered = await renderedScan(condition, name);
  const truth = JSON.parse(await readFile(rendered.truth, 'utf8')) as Truth;
  const { report } = await convertDocument(await readFile(rendered.pdf), `${name}.pdf`, { ocr, dpi: 300, reviewThreshold: 0.9, concurrency: 3 });
  return { report, truth };
}

// Floors per kind, below the matrix's figures for this report so that run-to-run noise does not fail CI,
// above what the reading did before each kind was handled (in brackets: fields right, cell structure before).
// A fax-like scan may leave the report needing attention; every other kind must come out whole.
const KINDS: { report: string; condition: ScanCondition; fields: number; structure: number; whole: boolean }[] = [
  { report: YINCHUAN, condition: { id: 's2-200dpi', seed: 2, dpi: 200 }, fields: 0.99, structure: 0.99, whole: true }, // (0.93, 0.69)
  { report: YINCHUAN, condition: { id: 's2-photocopy', seed: 2, dpi: 300, stress: 'photocopy' }, fields: 0.99, structure: 0.99, whole: true }, // (0: every page turned)
  { report: YINCHUAN, condition: { id: 's2-seal', seed: 2, dpi: 300, stress: 'seal' }, fields: 0.99, structure: 0.99, whole: true }, // (0.99)
  { report: YINCHUAN, condition: { id: 's2-rotated', seed: 2, dpi: 300, stress: 'rotated' }, fields: 0.99, structure: 0.99, whole: true }, // (1.00, 21% flagged)
  { report: YINCHUAN, condition: { id: 's2-mixed', seed: 2, dpi: 300, stress: 'mixed' }, fields: 0.99, structure: 0.99, whole: true },
  { report: YINCHUAN, condition: { id: 's2-lowdpi', seed: 2, dpi: 300, stress: 'lowdpi' }, fields: 0.95, structure: 0.95, whole: false }, // (0.75)
  // A page that is one table, no prose: the ink profile took it to lie on its side and nothing read it upright.
  { report: NINGXIA, condition: { id: 's3-200dpi', seed: 3, dpi: 200 }, fields: 0.99, structure: 0.99, whole: true }, // (0.34, 0.40 at 150 dpi)
  // A table page fed landscape that the ink profile did not see as turned: only quarter turns read it.
  { report: SHIZUISHAN, condition: { id: 's3-rotated', seed: 3, dpi: 300, stress: 'rotated' }, fields: 0.99, structure: 0.99, whole: true }, // (0.18, 0.48)
];

describe.each(KINDS)('$report scanned as $condition.id', ({ report: name, condition, fields, structure, whole }) => {
  it('reads the fields and the grid, and flags every field it got wrong', async () => {
    const { report, truth } = await readUnder(condition, name);
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
  }, 600000);
});
