// Wires the normalisation service: stored pages and tables in, reports out.
import { queues } from '../../../shared/broker/topology';
import type { Config } from '../../../shared/config/config';
import { findDocument, markDone } from '../../../shared/store/documents.repository';
import { failDocument } from '../../../shared/runtime/document-failure';
import { listPageTables, listPages, saveReport } from '../../../shared/store/results.repository';
import { listReviews } from '../../../shared/store/reviews.repository';
import { withReportLease } from '../../../shared/store/report-lease';
import { RunningWorker, consumer, startWorker } from '../../../shared/runtime/worker';
import { errorMessage } from '../../../shared/errors/errors';
import * as tablesExtracted from './handlers/tables-extracted.handler';

export function startNormalisationService(config?: Config): Promise<RunningWorker> {
  return startWorker(
    'normalisation',
    async ({ config: cfg, database, broker, logger }) => {
      const deps: tablesExtracted.TablesExtractedDeps = {
        findDocument: (id) => findDocument(database, id),
        listPages: (id) => listPages(database, id),
        listPageTables: (id) => listPageTables(database, id),
        listReviews: (id) => listReviews(database, id),
        saveReport: (report) => saveReport(database, report),
        holdingReport: (id, write) => withReportLease(database, id, write),
        markDone: (id, problems) => markDone(database, id, problems),
        publish: (m) => broker.publish(m),
        reviewThreshold: cfg.REVIEW_THRESHOLD,
        logger,
      };
      return {
        consumers: [
          consumer({
            spec: queues.assemble,
            type: 'tables.document.extracted',
            handle: (m) => tablesExtracted.handle(m, deps),
            onGiveUp: (m, error) =>
              failDocument(
                database,
                (e) => broker.publish(e),
                'normalisation.document.failed',
                m.documentId,
                `could not assemble the report: ${errorMessage(error)}`,
              ),
          }),
        ],
      };
    },
    config,
  );
}
