// One document through every stage in this process, with no broker and no database: the same stage
// functions the services call. Used by `docpipe convert` and by the benchmarks.
import { createHash } from 'node:crypto';
import { openPdf } from '../shared/adapters/pdf.adapter';
import type { OcrPool } from '../shared/adapters/tesseract.adapter';
import type { PageRecognition } from '../shared/contracts/page';
import type { Report } from '../shared/contracts/report';
import { documentIdFor } from '../shared/contracts/document';
import type { PageTables } from '../shared/contracts/table';
import { failedRecognition, recognisePage } from '../services/ocr/src/recognise-page';
import { extractPageTables, failedPageTables } from '../services/table-extraction/src/extract-page-tables';
import {
  blankPagesOf,
  joinDocumentTables,
  scaledApartOf,
  tableFailuresOf,
} from '../services/normalisation/src/domain/table-continuation';
import { assembleReport } from '../services/normalisation/src/assemble-report';
import { StepProfile, noProfile, profiledOcr } from '../shared/runtime/step-profile';

export interface ConvertOptions {
  ocr: OcrPool;
  dpi: number;
  reviewThreshold: number;
  /** Pages in flight at once: enough to keep the OCR pool busy, few enough to bound memory. */
  concurrency: number;
  /** Called as each page is read (OCR or text layer) and as its tables are read. */
  onProgress?: (stage: 'read' | 'tables', page: number, pages: number) => void;
  /** Charges each step's CPU: with a concurrency of 1 and one Tesseract worker only (step-profile.ts). */
  profile?: StepProfile;
}

export interface StageTimes {
  ocrMs: number;
  tablesMs: number;
  normalisationMs: number;
}

/** Converts one PDF to its report. Stage times are summed over pages (CPU-side work, not wall clock). */
export async function convertDocument(
  bytes: Buffer,
  filename: string,
  options: ConvertOptions,
): Promise<{ report: Report; pages: PageRecognition[]; times: StageTimes }> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const documentId = documentIdFor(sha256);
  const p = options.profile ?? noProfile;
  const ocr = options.profile ? profiledOcr(options.ocr, options.profile) : options.ocr;
  const pdf = await p.step('open', () => openPdf(bytes));
  const times: StageTimes = { ocrMs: 0, tablesMs: 0, normalisationMs: 0 };
  const recognitions: PageRecognition[] = [];
  const pageTables: PageTables[] = [];
  try {
    let next = 1;
    const worker = async () => {
      while (next <= pdf.pageCount) {
        const page = next;
        next += 1;
        let started = Date.now();
        // A page that cannot be read, or whose tables cannot, fails alone, as in the services: the report
        // names it and its quality says the document needs attention.
        const { recognition, image } = await p
          .step('ocr stage', () =>
            recognisePage(pdf, documentId, page, { ocr, dpi: options.dpi, profile: options.profile }),
          )
          .catch((error: unknown) => ({
            recognition: failedRecognition(documentId, page, error, options.dpi),
            image: null,
          }));
        times.ocrMs += Date.now() - started;
        options.onProgress?.('read', page, pdf.pageCount);
        started = Date.now();
        pageTables.push(
          await p
            .step('table stage', () => extractPageTables(recognition, image, { ocr, profile: options.profile }))
            .catch((error: unknown) => failedPageTables(documentId, page, error)),
        );
        times.tablesMs += Date.now() - started;
        recognitions.push(recognition);
        options.onProgress?.('tables', page, pdf.pageCount);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    await pdf.close();
  }
  const started = Date.now();
  const report = p.stepSync('normalisation', () =>
    assembleReport({
      documentId,
      source: { filename, sha256, pages: recognitions.length },
      pages: recognitions,
      tables: joinDocumentTables(pageTables, blankPagesOf(recognitions), scaledApartOf(recognitions)),
      tableFailures: tableFailuresOf(pageTables),
      reviewThreshold: options.reviewThreshold,
    }),
  );
  times.normalisationMs = Date.now() - started;
  return { report, pages: recognitions, times };
}
