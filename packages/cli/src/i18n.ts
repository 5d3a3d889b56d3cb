/**
 * Output language: Chinese by default (officials read it), English with `--lang en`.
 *
 * @example
 * ```ts
 * import type { Lang } from '@kepu/cli';
 * const lang: Lang = 'zh';
 * ```
 */
export type Lang = 'zh' | 'en';

/** A text in both languages. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Picks the text for a language. */
export function t(lang: Lang, text: Bilingual): string {
  return lang === 'en' ? text.en : text.zh;
}
