/** The languages people read the system in: Chinese by default, English on request. */
export type Lang = 'zh' | 'en';

export const DEFAULT_LANG: Lang = 'zh';

/**
 * The language an Accept-Language header asks for: English only when an `en` range outranks every
 * Chinese one; anything else (absent, `*`, `fr`) gets Chinese, the language of the regulations.
 */
export function languageOf(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return DEFAULT_LANG;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [range = '', ...rest] = part.trim().toLowerCase().split(';');
    const qParam = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Lang | null =
      range === 'en' || range.startsWith('en-') ? 'en' : range.startsWith('zh') ? 'zh' : null;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}

/** Pick the text in `lang`. */
export const say = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);
