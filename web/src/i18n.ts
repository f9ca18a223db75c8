// Interface text in Chinese and English. The language is the person's choice (kept in this browser), at first
// the browser's own. Report content (captions, agency, prose) is shown as printed, never translated.
import { useRerenderOn } from './rerender';
import { errorText } from './parts/error-text';
import { type Lang, type MomentPart, momentText } from './moment-text';
import catalog from './text.json';

// Each key's text in both languages, side by side in one catalog (text.json) so that a translator sees them together;
// the type below refuses a key that lacks either language. `{name}` is a value t() fills in.
const TEXT: Record<keyof typeof catalog, Record<Lang, string>> = catalog;

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

/** A moment as the interface writes it, in its language (moment-text.ts). */
export const timeText = (at: string | number | Date, part: MomentPart = 'both'): string => momentText(at, lang, part);

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
