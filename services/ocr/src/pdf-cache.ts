// Open PDFs of the documents this worker is on: pages of one document arrive one after another, so the
// file is fetched from GridFS and parsed once, not per page. Two at most are kept, to bound memory; one
// still being read from is closed only when its last page is done (closing cancels pdfjs renders in flight).
import type { PdfFile } from '../../../shared/adapters/pdf.adapter';
import { PermanentError } from '../../../shared/errors/errors';

const CAPACITY = 2;

interface Entry {
  pdf: Promise<PdfFile>;
  /** Pages being read from it now. */
  users: number;
  /** Dropped from the cache: close when the last user is done. */
  evicted: boolean;
}

export function createPdfCache(
  load: (documentId: string) => Promise<Buffer | undefined>,
  open: (bytes: Buffer) => Promise<PdfFile>,
) {
  const entries = new Map<string, Entry>();
  const closeEntry = (entry: Entry) => entry.pdf.then((p) => p.close()).catch(() => undefined);
  const entryFor = (documentId: string): Entry => {
    const cached = entries.get(documentId);
    if (cached) {
      entries.delete(documentId);
      entries.set(documentId, cached);
      return cached;
    }
    const entry: Entry = {
      pdf: load(documentId).then((bytes) => {
        if (!bytes) {
          throw new PermanentError(`no stored PDF for document ${documentId}`);
        }
        return open(bytes);
      }),
      users: 0,
      evicted: false,
    };
    entry.pdf.catch(() => entries.get(documentId) === entry && entries.delete(documentId));
    entries.set(documentId, entry);
    for (const [id, oldest] of entries) {
      if (entries.size <= CAPACITY) {
        break;
      }
      if (oldest !== entry) {
        entries.delete(id);
        oldest.evicted = true;
        if (oldest.users === 0) {
          void closeEntry(oldest);
        }
      }
    }
    return entry;
  };
  return {
    /** Runs `read` on the document's open PDF; the PDF stays open until `read` is done. */
    async use<T>(documentId: string, read: (pdf: PdfFile) => Promise<T>): Promise<T> {
      const entry = entryFor(documentId);
      entry.users += 1;
      try {
        return await read(await entry.pdf);
      } finally {
        entry.users -= 1;
        if (entry.evicted && entry.users === 0) {
          void closeEntry(entry);
        }
      }
    },
    async close(): Promise<void> {
      const all = [...entries.values()];
      entries.clear();
      await Promise.all(all.map(closeEntry));
    },
  };
}
