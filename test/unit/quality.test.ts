// A report that is not whole says so: document quality, mapping disagreements, continuation over blank pages.
import { assembleReport } from '../../services/normalisation/src/assemble-report';
import { assessQuality } from '../../services/normalisation/src/domain/quality';
import { resolveKeys } from '../../services/normalisation/src/domain/resolve-keys';
import { joinDocumentTables } from '../../services/normalisation/src/domain/table-continuation';
import { expectedCalibrationError } from '../../bench/metrics';
import type { Cell, PageTable } from '../../shared/contracts/table';
import { SHIZUISHAN, loadTruth, truthCells } from '../../harness/corpus';
import { pageRecord } from '../../harness/page-record';

const source = { filename: 'x.pdf', sha256: 'a'.repeat(64), pages: 2 };
// Page 1 opens with the report's title, as every report of the template does, and its body names the agency again.
const OPENING = ['石嘴山市公安局2020年政府信息公开工作年度报告', '本报告由石嘴山市公安局编制。'].map((text, i) => ({
  text,
  confidence: 0.96,
  words: [],
  bbox: { x: 100, y: 60 + 30 * i, width: 400, height: 20 },
}));
const page = (n: number) => pageRecord({ page: n, lines: n === 1 ? OPENING : [] });

/** The report of document d from page 1 alone, no tables and none failed, but for what a test gives. */
const assembled = (given: Partial<Parameters<typeof assembleReport>[0]>) =>
  assembleReport({
    documentId: 'd',
    source,
    pages: [page(1)],
    tables: [],
    reviewThreshold: 0.9,
    tableFailures: [],
    ...given,
  });

/** The quality of a report of the 2019 template, every field found, its one page read by OCR, no prose, its agency
 * and year read from its title, but for what a test gives. */
const quality = (given: Partial<Parameters<typeof assessQuality>[0]>) =>
  assessQuality({
    template: 'gov-disclosure-2019',
    fieldsExpected: 10,
    fieldsFound: 10,
    checks: [],
    pages: [{ page: 1, source: 'ocr' }],
    proseLines: [],
    agency: '银川市公安局',
    year: 2020,
    ...given,
  });

