// The server's messages in the interface's language. The API answers every refusal with a stable code and the values
// its message is made of (shared/contracts/api.ts, API_CODES); each code has its text in Chinese and English in the
// catalog error-messages.json, the values filled in (a status, a permission, a role or a dependency said in the
// language too). A code this build does not know shows the server's own sentence. Pure (no interface state), so it is tested directly
// (test/unit/error-text.test.ts); the pages call it through i18n.ts's failureText.
import type { ApiCode } from '../../../shared/contracts/api';
import { type Lang, momentText } from '../moment-text';
import catalog from './error-messages.json';

type Said = Record<Lang, string>;

/** Each code's message; `{name}` is the parameter of that name, `{error}` the server's sentence. Typed by the codes, so a
 * code without its message in the catalog is a type error. */
export const MESSAGES: Record<ApiCode, Said> = catalog.codes;

// Parameters whose values are words of the API (a status, a permission, roles, a dependency), said in the language.
const WORDS: Record<string, Record<string, Said>> = catalog.words;

const CONNECTION_LOST: Said = catalog.connectionLost;

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

function value(name: string, raw: string | number, lang: Lang): string {
  const text = String(raw);
  if (name === 'expiresAt' && !Number.isNaN(Date.parse(text))) {
    return momentText(text, lang, 'time');
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
export function errorText(failure: unknown, lang: Lang): string {
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
