// The services' reasons in Chinese: the frequent forms said with their numbers and ids kept, others as written.
import { reasonText } from '../../web/src/parts/reason-text';

/** Latin words left in a Chinese text, ids and names aside. */
const english = (text: string, keep: string[]) =>
  keep.reduce((s, k) => s.split(k).join(''), text).match(/[A-Za-z]{3,}/g) ?? [];

describe('reasonText', () => {
  it('says the frequent reasons in Chinese, keeping their numbers, values and identity ids', () => {
    const cases: [string, string[], string[]][] = [
      ['not found in the document', [], []],
      ['read with confidence 0.50', ['0.50'], []],
      ['reviewed by rita', ['rita'], ['rita']],
      ['"l2" is not a number', ['l2'], []],
      [
        '"22 -" read with marks beside the figure ("-"): a speck or a stain, or a digit or point the scan lost',
        ['22 -'],
        [],
      ],
      ['the unit read "刀元", in the shape of 万元, taken as 万元', ['刀元'], []],
      ['negative value in a count column', [], []],
      ['term of violated applications.balance.total', ['applications.balance.total'], ['applications.balance.total']],
      [
        'violates applications.rowTotal.newlyReceived; read with confidence 0.41',
        ['applications.rowTotal.newlyReceived', '0.41'],
        ['applications.rowTotal.newlyReceived'],
      ],
      ['suggested 12: the only value satisfying all 2 identities it is in', ['12', '2'], []],
      [
        'suggested 7: the value applications.balance.total gives for this missing term',
        ['7', 'applications.balance.total'],
        ['applications.balance.total'],
      ],
      ['suggested 3.5: a second reading of the cell gives this value, which satisfies the identity', ['3.5'], []],
      ['suggested 9: the least surely read term; this value satisfies the identity', ['9'], []],
      [
        'read "34" first, which violates legacyStatistics.sum.收到申请数; the cell\'s second reading "84" satisfies it and is taken',
        ['34', '84', 'legacyStatistics.sum.收到申请数'],
        ['legacyStatistics.sum.收到申请数'],
      ],
      [
        'read "D": not a number, but in the shape of 0, the value reviewAndLitigation.total.litigationAfterReview gives for this term; taken',
        ['D', '0', 'reviewAndLitigation.total.litigationAfterReview'],
        ['reviewAndLitigation.total.litigationAfterReview'],
      ],
      ["the column caption was not read: the key comes from the cell's place in the template's grid", [], []],
      ['no report template was recognised in the tables: nothing could be mapped to fields', [], []],
      ["only 120 of the template's 198 fields were found in the tables", ['120', '198'], []],
      ['3 of 40 accounting identities do not hold', ['3', '40'], []],
      ['pages 2, 5 could not be read', ['2, 5'], []],
      ['the tables of page 4 could not be read', ['4'], []],
      ['the prose reads poorly (mean OCR confidence 0.91): check its text against the pages', ['0.91'], []],
      ['the agency and year could not be read from the title: check the first page', [], []],
      [
        'the agency read from the title, 某某局, is written nowhere else in the text: check it against the first page',
        ['某某局'],
        [],
      ],
      ["the group and column caption was not read: the key comes from the cell's place in the template's grid", [], []],
      ["the cell's captions were not read: the key comes from its place in a grid drawn as the template's", [], []],
      ["the table's captions were not read: the key comes from the cell's place in the template's grid", [], []],
    ];
    for (const [reason, kept, ids] of cases) {
      const zh = reasonText(reason, 'zh');
      expect({ reason, english: english(zh, ids) }).toEqual({ reason, english: [] });
      for (const k of kept) {
        expect(zh).toContain(k);
      }
      expect(reasonText(reason, 'en')).toBe(reason);
    }
  });

  it('leaves a reason of an unknown form as written', () => {
    expect(reasonText('a space inside the number "855 034": a decimal point or a digit may be lost', 'zh')).toBe(
      'a space inside the number "855 034": a decimal point or a digit may be lost',
    );
  });
});
