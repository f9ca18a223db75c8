// One shared report (Yinchuan 2020) scanned the ways real archives scan (render.py, seed 2: not the corpus
// render), read by the same stage code the services run, scored against its truth. The full matrix, every
// report under every condition, is `npm run bench:matrix`; these are the floors CI holds on each kind.
import { readFile } from 'node:fs/promises';
import { createOcrPool, OcrPool } from '../../shared/adapters/tesseract.adapter';
import type { Report } from '../../shared/contracts/report';
import { convertDocument } from '../../cli/convert-document';
import { Truth, scoreCells, scoreFields } from '../../bench/metrics';
import { ScanCondition, renderedScan } from '../../bench/scan-conditions';
import { YINCHUAN } from '../support/truth';

let ocr: OcrPool;

beforeAll(() => {
  ocr = createOcrPool(2);
});

afterAll(() => ocr.close());

async function readUnder(condition: ScanCondition): Promise<{ report: Report; truth: Truth }> {
  const rendered = await renderedScan(condition, YINCHUAN);
  const truth = JSON.parse(await readFile(rendered.truth, 'utf8')) as Truth;
  const { report } = await convertDocument(await readFile(rendered.pdf), `${YINCHUAN}.pdf`, { ocr, dpi: 300, reviewThreshold: 0.9, concurrency: 3 });
  return { report, truth };
}

// Floors per kind, below the matrix's figures for this report so that run-to-run noise does not fail CI,
// above what the reading did before each kind was handled (in brackets: fields right, cell structure before).
// A fax-like scan may leave the report needing attention; every other kind must come out whole.
const KINDS: { condition: ScanCondition; fields: number; structure: number; whole: boolean }[] = [
  { condition: { id: 's2-200dpi', seed: 2, dpi: 200 }, fields: 0.99, structure: 0.99, whole: true }, // (0.93, 0.69)
  { condition: { id: 's2-photocopy', seed: 2, dpi: 300, stress: 'photocopy' }, fields: 0.99, structure: 0.99, whole: true }, // (0: every page turned)
  { condition: { id: 's2-seal', seed: 2, dpi: 300, stress: 'seal' }, fields: 0.99, structure: 0.99, whole: true }, // (0.99)
  { condition: { id: 's2-rotated', seed: 2, dpi: 300, stress: 'rotated' }, fields: 0.99, structure: 0.99, whole: true }, // (1.00, 21% flagged)
  { condition: { id: 's2-mixed', seed: 2, dpi: 300, stress: 'mixed' }, fields: 0.99, structure: 0.99, whole: true },
  { condition: { id: 's2-lowdpi', seed: 2, dpi: 300, stress: 'lowdpi' }, fields: 0.95, structure: 0.95, whole: false }, // (0.75)
];

describe.each(KINDS)('a report scanned as $condition.id', ({ condition, fields, structure, whole }) => {
  it('reads the fields and the grid, and flags every field it got wrong', async () => {
    const { report, truth } = await readUnder(condition);
    const score = scoreFields(report, truth);
    const cells = scoreCells(report, truth);
    expect(score.silentErrors).toBe(0);
    expect(score.correct / score.total).toBeGreaterThanOrEqual(fields);
    expect(cells.structure / cells.total).toBeGreaterThanOrEqual(structure);
    if (whole) {
      expect(report.quality.status).toBe('ok');
    }
  }, 600000);
});
