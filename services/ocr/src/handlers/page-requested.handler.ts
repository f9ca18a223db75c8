// ocr.page.requested -> the page's words, rulings and upright image stored -> ocr.page.recognised.
// A page that fails for good is stored as failed, and the document goes on without it.
import type { Raster } from '../../../../shared/adapters/raster';
import { Envelope, envelope } from '../../../../shared/contracts/messages';
import type { PageRecognition } from '../../../../shared/contracts/page';
import type { Logger } from '../../../../shared/logging/logger';
import { RecognisedPage, failedRecognition } from '../recognise-page';

export interface PageRequestedDeps {
  /** Reads page `page` of the document's stored PDF. */
  recognise(documentId: string, page: number): Promise<RecognisedPage>;
  /** Stores the page image and returns its file id. */
  saveImage(documentId: string, page: number, image: Raster): Promise<string>;
  savePage(page: PageRecognition): Promise<void>;
  /** Removes tables read from an earlier reading of the page, so the table stage reads the new one. */
  forgetTables(documentId: string, page: number): Promise<void>;
  findPage(documentId: string, page: number): Promise<PageRecognition | null>;
  recordPage(documentId: string, page: number, failure?: string): Promise<void>;
  publish(message: Envelope): Promise<void>;
  dpi: number;
  logger: Logger;
}

export async function handle(message: Envelope<'ocr.page.requested'>, deps: PageRequestedDeps): Promise<void> {
  const { documentId, page } = message.payload;
  // Read already (the request was delivered or announced again): announced again, never read twice.
  // A page stored as failed is read again: that is what a retry asks for.
  const stored = await deps.findPage(documentId, page);
  if (stored && stored.source !== 'failed') {
    deps.logger.info({ documentId, page }, 'page read already: announced again, not read');
    await deps.recordPage(documentId, page);
    await deps.publish(
      envelope('ocr.page.recognised', { documentId, page, failed: false }, `${documentId}:recognised:${page}`),
    );
    return;
  }
  // With 'page stored', the fault tests see which pages a stop interrupted (none may be).
  deps.logger.info({ documentId, page }, 'reading page');
  const { recognition, image } = await deps.recognise(documentId, page);
  const imageFileId = await deps.saveImage(documentId, page, image);
  await deps.savePage({ ...recognition, imageFileId });
  // One line per page read (the fault tests count them: no page read twice).
  deps.logger.info({ documentId, page, source: recognition.source }, 'page stored');
  await deps.forgetTables(documentId, page);
  await deps.recordPage(documentId, page);
  await deps.publish(
    envelope('ocr.page.recognised', { documentId, page, failed: false }, `${documentId}:recognised:${page}`),
  );
}

export async function giveUp(
  message: Envelope<'ocr.page.requested'>,
  error: unknown,
  deps: PageRequestedDeps,
): Promise<void> {
  const { documentId, page } = message.payload;
  const failed = failedRecognition(documentId, page, error, deps.dpi);
  const { failure } = failed;
  deps.logger.warn({ documentId, page, failure }, 'page given up: stored as failed, the document goes on without it');
  await deps.savePage(failed);
  await deps.forgetTables(documentId, page);
  await deps.recordPage(documentId, page, failure);
  await deps.publish(
    envelope('ocr.page.recognised', { documentId, page, failed: true }, `${documentId}:recognised:${page}`),
  );
}
