// The reasons the services give for a field's confidence, in the interface's language. The services write them as
// English sentences (services/normalisation/src/domain/evidence.ts, shared/domain/review.ts); the frequent ones are
// recognised here by their form and said in Chinese, with their numbers, values and identity ids kept. One not
// recognised stays as written. Pure (no interface state), so it is tested directly (test/unit/reason-text.test.ts).
// The API's refusals are no reasons: they come with codes, said by parts/error-text.ts.
export type ReasonLang = 'zh' | 'en';

const WHY_ZH: Record<string, string> = {
  'a second reading of the cell gives this value, which satisfies the identity':
    '单元格的第二次识别得出此值，且满足勾稽关系',
  'the least surely read term; this value satisfies the identity': '此项识别最不确定；此值满足勾稽关系',
  'the only term whose correction satisfies the identity, but nothing else points at it':
    '只有改正此项能满足勾稽关系，但没有其他证据指向它',
};

const CAPTION_ZH: Record<string, string> = {
  row: '行标题',
  column: '列标题',
  'row and column': '行标题和列标题',
  group: '分组标题',
  'group and column': '分组标题和列标题',
};

const UNREAD_ZH: Record<string, string> = { agency: '机关名称', year: '年度', 'agency and year': '机关名称和年度' };

const PATTERNS: [RegExp, (m: RegExpExecArray) => string | undefined][] = [
  [/^not found in the document$/, () => '文档中未找到'],
  [/^read with confidence ([\d.]+)$/, (m) => `识别置信度 ${m[1]}`],
  [/^reviewed by (.+)$/, (m) => `由 ${m[1]} 审核`],
  [/^"(.*)" is not a number$/, (m) => `“${m[1]}”不是数字`],
  [
    /^"(.*)" read with marks beside the figure \("(.*)"\): a speck or a stain, or a digit or point the scan lost$/,
    (m) => `“${m[1]}”的数字旁有杂点（“${m[2]}”）：可能是污点，也可能是扫描丢失的数字或小数点`,
  ],
  [/^the unit read "(.*)", in the shape of 万元, taken as 万元$/, (m) => `单位识别为“${m[1]}”，形似“万元”，按万元计`],
  [/^negative value in a count column$/, () => '计数栏中出现负值'],
  [/^term of violated (.+)$/, (m) => `是不成立的勾稽关系 ${m[1]} 中的一项`],
  [
    /^read "(.*)" first, which violates ([^;]+); the cell's second reading "(.*)" satisfies (?:it|them) and is taken$/,
    (m) => `先识别为“${m[1]}”，违反勾稽关系 ${m[2]}；单元格的第二次识别“${m[3]}”满足勾稽关系，已采用`,
  ],
  [
    /^read "(.*)": not a number, but in the shape of (-?[\d.]+), the value (.+) gives? for this term; taken$/,
    (m) => `识别为“${m[1]}”：不是数字，但形似 ${m[2]}，即勾稽关系 ${m[3]} 给出的值；已采用`,
  ],
  [
    /^the (row|column|row and column|group|group and column) caption was not read: the key comes from the cell's place in the template's grid$/,
    (m) => `${CAPTION_ZH[m[1]]}未能识别：按单元格在模板表格中的位置确定字段`,
  ],
  [
    /^the cell's captions were not read: the key comes from its place in a grid drawn as the template's$/,
    () => '单元格的表头未能识别：表格与模板一致，按位置确定字段',
  ],
  [
    /^the table's captions were not read: the key comes from the cell's place in the template's grid$/,
    () => '表格的表头未能识别：按单元格在模板表格中的位置确定字段',
  ],
  [/^violates ([^;]+); (.+)$/, (m) => `违反勾稽关系 ${m[1]}；${reasonText(m[2], 'zh')}`],
  [
    /^suggested (-?[\d.]+): the only value satisfying all (\d+) identities it is in$/,
    (m) => `建议 ${m[1]}：唯一同时满足其所在 ${m[2]} 个勾稽关系的值`,
  ],
  [
    /^suggested (-?[\d.]+): the value (.+) gives? for this missing term$/,
    (m) => `建议 ${m[1]}：勾稽关系 ${m[2]} 为此缺失项给出的值`,
  ],
  [/^suggested (-?[\d.]+): (.+)$/, (m) => (WHY_ZH[m[2]] ? `建议 ${m[1]}：${WHY_ZH[m[2]]}` : undefined)],
  // A report's quality problems (services/normalisation/src/domain/quality.ts).
  [
    /^no report template was recognised in the tables: nothing could be mapped to fields$/,
    () => '表格中未识别出报告模板：没有字段可以对应',
  ],
  [
    /^only (\d+) of the template's (\d+) fields were found in the tables$/,
    (m) => `模板的 ${m[2]} 个字段中只在表格里找到 ${m[1]} 个`,
  ],
  [/^(\d+) of (\d+) accounting identities do not hold$/, (m) => `${m[2]} 个勾稽关系中有 ${m[1]} 个不成立`],
  [/^pages? ([\d, ]+) could not be read$/, (m) => `第 ${m[1]} 页无法识别`],
  [/^the tables of pages? ([\d, ]+) could not be read$/, (m) => `第 ${m[1]} 页的表格无法识别`],
  [
    /^the prose reads poorly \(mean OCR confidence ([\d.]+)\): check its text against the pages$/,
    (m) => `正文识别质量差（平均置信度 ${m[1]}）：请对照页面核对文字`,
  ],
  [
    /^the (agency|year|agency and year) could not be read from the title: check the first page$/,
    (m) => `未能从标题识别出${UNREAD_ZH[m[1]]}：请核对第一页`,
  ],
  [
    /^the agency read from the title, (.+), is written nowhere else in the text: check it against the first page$/,
    (m) => `从标题识别出的机关“${m[1]}”在正文中别处没有出现：请对照第一页核对`,
  ],
];

/** `reason` in `lang`: as written in English; in Chinese where its form is known. */
export function reasonText(reason: string, lang: ReasonLang): string {
  if (lang === 'en') {
    return reason;
  }
  for (const [pattern, say] of PATTERNS) {
    const m = pattern.exec(reason);
    const said = m ? say(m) : undefined;
    if (said !== undefined) {
      return said;
    }
  }
  return reason;
}
