// Captures no scanner made: Yinchuan 2020 photographed with a phone, on faded and stained paper, and marked up with
// pens and a highlighter, and Shizuishan 2020 (a Song face, whose thin strokes a fax thins most) faxed at 150 dpi
// (bench/captures: degradations written for the bench, not render.py's), read by the same stage
// code the services run. The full run, every family over every report with fresh seeds, is `npm run bench:captures`;
// these are the floors CI holds on four draws. Seeds are fixed here so that CI is repeatable; none was looked at
// while the reading was built. Before the page was normalised (c482bbf) such draws read 0-76% of fields with prose
// CER up to 38%.
import { readFile } from 'node:fs/promises';
import { createOcrPool, OcrPool } from '../../shared/adapters/tesseract.adapter';
import { convertDocument } from '../../cli/convert-document';
import type { Truth } from '../../harness/corpus';
import { characterErrorRate, scoreFields } from '../../bench/metrics';
import { renderedCapture, renderedCapturePage } from '../../bench/captures/render-capture';
import type { FamilyName } from '../../bench/captures/families';
import { openPdf } from '../../shared/adapters/pdf.adapter';
import { recognisePage } from '../../services/ocr/src/recognise-page';
import { NINGXIA, SHIZUISHAN, YINCHUAN } from '../../harness/corpus';

let ocr: OcrPool;

beforeAll(() => {
  ocr = createOcrPool(2);
});

afterAll(() => ocr.close());

// Floors below the targets (phone fields 97%, CER 2%; scanner fields 99%, CER 1%) by run-to-run noise, far
// above the reading before normalisation.
// The fax's seed is the first after the others whose draw is at 150 dpi (two in three are), its floors a phone's.
const DRAWS: { report: string; family: FamilyName; seed: number; fields: number; cer: number }[] = [
  { report: YINCHUAN, family: 'phone', seed: 20261129, fields: 0.97, cer: 0.03 },
  { report: YINCHUAN, family: 'faded', seed: 20261130, fields: 0.99, cer: 0.03 },
  { report: YINCHUAN, family: 'marked', seed: 20261131, fields: 0.99, cer: 0.02 },
  { report: SHIZUISHAN, family: 'fax', seed: 20261132, fields: 0.97, cer: 0.03 },
];

describe.each(DRAWS)('$report captured as $family (seed $seed)', ({ report: name, family, seed, fields, cer }) => {
  it('reads the fields and the prose, and flags every field it got wrong', async () => {
    const capture = await renderedCapture(name, family, seed);
    const truth = JSON.parse(await readFile(capture.truth, 'utf8')) as Truth;
    const { report } = await convertDocument(await readFile(capture.pdf), `${name}.pdf`, {
      ocr,
      dpi: 300,
      reviewThreshold: 0.9,
      concurrency: 3,
    });
    const score = scoreFields(report, truth);
    expect(score.silentErrors).toBe(0);
    expect(score.correct / score.total).toBeGreaterThanOrEqual(fields);
    expect(characterErrorRate(report.text, truth.text)).toBeLessThanOrEqual(cer);
    expect(report.template).toBe('gov-disclosure-2019');
  }, 900000);
});

