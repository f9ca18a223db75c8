// The server's messages in the interface's language. The API answers every refusal with a stable code and the values
// its message is made of (shared/contracts/api.ts, API_CODES); each code has its text here in Chinese and English,
// the values filled in (a status, a permission, a role or a dependency said in the language too). A code this build
// does not know shows the server's own sentence. Pure (no interface state), so it is tested directly
// (test/unit/error-text.test.ts); the pages call it through i18n.ts's failureText.
import type { ApiCode } from '../../../shared/contracts/api';

export type ErrorLang = 'zh' | 'en';
type Said = Record<ErrorLang, string>;

/** Each code's message; `{name}` is the parameter of that name, `{error}` the server's sentence. */
export const MESSAGES: Record<ApiCode, Said> = {
  'no-file': { zh: '没有收到文件：请选择一个 PDF 文件。', en: 'No file came with the upload: choose a PDF.' },
  'bad-upload': {
    zh: '上传的表单不完整或格式有误：请重新上传。',
    en: 'The upload was not a well-formed form: send the file again.',
  },
  'empty-file': { zh: '文件是空的。', en: 'The file is empty.' },
  'not-pdf': { zh: '这不是 PDF 文件。', en: 'The file is not a PDF.' },
  'pdf-encrypted': { zh: '此 PDF 有密码保护，无法读取。', en: 'The PDF is password-protected.' },
  'pdf-unreadable': {
    zh: '此 PDF 已损坏或不完整，无法读取。',
    en: 'The PDF cannot be read: it is damaged or cut short.',
  },
  'pdf-no-pages': { zh: '此 PDF 没有页面。', en: 'The PDF has no pages.' },
  'file-too-large': { zh: '文件超过 {limitMb} MB 的上限。', en: 'The file is larger than {limitMb} MB.' },
  'too-many-pages': {
    zh: '此 PDF 有 {pages} 页，最多接受 {limit} 页。',
    en: 'The PDF has {pages} pages; at most {limit} are accepted.',
  },
  'page-too-large': {
    zh: '第 {page} 页的长边为 {inches} 英寸，最多接受 {limit} 英寸。',
    en: 'Page {page} is {inches} in on its longest side; pages up to {limit} in are accepted.',
  },
  'upload-rate-limited': {
    zh: '{username} 每分钟上传超过 {limit} 个文件：请等一分钟再上传其余的。',
    en: 'More than {limit} uploads a minute by {username}: wait a minute and send the rest.',
  },
  'duplicate-upload': { zh: '此文件已上传过（{status}）。', en: 'This file was uploaded before ({status}).' },
  'duplicate-needs-retry': {
    zh: '此文件已上传过，状态为“{status}”：可以重新识别。',
    en: 'This file was uploaded before and is {status}: it can be read again.',
  },
  'not-found': { zh: '未找到所请求的内容。', en: 'Not found.' },
  'no-such-endpoint': { zh: '没有这个接口。', en: 'No such endpoint.' },
  'document-not-found': { zh: '没有编号为 {documentId} 的文档。', en: 'No document with id {documentId}.' },
  'field-not-found': { zh: '报告中没有字段 {field}。', en: 'The report has no field {field}.' },
  'page-image-not-found': { zh: '没有第 {page} 页的图像。', en: 'No image of page {page}.' },
  'report-not-ready': {
    zh: '报告尚未生成：文档状态为“{status}”。',
    en: 'The report is not ready: the document is {status}.',
  },
  'not-retryable': {
    zh: '只有失败或需要处理的文档才能重新识别；此文档状态为“{status}”。',
    en: 'Only a document that failed or needs attention can be read again; this one is {status}.',
  },
  'claim-held': {
    zh: '{reviewer} 正在审核此文档（至少到 {expiresAt}）。',
    en: '{reviewer} is reviewing this document (until {expiresAt} at least).',
  },
  'stale-field': {
    zh: '字段 {field} 在你打开之后已被 {reviewer} 修改。',
    en: 'Field {field} was changed by {reviewer} after you opened it.',
  },
  'invalid-value': {
    zh: '“{raw}”不是数字（请输入数字，可带正负号、小数点或“万元/元”）。',
    en: '"{raw}" is not a number (write digits, with an optional sign, decimal point or 万元/元).',
  },
  'blank-not-found': {
    zh: '字段 {field} 在文档中未找到，不能确认为空白：请输入页面上印的数值（印作 0 或 - 的请照输）。',
    en: 'Field {field} was not found in the document, so a blank cannot be confirmed: type the value printed there (0 or - if it is printed so).',
  },
  'batch-undone': { zh: '这次批量确认已经撤销过了。', en: 'This bulk confirmation was undone already.' },
  'box-outside-page': {
    zh: '所选区域在第 {page} 页之外（该页为 {width} × {height} 磅）。',
    en: 'The region lies outside page {page}, which is {width} x {height} pt.',
  },
  'username-taken': { zh: '用户名 {username} 已被使用。', en: 'The username {username} is taken.' },
  'self-lockout': {
    zh: '不能停用自己，也不能取消自己的管理员角色：请另一位管理员操作。',
    en: 'You cannot disable yourself or take away your own admin role: ask another admin.',
  },
  'login-required': { zh: '请先登录。', en: 'Log in first.' },
  'wrong-credentials': { zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  'invalid-api-key': {
    zh: '密钥无效（已撤销、输错，或其用户已停用）。',
    en: 'The API key is not valid (revoked, mistyped or its user disabled).',
  },
  'unknown-auth-scheme': {
    zh: '无法识别的认证方式：请使用密钥（Token）或用户名和密码（HTTP Basic）。',
    en: 'Unknown Authorization scheme: send "Token <key>" or HTTP Basic credentials.',
  },
  forbidden: {
    zh: '你的角色不能进行此操作：{username}（{roles}）没有“{permission}”的权限。',
    en: 'Your role may not do this: {username} ({roles}) may not {permission}.',
  },
  'csrf-missing': {
    zh: '会话校验未通过：请刷新页面后再试。',
    en: 'The session check failed: reload the page and try again.',
  },
  'login-rate-limited': {
    zh: '此用户 15 分钟内登录失败超过 {limit} 次：请稍后再试。',
    en: 'More than {limit} failed logins for this user in 15 minutes: wait and try again.',
  },
  'bad-request': { zh: '请求的内容不符合要求。', en: '{error}' },
  'invalid-json': { zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  'body-too-large': {
    zh: '请求内容过大（上限 {limitKb} KB）。',
    en: 'The request body is too large (at most {limitKb} kB).',
  },
  'malformed-address': {
    zh: '地址无效：其中有错误的 % 转义。',
    en: 'The address is not valid: it has a malformed %-escape.',
  },
  'dependency-unavailable': {
    zh: '{dependency}暂时不可用，没有做任何更改：请稍后再试。',
    en: '{dependency} is not reachable just now; nothing was changed: try again shortly.',
  },
  'try-again': {
    zh: '暂时无法完成，没有做任何更改：请稍后再试。',
    en: 'It could not be done just now; nothing was changed: try again shortly.',
  },
  'internal-error': { zh: '服务器内部错误，已记录。', en: 'Internal error; it was logged.' },
};

// Parameters whose values are words of the API (a status, a permission, roles, a dependency), said in the language.
const WORDS: Record<string, Record<string, Said>> = {
  status: {
    queued: { zh: '排队中', en: 'queued' },
    processing: { zh: '处理中', en: 'processing' },
    done: { zh: '完成', en: 'done' },
    'needs-attention': { zh: '需要处理', en: 'needing attention' },
    failed: { zh: '失败', en: 'failed' },
  },
  permission: {
    upload: { zh: '上传', en: 'upload' },
    read: { zh: '查看', en: 'read' },
    review: { zh: '审核', en: 'review' },
    'manage-users': { zh: '管理用户', en: 'manage users' },
  },
  roles: {
    archivist: { zh: '档案员', en: 'archivist' },
    reviewer: { zh: '审核员', en: 'reviewer' },
    reader: { zh: '读者', en: 'reader' },
    admin: { zh: '管理员', en: 'admin' },
  },
  dependency: {
    database: { zh: '数据库', en: 'The database' },
    broker: { zh: '消息队列', en: 'The message broker' },
    report: { zh: '报告（另一项保存正在写入）', en: 'The report (another save is writing it)' },
  },
};

const CONNECTION_LOST: Said = {
  zh: '与服务器的连接中断：请检查网络后再试。',
  en: 'The connection to the server was lost: check the network and try again.',
};

/** What the server answered, as far as a message is made of it. */
interface Answer {
  error?: unknown;
  code?: unknown;
  params?: unknown;
}

/** The answer a failure carries: an ApiError's body, or an answer's body itself. */
function answerOf(failure: unknown): Answer | undefined {
  if (typeof failure !== 'object' || failure === null) {
    return undefined;
  }
  const body = (failure as { body?: unknown }).body;
  if (typeof body === 'object' && body !== null) {
    return body;
  }
  return 'code' in failure || 'error' in failure ? failure : undefined;
}

function value(name: string, raw: string | number, lang: ErrorLang): string {
  const text = String(raw);
  if (name === 'expiresAt' && !Number.isNaN(Date.parse(text))) {
    return new Date(text).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  }
  const words = Object.hasOwn(WORDS, name) ? WORDS[name] : undefined;
  if (!words) {
    return text;
  }
  return text
    .split(/,\s*/)
    .map((w) => (Object.hasOwn(words, w) ? words[w][lang] : w))
    .join(lang === 'zh' ? '、' : ', ');
}

/**
 * A failure in `lang`: a server's answer (or an ApiError carrying one) by its code, the parameters filled in; a code
 * not known here, or none, as the server's sentence; a lost connection said so; anything else as its message.
 */
export function errorText(failure: unknown, lang: ErrorLang): string {
  const answer = answerOf(failure);
  const sentence = typeof answer?.error === 'string' ? answer.error : undefined;
  const code = typeof answer?.code === 'string' ? answer.code : undefined;
  if (code !== undefined && Object.hasOwn(MESSAGES, code)) {
    const params = (typeof answer?.params === 'object' && answer.params !== null ? answer.params : {}) as Record<
      string,
      unknown
    >;
    return MESSAGES[code as ApiCode][lang].replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'error') {
        return sentence ?? '';
      }
      const raw = params[name];
      return typeof raw === 'string' || typeof raw === 'number' ? value(name, raw, lang) : '';
    });
  }
  if (sentence !== undefined) {
    return sentence;
  }
  // fetch rejects with a TypeError when no answer came; uploads (XHR) say so in words of their own (api.ts).
  if (failure instanceof TypeError || (failure instanceof Error && failure.message === CONNECTION_LOST_MESSAGE)) {
    return CONNECTION_LOST[lang];
  }
  return failure instanceof Error ? failure.message : String(failure);
}

/** What api.ts's upload rejects with when no answer came. */
export const CONNECTION_LOST_MESSAGE = 'the connection was lost';
