// An uploaded file becomes a document: checked to be a readable PDF, stored in GridFS, recorded once per
// content (same bytes -> same document), and announced to the pipeline.
import { createHash } from 'node:crypto';
import type { PdfFile } from '../../../shared/adapters/pdf.adapter';
import { DocumentRecord, documentIdFor } from '../../../shared/contracts/document';
import { InputError } from '../../../shared/errors/errors';
import { AnnounceDeps, announce } from './announce';
import type { UploadLimits } from './upload-deps';

export interface AcceptUploadDeps extends AnnounceDeps {
  limits: UploadLimits;
  openPdf(bytes: Uint8Array): Promise<PdfFile>;
  findBySha(sha256: string): Promise<DocumentRecord | null>;
  storePdf(documentId: string, filename: string, bytes: Buffer): Promise<void>;
  create(document: DocumentRecord): Promise<{ document: DocumentRecord; created: boolean }>;
}

export async function acceptUpload(file: { filename: string; bytes: Buffer }, deps: AcceptUploadDeps): Promise<{ document: DocumentRecord; created: boolean }> {
  if (file.bytes.length === 0) {
    throw new InputError('the file is empty');
  }
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const existing = await deps.findBySha(sha256);
  if (existing) {
    return { document: existing, created: false };
  }
  const pdf = await deps.openPdf(file.bytes);
  const pages = pdf.pageCount;
  try {
    if (pages === 0) {
      throw new InputError('the PDF has no pages', 422);
    }
    if (pages > deps.limits.maxPages) {
      throw new InputError(`the PDF has ${pages} pages; at most ${deps.limits.maxPages} are accepted (MAX_PAGES)`, 413);
    }
    for (let page = 1; page <= pages; page += 1) {
      const size = await pdf.pageSize(page);
      const longest = Math.max(size.width, size.height) / 72;
      if (longest > deps.limits.maxPageInches) {
        throw new InputError(`page ${page} is ${Math.round(size.width)} x ${Math.round(size.height)} pt (${Math.round(longest)} in on its longest side); pages up to ${deps.limits.maxPageInches} in are accepted (MAX_PAGE_INCHES)`, 422);
      }
    }
  } finally {
    await pdf.close();
  }
  const documentId = documentIdFor(sha256);
  // The file goes in before the record, so a record always has its file; a crash in between leaves only
  // an orphan file, which the next upload of the same bytes overwrites.
  await deps.storePdf(documentId, file.filename, file.bytes);
  const now = new Date();
  const result = await deps.create({
    _id: documentId, filename: file.filename, sha256, size: file.bytes.length, pages, fileId: `${documentId}:pdf`,
    status: 'queued',
    createdAt: now, updatedAt: now,
  });
  if (result.created) {
    await announce(result.document, deps);
  }
  return result;
}
