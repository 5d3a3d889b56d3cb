/**
 * Language of a chart's labels: Chinese by default, English on request.
 *
 * @example
 * ```ts
 * import type { ChartLang } from '@kepu/charts';
 * const lang: ChartLang = 'en';
 * ```
 */
export type ChartLang = 'zh' | 'en';

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

export function pick(lang: ChartLang | undefined, text: { readonly zh: string; readonly en: string }): string {
  return lang === 'en' ? text.en : text.zh;
}

export function named(
  lang: ChartLang | undefined,
  item: { readonly name: string; readonly nameEn?: string | null },
): string {
  return lang === 'en' ? (item.nameEn ?? item.name) : item.name;
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
