// An uploaded file (received into a temporary file, never whole in memory) becomes a document: checked to be
// a readable PDF, stored in GridFS, recorded once per content (same bytes -> same document), and announced.
import type { PdfFile } from '../../../../shared/adapters/pdf.adapter';
import { DocumentRecord, documentIdFor } from '../../../../shared/contracts/document';
import { InputError } from '../../../../shared/errors/errors';
import { AnnounceDeps, announce } from '../announce';
import type { ReceivedPart } from '../receive-to-disk';
import type { UploadLimits } from '../upload-deps';

export interface AcceptUploadDeps extends AnnounceDeps {
  limits: UploadLimits;
  openPdfFile(filePath: string): Promise<PdfFile>;
  findBySha(sha256: string): Promise<DocumentRecord | null>;
  storePdf(documentId: string, filename: string, filePath: string): Promise<void>;
  create(document: DocumentRecord): Promise<{ document: DocumentRecord; created: boolean }>;
}

/** The uploaded file: its name as sent, where it was received, its size in bytes and its SHA-256. */
export interface ReceivedFile extends ReceivedPart {
  filename: string;
}

export async function acceptUpload(
  file: ReceivedFile,
  deps: AcceptUploadDeps,
): Promise<{ document: DocumentRecord; created: boolean }> {
  if (file.size === 0) {
    throw new InputError('the file is empty', 'empty-file');
  }
  const { sha256 } = file;
  const existing = await deps.findBySha(sha256);
  if (existing) {
    return { document: existing, created: false };
  }
  const pdf = await deps.openPdfFile(file.path);
  const pages = pdf.pageCount;
  try {
    if (pages === 0) {
      throw new InputError('the PDF has no pages', 'pdf-no-pages');
    }
    if (pages > deps.limits.maxPages) {
      throw new InputError(
        `the PDF has ${pages} pages; at most ${deps.limits.maxPages} are accepted (MAX_PAGES)`,
        'too-many-pages',
        { pages, limit: deps.limits.maxPages },
      );
    }
    for (let page = 1; page <= pages; page += 1) {
      const size = await pdf.pageSize(page);
      const longest = Math.max(size.width, size.height) / 72;
      if (longest > deps.limits.maxPageInches) {
        throw new InputError(
          `page ${page} is ${Math.round(size.width)} x ${Math.round(size.height)} pt (${Math.round(longest)} in on its longest side); pages up to ${deps.limits.maxPageInches} in are accepted (MAX_PAGE_INCHES)`,
          'page-too-large',
          { page, inches: Math.round(longest), limit: deps.limits.maxPageInches },
        );
      }
    }
  } finally {
    await pdf.close();
  }
  const documentId = documentIdFor(sha256);
  // The file goes in before the record, so a record always has its file; a crash in between leaves only
  // an orphan file, which the next upload of the same bytes overwrites.
  await deps.storePdf(documentId, file.filename, file.path);
  const now = new Date();
  const result = await deps.create({
    _id: documentId,
    filename: file.filename,
    sha256,
    size: file.size,
    pages,
    fileId: `${documentId}:pdf`,
    status: 'queued',
    createdAt: now,
    updatedAt: now,
  });
  if (result.created) {
    await announce(result.document, deps);
  }
  return result;
}
