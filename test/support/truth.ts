// Factories over the corpus truth files: real reports' tables as stage output, for tests of normalisation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Cell } from '../../shared/contracts/table';
import type { Report } from '../../shared/contracts/report';
import { assembleReport } from '../../services/normalisation/src/assemble-report';
import { repositoryRoot } from '../../shared/config/repository-root';
import type { Truth } from '../../bench/metrics';

// Beside the repository, found from its root: the same from the sources (tests) and from dist/ (benchmarks).
export const CORPUS = path.resolve(process.env.DOCPIPE_CORPUS ?? path.join(repositoryRoot(), '../shared/corpus'));

export function loadTruth(name: string): Truth {
  return JSON.parse(readFileSync(path.join(CORPUS, `${name}.truth.json`), 'utf8')) as Truth;
}

/** A truth table as read cells (confidence as given), each on page 1 with a dummy box. */
export function truthCells(table: Truth['tables'][number], confidence = 0.99): Cell[] {
  return table.cells.map((c) => ({
    ...c, confidence, page: 1, alternatives: [], words: [],
    bbox: { x: c.col * 40, y: c.row * 20, width: c.colSpan * 40, height: c.rowSpan * 20 },
  }));
}

export const SHIZUISHAN = '000-shizuishan-2020';
export const YINCHUAN = '002-yinchuan-2020';
export const NINGXIA = '004-ningxia-2017';

/** The report normalisation assembles from a report's true tables (and no pages): a stored report to work on. */
export function truthReport(name: string, documentId: string, source: Report['source'] = { filename: 'report.pdf', sha256: 'f'.repeat(64), pages: 1 }): Report {
  return assembleReport({
    documentId, source, pages: [], reviewThreshold: 0.9, tableFailures: [],
    tables: loadTruth(name).tables.map((t, i) => ({ id: `t${i}`, pages: [1], cells: truthCells(t) })),
  });
}
