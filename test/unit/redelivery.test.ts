// Messages delivered or announced again do no work twice: no page is read twice, no document split twice.
import * as documentReceived from '../../services/ocr/src/handlers/document-received.handler';
import * as pageRequested from '../../services/ocr/src/handlers/page-requested.handler';
import * as pageRecognised from '../../services/table-extraction/src/handlers/page-recognised.handler';
import type { PageTables } from '../../shared/contracts/table';
import { Envelope, envelope } from '../../shared/contracts/messages';
import { ocrDeps } from '../support/ocr-deps';
import { memoryLogger } from '../support/memory-logger';
import { pageRecord } from '../../harness/page-record';

const request = (page: number) => envelope('ocr.page.requested', { documentId: 'd', page }, `d:ocr:${page}`);

describe('a page requested again', () => {
  it('is announced again from what was stored, not read again', async () => {
    const { deps, reads, published } = ocrDeps(0);
    await pageRequested.handle(request(1), deps);
    await pageRequested.handle(request(1), deps);
    expect(reads).toEqual([1]);
    expect(published.map((m) => m.messageId)).toEqual(['d:recognised:1', 'd:recognised:1']);
  });

  it('is read again when it failed before: that is what a retry asks for', async () => {
    const { deps, reads } = ocrDeps(0);
    await pageRequested.giveUp(request(2), new Error('broken image'), deps);
    await pageRequested.handle(request(2), deps);
    expect(reads).toEqual([2]);
  });

  it('has the tables read from an earlier reading removed when it is read, and only then', async () => {
    const { deps, forgotten } = ocrDeps(0);
    await pageRequested.handle(request(1), deps);
    await pageRequested.handle(request(1), deps);
    expect(forgotten).toEqual([1]);
  });
});

describe('a recognised page delivered again to the table stage', () => {
  function tableDeps(initial: PageTables | null) {
    const extracted: number[] = [];
    const counted: number[] = [];
    const { logger, lines: logged } = memoryLogger();
    let stored = initial;
    const deps: pageRecognised.PageRecognisedDeps = {
      findPage: async (documentId, page) => pageRecord({ documentId, page }),
      findTables: async () => stored,
      loadImage: async () => null,
      extract: async (recognition) => {
        extracted.push(recognition.page);
        return { documentId: recognition.documentId, page: recognition.page, tables: [] };
      },
      saveTables: async (t) => {
        stored = t;
      },
      recordPage: async (_id, page) => {
        counted.push(page);
        return false;
      },
      publish: async () => undefined,
      logger,
    };
    return { deps, extracted, counted, logged };
  }
  const recognised = envelope('ocr.page.recognised', { documentId: 'd', page: 4, failed: false }, 'd:recognised:4');

  it('counts the page again without reading its tables again', async () => {
    const { deps, extracted, counted, logged } = tableDeps(null);
    await pageRecognised.handle(recognised, deps);
    await pageRecognised.handle(recognised, deps);
    expect(extracted).toEqual([4]);
    expect(counted).toEqual([4, 4]);
    expect(logged.map((l) => [l.msg, l.page])).toEqual([
      ['page tables stored', 4],
      ['tables read already: the page counted again, not read', 4],
    ]);
  });

  it('reads them again when their reading failed before', async () => {
    const { deps, extracted } = tableDeps({
      documentId: 'd',
      page: 4,
      tables: [],
      failure: 'the tables of page 4 could not be read: out of memory',
    });
    await pageRecognised.handle(recognised, deps);
    expect(extracted).toEqual([4]);
  });
});

describe('a document announced again', () => {
  function splitDeps(split: boolean) {
    const published: Envelope[] = [];
    const state = { split, processing: 0 };
    const deps: documentReceived.DocumentReceivedDeps = {
      publish: async (m) => {
        published.push(m);
      },
      markProcessing: async () => {
        state.processing += 1;
      },
      isSplit: async () => state.split,
      markSplit: async () => {
        state.split = true;
      },
      logger: memoryLogger().logger,
    };
    return { deps, published, state };
  }
  const received = envelope('upload.document.received', { documentId: 'd', pages: 3 }, 'd:received');

  it('is split once, however often it is announced', async () => {
    const { deps, published, state } = splitDeps(false);
    await documentReceived.handle(received, deps);
    await documentReceived.handle(received, deps);
    expect(published.map((m) => m.messageId)).toEqual(['d:ocr:1', 'd:ocr:2', 'd:ocr:3']);
    expect(state.split).toBe(true);
  });

  it('is split again when its split was cut short', async () => {
    const { deps, published } = splitDeps(false);
    const cut = {
      ...deps,
      publish: async (m: Envelope) => {
        if (m.messageId === 'd:ocr:2') {
          throw new Error('broker away');
        }
        published.push(m);
      },
    };
    await expect(documentReceived.handle(received, cut)).rejects.toThrow('broker away');
    await documentReceived.handle(received, deps);
    expect(published.map((m) => m.messageId)).toEqual(['d:ocr:1', 'd:ocr:1', 'd:ocr:2', 'd:ocr:3']);
  });
});
