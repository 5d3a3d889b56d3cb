import { formatNumber } from './explanation.js';
import type { PublishedValue } from './observation.js';

/** A published figure's bound in its unit: `10.1%`, `1200 人`. */
function inUnit(x: number, unit: string): string {
  return `${formatNumber(x)}${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`;
}

/**
 * How a figure published by someone else is shown after its value, in Chinese and English:
 * `公布值（来源：甘肃省科协…；区间 10.1%–12.3%）` / `published (source: …; interval 10.1%–12.3%)`, a
 * margin of error as `误差 ±1.1%`. The interval is the one published: no confidence level is
 * claimed that was not given. `unit` is the indicator's unit (`%` for a percentage). Pure; the
 * one wording the terminal, the reports and the dashboard share.
 *
 * @example
 * ```ts
 * import { publishedValueText } from '@kepu/core';
 * publishedValueText({ source: '省科协 2024 年调查', interval: { low: 10.1, high: 12.3 } }, '%').zh;
 * // '公布值（来源：省科协 2024 年调查；区间 10.1%–12.3%）'
 * ```
 */
export function publishedValueText(p: PublishedValue, unit: string): { readonly zh: string; readonly en: string } {
  const zhSource = p.publisher === undefined ? p.source : `${p.publisher}，${p.source}`;
  const enSource = p.publisher === undefined ? p.source : `${p.publisher}, ${p.source}`;
  const range = p.interval
    ? {
        zh: `；区间 ${inUnit(p.interval.low, unit)}–${inUnit(p.interval.high, unit)}`,
        en: `; interval ${inUnit(p.interval.low, unit)}–${inUnit(p.interval.high, unit)}`,
      }
    : p.margin !== undefined
      ? { zh: `；误差 ±${inUnit(p.margin, unit)}`, en: `; margin ±${inUnit(p.margin, unit)}` }
      : { zh: '', en: '' };
  return { zh: `公布值（来源：${zhSource}${range.zh}）`, en: `published (source: ${enSource}${range.en})` };
}
