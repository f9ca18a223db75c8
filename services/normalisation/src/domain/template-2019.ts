// The 2019 national template (国办公开办函〔2019〕60号): its three tables, the stable key of every value
// cell and the labels printed around it, as in ../shared/spec/gov-disclosure-2019.md.
import type { Identity } from '../../../../shared/domain/identities';

export interface Labelled {
  key: string;
  labels: readonly string[];
}

/** Section 二: groups (labelled by article or by description), their rows and their columns. */
export const ACTIVE_GROUPS: readonly {
  labels: readonly string[];
  rows: readonly Labelled[];
  cols: readonly Labelled[];
}[] = [
  {
    labels: ['第二十条第（一）项', '行政法规、规章和规范性文件'],
    rows: [
      { key: 'regulations', labels: ['规章'] },
      { key: 'normativeDocuments', labels: ['规范性文件'] },
    ],
    cols: [
      { key: 'newlyMade', labels: ['本年新制作数量'] },
      { key: 'newlyPublished', labels: ['本年新公开数量'] },
      { key: 'totalPublished', labels: ['对外公开总数量'] },
    ],
  },
  ...[
    {
      labels: ['第二十条第（五）项', '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果'],
      rows: [
        ['administrativeLicensing', '行政许可'],
        ['otherExternalServices', '其他对外管理服务事项'],
      ],
    },
    {
      labels: [
        '第二十条第（六）项',
        '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
      ],
      rows: [
        ['administrativePenalty', '行政处罚'],
        ['administrativeCoercion', '行政强制'],
      ],
    },
  ].map((g) => ({
    labels: g.labels,
    rows: g.rows.map(([key, label]) => ({ key, labels: [label] })),
    cols: [
      { key: 'previousYearItems', labels: ['上一年项目数量'] },
      { key: 'changeThisYear', labels: ['本年增/减'] },
      { key: 'decisions', labels: ['处理决定数量'] },
    ],
  })),
  {
    labels: ['第二十条第（八）项', '行政事业性收费项目及其依据、标准'],
    rows: [{ key: 'administrativeFees', labels: ['行政事业性收费'] }],
    cols: [
      { key: 'previousYearItems', labels: ['上一年项目数量'] },
      { key: 'changeThisYear', labels: ['本年增/减'] },
    ],
  },
  {
    labels: ['第二十条第（九）项', '政府集中采购项目的目录、标准及实施情况'],
    rows: [{ key: 'centralizedProcurement', labels: ['政府集中采购'] }],
    cols: [
      { key: 'projects', labels: ['采购项目数量'] },
      { key: 'totalAmount', labels: ['采购总金额'] },
    ],
  },
];

/** Section 三 columns: applicant kinds (商业企业 to 其他 sit under 法人或其他组织) and the total. */
export const APPLICANT_COLS: readonly Labelled[] = [
  { key: 'naturalPerson', labels: ['自然人'] },
  { key: 'commercialEnterprise', labels: ['商业企业'] },
  { key: 'researchInstitution', labels: ['科研机构'] },
  { key: 'socialWelfareOrganization', labels: ['社会公益组织'] },
  { key: 'legalServiceInstitution', labels: ['法律服务机构'] },
  { key: 'other', labels: ['其他'] },
  { key: 'total', labels: ['总计'] },
];

