// upload.document.received -> one ocr.page.requested per page, so several OCR workers share a document.
// A document announced again (the sweep, a redelivery) is split again only if its split never finished.
import { Envelope, envelope } from '../../../../shared/contracts/messages';
import type { Logger } from '../../../../shared/logging/logger';

export interface DocumentReceivedDeps {
  publish(message: Envelope): Promise<void>;
  markProcessing(documentId: string): Promise<void>;
  isSplit(documentId: string): Promise<boolean>;
  markSplit(documentId: string): Promise<void>;
  logger: Logger;
}

export async function handle(message: Envelope<'upload.document.received'>, deps: DocumentReceivedDeps): Promise<void> {
  const { documentId, pages } = message.payload;
  if (await deps.isSplit(documentId)) {
    deps.logger.info({ documentId }, 'split already: nothing to do');
    return;
  }
  await deps.markProcessing(documentId);
  for (let page = 1; page <= pages; page += 1) {
    // Message ids derive from the page, so a split cut short and run again sends the same messages.
    await deps.publish(envelope('ocr.page.requested', { documentId, page }, `${documentId}:ocr:${page}`));
  }
  await deps.markSplit(documentId);
  deps.logger.info({ documentId, pages }, 'split into pages');
}
