import { type Bilingual, type Lang, localized, localizedName } from '@kepu/core';

/**
 * Language of a chart's labels: Chinese by default, English on request. Core's {@link Lang}.
 *
 * @example
 * ```ts
 * import type { ChartLang } from '@kepu/charts';
 * const lang: ChartLang = 'en';
 * ```
 */
export type ChartLang = Lang;

/**
 * Options every builder takes.
 *
 * @example
 * ```ts
 * import type { ChartOptions } from '@kepu/charts';
 * const options: ChartOptions = { lang: 'en', title: false };
 * ```
 */
export interface ChartOptions {
  /** @default 'zh' */
  readonly lang?: ChartLang;
  /** A title for the chart, `false` for none. @default a title derived from the data */
  readonly title?: string | false;
}

// A chart's `lang` is optional (Chinese by default); the text rules are core's `localized`.
export function pick(lang: ChartLang | undefined, text: Bilingual): string {
  return localized(text, lang ?? 'zh');
}

export function named(
  lang: ChartLang | undefined,
  item: { readonly name: string; readonly nameEn?: string | null },
): string {
  return localizedName(item, lang ?? 'zh');
}

/** ECharts options every Kepu chart shares: accessible decals, the font stack, no animation on the server. */
export function base(title: string | false, subtext?: string) {
  return {
    aria: { enabled: true, decal: { show: true } },
    textStyle: { fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif' },
    animation: false,
    ...(title === false
      ? {}
      : { title: { text: title, ...(subtext ? { subtext } : {}), left: 'center', textStyle: { fontSize: 14 } } }),
  };
}
