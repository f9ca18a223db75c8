// What a generated table says: captions, row labels, column headers and numbers in the many ways statistical
// bulletins, budget and final-account tables (预算/决算公开), yearbooks and English annexes print them.
// Invented text of the kinds such tables hold; no benchmark data.
import type { Rng } from '../captures/rng';

export type Language = 'zh' | 'en';

const ROW_LABELS: Record<Language, readonly string[]> = {
  zh: [
    '一般公共预算收入',
    '税收收入',
    '增值税',
    '企业所得税',
    '个人所得税',
    '城市维护建设税',
    '非税收入',
    '专项收入',
    '行政事业性收费收入',
    '罚没收入',
    '国有资源（资产）有偿使用收入',
    '一般公共服务支出',
    '教育支出',
    '科学技术支出',
    '文化旅游体育与传媒支出',
    '社会保障和就业支出',
    '卫生健康支出',
    '节能环保支出',
    '城乡社区支出',
    '农林水支出',
    '交通运输支出',
    '住房保障支出',
    '地区生产总值',
    '第一产业增加值',
    '第二产业增加值',
    '第三产业增加值',
    '常住人口',
    '城镇化率',
    '粮食产量',
    '规模以上工业增加值',
    '社会消费品零售总额',
    '固定资产投资',
    '城镇居民人均可支配收入',
    '农村居民人均可支配收入',
    '其中：城乡社区公共设施维护及管理支出',
    '其中：基本养老保险基金补助支出',
  ],
  en: [
    'Total revenue',
    'Tax revenue',
    'Value added tax',
    'Corporate income tax',
    'Personal income tax',
    'Non-tax revenue',
    'Administrative fees',
    'Fines and confiscations',
    'General public services',
    'Education',
    'Science and technology',
    'Social security and employment',
    'Health care',
    'Environmental protection',
    'Urban and rural community affairs',
    'Agriculture, forestry and water',
    'Transportation',
    'Housing security',
    'Gross domestic product',
    'Primary industry',
    'Secondary industry',
    'Tertiary industry',
    'Resident population',
    'Urbanisation rate',
    'Grain output',
    'Retail sales of consumer goods',
    'Fixed asset investment',
    'Of which: maintenance of urban public facilities',
    'Per capita disposable income of urban residents',
  ],
};

const STUB_HEADER: Record<Language, readonly string[]> = {
  zh: ['项目', '指标', '科目名称', '地区'],
  en: ['Item', 'Indicator', 'Category', 'Region'],
};

const COLUMN_HEADERS: Record<Language, readonly string[]> = {
  zh: [
    '预算数',
    '决算数',
    '上年决算数',
    '增长率',
    '完成预算%',
    '2022年',
    '2023年',
    '比上年增长',
    '金额',
    '占比',
    '调整预算数',
    '执行数',
  ],
  en: [
    'Budget',
    'Final account',
    'Previous year',
    'Change (%)',
    'Share of total',
    '2022',
    '2023',
    'Amount',
    'Adjusted budget',
    'Outturn',
    'Growth',
  ],
};

const GROUPS: Record<Language, readonly (readonly [string, readonly string[]])[]> = {
  zh: [
    ['本年预算', ['基本支出', '项目支出']],
    ['决算数', ['小计', '其中：财政拨款']],
    ['本年实际', ['金额', '比上年增长']],
    ['年末余额', ['合计', '其中：本级']],
  ],
  en: [
    ['Current year', ['Basic', 'Project']],
    ['Final accounts', ['Subtotal', 'Of which: fiscal']],
    ['This year', ['Amount', 'Growth']],
    ['Year-end balance', ['Total', 'Own level']],
  ],
};

const CAPTIONS: Record<Language, readonly string[]> = {
  zh: [
    '2023年一般公共预算收支决算表',
    '部门收支总表',
    '国民经济主要指标',
    '财政拨款支出决算明细表',
    '主要统计指标完成情况',
  ],
  en: [
    'General public budget: revenue and expenditure',
    'Main economic indicators',
    'Departmental expenditure by function',
    'Summary of final accounts',
  ],
};

const NOTES: Record<Language, readonly string[]> = {
  zh: ['注：本表数据为快报数，单位为万元。', '说明：部分数据因四舍五入，分项之和与合计略有出入。'],
  en: [
    'Note: figures are provisional, in thousands.',
    'Source: statistical bulletin; totals may not add up due to rounding.',
  ],
};

