// The report's prose: page lines (tables and photos already left out) joined into paragraphs in reading order.
import type { Line, PageRecognition } from '../../../../shared/contracts/page';
import { joinPieces, repairOcrPunctuation } from '../../../../shared/domain/cjk-text';

// A line starting more than one character in from the left edge opens a paragraph (Chinese indents two);
// a line ending over two characters short of the right edge closes one.
const INDENT_CHARS = 1;
const SHORT_CHARS = 2;

/** Paragraphs of the whole document, one per line of the returned text. */
export function proseText(pages: readonly PageRecognition[]): string {
  const paragraphs: { text: string; ocr: boolean }[] = [];
  let open = false;
  for (const page of [...pages].sort((a, b) => a.page - b.page)) {
    const lines = page.lines.filter((l) => l.text.trim() !== '');
    if (lines.length === 0) {
      continue;
    }
    const left = Math.min(...lines.map((l) => l.bbox.x));
    const right = Math.max(...lines.map((l) => l.bbox.x + l.bbox.width));
    const ocr = page.source === 'ocr';
    for (const line of lines) {
      const char = charWidth(line);
      const indented = line.bbox.x - left > INDENT_CHARS * char;
      const last = paragraphs[paragraphs.length - 1];
      if (open && !indented && last) {
        last.text = joinPieces([last.text, line.text]);
        last.ocr = last.ocr || ocr;
      } else {
        paragraphs.push({ text: line.text, ocr });
      }
      open = right - (line.bbox.x + line.bbox.width) <= SHORT_CHARS * char;
    }
  }
  return paragraphs.map((p) => (p.ocr ? repairOcrPunctuation(p.text) : p.text)).join('\n');
}

/** Width of one character of the line, from its box and its text length. */
function charWidth(line: Line): number {
  return Math.max(line.bbox.height * 0.8, line.bbox.width / Math.max(1, [...line.text].length));
}