describe('document quality', () => {
  it('never calls an empty reading a clean success', () => {
    const report = assembled({ pages: [page(1), page(2)] });
    expect(report.template).toBeNull();
    expect(report.quality.status).toBe('needs-attention');
    expect(report.quality.problems.join(' ')).toMatch(/no report template/);
  });

  it('is ok for a whole report, and names what is missing when tables yield few fields', () => {
    const truth = loadTruth(SHIZUISHAN);
    const tables = truth.tables.map((t, i) => ({ id: `t${i}`, pages: [1], cells: truthCells(t) }));
    const whole = assembled({ tables });
    expect(whole.quality).toMatchObject({ status: 'ok', fieldsFound: 198, fieldsExpected: 198, templateFound: true });
    const partial = assembled({ tables: tables.slice(0, 1) });
    expect(partial.quality.status).toBe('needs-attention');
    expect(partial.quality.problems.join(' ')).toMatch(/only 22 of the template's 198 fields/);
  });

  it('names the pages whose tables could not be read, in the pages and in the quality', () => {
    const report = assembled({
      pages: [page(1), page(2)],
      tableFailures: [{ page: 2, failure: 'the tables of page 2 could not be read: out of memory' }],
    });
    expect(report.pages[1].tablesFailure).toMatch(/out of memory/);
    expect(report.pages[0].tablesFailure).toBeUndefined();
    expect(report.quality.problems).toContain('the tables of page 2 could not be read');
  });

  it('names the pages that could not be read', () => {
    const q = quality({
      pages: [
        { page: 1, source: 'ocr' },
        { page: 2, source: 'failed' },
      ],
    });
    expect(q.status).toBe('needs-attention');
    expect(q.problems).toEqual(['page 2 could not be read']);
  });

  it('flags prose that reads poorly, weighing each line by its characters', () => {
    const clean = quality({
      proseLines: [
        { text: '本年度共公开政府信息三千余条', confidence: 0.97 },
        { text: '一', confidence: 0.5 },
      ],
    });
    expect(clean.status).toBe('ok');
    expect(clean.proseConfidence).toBeGreaterThan(0.93);
    const garbled = quality({
      proseLines: [
        { text: '木年席共公开政府信恳三干余条', confidence: 0.55 },
        { text: '一', confidence: 0.99 },
      ],
    });
    expect(garbled.status).toBe('needs-attention');
    expect(garbled.problems.join(' ')).toMatch(/prose reads poorly \(mean OCR confidence 0\.5\d\)/);
    expect(quality({ proseLines: [] }).proseConfidence).toBeNull();
  });

  it('needs attention when a report of the template has no agency or year from its title', () => {
    expect(quality({ agency: '银川市公安局', year: 2020 }).status).toBe('ok');
    expect(quality({ agency: null, year: null }).problems).toEqual([
      'the agency and year could not be read from the title: check the first page',
    ]);
    expect(quality({ agency: '银川市公安局', year: null }).problems).toEqual([
      'the year could not be read from the title: check the first page',
    ]);
    expect(quality({ template: null, agency: null, year: null }).problems).not.toContain(
      expect.stringMatching(/title/),
    );
  });
});

const cell = (col: number, text: string, extra: Partial<Cell> = {}): Cell => ({
  row: 1,
  col,
  rowSpan: 1,
  colSpan: 1,
  text,
  confidence: 0.99,
  page: 1,
  bbox: { x: col * 50, y: 20, width: 50, height: 20 },
  alternatives: [],
  words: [],
  ...extra,
});

describe('one cell per key', () => {
  it('takes the inked piece under a header over two grid columns', () => {
    const [r] = resolveKeys([
      { key: 'k', cell: cell(3, '') },
      { key: 'k', cell: cell(4, '2') },
    ]);
    expect(r.cell.text).toBe('2');
    expect(r.doubt).toBeUndefined();
  });

  it('flags pieces that read differently', () => {
    const [r] = resolveKeys([
      { key: 'k', cell: cell(3, '12') },
      { key: 'k', cell: cell(4, '2') },
    ]);
    expect(r.doubt).toMatch(/spans 2 grid columns/);
  });

  it('keeps the doubt of a repaired cell', () => {
    expect(resolveKeys([{ key: 'k', cell: cell(3, '5', { structureDoubt: 'repaired' }) }])[0].doubt).toBe('repaired');
  });
});

describe('tables across a blank separator sheet', () => {
  const part = (pageNo: number): PageTable => ({
    index: 0,
    page: pageNo,
    bbox: { x: 50, y: 100, width: 400, height: 200 },
    rows: 2,
    cols: 2,
    columnEdges: [0, 200, 400],
    textAbove: false,
    textBelow: false,
    cells: [
      cell(0, '1', { row: 0, page: pageNo }),
      cell(1, '2', { row: 0, page: pageNo }),
      cell(0, '3', { page: pageNo }),
      cell(1, '4', { page: pageNo }),
    ],
  });
  const pages = [
    { documentId: 'd', page: 1, tables: [part(1)] },
    { documentId: 'd', page: 2, tables: [] },
    { documentId: 'd', page: 3, tables: [part(3)] },
  ];

  it('continues a table over a blank page, and not over a page with something on it', () => {
    expect(joinDocumentTables(pages, new Set([2]))).toHaveLength(1);
    expect(joinDocumentTables(pages, new Set())).toHaveLength(2);
  });
});

describe('expected calibration error', () => {
  it('is zero for calibrated confidences and the gap for overconfident ones', () => {
    const calibrated = [
      ...Array(8).fill({ confidence: 0.75, correct: true }),
      ...Array(2).fill({ confidence: 0.75, correct: false }),
    ];
    expect(
      expectedCalibrationError([
        ...calibrated.slice(0, 7),
        ...calibrated.slice(8),
        { confidence: 0.75, correct: false },
      ]),
    ).toBeCloseTo(0.05);
    expect(expectedCalibrationError(Array(10).fill({ confidence: 0.95, correct: false }))).toBeCloseTo(0.95);
  });
});
