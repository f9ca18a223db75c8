// Agency and year from the title: "<agency><year>年政府信息公开工作年度报告" and its variants.
import { comparable } from '../../../../shared/domain/cjk-text';

const TITLE = /^(.+?)(\d{4})年(度)?.*(政府信息公开|政务公开).*(年度)?报/;

/** Agency and year from the first lines of the prose (a title may wrap onto a second line). */
export function documentMeta(text: string): { agency: string | null; year: number | null } {
  const lines = text.split('\n').slice(0, 3).map(comparable);
  for (let i = 0; i < lines.length; i += 1) {
    const m = TITLE.exec(lines[i]) ?? TITLE.exec(lines[i] + (lines[i + 1] ?? ''));
    if (m) {
      return { agency: m[1], year: Number(m[2]) };
    }
  }
  return { agency: null, year: null };
}
