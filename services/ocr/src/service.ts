// Wires the OCR service: a PDF cache and a Tesseract pool into its two handlers.
import { openPdf } from '../../../shared/adapters/pdf.adapter';
import { encodePng } from '../../../shared/adapters/image.adapter';
import { createOcrPool } from '../../../shared/adapters/tesseract.adapter';
import { queues } from '../../../shared/broker/topology';
import type { Config } from '../../../shared/config/config';
import { isSplit, markProcessing, markSplit } from '../../../shared/store/documents.repository';
import { failDocument } from '../../../shared/runtime/document-failure';
import { recordPageDone } from '../../../shared/store/progress.repository';
import { getFile, putFile } from '../../../shared/store/files.repository';
import { fileIds } from '../../../shared/store/keys';
import { deletePageTables, findPage, savePage } from '../../../shared/store/results.repository';
import { RunningWorker, consumer, startWorker } from '../../../shared/runtime/worker';
import { errorMessage } from '../../../shared/errors/errors';
import * as documentReceived from './handlers/document-received.handler';
import * as pageRequested from './handlers/page-requested.handler';
import { createPdfCache } from './pdf-cache';
import { recognisePage } from './recognise-page';

export function startOcrService(config?: Config): Promise<RunningWorker> {
  return startWorker(
    'ocr',
    async ({ config: cfg, database, broker, logger, metrics }) => {
      const ocr = createOcrPool(cfg.OCR_WORKERS);
      metrics.watchOcr(() => ocr.load());
      const pdfs = createPdfCache((documentId) => getFile(database, fileIds.pdf(documentId)), openPdf);
      const publish = (m: Parameters<typeof broker.publish>[0]) => broker.publish(m);
      const pageDeps: pageRequested.PageRequestedDeps = {
        recognise: (id, page) => pdfs.use(id, (pdf) => recognisePage(pdf, id, page, { ocr, dpi: cfg.OCR_DPI })),
        saveImage: async (id, page, image) => {
          const fileId = fileIds.pageImage(id, page);
          await putFile(database, fileId, `${id}-page-${page}.png`, await encodePng(image), { documentId: id, page });
          return fileId;
        },
        savePage: (page) => savePage(database, page),
        forgetTables: (id, page) => deletePageTables(database, id, page),
        findPage: (id, page) => findPage(database, id, page),
        recordPage: (id, page, failure) => recordPageDone(database, id, 'ocr', page, failure),
        publish,
        dpi: cfg.OCR_DPI,
        logger,
      };
      const splitDeps: documentReceived.DocumentReceivedDeps = {
        publish,
        markProcessing: (id) => markProcessing(database, id),
        isSplit: (id) => isSplit(database, id),
        markSplit: (id) => markSplit(database, id),
        logger,
      };
      return {
        consumers: [
          consumer({
            spec: queues.split,
            type: 'upload.document.received',
            handle: (m) => documentReceived.handle(m, splitDeps),
            onGiveUp: (m, error) =>
              failDocument(
                database,
                publish,
                'ocr.document.failed',
                m.documentId,
                `could not split into pages: ${errorMessage(error)}`,
              ),
          }),
          consumer({
            spec: queues.recognise,
            type: 'ocr.page.requested',
            handle: (m) => pageRequested.handle(m, pageDeps),
            onGiveUp: (m, error) => pageRequested.giveUp(m, error, pageDeps),
            // As many pages as Tesseract workers: more would wait here while another process sits idle.
            prefetch: cfg.OCR_WORKERS,
          }),
        ],
        close: async () => {
          await pdfs.close();
          await ocr.close();
        },
      };
    },
    config,
  );
}
