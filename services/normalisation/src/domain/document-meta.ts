// Agency and year from the title: "<agency><year>年政府信息公开工作年度报告" and its variants.
import { comparable } from '../../../../shared/domain/cjk-text';

const IDEOGRAPH = /^[\u4e00-\u9fff]$/;
// What the title line holds before its first character (group 1) is a speck or a mark read as a digit, a letter or
// punctuation (1 before 银川市公安局 on a faded capture, captures seed 1006310265) unless the body writes the agency
// with it (12345政务服务便民热线管理中心, 5G产业办): an organ's name is as its report writes it.
// A title's 年 after the year and the first characters of 政府信息公开 may be lost to a defocus (银川市公安局2020 息公开
// 工作年度报告, soft Yinchuan, captures seed 271828182): the year is four digits standing alone, 1900-2099, and
// 息公开 or 政务公开 after it is the title's subject.
const TITLE =
  /^([^\p{Script=Han}]*)(\p{Script=Han}.*?)(?<!\d)((?:19|20)\d{2})(?!\d)年?(度)?.*(息公开|政务公开).*(年度)?报/u;

/** Agency and year from the first lines of the prose (a title may wrap onto a second line), the agency checked
 * against the rest of the text (agencyAsWritten); `agencyConfirmed` when the rest of the text writes it so too. */
export function documentMeta(text: string): { agency: string | null; year: number | null; agencyConfirmed: boolean } {
  const lines = text.split('\n').map(comparable);
  for (let i = 0; i < Math.min(3, lines.length); i += 1) {
    const m = TITLE.exec(lines[i]) ?? TITLE.exec(lines[i] + (lines[i + 1] ?? ''));
    if (m) {
      const [, before, name, year] = m;
      const body = lines.join('\n').replace(before + name + year, '');
      const written = before !== '' && body.includes(before + name) ? before + name : name;
      const agency = agencyAsWritten(written, body);
      return { agency, year: Number(year), agencyConfirmed: body.includes(agency) };
    }
  }
  return { agency: null, year: null, agencyConfirmed: false };
}

/**
 * The title's agency, or the one way the body writes it where the title's reading is one character off it: a
 * report names its agency again (its website, its signature, 市公安局 in the prose), and a title read 石嗣山市公安局 on
 * a fax whose body reads 石嘴山市公安局 twice is the body's. Kept as read when the body has it as read, or has no
 * such variant, or more than one (no reading is then preferred to another).
 */
export function agencyAsWritten(agency: string, body: string): string {
  if (agency.length < 3 || body.includes(agency)) {
    return agency;
  }
  const chars = [...agency];
  const variants = new Set<string>();
  const text = [...body];
  for (let at = 0; at + chars.length <= text.length; at += 1) {
    let differ = 0;
    let ideograph = true;
    for (let k = 0; k < chars.length && differ <= 1; k += 1) {
      if (text[at + k] !== chars[k]) {
        differ += 1;
        ideograph = IDEOGRAPH.test(text[at + k]);
      }
    }
    if (differ === 1 && ideograph) {
      variants.add(text.slice(at, at + chars.length).join(''));
    }
  }
  return variants.size === 1 ? [...variants][0] : agency;
}
