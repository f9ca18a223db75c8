// A moment (a day, a time) as the interface writes it: in the locale of the interface's language, not the browser's.
// Pure, the language passed in, so that i18n.ts and parts/error-text.ts (which i18n.ts imports) both write through it.

/** The interface's languages. */
export type Lang = 'zh' | 'en';

/** `time` hours and minutes, `date` the day, `both` day and time. */
export type MomentPart = 'time' | 'date' | 'both';

/** A moment written in the locale of `lang`. */
export function momentText(at: string | number | Date, lang: Lang, part: MomentPart): string {
  const d = new Date(at);
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  if (part === 'time') {
    return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  }
  return part === 'date'
    ? d.toLocaleDateString(locale)
    : d.toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
}
