// Wires the table-extraction service: page records, page images and a Tesseract pool into its handler.
import { decodeImage } from '../../../shared/adapters/image.adapter';
import { createOcrPool } from '../../../shared/adapters/tesseract.adapter';
import { queues } from '../../../shared/broker/topology';
import type { Config } from '../../../shared/config/config';
import { findDocument } from '../../../shared/store/documents.repository';
import { recordTablesDone } from '../../../shared/store/progress.repository';
import { getFile } from '../../../shared/store/files.repository';
import { findPage, findPageTables, savePageTables } from '../../../shared/store/results.repository';
import { RunningWorker, consumer, startWorker } from '../../../shared/runtime/worker';
import * as pageRecognised from './handlers/page-recognised.handler';
import { extractPageTables } from './extract-page-tables';

export function startTableService(config?: Config): Promise<RunningWorker> {
  return startWorker(
    'table-extraction',
    async ({ config: cfg, database, broker, logger, metrics }) => {
      const ocr = createOcrPool(cfg.OCR_WORKERS);
      metrics.watchOcr(() => ocr.load());
      const deps: pageRecognised.PageRecognisedDeps = {
        findPage: (id, page) => findPage(database, id, page),
        findTables: (id, page) => findPageTables(database, id, page),
        loadImage: async (fileId) => {
          const bytes = await getFile(database, fileId);
          return bytes ? decodeImage(bytes) : null;
        },
        extract: (recognition, image) => extractPageTables(recognition, image, { ocr }),
        saveTables: (tables) => savePageTables(database, tables),
        recordPage: async (id, page) => {
          const doc = await findDocument(database, id);
          return doc !== null && recordTablesDone(database, id, page, doc.pages);
        },
        publish: (m) => broker.publish(m),
        logger,
      };
      return {
        consumers: [
          consumer({
            spec: queues.extract,
            type: 'ocr.page.recognised',
            handle: (m) => pageRecognised.handle(m, deps),
            onGiveUp: (m, error) => pageRecognised.giveUp(m, error, deps),
            prefetch: cfg.OCR_WORKERS,
          }),
        ],
        close: () => ocr.close(),
      };
    },
    config,
  );
}
