// tables.document.extracted -> the report assembled and stored, the document done -> normalisation.document.completed.
import { Envelope, envelope } from '../../../../shared/contracts/messages';
import type { DocumentRecord } from '../../../../shared/contracts/document';
import type { PageRecognition } from '../../../../shared/contracts/page';
import type { Report } from '../../../../shared/contracts/report';
import type { ReviewRecord } from '../../../../shared/contracts/review';
import { applyReviews } from '../../../../shared/domain/review';
import type { PageTables } from '../../../../shared/contracts/table';
import { PermanentError } from '../../../../shared/errors/errors';
import type { Logger } from '../../../../shared/logging/logger';
import { assembleReport } from '../assemble-report';
import { blankPagesOf, joinDocumentTables, scaledApartOf, tableFailuresOf } from '../domain/table-continuation';

export interface TablesExtractedDeps {
  findDocument(documentId: string): Promise<DocumentRecord | null>;
  listPages(documentId: string): Promise<PageRecognition[]>;
  listPageTables(documentId: string): Promise<PageTables[]>;
  listReviews(documentId: string): Promise<ReviewRecord[]>;
  saveReport(report: Report): Promise<void>;
  /** Runs `write` as the report's only writer (reviews write it too). */
  holdingReport(documentId: string, write: () => Promise<void>): Promise<void>;
  markDone(documentId: string, problems: readonly string[]): Promise<void>;
  publish(message: Envelope): Promise<void>;
  reviewThreshold: number;
  logger: Logger;
}

/** Idempotent: the report is a function of the stored pages and reviews, written with an upsert. */
export async function handle(message: Envelope<'tables.document.extracted'>, deps: TablesExtractedDeps): Promise<void> {
  const { documentId } = message.payload;
  const document = await deps.findDocument(documentId);
  if (!document) {
    throw new PermanentError(`document ${documentId} does not exist`);
  }
  const [pages, pageTables] = await Promise.all([deps.listPages(documentId), deps.listPageTables(documentId)]);
  const assembled = assembleReport({
    documentId,
    source: { filename: document.filename, sha256: document.sha256, pages: document.pages },
    pages,
    tables: joinDocumentTables(pageTables, blankPagesOf(pages), scaledApartOf(pages)),
    tableFailures: tableFailuresOf(pageTables),
    reviewThreshold: deps.reviewThreshold,
  });
  // Reviews are read while holding the report: a review stored before is applied here, one stored after
  // writes its field after this save.
  let saved = assembled;
  await deps.holdingReport(documentId, async () => {
    saved = applyReviews(assembled, await deps.listReviews(documentId));
    await deps.saveReport(saved);
  });
  await deps.markDone(documentId, assembled.quality.problems);
  const { quality, template, agency, year } = assembled;
  deps.logger.info(
    { documentId, status: quality.status, template, flagged: saved.review.flagged, problems: quality.problems.length },
    'report stored',
  );
  await deps.publish(
    envelope(
      'normalisation.document.completed',
      {
        documentId,
        status: quality.status === 'ok' ? 'done' : 'needs-attention',
        filename: document.filename,
        template,
        agency,
        year,
        problems: quality.problems,
        flagged: saved.review.flagged,
        report: `/api/documents/${documentId}/report`,
      },
      `${documentId}:completed`,
    ),
  );
}
