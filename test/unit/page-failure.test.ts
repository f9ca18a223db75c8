// A page that cannot be read fails alone: recorded with its reason, announced, taken by the table stage like any
// other page, and said in the report. The handlers run here with their stores in memory; the fan-in on the real
// database, raced by two running table services, is test/integration/fan-in.test.ts.
import * as pageRequested from '../../services/ocr/src/handlers/page-requested.handler';
import * as pageRecognised from '../../services/table-extraction/src/handlers/page-recognised.handler';
import { extractPageTables } from '../../services/table-extraction/src/extract-page-tables';
import { assembleReport } from '../../services/normalisation/src/assemble-report';
import { Envelope, envelope } from '../../shared/contracts/messages';
import { ocrDeps } from '../support/ocr-deps';
import { noOcr } from '../support/no-ocr';
import type { PageTables } from '../../shared/contracts/table';
import { memoryLogger } from '../support/memory-logger';

describe('a page that fails', () => {
  it('throws from the handler, so the broker retries it', async () => {
    const { deps } = ocrDeps(2);
    await expect(
      pageRequested.handle(envelope('ocr.page.requested', { documentId: 'd', page: 2 }), deps),
    ).rejects.toThrow(/JPEG/);
  });

  it('is stored as failed with its reason and announced when given up on, and counted by the table stage', async () => {
    const { deps, saved, recorded, published, logged } = ocrDeps(2);
    await pageRequested.handle(envelope('ocr.page.requested', { documentId: 'd', page: 1 }), deps);
    await pageRequested.giveUp(
      envelope('ocr.page.requested', { documentId: 'd', page: 2 }),
      new Error('Invalid JPEG data'),
      deps,
    );
    expect(saved.map((p) => [p.page, p.source])).toEqual([
      [1, 'ocr'],
      [2, 'failed'],
    ]);
    expect(saved[1].failure).toMatch(/page 2 could not be read: Invalid JPEG data/);
    expect(recorded).toEqual([
      { page: 1, failure: undefined },
      { page: 2, failure: saved[1].failure },
    ]);
    expect(published.map((m) => m.payload)).toEqual([
      { documentId: 'd', page: 1, failed: false },
      { documentId: 'd', page: 2, failed: true },
    ]);
    // The give-up is logged with the document and the page, as a warning.
    expect(logged.filter((l) => l.level === 40)).toEqual([
      expect.objectContaining({ documentId: 'd', page: 2, failure: saved[1].failure }),
    ]);

    // The table stage takes the failed page like any other, and announces the document once its store says both
    // pages are done (here a set of two; the real store's fan-in is raced in fan-in.test.ts and store-writes.test.ts).
    const tables: PageTables[] = [];
    const done = new Set<number>();
    const announced: Envelope[] = [];
    const tableDeps: pageRecognised.PageRecognisedDeps = {
      findPage: async (_id, page) => saved.find((p) => p.page === page) ?? null,
      findTables: async () => null,
      loadImage: async () => null,
      extract: (recognition, image) => extractPageTables(recognition, image, { ocr: noOcr }),
      saveTables: async (t) => {
        tables.push(t);
      },
      recordPage: async (_id, page) => done.add(page).size === 2,
      publish: async (m) => {
        announced.push(m);
      },
      logger: memoryLogger().logger,
    };
    for (const m of published as Envelope<'ocr.page.recognised'>[]) {
      await pageRecognised.handle(m, tableDeps);
    }
    expect(announced.map((m) => m.type)).toEqual(['tables.document.extracted']);

    const report = assembleReport({
      documentId: 'd',
      source: { filename: 'x.pdf', sha256: 'f'.repeat(64), pages: 2 },
      pages: saved,
      tables: [],
      reviewThreshold: 0.9,
      tableFailures: [],
    });
    expect(report.pages).toEqual([
      { page: 1, source: 'ocr', skewDegrees: 0.4, rotation: 0 },
      { page: 2, source: 'failed', skewDegrees: 0, rotation: 0, failure: saved[1].failure },
    ]);
    expect(report.text).toBe('二、主动公开情况');
  });

  it('stores a page whose tables the table stage gave up on with the reason', async () => {
    const stored: PageTables[] = [];
    const { logger, lines } = memoryLogger();
    const deps: pageRecognised.PageRecognisedDeps = {
      findPage: async () => null,
      findTables: async () => null,
      loadImage: async () => null,
      extract: async () => {
        throw new Error('unused');
      },
      saveTables: async (t) => {
        stored.push(t);
      },
      recordPage: async () => true,
      publish: async () => undefined,
      logger,
    };
    await pageRecognised.giveUp(
      envelope('ocr.page.recognised', { documentId: 'd', page: 3, failed: false }),
      new Error('out of memory'),
      deps,
    );
    expect(stored).toEqual([
      { documentId: 'd', page: 3, tables: [], failure: 'the tables of page 3 could not be read: out of memory' },
    ]);
    expect(lines.filter((l) => l.level === 40)).toEqual([
      expect.objectContaining({ documentId: 'd', page: 3, failure: stored[0].failure }),
    ]);
  });
});
