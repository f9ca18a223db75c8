// A fake OCR stage around the page handler: pages it reads, stores, records and announces, in memory.
import type * as pageRequested from '../../services/ocr/src/handlers/page-requested.handler';
import type { Envelope } from '../../shared/contracts/messages';
import type { PageRecognition } from '../../shared/contracts/page';
import { memoryLogger } from './memory-logger';

/** Deps whose page `failOn` cannot be read (0: every page reads). */
export function ocrDeps(failOn: number) {
  const saved: PageRecognition[] = [];
  const reads: number[] = [];
  const recorded: { page: number; failure?: string }[] = [];
  const published: Envelope[] = [];
  const forgotten: number[] = [];
  const { logger, lines: logged } = memoryLogger();
  const deps: pageRequested.PageRequestedDeps = {
    recognise: async (documentId, page) => {
      reads.push(page);
      if (page === failOn) {
        throw new Error('Invalid JPEG data in image XObject');
      }
      return {
        image: { width: 1, height: 1, data: new Uint8Array([255]) },
        recognition: {
          documentId,
          page,
          source: 'ocr',
          width: 595,
          height: 842,
          skewDegrees: 0.4,
          rotation: 0,
          tableWords: [],
          tableRegions: [],
          imageFileId: null,
          imageDpi: 300,
          lines: [
            { text: '二、主动公开情况', confidence: 0.97, words: [], bbox: { x: 60, y: 60, width: 120, height: 14 } },
          ],
        },
      };
    },
    saveImage: async (id, page) => `${id}:page:${page}:image`,
    savePage: async (p) => {
      saved.push(p);
    },
    forgetTables: async (_id, page) => {
      forgotten.push(page);
    },
    findPage: async (documentId, page) =>
      [...saved].reverse().find((p) => p.documentId === documentId && p.page === page) ?? null,
    recordPage: async (_id, page, failure) => {
      recorded.push({ page, failure });
    },
    publish: async (m) => {
      published.push(m);
    },
    dpi: 300,
    logger,
  };
  return { deps, saved, recorded, published, reads, forgotten, logged };
}
