// Section 三 mapped by its grid where captions cannot be read: a gutter's shade over the row captions, a pen over
// a cell. The template's grid with its headers recognised places every value; "not found" is for a cell that is not
// on the page.
import { assembleReport } from '../../services/normalisation/src/assemble-report';
import type { Cell } from '../../shared/contracts/table';
import { SHIZUISHAN, loadTruth, truthCells } from '../support/truth';

const source = { filename: 'x.pdf', sha256: 'a'.repeat(64), pages: 1 };
const page = { documentId: 'd', page: 1, source: 'ocr' as const, width: 595, height: 842, skewDegrees: 0, rotation: 0, lines: [], tableWords: [], rulings: { horizontal: [], vertical: [] }, imageFileId: null, imageDpi: 300 };

function reportWith(change: (name: string, cells: Cell[]) => Cell[]) {
  const truth = loadTruth(SHIZUISHAN);
  const tables = truth.tables.map((t, i) => ({ id: `t${i}`, pages: [1], cells: change(t.name ?? '', truthCells(t)) }));
  return { truth, report: assembleReport({ documentId: 'd', source, pages: [page], tables, reviewThreshold: 0.9, tableFailures: [] }) };
}

describe('section 三 mapped by its grid', () => {
  it('places the values of rows whose captions were not read, in order between the recognised ones, and says so', () => {
    // Rows 7-10 (不予公开 1-4): captions lost in a gutter's shade (read blank or as noise).
    const { truth, report } = reportWith((name, cells) => (name !== 'applications' ? cells : cells.map((c) =>
      c.col === 2 && c.row >= 7 && c.row <= 10 ? { ...c, text: c.row % 2 === 0 ? '' : '1 -' } : c)));
    const key = 'applications.results.notDisclosed.prohibitedByLaw.naturalPerson';
    expect(report.fields[key].found).toBe(true);
    expect(report.fields[key].value).toBe(truth.fields[key].value);
    expect(report.fields[key].reasons.join(' ')).toMatch(/row caption was not read/);
    expect(report.quality.fieldsFound).toBe(198);
    expect(Object.entries(report.fields).every(([k, f]) => f.value === truth.fields[k].value)).toBe(true);
  });

  it('keeps a value cell garbled into characters a value, flagged, not a missing field', () => {
    const { report } = reportWith((name, cells) => (name !== 'applications' ? cells : cells.map((c) =>
      c.row === 8 && c.col === 4 ? { ...c, text: '沥汀余', confidence: 0.3 } : c)));
    const field = report.fields['applications.results.notDisclosed.prohibitedByLaw.commercialEnterprise'];
    expect(field.found).toBe(true);
    expect(field.raw).toBe('沥汀余');
    expect(field.needsReview).toBe(true);
    expect(report.quality.fieldsFound).toBe(198);
  });
});