// Pages of unseen-capture runs that went wrong, each rendered and read alone (the same pixels as in its whole draw).
describe('pages of the unseen-capture runs', () => {
  const read = async (family: FamilyName, page: number, report = NINGXIA, seed = 1436433146) => {
    const capture = await renderedCapturePage(report, family, seed, page);
    const pdf = await openPdf(await readFile(capture.pdf));
    try {
      return (await recognisePage(pdf, 'capture', 1, { ocr, dpi: 300 })).recognition;
    } finally {
      await pdf.close();
    }
  };

  it('keeps a photocopied full-page table of Ningxia upright: the marks round it are no prose to judge the turn by', async () => {
    // Read on its side before, 43 of 58 fields lost.
    expect((await read('photocopy200', 13)).rotation).toBe(0);
  }, 900000);

  it('keeps a photocopied table page upright by its two headings, not by the marks round them', async () => {
    // Judged by Tesseract's mean over the whole masked page, the headings read at 0.95 came to 0.53 with the specks
    // and the copier's edge, under the 0.64 of the page upside down: read turned over, 42 of 198 fields lost.
    expect((await read('photocopy200', 4, YINCHUAN, 382544822)).rotation).toBe(0);
  }, 900000);

  // A folded copy (captures seed 343680234): a crease down the middle of the page ran through the statistics table's
  // label column and one across a photo. Left on the normalised page, the first was a ruling that split the column
  // in its last rows (four columns, 101 of 231 cells placed), the second joined the photo to the page as a table.
  it('takes no crease of a folded Ningxia copy for a ruling: its table keeps three columns, its photo is no table', async () => {
    const table = await read('folded', 12, NINGXIA, 343680234);
    expect(table.tableRegions).toHaveLength(1);
    expect(table.tableRegions?.[0].vertical).toHaveLength(4);
    expect((await read('folded', 6, NINGXIA, 343680234)).tableRegions ?? []).toHaveLength(0);
  }, 900000);

  // A scan through a sheet feeder with dust on its glass (captures seed 5): a grey streak down every page, through the
  // left margin, and a darker one through the tables' third column. Left on the normalised page, the streak joined
  // the tables it crossed and the prose above them into one region the height of the page: 138 of 198 fields, no
  // cell placed, prose CER 32%.
  it('takes no streak down a streaked Shizuishan scan for a ruling: its prose page has no table, its table page one', async () => {
    expect((await read('streaked', 2, SHIZUISHAN, 5)).tableRegions ?? []).toHaveLength(0);
    const table = await read('streaked', 4, SHIZUISHAN, 5);
    expect(table.tableRegions).toHaveLength(1);
    const [region] = table.tableRegions ?? [];
    // The activeDisclosure table: from under the section heading to the page's foot, 471 pt wide.
    expect(region.y).toBeGreaterThan(400);
    expect(region.width).toBeGreaterThan(460);
    expect(region.width).toBeLessThan(480);
  }, 900000);

  it('keeps the prose of a faded Ningxia page whole beside the edge of a stain in the margin: no table is found in it on a scan', async () => {
    const page = await read('faded', 4);
    expect(page.textTables).toBeUndefined();
    // The paragraph beside the stain's edge, taken for a table before.
    expect(page.lines.map((l) => l.text).join('')).toContain('处理回复信息578条');
  }, 900000);

  // A crooked photocopy fed past two streaks (compound, captures seed 1792107905: stains, bleed-through, a copier's
  // dark edges, a feeder turning the sheet on a white backing): what the cleaning of the copier's shadow left of the
  // sheet's outline stood in the margins as broken lines, and Tesseract put them at the ends of prose lines as "|"
  // (本报告电子| 版, 电话：| 0951: 19 in the document, prose CER 1.59%).
  it("reads no margin line of a crooked photocopy into its prose: no '|' on Yinchuan's first page", async () => {
    const page = await read('compound', 1, YINCHUAN, 1792107905);
    const prose = page.lines.map((l) => l.text).join('');
    expect(prose).toContain('本报告电子版');
    expect(prose).not.toMatch(/[|丨｜]/);
  }, 900000);

  // A scanning app's pages of Yinchuan (captures app seed 123219866: cut at the corners the app found, "enhanced"):
  // the trace of perspective left leans the tables' rules against the page's level. Page 4's column rules came in
  // pieces a row long drifting 6 pt down the table, their end pieces over 3 pt from the line's centre, and three rows
  // were merged across the table; page 5's right side, one slanted segment, stood inside the total column's cells,
  // read "（" and "1". Each page is converted alone.
  const tablesOf = async (page: number) => {
    const capture = await renderedCapturePage(YINCHUAN, 'app', 123219866, page);
    const { report } = await convertDocument(await readFile(capture.pdf), 'app.pdf', {
      ocr,
      dpi: 300,
      reviewThreshold: 0.9,
      concurrency: 1,
    });
    return report.tables;
  };

  it("keeps the columns of a scanning app's leaning table apart: 本年新制作数量 has a cell of its own", async () => {
    const cells = (await tablesOf(4)).flatMap((t) => t.cells);
    const made = cells.find((c) => c.text.replace(/\s/g, '').includes('本年新制作数量'));
    expect(made).toBeDefined();
    expect(made?.colSpan).toBe(1);
    expect(made?.text.replace(/\s/g, '')).toBe('本年新制作数量');
  }, 900000);

  it("reads no rule of a scanning app's slanted table side into the cells along it", async () => {
    const [table] = (await tablesOf(5)).sort((a, b) => b.cells.length - a.cells.length);
    const last = Math.max(...table.cells.map((c) => c.col + c.colSpan - 1));
    const figures = table.cells.filter((c) => c.col + c.colSpan - 1 === last);
    expect(figures.length).toBeGreaterThan(10);
    figures.forEach((c) => expect(c.text).toMatch(/^\d*$/));
  }, 900000);
});
