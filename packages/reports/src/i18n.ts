/**
 * Output language: Chinese by default (officials read it), English with `--lang en`.
 *
 * @example
 * ```ts
 * import type { Lang } from '@kepu/reports';
 * const lang: Lang = 'zh';
 * ```
 */
export type Lang = 'zh' | 'en';

/**
 * A text in both languages.
 *
 * @example
 * ```ts
 * import type { Bilingual } from '@kepu/reports';
 * const title: Bilingual = { zh: '目标', en: 'Targets' };
 * ```
 */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/**
 * Picks the text for a language.
 *
 * @example
 * ```ts
 * import { t } from '@kepu/reports';
 * t('en', { zh: '目标', en: 'Targets' }); // 'Targets'
 * ```
 */
export function t(lang: Lang, text: Bilingual): string {
  return lang === 'en' ? text.en : text.zh;
}
