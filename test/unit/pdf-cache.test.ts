// The OCR worker's cache of open PDFs: bounded, and never closing a PDF a page is still being read from.
import type { PdfFile } from '../../shared/adapters/pdf.adapter';
import { createPdfCache } from '../../services/ocr/src/pdf-cache';

function fakes() {
  const closed: string[] = [];
  const open = async (bytes: Buffer): Promise<PdfFile> => {
    const id = bytes.toString();
    return {
      pageCount: 1,
      pageSize: async () => ({ width: 1, height: 1 }),
      textRuns: async () => [],
      render: async () => ({ width: 1, height: 1, data: new Uint8Array(1) }),
      renderColour: async () => ({ width: 1, height: 1, data: new Uint8Array(3) }),
      close: async () => {
        closed.push(id);
      },
    };
  };
  return { closed, cache: createPdfCache(async (id) => Buffer.from(id), open) };
}

describe('the PDF cache', () => {
  it('keeps a document open while a page of it is read, though newer documents push it out', async () => {
    const { closed, cache } = fakes();
    let finish: () => void = () => undefined;
    const slow = cache.use(
      'a',
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    await cache.use('b', async () => undefined);
    await cache.use('c', async () => undefined);
    expect(closed).toEqual([]);
    finish();
    await slow;
    await new Promise((r) => setImmediate(r));
    expect(closed).toEqual(['a']);
  });

  it('closes the least recently used document beyond two at once when nobody reads it', async () => {
    const { closed, cache } = fakes();
    for (const id of ['a', 'b', 'a', 'c']) {
      await cache.use(id, async () => undefined);
    }
    await new Promise((r) => setImmediate(r));
    expect(closed).toEqual(['b']);
    await cache.close();
    expect(closed.sort()).toEqual(['a', 'b', 'c']);
  });
});
