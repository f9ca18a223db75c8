// ocr.page.recognised -> the page's tables stored (once; a delivery after that only counts the page); when every
// page is done -> tables.document.extracted.
import type { Raster } from '../../../../shared/adapters/raster';
import { Envelope, envelope } from '../../../../shared/contracts/messages';
import type { PageRecognition } from '../../../../shared/contracts/page';
import type { PageTables } from '../../../../shared/contracts/table';
import { RetryableError } from '../../../../shared/errors/errors';
import type { Logger } from '../../../../shared/logging/logger';
import { failedPageTables } from '../extract-page-tables';

export interface PageRecognisedDeps {
  findPage(documentId: string, page: number): Promise<PageRecognition | null>;
  /** The page's stored tables, if read already (OCR removes them when it reads the page again). */
  findTables(documentId: string, page: number): Promise<PageTables | null>;
  loadImage(fileId: string): Promise<Raster | null>;
  extract(recognition: PageRecognition, image: Raster | null): Promise<PageTables>;
  saveTables(tables: PageTables): Promise<void>;
  /** Records the page as done; true when every page of the document is and this page is the one to say so (once). */
  recordPage(documentId: string, page: number): Promise<boolean>;
  publish(message: Envelope): Promise<void>;
  logger: Logger;
}

export async function handle(message: Envelope<'ocr.page.recognised'>, deps: PageRecognisedDeps): Promise<void> {
  const { documentId, page } = message.payload;
  // Read already (the message was delivered again after a crash): counted again, never read twice. Tables
  // whose reading failed are read again: that is what a retry asks for.
  const stored = await deps.findTables(documentId, page);
  if (stored && !stored.failure) {
    deps.logger.info({ documentId, page }, 'tables read already: the page counted again, not read');
    await finishPage(documentId, page, deps);
    return;
  }
  const recognition = await deps.findPage(documentId, page);
  if (!recognition) {
    // OCR stores the page before announcing it, so this is a replica lagging behind: try again shortly.
    throw new RetryableError(`page ${page} of ${documentId} is not stored yet`);
  }
  const image = recognition.imageFileId ? await deps.loadImage(recognition.imageFileId) : null;
  const tables = await deps.extract(recognition, image);
  await deps.saveTables(tables);
  // One line per page whose tables were read (the fault tests count them: no page read twice).
  deps.logger.info({ documentId, page, tables: tables.tables.length }, 'page tables stored');
  await finishPage(documentId, page, deps);
}

/** A page whose tables cannot be read is stored without tables and with the reason, so the document still
 * completes and its report says which page's tables are missing. */
export async function giveUp(
  message: Envelope<'ocr.page.recognised'>,
  error: unknown,
  deps: PageRecognisedDeps,
): Promise<void> {
  const { documentId, page } = message.payload;
  const failed = failedPageTables(documentId, page, error);
  deps.logger.warn(
    { documentId, page, failure: failed.failure },
    'tables given up: the page stored without tables, the document goes on',
  );
  await deps.saveTables(failed);
  await finishPage(documentId, page, deps);
}

async function finishPage(documentId: string, page: number, deps: PageRecognisedDeps): Promise<void> {
  if (await deps.recordPage(documentId, page)) {
    deps.logger.info({ documentId, page }, 'last page of the document: its tables announced');
    await deps.publish(envelope('tables.document.extracted', { documentId }, `${documentId}:tables`));
  }
}
