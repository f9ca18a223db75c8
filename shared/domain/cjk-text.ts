// Clean Chinese text: no spaces inside CJK runs, full-width punctuation beside CJK, NFKC for comparisons.
// Shared because OCR cleans prose with it and table extraction cleans cell text with it.

const CJK =
  '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef“”‘’《》、。，；：！？（）【】—…·';
const cjkChar = new RegExp(`[${CJK}]`);
const spaceBetweenCjk = new RegExp(`(?<=[${CJK}])[ \\t]+(?=[${CJK}])`, 'g');
const spaceAroundCjkPunct = /[ \t]*([，。；：！？、（）《》“”〔〕])[ \t]*/g;

// Half-width punctuation Tesseract emits for Chinese text, and its full-width form.
const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
};

/** Whether `ch` is a CJK character or CJK punctuation. */
export function isCjk(ch: string): boolean {
  return cjkChar.test(ch);
}

/**
 * Normalises one line of recognised Chinese text: half-width punctuation next to CJK becomes full-width
 * (a comma between digits, as in 1,234, stays), and spaces between CJK characters go.
 */
export function cleanCjkText(text: string): string {
  let out = '';
  const chars = [...text.replace(/[\u00a0\u3000]/g, ' ')];
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i];
    const full = FULL_WIDTH[ch];
    if (full) {
      const prev = lastNonSpace(chars, i - 1, -1);
      const next = lastNonSpace(chars, i + 1, 1);
      const digitsAround = /\d/.test(prev) && /\d/.test(next);
      if (!digitsAround && (isCjk(prev) || isCjk(next) || ch === '(' || ch === ')')) {
        out += full;
        continue;
      }
    }
    out += ch;
  }
  // 7X24小时: a letter x between digits is the multiplication sign.
  return normaliseBrackets(out)
    .replace(/(?<=\d)\s*[xX]\s*(?=\d)/g, '×')
    .replace(spaceBetweenCjk, '')
    .replace(spaceAroundCjkPunct, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/**
 * Chinese official text brackets a year in a document number with 〔〕 (宁公通〔2017〕95号) and everything else
 * with （）. OCR mixes 〔 [ 【 （ up; this puts each back by that rule and drops a doubled opening bracket.
 */
function normaliseBrackets(text: string): string {
  return text
    .replace(/[〔[【(（]\s*(\d{4})\s*[〕\]】)）]/g, '〔$1〕')
    .replace(/[〔【[]\s*[（(]/g, '（')
    .replace(/(?<!\d{4})[〕】\]](?=[\u4e00-\u9fff，。；、]|$)/g, '）')
    .replace(/[〔【](?!\d{4}〕)/g, '（');
}

// A title in Chinese print is between 《 and 》 (《条例》), seldom over 40 characters.
const TITLE_CHARS = 40;
const LATIN = /[A-Za-z0-9]/;
const HAN = /[\u4e00-\u9fff]/;

/** Whether chars[i] is a lone letter before Han text, as OCR reads a faint 《 (f条例》). */
function misreadOpening(chars: readonly string[], i: number): boolean {
  const lone = /[A-Za-z]/.test(chars[i]) && !LATIN.test(chars[i - 1] ?? '') && !LATIN.test(chars[i + 1] ?? '');
  return lone && HAN.test(chars[i + 1] ?? '');
}

/**
 * Book-title marks as OCR misreads them on faint print: 《 read as a lone letter (f条例》), 》 read as 〗. Put back only
 * where the title's other mark stands: a title closed (by 》 or 〗) with none open takes the nearest lone letter before
 * Han text within a title's length as its 《; 〗 closing a title becomes 》. Brackets are never taken for a 《 (〈〉
 * stand inside titles, （） around them), and 〖〗 is a pair of its own. For whole paragraphs and cells, never one line
 * of them: a title wrapped over two lines has its 《 on the first.
 */
export function repairTitleMarks(text: string): string {
  const chars = [...text];
  let open = -1;
  let closed = -1;
  let lenticular = -1;
  chars.forEach((c, i) => {
    if (c === '《') {
      open = i;
    } else if (c === '〖') {
      lenticular = i;
    } else if (c === '〗' && lenticular > Math.max(closed, open)) {
      // 〖 and 〗, a pair of their own.
      closed = i;
    } else if (c === '》' || c === '〗') {
      if (open < 0) {
        for (let j = i - 2; j > closed && j >= i - TITLE_CHARS; j -= 1) {
          if (misreadOpening(chars, j)) {
            open = j;
            chars[j] = '《';
            break;
          }
        }
      }
      if (open >= 0) {
        chars[i] = '》';
      }
      open = -1;
      closed = i;
    }
  });
  return chars.join('');
}

function lastNonSpace(chars: string[], from: number, step: number): string {
  for (let i = from; i >= 0 && i < chars.length; i += step) {
    if (chars[i] !== ' ') {
      return chars[i];
    }
  }
  return '';
}

// Where a double quote stands tells which it is, whatever OCR read: one after the start of a sentence or after
// punctuation that leads into a quotation (，、：；（ and the like) opens; one before punctuation that follows a quoted
// term (、，。；：！？）) closes.
const OPENS_AFTER = /^$|[，、：；（《〔【\s]/;
const CLOSES_BEFORE = /^$|[、，。；：！？）》〕】\s]/;
const SENTENCE_END = /[。！？；]/;
const QUOTE = /[“”"]/;

/**
 * Double quotes paired as Chinese prints them: Tesseract reads both “ and ” as “, and on faint print drops one, so
 * OCR text is re-paired within each sentence of a paragraph or cell. A mark is an opening or a closing one by where
 * it stands (above), and between two characters of text by turns counted back from the sentence's end, whose last
 * mark closes: a sentence leaves no quotation open. So where OCR dropped an opening mark (every mark dropped on the
 * faded captures read so far was one), the marks after it are still right. A quotation that ends a sentence
 * (谢谢！”) keeps its closing mark after the sentence's end. Never for a text layer.
 */
export function pairQuotes(text: string): string {
  const chars = [...text];
  const marks = (from: number, to: number) => chars.slice(from, to).filter((c) => QUOTE.test(c)).length;
  let start = 0;
  while (start < chars.length) {
    let end = start;
    while (end < chars.length && !SENTENCE_END.test(chars[end])) {
      end += 1;
    }
    end = Math.min(end + 1, chars.length);
    // A quotation still open at the sentence's end closes right after it (谢谢！”), unless that mark opens the next
    // sentence's quotation: then the next sentence holds an odd number of marks without it, and this one lost a mark.
    if (end < chars.length && QUOTE.test(chars[end]) && marks(start, end) % 2 === 1) {
      let next = end + 1;
      while (next < chars.length && !SENTENCE_END.test(chars[next])) {
        next += 1;
      }
      if (marks(end + 1, next) % 2 === 0) {
        end += 1;
      }
    }
    pairSentence(chars, start, end);
    start = end;
  }
  return chars.join('');
}

/** Sets the quote marks of chars[from, to), one sentence, to opening and closing ones in place. */
function pairSentence(chars: string[], from: number, to: number): void {
  let closes = true;
  for (let i = to - 1; i >= from; i -= 1) {
    if (!QUOTE.test(chars[i])) {
      continue;
    }
    const prev = i > from ? chars[i - 1] : '';
    const next = i + 1 < chars.length ? chars[i + 1] : '';
    if (i === to - 1 && SENTENCE_END.test(prev)) {
      // The closing mark kept after the sentence's end (pairQuotes).
      closes = true;
    } else if (OPENS_AFTER.test(prev) !== CLOSES_BEFORE.test(next)) {
      closes = CLOSES_BEFORE.test(next);
    }
    chars[i] = closes ? '”' : '“';
    closes = !closes;
  }
}

/** The punctuation of an OCR paragraph or cell put right: book-title marks, then double quotes. Never for a text layer. */
export function repairOcrPunctuation(text: string): string {
  return pairQuotes(repairTitleMarks(text));
}

/** Comparison form: NFKC, no whitespace. Used for matching labels and measuring accuracy. */
export function comparable(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** Joins pieces of one logical line or cell: no space where CJK meets CJK, one space between Latin words. */
export function joinPieces(pieces: readonly string[]): string {
  let out = '';
  for (const piece of pieces.map((p) => p.trim()).filter(Boolean)) {
    const needsSpace = out !== '' && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(piece);
    out += (needsSpace ? ' ' : '') + piece;
  }
  return out;
}
