// The indicators of the national 政府信息公开情况统计表 that pre-2019 reports end with (the General Office
// of the State Council's form, as filled in up to the 2018 reports), worded as the form prints them. Legacy
// field keys are labels as printed; a label misread by OCR is put back to the form's wording, so the key
// stays stable for downstream systems.
import { similarity } from './labels';

/** The form's rows in order (四 and 五 share the wording of their (二) and (三)). */
export const NATIONAL_INDICATORS: readonly string[] = [
  '一、主动公开情况',
  '（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）',
  '其中：主动公开规范性文件数',
  '制发规范性文件总数',
  '（二）通过不同渠道和方式公开政府信息的情况',
  '1.政府公报公开政府信息数',
  '2.政府网站公开政府信息数',
  '3.政务微博公开政府信息数',
  '4.政务微信公开政府信息数',
  '5.其他方式公开政府信息数',
  '二、回应解读情况',
  '（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）',
  '（二）通过不同渠道和方式回应解读的情况',
  '1.参加或举办新闻发布会总次数',
  '其中：主要负责同志参加新闻发布会次数',
  '2.政府网站在线访谈次数',
  '其中：主要负责同志参加政府网站在线访谈次数',
  '3.政策解读稿件发布数',
  '4.微博微信回应事件数',
  '5.其他方式回应事件数',
  '三、依申请公开情况',
  '（一）收到申请数',
  '1.当面申请数',
  '2.传真申请数',
  '3.网络申请数',
  '4.信函申请数',
  '（二）申请办结数',
  '1.按时办结数',
  '2.延期办结数',
  '（三）申请答复数',
  '1.属于已主动公开范围数',
  '2.同意公开答复数',
  '3.同意部分公开答复数',
  '4.不同意公开答复数',
  '其中：涉及国家秘密',
  '涉及商业秘密',
  '涉及个人隐私',
  '危及国家安全、公共安全、经济安全和社会稳定',
  '不是《条例》所指政府信息',
  '法律法规规定的其他情形',
  '5.不属于本行政机关公开数',
  '6.申请信息不存在数',
  '7.告知作出更改补充数',
  '8.告知通过其他途径办理数',
  '四、行政复议数量',
  '（一）维持具体行政行为数',
  '（二）被依法纠错数',
  '（三）其他情形数',
  '五、行政诉讼数量',
  '（一）维持具体行政行为或者驳回原告诉讼请求数',
  '（二）被依法纠错数',
  '（三）其他情形数',
  '六、举报投诉数量',
  '七、依申请公开信息收取的费用',
  '八、机构建设和保障经费情况',
  '（一）政府信息公开工作专门机构数',
  '（二）设置政府信息公开查阅点数',
  '（三）从事政府信息公开工作人员数',
  '1.专职人员数（不包括政府公报及政府网站工作人员数）',
  '2.兼职人员数',
  '（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）',
  '九、政府信息公开会议和培训情况',
  '（一）召开政府信息公开工作会议或专题会议数',
  '（二）举办各类培训班数',
  '（三）接受培训人员数',
];

// Put back to the form's wording at 0.8 similarity (punctuation ignored: 1参加 is 1.参加, 其中； is 其中：):
// one character in five misread, and only when the runner-up is 0.1 further off, since the form's own
// labels differ by as little as two characters (2.同意公开答复数, 4.不同意公开答复数).
const SNAP_SIMILARITY = 0.8;
const SNAP_MARGIN = 0.1;

const WORDINGS = [...new Set(NATIONAL_INDICATORS)];

/** The form's wording of a printed legacy label, or the label as read when no indicator is clearly it. */
export function nationalWording(label: string): string {
  const scored = WORDINGS.map((text) => ({ text, score: similarity(label, text) })).sort((a, b) => b.score - a.score);
  const [best, next] = scored;
  return best.score >= SNAP_SIMILARITY && best.score - (next?.score ?? 0) >= SNAP_MARGIN ? best.text : label;
}

/** Whether a label is one of the form's indicators, as printed or misread within the snapping bounds. */
export function isNationalIndicator(label: string): boolean {
  return NATIONAL_INDICATORS.includes(nationalWording(label));
}
