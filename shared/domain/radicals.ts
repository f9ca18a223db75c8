// Text layers from some CJK fonts map glyphs to radical code points (⽯ U+2F6F, ⺠ U+2EA0) instead of the
// unified ideographs they show (石, 民). Kangxi radicals have NFKC equivalents; the CJK Radicals Supplement
// mostly does not, so its simplified-Chinese members are listed here (Unicode's EquivalentUnifiedIdeograph).

const SUPPLEMENT: Record<string, string> = {
  '⺌': '小',
  '⺍': '小',
  '⺛': '旡',
  '⺟': '母',
  '⺠': '民',
  '⺧': '牛',
  '⺩': '王',
  '⺪': '疋',
  '⺮': '竹',
  '⺷': '羊',
  '⺼': '肉',
  '⺾': '艹',
  '⻀': '艹',
  '⻁': '虎',
  '⻄': '西',
  '⻅': '见',
  '⻆': '角',
  '⻉': '贝',
  '⻊': '足',
  '⻋': '车',
  '⻌': '辶',
  '⻏': '阝',
  '⻑': '長',
  '⻓': '长',
  '⻔': '门',
  '⻖': '阝',
  '⻗': '雨',
  '⻘': '青',
  '⻙': '韦',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻝': '食',
  '⻞': '食',
  '⻟': '飠',
  '⻠': '饣',
  '⻢': '马',
  '⻣': '骨',
  '⻤': '鬼',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻧': '卤',
  '⻨': '麦',
  '⻩': '黄',
  '⻪': '黾',
  '⻫': '斉',
  '⻬': '齐',
  '⻭': '歯',
  '⻮': '齿',
  '⻯': '竜',
  '⻰': '龙',
  '⻲': '亀',
  '⻳': '龟',
  // Noto CJK maps the simplified 户 glyph to the variant 戶; reports in simplified Chinese mean 户.
  戶: '户',
  // Two- and three-em dashes some fonts use for a doubled dash.
  '⸺': '——',
  '⸻': '———',
};

const KANGXI = /[\u2f00-\u2fdf]/g;
const SUPPLEMENT_CHARS = new RegExp(`[${Object.keys(SUPPLEMENT).join('')}]`, 'gu');

/** Replaces radical code points with the ideographs they stand for; all other text is left as it is. */
export function unifyRadicals(text: string): string {
  return text.replace(KANGXI, (ch) => ch.normalize('NFKC')).replace(SUPPLEMENT_CHARS, (ch) => SUPPLEMENT[ch]);
}
