// Factories over the corpus truth files: real reports' tables as stage output (for tests of normalisation), and
// reports and review queues to seed a namespace with (for tests and benchmarks).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Cell } from '../shared/contracts/table';
import type { Report } from '../shared/contracts/report';
import { assembleReport } from '../services/normalisation/src/assemble-report';
import { repositoryRoot } from '../shared/config/repository-root';
import { pageRecord } from './page-record';
import { QueueEntry, QueueSummary, queueEntries, queueSummary } from '../shared/domain/review-queue';

/** A truth cell: its place in the grid and its text as printed ('' for an empty cell). */
export interface TruthCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

/** What a corpus truth file holds (`*.truth.json` beside each report): the fields, the tables' cells, the prose. */
export interface Truth {
  name: string;
  agency: string;
  year: number;
  template: string | null;
  pages: number;
  fields: Record<string, { raw: string; value: number | null }>;
  tables: { name: string; cells: TruthCell[] }[];
  text: string;
}

// Beside the repository, found from its root: the same from the sources (tests) and from dist/ (benchmarks).
export const CORPUS = path.resolve(process.env.DOCPIPE_CORPUS ?? path.join(repositoryRoot(), '../shared/corpus'));

export function loadTruth(name: string): Truth {
  return JSON.parse(readFileSync(path.join(CORPUS, `${name}.truth.json`), 'utf8')) as Truth;
}

/** A truth table as read cells (confidence as given), each on page 1 with a dummy box. */
export function truthCells(table: Truth['tables'][number], confidence = 0.99): Cell[] {
  return table.cells.map((c) => ({
    ...c,
    confidence,
    page: 1,
    alternatives: [],
    words: [],
    bbox: { x: c.col * 40, y: c.row * 20, width: c.colSpan * 40, height: c.rowSpan * 20 },
  }));
}

export const SHIZUISHAN = '000-shizuishan-2020';
export const YINCHUAN = '002-yinchuan-2020';
export const NINGXIA = '004-ningxia-2017';

/** The report normalisation assembles from a report's true tables (and no pages): a stored report to work on. */
export function truthReport(
  name: string,
  documentId: string,
  source: Report['source'] = { filename: 'report.pdf', sha256: 'f'.repeat(64), pages: 1 },
): Report {
  const truth = loadTruth(name);
  // Its first page's title and a line of its body naming the agency, as every report of the template has them.
  const opening = [`${truth.agency}${truth.year}年政府信息公开工作年度报告`, `本报告由${truth.agency}编制。`].map(
    (text, i) => ({ text, confidence: 0.99, words: [], bbox: { x: 100, y: 60 + 30 * i, width: 400, height: 20 } }),
  );
  return assembleReport({
    documentId,
    source,
    reviewThreshold: 0.9,
    tableFailures: [],
    pages: [pageRecord({ documentId, source: 'text-layer', lines: opening, imageDpi: 100 })],
    tables: truth.tables.map((t, i) => ({ id: `t${i}`, pages: [1], cells: truthCells(t) })),
  });
}

/**
 * A review queue of `documents` documents named `<prefix>-000`..., each with the first `fieldsEach` fields of the
 * Shizuishan report pending, confidences spread over documents and fields, deterministic: what the queue's test and
 * its bench seed.
 */
export function pendingQueue(prefix: string, documents: number, fieldsEach: number) {
  const base = truthReport(SHIZUISHAN, 'x');
  const keys = Object.keys(base.fields).slice(0, fieldsEach);
  const lists: { _id: string; entries: QueueEntry[] }[] = [];
  const summaries: QueueSummary[] = [];
  for (let d = 0; d < documents; d += 1) {
    const documentId = `${prefix}-${String(d).padStart(3, '0')}`;
    const fields = Object.fromEntries(
      keys.map((k, i) => [
        k,
        {
          ...base.fields[k],
          needsReview: true,
          confidence: ((d * 37 + i * 11) % 1000) / 1000,
          reasons: ['read with confidence'],
        },
      ]),
    );
    const entries = queueEntries(fields);
    lists.push({ _id: documentId, entries });
    summaries.push(queueSummary(documentId, `${documentId}.pdf`, entries));
  }
  return { lists, summaries };
}
