// upload.document.received -> one ocr.page.requested per page, so several OCR workers share a document.
import { Envelope, envelope } from '../../../../shared/contracts/messages';

export interface DocumentReceivedDeps {
  publish(message: Envelope): Promise<void>;
  markProcessing(documentId: string): Promise<void>;
}

export async function handle(message: Envelope<'upload.document.received'>, deps: DocumentReceivedDeps): Promise<void> {
  const { documentId, pages } = message.payload;
  await deps.markProcessing(documentId);
  for (let page = 1; page <= pages; page += 1) {
    // Message ids derive from the page, so a redelivered fan-out sends the same messages again.
    await deps.publish(envelope('ocr.page.requested', { documentId, page }, `${documentId}:ocr:${page}`));
  }
}
