// Open PDFs of the documents this worker is on: pages of one document arrive one after another, so the
// file is fetched from GridFS and parsed once, not per page. Two at most, to bound memory.
import { PdfFile, openPdf } from '../../../shared/adapters/pdf.adapter';
import { PermanentError } from '../../../shared/errors/errors';

const CAPACITY = 2;

export function createPdfCache(load: (documentId: string) => Promise<Buffer | undefined>) {
  const open = new Map<string, Promise<PdfFile>>();
  return {
    get(documentId: string): Promise<PdfFile> {
      const cached = open.get(documentId);
      if (cached) {
        open.delete(documentId);
        open.set(documentId, cached);
        return cached;
      }
      const opening = load(documentId).then((bytes) => {
        if (!bytes) {
          throw new PermanentError(`no stored PDF for document ${documentId}`);
        }
        return openPdf(bytes);
      });
      opening.catch(() => open.delete(documentId));
      open.set(documentId, opening);
      while (open.size > CAPACITY) {
        const [oldest, pdf] = open.entries().next().value as [string, Promise<PdfFile>];
        open.delete(oldest);
        // In-flight pages of the evicted document hold their own page objects; closing frees the rest.
        void pdf.then((p) => p.close()).catch(() => undefined);
      }
      return opening;
    },
    async close(): Promise<void> {
      const all = [...open.values()];
      open.clear();
      await Promise.all(all.map((p) => p.then((pdf) => pdf.close()).catch(() => undefined)));
    },
  };
}
