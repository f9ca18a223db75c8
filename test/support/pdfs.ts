// PDFs made on the spot for tests: empty pages of a given size, a large one written to disk piece by piece, and
// some pages of a corpus report as a report of their own.
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { CORPUS, YINCHUAN } from '../../harness/corpus';

/** A valid PDF of `pages` empty pages of `width` x `height` points, with a correct cross-reference table. */
export function blankPdf(pages: number, width = 595, height = 842): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ')}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] >>`),
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body);
}

/**
 * Writes to `file` a valid one-page PDF of about `megabytes` MB: a blank page and an unreferenced stream object
 * of filler bytes, written 1 MB at a time (the test never holds the file in memory), with a correct xref table.
 */
export async function writeLargePdf(file: string, megabytes: number): Promise<void> {
  const out = createWriteStream(file);
  let offset = 0;
  const write = async (chunk: Buffer | string) => {
    offset += Buffer.byteLength(chunk);
    if (!out.write(chunk)) {
      await once(out, 'drain');
    }
  };
  const offsets: number[] = [];
  const object = async (body: string) => {
    offsets.push(offset);
    await write(`${offsets.length} 0 obj\n${body}\nendobj\n`);
  };
  await write('%PDF-1.4\n');
  await object('<< /Type /Catalog /Pages 2 0 R >>');
  await object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  await object('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>');
  const mb = Buffer.alloc(1 << 20, 0x41);
  offsets.push(offset);
  await write(`4 0 obj\n<< /Length ${megabytes << 20} >>\nstream\n`);
  for (let i = 0; i < megabytes; i += 1) {
    await write(mb);
  }
  await write('\nendstream\nendobj\n');
  const xref = offset;
  await write(
    `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`,
  );
  await write(`trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  out.end();
  await once(out, 'finish');
}

/** Pages `pages` (1-based) of the PDF at `file` as a PDF of their own: the same pages, their scans copied whole. */
export async function pdfExcerpt(file: string, pages: readonly number[]): Promise<Buffer> {
  const source = await PDFDocument.load(await readFile(file));
  const excerpt = await PDFDocument.create();
  for (const page of await excerpt.copyPages(
    source,
    pages.map((n) => n - 1),
  )) {
    excerpt.addPage(page);
  }
  return Buffer.from(await excerpt.save());
}

// The scanned report the fault and signal tests keep in flight: Yinchuan's scan cut to its first page (title, agency
// and year) and its two table pages. Three pages keep a document in flight through every fault those tests make (a
// worker killed after its first page still holds the next), at half the OCR of the whole report, which they convert
// once per test.
let short: Promise<Buffer> | undefined;
export const shortScan = (): Promise<Buffer> =>
  (short ??= pdfExcerpt(path.join(CORPUS, `${YINCHUAN}.scan.pdf`), [1, 4, 5]));
