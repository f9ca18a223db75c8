// One upload, received into a temporary file: accepted as a new document (201) or answered with the document the same
// bytes made before (200, with a note and the retry link when that one failed or needs attention).
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { openPdfFile } from '../../../../shared/adapters/pdf.adapter';
import type { ApiCode } from '../../../../shared/contracts/api';
import { createDocument, findDocumentBySha } from '../../../../shared/store/documents.repository';
import { putFileFrom } from '../../../../shared/store/files.repository';
import { fileIds } from '../../../../shared/store/keys';
import type { ReceivedPart } from '../receive-to-disk';
import type { UploadDeps } from '../upload-deps';
import { acceptUpload } from './accept-upload';
import { viewOf } from './document-views';

/** The file as received: its name as the client gave it, and the temporary file (removed here, whatever happens). */
export interface Upload extends ReceivedPart {
  originalName: string;
}

export async function uploadDocument(upload: Upload, deps: UploadDeps) {
  const { database, announcing } = deps;
  const received = {
    filename: safeFilename(upload.originalName),
    path: upload.path,
    size: upload.size,
    sha256: upload.sha256,
  };
  const { document, created } = await acceptUpload(received, {
    openPdfFile,
    limits: deps.limits,
    findBySha: (sha) => findDocumentBySha(database, sha),
    storePdf: (id, filename, filePath) =>
      putFileFrom(database, fileIds.pdf(id), filename, createReadStream(filePath), { documentId: id }),
    create: (doc) => createDocument(database, doc),
    ...announcing,
  }).finally(() => rm(upload.path, { force: true }));
  deps.logger.info(
    { documentId: document._id, created, pages: document.pages },
    created ? 'document accepted' : 'duplicate upload',
  );
  deps.metrics.observeUpload(created ? 'accepted' : 'duplicate');
  const view = await viewOf(database, document);
  if (created) {
    return { status: 201, documentId: document._id, body: { ...view, duplicate: false } };
  }
  // The same bytes again, read badly before: say so and offer the retry, rather than hand back the copy.
  const note = view.links.retry
    ? `this file was uploaded before and ${document.status === 'failed' ? 'could not be read' : 'needs attention'}; POST ${view.links.retry} to read it again`
    : undefined;
  const code: ApiCode = note ? 'duplicate-needs-retry' : 'duplicate-upload';
  return {
    status: 200,
    documentId: document._id,
    body: {
      ...view,
      duplicate: true,
      code,
      params: { documentId: document._id, status: document.status },
      ...(note ? { note } : {}),
    },
  };
}

// Filenames are shown to people and written into downloads: no path, no control characters, a sane length.
const MAX_FILENAME = 200;

/** The name a client gave, reduced to what is safe to store and show: its last path part, printable, short. */
export function safeFilename(name: string): string {
  const base =
    name
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .split(/[\\/]/)
      .pop()
      ?.trim() ?? '';
  const printable = [...base].slice(0, MAX_FILENAME).join('');
  return printable === '' || /^\.+$/.test(printable) ? 'upload.pdf' : printable;
}
