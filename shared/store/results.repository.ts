// Stage outputs keyed `<documentId>:<page>` (pages, page tables) and the report keyed by document: upserts,
// so a redelivered message rewrites the same record instead of adding one.
import { PageRecognition, pageRecognitionSchema } from '../contracts/page';
import { PageTables, pageTablesSchema } from '../contracts/table';
import { Field, Report, reportSchema } from '../contracts/report';
import { checked } from './checked-record';
import type { Database, ReportRecord } from './database';
import { flattenFields, nestFields, storedPath } from './field-paths';
import { writeQueue } from './review-queue.repository';

export const pageKey = (documentId: string, page: number) => `${documentId}:${page}`;

export async function savePage(database: Database, page: PageRecognition): Promise<void> {
  const _id = pageKey(page.documentId, page.page);
  await database.pages.replaceOne({ _id }, page, { upsert: true });
}

export async function findPage(database: Database, documentId: string, page: number): Promise<PageRecognition | null> {
  const found = await database.pages.findOne({ _id: pageKey(documentId, page) });
  return found ? checked('pages', found, pageRecognitionSchema) : null;
}

export async function listPages(database: Database, documentId: string): Promise<PageRecognition[]> {
  const found = await database.pages.find({ documentId }).sort({ page: 1 }).toArray();
  return found.map((r) => checked('pages', r, pageRecognitionSchema));
}

export async function savePageTables(database: Database, tables: PageTables): Promise<void> {
  const _id = pageKey(tables.documentId, tables.page);
  await database.pageTables.replaceOne({ _id }, tables, { upsert: true });
}

export async function findPageTables(database: Database, documentId: string, page: number): Promise<PageTables | null> {
  const found = await database.pageTables.findOne({ _id: pageKey(documentId, page) });
  return found ? checked('page_tables', found, pageTablesSchema) : null;
}

export async function deletePageTables(database: Database, documentId: string, page: number): Promise<void> {
  await database.pageTables.deleteOne({ _id: pageKey(documentId, page) });
}

export async function listPageTables(database: Database, documentId: string): Promise<PageTables[]> {
  const found = await database.pageTables.find({ documentId }).sort({ page: 1 }).toArray();
  return found.map((r) => checked('page_tables', r, pageTablesSchema));
}

export async function saveReport(database: Database, report: Report): Promise<void> {
  const now = new Date();
  const fields = nestFields(report.fields);
  await database.reports.updateOne(
    { _id: report.documentId },
    { $set: { ...report, fields, updatedAt: now }, $setOnInsert: { createdAt: now } },
    { upsert: true },
  );
  await writeQueue(database, report.documentId, report.source.filename, report.fields);
}

/**
 * Replaces one field of a stored report, and nothing else: two reviewers correcting two fields of one report at
 * once both keep their correction (rewriting the whole report lost one), with the checks and review summary that
 * follow from it. `report` is the report as read.
 */
export async function saveReportField(
  database: Database,
  report: Pick<Report, 'documentId' | 'source' | 'fields'>,
  key: string,
  field: Field,
  after: Pick<Report, 'checks' | 'review'>,
): Promise<void> {
  await saveReportFields(database, report, { [key]: field }, after);
}

/** Replaces several fields of a stored report in one write (a bulk confirmation, its undo), as saveReportField. */
export async function saveReportFields(
  database: Database,
  report: Pick<Report, 'documentId' | 'source' | 'fields'>,
  changed: Record<string, Field>,
  after: Pick<Report, 'checks' | 'review'>,
): Promise<void> {
  const set: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(changed)) {
    const path = storedPath(report.fields, key);
    if (!path) {
      throw new Error(`report ${report.documentId} has no field ${key}`);
    }
    set[`fields.${path}`] = field;
  }
  // The identities and the review summary as they stand with the new values, written with them; then the queue.
  await database.reports.updateOne(
    { _id: report.documentId },
    { $set: { ...set, checks: after.checks, review: after.review, updatedAt: new Date() } },
  );
  await writeQueue(database, report.documentId, report.source.filename, { ...report.fields, ...changed });
}

export async function findReport(database: Database, documentId: string): Promise<Report | null> {
  const found = await database.reports.findOne({ _id: documentId });
  if (!found) {
    return null;
  }
  const { createdAt, updatedAt, fields, ...report } = found as ReportRecord;
  void createdAt;
  void updatedAt;
  return checked(
    'reports',
    { ...report, fields: flattenFields(fields as Parameters<typeof flattenFields>[0]) },
    reportSchema,
  );
}

/** What a document list shows of each report: agency, year, template, quality and review state; one query. */
export async function reportSummaries(
  database: Database,
  documentIds: readonly string[],
): Promise<Map<string, ReportSummary>> {
  const found = await database.reports
    .find(
      { _id: { $in: [...documentIds] } },
      { projection: { agency: 1, year: 1, template: 1, 'quality.status': 1, review: 1 } },
    )
    .toArray();
  return new Map(
    found.map((r) => [
      r._id,
      { agency: r.agency, year: r.year, template: r.template, quality: r.quality.status, review: r.review },
    ]),
  );
}

export interface ReportSummary {
  agency: Report['agency'];
  year: Report['year'];
  template: Report['template'];
  quality: Report['quality']['status'];
  review: Report['review'];
}

/** The reports whose review is pending (the queue is built from them once, where it was never written). */
export async function pendingReportIds(database: Database): Promise<string[]> {
  return (await database.reports.find({ 'review.status': 'pending' }, { projection: { _id: 1 } }).toArray()).map(
    (r) => r._id,
  );
}
