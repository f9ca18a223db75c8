// Interface text in Chinese and English. The language is the person's choice (kept in this browser), at first
// the browser's own. Report content (captions, agency, prose) is shown as printed, never translated.
import { useRerenderOn } from './rerender';
import { errorText } from './parts/error-text';

export type Lang = 'zh' | 'en';

const TEXT = {
  appName: { zh: 'docpipe 文档管道', en: 'docpipe' },
  archive: { zh: '文档', en: 'Documents' },
  queue: { zh: '审核队列', en: 'Review queue' },
  logout: { zh: '退出', en: 'Log out' },
  login: { zh: '登录', en: 'Log in' },
  username: { zh: '用户名', en: 'User name' },
  password: { zh: '密码', en: 'Password' },
  language: { zh: 'English', en: '中文' },
  dropHere: { zh: '将 PDF 文件拖到这里，或', en: 'Drop PDF files here, or' },
  chooseFiles: { zh: '选择文件', en: 'choose files' },
  uploading: { zh: '上传中', en: 'uploading' },
  accepted: { zh: '已接收', en: 'accepted' },
  duplicate: { zh: '已上传过', en: 'already uploaded' },
  refused: { zh: '被拒绝', en: 'refused' },
  search: { zh: '按文件名搜索', en: 'Search by filename' },
  agency: { zh: '机关', en: 'Agency' },
  year: { zh: '年度', en: 'Year' },
  state: { zh: '状态', en: 'State' },
  all: { zh: '全部', en: 'All' },
  attentionOnly: { zh: '需要处理', en: 'Needs attention' },
  file: { zh: '文件', en: 'File' },
  pages: { zh: '页', en: 'pages' },
  progress: { zh: '进度', en: 'Progress' },
  toReview: { zh: '待审核', en: 'To review' },
  ocr: { zh: '识别', en: 'OCR' },
  tables: { zh: '表格', en: 'Tables' },
  report: { zh: '报告', en: 'Report' },
  review: { zh: '审核', en: 'Review' },
  retry: { zh: '重新识别', en: 'Read again' },
  previous: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  ofTotal: { zh: '第 {from}–{to} 条，共 {total} 条', en: '{from}–{to} of {total}' },
  noDocuments: { zh: '没有文档。', en: 'No documents.' },
  status_queued: { zh: '排队中', en: 'queued' },
  status_processing: { zh: '处理中', en: 'processing' },
  status_done: { zh: '完成', en: 'done' },
  'status_needs-attention': { zh: '需要处理', en: 'needs attention' },
  status_failed: { zh: '失败', en: 'failed' },
  review_pending: { zh: '待审核', en: 'to review' },
  review_reviewed: { zh: '已审核', en: 'reviewed' },
  'review_not-needed': { zh: '无需审核', en: 'no review needed' },
  fieldsFlagged: { zh: '{n} 项待审核', en: '{n} to review' },
  downloads: { zh: '下载', en: 'Downloads' },
  searchablePdf: { zh: '可搜索 PDF', en: 'Searchable PDF' },
  fieldsCsv: { zh: '字段 CSV', en: 'Fields CSV' },
  tablesXlsx: { zh: '表格 XLSX', en: 'Tables XLSX' },
  fields: { zh: '字段', en: 'Fields' },
  prose: { zh: '正文', en: 'Text' },
  checks: { zh: '勾稽关系', en: 'Identities' },
  history: { zh: '修改记录', en: 'History' },
  noHistory: { zh: '尚无修改。', en: 'No corrections yet.' },
  quality: { zh: '质量', en: 'Quality' },
  template: { zh: '模板', en: 'Template' },
  none: { zh: '无', en: 'none' },
  value: { zh: '数值', en: 'Value' },
  confidence: { zh: '置信度', en: 'Confidence' },
  notFound: { zh: '文档中未找到', en: 'not found in the document' },
  blank: { zh: '空白', en: 'blank' },
  queueCounts: {
    zh: '{documents} 份文档中有 {fields} 项待审核',
    en: '{fields} fields to review in {documents} documents',
  },
  queueEmpty: { zh: '没有待审核的字段。', en: 'Nothing to review.' },
  openNext: { zh: '按 Enter 打开所选项，j / k 上下移动', en: 'Enter opens the selected item, j / k move' },
  read: { zh: '识别值', en: 'Read' },
  reasons: { zh: '原因', en: 'Why' },
  suggestion: { zh: '建议值', en: 'Suggested' },
  correctValue: { zh: '正确值', en: 'Correct value' },
  comment: { zh: '备注（可选）', en: 'Comment (optional)' },
  save: { zh: '保存并继续', en: 'Save and go on' },
  acceptRead: { zh: '采用识别值', en: 'Accept the read value' },
  takeSuggestion: { zh: '采用建议值', en: 'Take the suggestion' },
  skip: { zh: '跳过', en: 'Skip' },
  keys: {
    zh: 'Enter 保存并下一项 · Tab/j 下一项 · Shift+Tab/k 上一项 · a 采用识别值 · s 采用建议 · c 确认本表勾稽成立的字段 · u 撤销 · n 下一份文档 · Esc 跳过',
    en: "Enter saves and moves on · Tab/j next · Shift+Tab/k previous · a accepts the read value · s takes the suggestion · c confirms the table's fields whose identities hold · u undoes · n next document · Esc skips",
  },
  zoomKeys: { zh: 'Alt + / − / 0', en: 'Alt + / − / 0' },
  pageKeys: { zh: 'Alt PageUp / PageDown 翻页', en: 'Alt PageUp / PageDown: pages' },
  pageOf: { zh: '第 {n} / {total} 页', en: 'page {n} of {total}' },
  previousPage: { zh: '上一页', en: 'Previous page' },
  nextPage: { zh: '下一页', en: 'Next page' },
  conflict: {
    zh: '{who} 在 {when} 已保存了此字段（在你打开之后）。',
    en: '{who} saved this field at {when}, after you opened it.',
  },
  claimedBy: {
    zh: '{who} 正在审核此文档（至少到 {until}）。你仍可修改；若与对方的保存冲突，保存时会提示。',
    en: '{who} has this document open (until {until} at least). You may still work on it; a clash with their saves is shown when you save.',
  },
  reviewing: { zh: '{who} 审核中', en: '{who} is reviewing' },
  quality_ok: { zh: '正常', en: 'ok' },
  'quality_needs-attention': { zh: '需要人工查看', en: 'needs attention' },
  'template_gov-disclosure-2019': {
    zh: '2019 年版政府信息公开年度报告',
    en: 'government disclosure report, 2019 template',
  },
  'template_gov-disclosure-legacy': { zh: '2019 年前旧版统计表', en: 'legacy statistics table (before 2019)' },
  theirValue: { zh: '对方的值', en: 'Their value' },
  yourValue: { zh: '你的值', en: 'Yours' },
  keepTheirs: { zh: '保留对方的值', en: 'Keep theirs' },
  saveMine: { zh: '保存我的值', en: 'Save mine' },
  saving: { zh: '{n} 项保存中', en: 'saving {n}' },
  serverAway: { zh: '服务器暂时不可用，恢复后自动保存', en: 'the server is away for now; saving once it is back' },
  blankNotFound: {
    zh: '此字段在文档中未找到，不能确认为空白：请输入页面上印的数值（印作 0 或 - 的请照输）。',
    en: 'This field was not found in the document, so a blank cannot be confirmed: type the value printed there (0 or - if it is printed so).',
  },
  confirmTable: { zh: '确认本表', en: 'Confirm the table' },
  confirmedTable: {
    zh: '已确认{table}中勾稽关系成立的 {n} 项。按 u 撤销。',
    en: 'Confirmed {n} fields of {table} whose identities hold. u undoes.',
  },
  undo: { zh: '撤销', en: 'Undo' },
  undone: { zh: '已撤销，{n} 项恢复待审核。', en: 'Undone: {n} fields are flagged again.' },
  belowThreshold: { zh: '置信度低于审核阈值', en: 'confidence under the review threshold' },
  settled: { zh: '已审核', en: 'settled' },
  page: { zh: '第 {n} 页', en: 'page {n}' },
  placedFromCell: { zh: '按同行同列已识别的单元格定位', en: 'placed from its row and column as read' },
  placedFromRow: { zh: '按同行已识别的单元格定位', en: 'placed from its row as read' },
  reopen: { zh: '重新打开', en: 'Reopen' },
  section: { zh: '部分', en: 'Section' },
  allSections: { zh: '全部部分', en: 'All sections' },
  allReasons: { zh: '全部原因', en: 'All reasons' },
  allDocuments: { zh: '全部文档', en: 'All documents' },
  'reason_not-found': { zh: '文档中未找到', en: 'not found' },
  'reason_not-a-number': { zh: '不是数字', en: 'not a number' },
  reason_identity: { zh: '勾稽关系不成立', en: 'an identity is broken' },
  'reason_low-confidence': { zh: '识别置信度低', en: 'read with low confidence' },
  reason_other: { zh: '其他', en: 'other' },
  section_applications: { zh: '三、收到和处理政府信息公开申请情况', en: 'III. Applications received and handled' },
  section_activeDisclosure: { zh: '二、主动公开政府信息情况', en: 'II. Information disclosed proactively' },
  section_reviewAndLitigation: {
    zh: '四、政府信息公开行政复议、行政诉讼情况',
    en: 'IV. Administrative review and litigation',
  },
  section_legacyStatistics: { zh: '政府信息公开情况统计表', en: 'Statistics of information disclosure' },
  allReviewed: { zh: '本文档已无待审核字段。', en: 'Nothing is left to review in this document.' },
  nextInQueue: { zh: '队列中的下一份', en: 'Next in the queue' },
  saved: { zh: '已保存', en: 'saved' },
  reviewedBy: { zh: '{who} 于 {when} 修改', en: 'reviewed by {who}, {when}' },
  check_ok: { zh: '成立', en: 'holds' },
  check_broken: { zh: '不成立', en: 'broken' },
  check_unknown: { zh: '缺项', en: 'a term is missing' },
  zoomIn: { zh: '放大', en: 'Zoom in' },
  zoomOut: { zh: '缩小', en: 'Zoom out' },
  fit: { zh: '适合宽度', en: 'Fit width' },
  expectedIn: { zh: '模板预期位置：{where}', en: 'The template expects it in: {where}' },
  noPageImage: {
    zh: '没有页面图像（数字 PDF 或页面未找到）',
    en: 'No page image (a digital PDF, or the page was not found)',
  },
  field: { zh: '字段', en: 'Field' },
  who: { zh: '审核人', en: 'Who' },
  when: { zh: '时间', en: 'When' },
  old: { zh: '原值', en: 'Old' },
  new: { zh: '新值', en: 'New' },
  loading: { zh: '加载中…', en: 'Loading…' },
  notAllowed: { zh: '你的角色不能进行此操作。', en: 'Your role may not do this.' },
} as const;

