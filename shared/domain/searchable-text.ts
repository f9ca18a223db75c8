// What a searchable PDF's text layer says on each scanned page: its prose lines and its table cells, each with the
// box it was read from (upright page, points), in the words the report gives them.
import type { BBox } from '../contracts/geometry';
import type { PageRecognition } from '../contracts/page';
import type { Report } from '../contracts/report';
import { cleanCjkText } from './cjk-text';
import type { Quad } from './homography';

/** What to write on one page: runs of text with their boxes in the upright, deskewed page's points. */
export interface PageText {
  page: number;
  /** The upright page's size, points, and how it was brought upright (PageRecognition). */
  width: number;
  height: number;
  rotation: number;
  skewDegrees: number;
  /** A photographed sheet's corners on the page as displayed (PageRecognition.sheet). */
  sheet?: Quad;
  runs: readonly { text: string; bbox: BBox }[];
}

/** The text of every page read by OCR (pages with a text layer have their own; blank and failed pages none). */
export function pageTexts(pages: readonly PageRecognition[], report: Pick<Report, 'tables'>): PageText[] {
  return pages
    .filter((p) => p.source === 'ocr' && !p.blank)
    .map((p) => ({
      page: p.page,
      width: p.width,
      height: p.height,
      rotation: p.rotation,
      skewDegrees: p.skewDegrees,
      ...(p.sheet ? { sheet: p.sheet as Quad } : {}),
      runs: [
        ...p.lines.map((l) => ({ text: cleanCjkText(l.text), bbox: l.bbox })),
        ...report.tables.flatMap((t) =>
          t.cells
            .filter((c) => c.page === p.page && c.text.trim() !== '')
            .map((c) => ({ text: cleanCjkText(c.text), bbox: c.bbox })),
        ),
      ].filter((r) => r.text !== ''),
    }));
}
