// GridFS ids of a document's files, derived from the document, so a retried write replaces, never adds.
export const fileIds = {
  pdf: (documentId: string) => `${documentId}:pdf`,
  pageImage: (documentId: string, page: number) => `${documentId}:page:${page}:image`,
};
