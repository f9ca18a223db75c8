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
// term (、，。；：！？）) closes. Between two characters of text it takes its turn.
const OPENS_AFTER = /^$|[，、：；（《〔【\s]/;
const CLOSES_BEFORE = /^$|[、，。；：！？）》〕】\s]/;
const SENTENCE_END = /[。！？；]/;
const QUOTE = /[“”"]/;

/**
 * Double quotes paired as Chinese prints them: Tesseract reads both “ and ” as “, and on faint print drops one, so
 * OCR text is re-paired within each sentence of a paragraph or cell. A mark is an opening or a closing one by
 * where it stands (above) and otherwise by alternation; a quotation ending a sentence (谢谢！”) keeps its closing
 * mark after the sentence's end. Never for a text layer.
 */
export function pairQuotes(text: string): string {
  const chars = [...text];
  let open = false;
  let sentenceEnded = false;
  return chars
    .map((ch, i) => {
      if (!QUOTE.test(ch)) {
        if (sentenceEnded) {
          // Alternation restarts at each sentence, so a quote mark OCR dropped spoils one sentence, not the rest.
          open = false;
          sentenceEnded = false;
        }
        sentenceEnded = SENTENCE_END.test(ch);
        return ch;
      }
      const prev = i > 0 ? chars[i - 1] : '';
      const next = i + 1 < chars.length ? chars[i + 1] : '';
      if (sentenceEnded) {
        // Right after a sentence's end: the closing mark of a quotation still open, or the next one's opening.
        sentenceEnded = false;
        open = !open;
      } else {
        const opens = OPENS_AFTER.test(prev) && !CLOSES_BEFORE.test(next);
        const closes = CLOSES_BEFORE.test(next) && !OPENS_AFTER.test(prev);
        open = opens || (!closes && !open);
      }
      return open ? '“' : '”';
    })
    .join('');
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