export type TextKey = keyof typeof TEXT;

const stored = (): Lang | null => {
  const v = localStorage.getItem('docpipe.lang');
  return v === 'zh' || v === 'en' ? v : null;
};
let lang: Lang = stored() ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en');
const listeners = new Set<() => void>();

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem('docpipe.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((l) => l());
}

export function t(key: TextKey, values: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** The locale dates and times are written in: the interface's language, not the browser's. */
export const locale = (): string => (lang === 'zh' ? 'zh-CN' : 'en-GB');

/** A moment as the interface writes it: `time` hours and minutes, `date` the day, `both` day and time. */
export function timeText(at: string | number | Date, part: 'time' | 'date' | 'both' = 'both'): string {
  const d = new Date(at);
  const time = { hour: '2-digit', minute: '2-digit' } as const;
  if (part === 'time') {
    return d.toLocaleTimeString(locale(), time);
  }
  return part === 'date'
    ? d.toLocaleDateString(locale())
    : d.toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'short' });
}

/** Whether a text key exists (statuses and states come from the API as strings). */
export const known = (key: string): key is TextKey => Object.hasOwn(TEXT, key);

/** A section (table) of the template by its key's first part, in the interface's language; unknown ones as they are. */
export function sectionText(section: string): string {
  const key = `section_${section}`;
  return known(key) ? t(key) : section;
}

/** A failure in the interface's language: the server's refusals by their code (parts/error-text.ts). Every message
 * the server sends is shown through here; call it when rendering, so that a change of language says it again. */
export const failureText = (failure: unknown): string => errorText(failure, lang);

/** The current language; re-renders the caller when it changes. */
export function useLang(): Lang {
  useRerenderOn(listeners);
  return lang;
}

document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