/** Section 三 rows, each by its innermost printed label. */
export const APPLICATION_ROWS: readonly Labelled[] = (
  [
    ['newlyReceived', '一、本年新收政府信息公开申请数量'],
    ['carriedOverFromLastYear', '二、上年结转政府信息公开申请数量'],
    ['results.disclosed', '（一）予以公开'],
    ['results.partiallyDisclosed', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
    ['results.notDisclosed.stateSecret', '1.属于国家秘密'],
    ['results.notDisclosed.prohibitedByLaw', '2.其他法律行政法规禁止公开'],
    ['results.notDisclosed.endangersSafetyStability', '3.危及“三安全一稳定”'],
    ['results.notDisclosed.thirdPartyRights', '4.保护第三方合法权益'],
    ['results.notDisclosed.internalAffairs', '5.属于三类内部事务信息'],
    ['results.notDisclosed.processInformation', '6.属于四类过程性信息'],
    ['results.notDisclosed.lawEnforcementFiles', '7.属于行政执法案卷'],
    ['results.notDisclosed.administrativeQuery', '8.属于行政查询事项'],
    ['results.unableToProvide.notHeld', '1.本机关不掌握相关政府信息'],
    ['results.unableToProvide.needsCreation', '2.没有现成信息需要另行制作'],
    ['results.unableToProvide.unclearAfterCorrection', '3.补正后申请内容仍不明确'],
    ['results.notProcessed.petitionComplaint', '1.信访举报投诉类申请'],
    ['results.notProcessed.duplicate', '2.重复申请'],
    ['results.notProcessed.publications', '3.要求提供公开出版物'],
    ['results.notProcessed.excessiveRepeated', '4.无正当理由大量反复申请'],
    ['results.notProcessed.confirmOrReissue', '5.要求行政机关确认或重新出具已获取信息'],
    ['results.other', '（六）其他处理'],
    ['results.total', '（七）总计'],
    ['carriedOverToNextYear', '四、结转下年度继续办理'],
  ] as const
).map(([key, label]) => ({ key, labels: [label] }));

/** Section 四: groups (the last two under 行政诉讼) and their columns. */
export const REVIEW_GROUPS: readonly Labelled[] = [
  { key: 'administrativeReview', labels: ['行政复议'] },
  { key: 'litigationDirect', labels: ['未经复议直接起诉'] },
  { key: 'litigationAfterReview', labels: ['复议后起诉'] },
];
export const REVIEW_COLS: readonly Labelled[] = [
  { key: 'upheld', labels: ['结果维持'] },
  { key: 'corrected', labels: ['结果纠正'] },
  { key: 'other', labels: ['其他结果'] },
  { key: 'pending', labels: ['尚未审结'] },
  { key: 'total', labels: ['总计'] },
];

/** Every key of the template with the captions a reader sees in Chinese: its row (with its group in 二) and its column. */
export function templateCaptions(): Map<string, { row: string; column: string }> {
  const entries: [string, { row: string; column: string }][] = [
    ...ACTIVE_GROUPS.flatMap((g) =>
      g.rows.flatMap((r) =>
        g.cols.map((c): [string, { row: string; column: string }] => [
          `activeDisclosure.${r.key}.${c.key}`,
          { row: `${g.labels[0]} ${r.labels[0]}`, column: c.labels[0] },
        ]),
      ),
    ),
    ...APPLICATION_ROWS.flatMap((r) =>
      APPLICANT_COLS.map((c): [string, { row: string; column: string }] => [
        `applications.${r.key}.${c.key}`,
        { row: r.labels[0], column: c.labels[0] },
      ]),
    ),
    ...REVIEW_GROUPS.flatMap((g) =>
      REVIEW_COLS.map((c): [string, { row: string; column: string }] => [
        `reviewAndLitigation.${g.key}.${c.key}`,
        { row: g.labels[0], column: c.labels[0] },
      ]),
    ),
  ];
  return new Map(entries);
}

/** Every key of the template: 22 in 二, 161 in 三, 15 in 四. */
export function templateKeys(): string[] {
  return [...templateCaptions().keys()];
}

/** The 40 identities of the 2019 template. */
export function templateIdentities(): Identity[] {
  const cols = APPLICANT_COLS.map((c) => c.key);
  const parts = APPLICATION_ROWS.map((r) => r.key).filter((k) => k.startsWith('results.') && k !== 'results.total');
  const out: Identity[] = [];
  for (const c of cols) {
    out.push({
      id: `applications.balance.${c}`,
      description: '本年新收 + 上年结转 = 办理结果总计 + 结转下年度',
      left: [`applications.newlyReceived.${c}`, `applications.carriedOverFromLastYear.${c}`],
      right: [`applications.results.total.${c}`, `applications.carriedOverToNextYear.${c}`],
    });
    out.push({
      id: `applications.resultsTotal.${c}`,
      description: '（七）总计 = （一）至（六）各项之和',
      left: [`applications.results.total.${c}`],
      right: parts.map((r) => `applications.${r}.${c}`),
    });
  }
  for (const r of APPLICATION_ROWS) {
    out.push({
      id: `applications.rowTotal.${r.key}`,
      description: '总计 = 自然人 + 法人或其他组织各类',
      left: [`applications.${r.key}.total`],
      right: cols.filter((c) => c !== 'total').map((c) => `applications.${r.key}.${c}`),
    });
  }
  for (const g of REVIEW_GROUPS) {
    out.push({
      id: `reviewAndLitigation.total.${g.key}`,
      description: '总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
      left: [`reviewAndLitigation.${g.key}.total`],
      right: REVIEW_COLS.filter((c) => c.key !== 'total').map((c) => `reviewAndLitigation.${g.key}.${c.key}`),
    });
  }
  return out;
}
