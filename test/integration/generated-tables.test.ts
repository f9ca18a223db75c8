// A few generated tables of each kind (bench/tables), printed born-digital by Chromium and converted by the
// one-process pipeline: their structure read from the text layer, scored as bench:tables scores them. Fixed seeds;
// the bench draws fresh ones. Needs /usr/bin/chromium (Debian's).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { convertDocument } from '../../cli/convert-document';
import { noOcr } from '../support/no-ocr';
import { TABLE_KINDS } from '../../bench/tables/generate-table';
import { renderTables } from '../../bench/tables/render-tables';
import { adjacencyF1, scoreTable } from '../../bench/tables/table-metrics';

describe('generated tables, born-digital', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'docpipe-generated-tables-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(TABLE_KINDS)('reads %s tables from the text layer, wrong cells flagged', async (kind) => {
    const { pdf, truth } = await renderTables(dir, kind, 7, 2, 'digital');
    const { report } = await convertDocument(await readFile(pdf), path.basename(pdf), {
      ocr: noOcr,
      dpi: 300,
      reviewThreshold: 0.9,
      concurrency: 1,
    });
    const scores = truth.tables.map((t) => {
      const read = report.tables.find((r) => r.pages.includes(t.page));
      return scoreTable(t.cells, read?.cells ?? null);
    });
    expect(scores.every((s) => s.teds > 0)).toBe(true);
    expect(adjacencyF1(scores.map((s) => s.adjacency)).f1).toBeGreaterThanOrEqual(0.9);
    // The target on born-digital pages: at most 10% of wrong cells unflagged.
    const wrong = scores.reduce((n, s) => n + s.wrong, 0);
    expect(scores.reduce((n, s) => n + s.unflagged, 0)).toBeLessThanOrEqual(Math.floor(0.1 * wrong));
    // Figures kept as printed, each with its value type.
    const numbers = report.tables.flatMap((t) => t.cells).filter((c) => /^[(¥$-]?\d[\d,.]*[%)]?$/.test(c.text));
    expect(numbers.every((c) => c.valueType !== 'text')).toBe(true);
  });
});
