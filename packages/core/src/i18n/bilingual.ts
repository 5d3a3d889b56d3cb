/**
 * A language Kepu writes in: Chinese first (officials read it), English for developers and
 * `--lang en`.
 *
 * @example
 * ```ts
 * import type { Lang } from '@kepu/core';
 * const lang: Lang = 'zh';
 * ```
 */
export type Lang = 'zh' | 'en';

/**
 * A text in both languages. Use it for anything an official or a developer reads: messages,
 * names, labels, explanations.
 *
 * @example
 * ```ts
 * import type { Bilingual } from '@kepu/core';
 * const title: Bilingual = { zh: '目标', en: 'Targets' };
 * ```
 */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/**
 * A text that always has Chinese and may lack English: what a county writes before anyone
 * translates it (a plugin's name, a plan's titles). {@link localized} reads it with the fallback.
 *
 * @example
 * ```ts
 * import type { ZhFirstText } from '@kepu/core';
 * const name: ZhFirstText = { zh: '河西县实施方案' };
 * ```
 */
export interface ZhFirstText {
  readonly zh: string;
  readonly en?: string | null | undefined;
}

/**
 * The text for one language.
 *
 * The fallback rule, stated once for all of Kepu: when the English text is missing (`undefined`
 * or `null`), English readers get the Chinese text. Chinese is the text of record, so it is
 * never missing and never replaced; a translation that is not there yet must not hide what the
 * county wrote. An empty English string is a translation (of nothing) and is kept.
 *
 * @example
 * ```ts
 * import { localized } from '@kepu/core';
 * localized({ zh: '目标', en: 'Targets' }, 'en'); // 'Targets'
 * localized({ zh: '河西县' }, 'en'); // '河西县'
 * ```
 */
export function localized(text: ZhFirstText, lang: Lang): string {
  return lang === 'en' ? (text.en ?? text.zh) : text.zh;
}

/**
 * The name of a plan item (target, grade band, sheet …) in one language: the plan's data keeps
 * `name` (Chinese) beside an optional `nameEn`, and this reads it with {@link localized}'s fallback.
 *
 * @example
 * ```ts
 * import { localizedName } from '@kepu/core';
 * localizedName({ name: '优秀', nameEn: 'Excellent' }, 'en'); // 'Excellent'
 * localizedName({ name: '优秀', nameEn: null }, 'en'); // '优秀'
 * ```
 */
export function localizedName(item: { readonly name: string; readonly nameEn?: string | null }, lang: Lang): string {
  return localized({ zh: item.name, en: item.nameEn }, lang);
}

// Han ideographs, CJK punctuation (。，、“”《》 are in U+3000–U+303F or the fullwidth forms)
// and fullwidth forms (，：（）): what a Chinese input method leaves in a text.
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/**
 * True when a text contains Chinese characters or Chinese (fullwidth) punctuation — which an
 * English message must not, since the reader it is for may not read Chinese.
 *
 * @example
 * ```ts
 * import { containsChinese } from '@kepu/core';
 * containsChinese('Add the certificate as evidence.'); // false
 * containsChinese('Add the 证书.'); // true
 * ```
 */
export function containsChinese(text: string): boolean {
  return CHINESE.test(text);
}
