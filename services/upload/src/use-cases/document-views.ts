// Documents as the API shows them: status and page progress, what the report says of itself once written, links;
// listed, looked up, or the ones changed since a moment (for the live events).
import { DocumentRecord, StageCounts, progressView } from '../../../../shared/contracts/document';
import type { Report } from '../../../../shared/contracts/report';
import { withFieldEtags } from '../../../../shared/domain/field-etag';
import type { Database } from '../../../../shared/store/database';
import { changedSince, findDocuments, listDocuments } from '../../../../shared/store/documents.repository';
import { stageCounts } from '../../../../shared/store/progress.repository';
import { ReportSummary, findReport, reportSummaries } from '../../../../shared/store/results.repository';
import { mustFind } from './found-document';

const NO_PROGRESS: StageCounts = { ocrDone: 0, ocrFailed: 0, tablesDone: 0 };

export type DocumentView = ReturnType<typeof documentView>;

/** The document as the API shows it: status and progress counts, what its report says of itself once written, links. */
function documentView(doc: DocumentRecord, counts: StageCounts, report: ReportSummary | undefined) {
  return {
    id: doc._id,
    filename: doc.filename,
    sha256: doc.sha256,
    size: doc.size,
    pages: doc.pages,
    status: doc.status,
    ...(doc.failure ? { failure: doc.failure } : {}),
    ...(doc.attention ? { attention: doc.attention } : {}),
    progress: progressView(doc, counts),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    ...(report ? { report } : {}),
    links: {
      self: `/api/documents/${doc._id}`,
      report: `/api/documents/${doc._id}/report`,
      review: `/review/${doc._id}`,
      pdf: `/api/documents/${doc._id}/pdf`,
      fieldsCsv: `/api/documents/${doc._id}/fields.csv`,
      tablesXlsx: `/api/documents/${doc._id}/tables.xlsx`,
      // A document that failed or needs attention can be read again: its failed pages are read afresh.
      ...(doc.status === 'failed' || doc.status === 'needs-attention'
        ? { retry: `/api/documents/${doc._id}/retry` }
        : {}),
    },
  };
}

/** The documents as the API shows them, their page progress counted and their reports summed up in one query each. */
export async function viewsOf(database: Database, docs: readonly DocumentRecord[]): Promise<DocumentView[]> {
  const ids = docs.map((d) => d._id);
  const [counts, reports] = await Promise.all([stageCounts(database, ids), reportSummaries(database, ids)]);
  return docs.map((d) => documentView(d, counts.get(d._id) ?? NO_PROGRESS, reports.get(d._id)));
}

export async function viewOf(database: Database, doc: DocumentRecord): Promise<DocumentView> {
  return (await viewsOf(database, [doc]))[0];
}

/** A page of the archive, as listDocuments filters and pages it. */
export async function listedViews(database: Database, query: Parameters<typeof listDocuments>[1]) {
  const { items, total } = await listDocuments(database, query);
  return { items: await viewsOf(database, items), total, limit: query.limit, offset: query.offset };
}

/** The documents whose status, page progress or report changed after `since`, as the API shows them. */
export async function changedViews(database: Database, since: Date): Promise<DocumentView[]> {
  return viewsOf(database, await findDocuments(database, await changedSince(database, since)));
}

/** A document's report with each field's entity tag, or, while it has none, the document's status and progress
 * (the 409 report-not-ready answer carries them). */
export async function reportOrProgress(
  database: Database,
  id: string,
): Promise<{ report: Report } | { notReady: DocumentRecord; progress: DocumentView['progress'] }> {
  const doc = await mustFind(database, id);
  const report = await findReport(database, doc._id);
  return report
    ? { report: withFieldEtags(report) }
    : { notReady: doc, progress: (await viewOf(database, doc)).progress };
}