const KEY_VALUES: Record<Language, readonly (readonly [string, (rng: Rng) => string])[]> = {
  zh: [
    ['单位名称', (r) => r.pick(['某市财政局', '某县统计局', '某区发展和改革委员会'])],
    ['统一社会信用代码', (r) => `1164${String(r.int(1000000000, 9999999999))}`],
    ['预算年度', (r) => `${r.int(2019, 2024)}年`],
    ['项目名称', (r) => r.pick(['城乡社区公共设施维护', '农村饮水安全巩固提升工程', '义务教育薄弱环节改善'])],
    ['项目金额（万元）', (r) => formatNumber(r, 'decimal')],
    ['实施期限', (r) => `${r.int(2019, 2024)}年1月至12月`],
    ['联系人', (r) => r.pick(['王某', '李某', '张某'])],
    ['联系电话', (r) => `0951-${r.int(1000000, 9999999)}`],
    ['资金来源', (r) => r.pick(['一般公共预算', '政府性基金预算', '上级转移支付'])],
    [
      '项目概述',
      (r) =>
        r.pick([
          '本项目主要用于辖区内道路、桥梁、排水等市政公共设施的日常维护和管理，保障城市运行安全。',
          '按照年度工作计划，完成全部建设任务，受益人口覆盖率达到百分之九十以上，群众满意度明显提高。',
        ]),
    ],
    ['完成率', (r) => formatNumber(r, 'percent')],
  ],
  en: [
    [
      'Agency',
      (r) => r.pick(['Municipal Finance Bureau', 'County Statistics Office', 'District Development Commission']),
    ],
    ['Budget year', (r) => String(r.int(2019, 2024))],
    [
      'Project name',
      (r) =>
        r.pick(['Maintenance of public facilities', 'Rural drinking water safety', 'School improvement programme']),
    ],
    ['Amount (CNY 10,000)', (r) => formatNumber(r, 'decimal')],
    ['Period', (r) => r.pick(['January to December', 'Q2 to Q4', 'Two years'])],
    ['Contact', (r) => r.pick(['Ms Wang', 'Mr Li', 'Mr Zhang'])],
    ['Telephone', (r) => `0951-${r.int(1000000, 9999999)}`],
    ['Funding source', (r) => r.pick(['General public budget', 'Government fund budget', 'Transfer payments'])],
    [
      'Summary',
      (r) =>
        r.pick([
          'Routine maintenance of roads, bridges and drainage in the district, keeping the city running safely through the year.',
          'All planned construction completed; more than ninety per cent of residents covered, with satisfaction clearly higher.',
        ]),
    ],
    ['Completion rate', (r) => formatNumber(r, 'percent')],
  ],
};

/** How a numeric column prints its figures. */
export type NumberStyle = 'thousands' | 'integer' | 'decimal' | 'percent' | 'accounting' | 'currency' | 'chinese';

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** An integer under 10,000 in Chinese numerals, as a count is written in prose tables (一百二十). */
export function chineseNumeral(n: number): string {
  if (n === 0) {
    return '零';
  }
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) {
      out += '零';
      zero = false;
    }
    // 十二, not 一十二, when ten leads.
    out += (d === 1 && units[i] === '十' && out === '' ? '' : CHINESE_DIGITS[d]) + units[i];
  });
  return out;
}

const withThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** One figure in `style`, negative now and then where the style can say so. */
export function formatNumber(rng: Rng, style: NumberStyle): string {
  const negative = rng.chance(0.15);
  switch (style) {
    case 'thousands':
      return `${negative ? '-' : ''}${withThousands(String(rng.int(1000, 9_999_999)))}`;
    case 'integer':
      return `${negative ? '-' : ''}${rng.int(0, 999)}`;
    case 'decimal':
      return `${negative ? '-' : ''}${withThousands(String(rng.int(0, 99_999)))}.${String(rng.int(0, 99)).padStart(2, '0')}`;
    case 'percent':
      return `${negative ? '-' : ''}${rng.int(0, 150)}.${rng.int(0, 9)}%`;
    case 'accounting': {
      const amount = withThousands(String(rng.int(10, 999_999)));
      return negative ? `(${amount})` : amount;
    }
    case 'currency':
      return `${rng.pick(['¥', '$'])}${withThousands(String(rng.int(100, 999_999)))}.${String(rng.int(0, 99)).padStart(2, '0')}`;
    case 'chinese':
      return chineseNumeral(rng.int(1, 9999));
  }
}

const STYLES: Record<Language, readonly NumberStyle[]> = {
  zh: ['thousands', 'integer', 'decimal', 'percent', 'accounting', 'chinese'],
  en: ['thousands', 'integer', 'decimal', 'percent', 'accounting', 'currency'],
};

/** Words for one table: a caption, a note, the stub's header and labels, and column headers. */
export const vocabulary = {
  rowLabels: (lang: Language) => ROW_LABELS[lang],
  stubHeader: (rng: Rng, lang: Language) => rng.pick(STUB_HEADER[lang]),
  columnHeaders: (lang: Language) => COLUMN_HEADERS[lang],
  groups: (lang: Language) => GROUPS[lang],
  caption: (rng: Rng, lang: Language) => rng.pick(CAPTIONS[lang]),
  note: (rng: Rng, lang: Language) => rng.pick(NOTES[lang]),
  keyValues: (lang: Language) => KEY_VALUES[lang],
  numberStyle: (rng: Rng, lang: Language) => rng.pick(STYLES[lang]),
};
