import {
  conflictResolutionText,
  formatNumber,
  type ObservedEstimate,
  type PublishedValue,
  publishedValueText,
  type TargetEvaluation,
} from '@kepu/core';
import { type Lang, t } from './i18n.js';
import { named } from './internal/names.js';

function pct(value: number, unit: string): string {
  return `${value.toFixed(1)}${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`;
}

function levelText(e: ObservedEstimate): string {
  return `${formatNumber(Math.round(e.level * 1000) / 10)}%`;
}

/**
 * A survey estimate's interval as it follows a value: `（95% 置信区间 9.5%–12.4%）` /
 * ` (95% CI 9.5%–12.4%)`. Pure.
 *
 * @example
 * ```ts
 * intervalText({ low: 9.5, high: 12.4, level: 0.95, method: 'logit', flags: [], suppressed: false }, '%', 'zh');
 * // '（95% 置信区间 9.5%–12.4%）'
 * ```
 */
export function intervalText(e: ObservedEstimate, unit: string, lang: Lang): string {
  return t(lang, {
    zh: `（${levelText(e)} 置信区间 ${pct(e.low, unit)}–${pct(e.high, unit)}）`,
    en: ` (${levelText(e)} CI ${pct(e.low, unit)}–${pct(e.high, unit)})`,
  });
}

/** The flags after a value: ` ⚠ 有效样本量不足；…`, or '' when there are none. Pure. */
export function flagsText(e: ObservedEstimate, lang: Lang): string {
  return e.flags.length ? ` ⚠ ${e.flags.join(lang === 'en' ? '; ' : '；')}` : '';
}

/** What stands in for a suppressed estimate's value: `已抑制（原因：…）`. Pure. */
export function suppressedText(e: ObservedEstimate, lang: Lang): string {
  const why = e.flags.join(lang === 'en' ? '; ' : '；');
  return t(lang, {
    zh: `已抑制（不予发布${why ? `，原因：${why}` : ''}）`,
    en: `suppressed (not published${why ? `: ${why}` : ''})`,
  });
}

/**
 * A target's value with its survey estimate, the way every report shows it: the point, the
 * interval and the flags (`10.9%（95% 置信区间 9.5%–12.4%）⚠ 有效样本量不足`), or the suppression and
 * its reason instead of the point. `point` is the value as the caller already formats it. Pure.
 *
 * @example
 * ```ts
 * withEstimate('11.3%', evaluation.estimate, '%', 'zh');
 * ```
 */
export function withEstimate(point: string, e: ObservedEstimate | null | undefined, unit: string, lang: Lang): string {
  if (!e) return point;
  if (e.suppressed) return suppressedText(e, lang);
  return `${point}${intervalText(e, unit, lang)}${flagsText(e, lang)}`;
}

/**
 * What follows a value published by someone else, in the report's language: core's
 * `publishedValueText` (`公布值（来源：…；区间 10.1%–12.3%）` / `published (source: …)`). Pure.
 *
 * @example
 * ```ts
 * import { publishedText } from '@kepu/reports';
 * publishedText({ source: '省科协 2024 年调查', interval: { low: 10.1, high: 12.3 } }, '%', 'zh');
 * // '公布值（来源：省科协 2024 年调查；区间 10.1%–12.3%）'
 * ```
 */
export function publishedText(p: PublishedValue, unit: string, lang: Lang): string {
  return t(lang, publishedValueText(p, unit));
}

/**
 * A value with where it was published, when someone else published it (see {@link publishedText});
 * the value alone otherwise. Pure.
 *
 * @example
 * ```ts
 * import { withPublished } from '@kepu/reports';
 * withPublished('11.2%', evaluation.published, '%', 'zh'); // '11.2% 公布值（来源：…）'
 * ```
 */
export function withPublished(point: string, p: PublishedValue | null | undefined, unit: string, lang: Lang): string {
  return p ? `${point} ${publishedText(p, unit, lang)}` : point;
}

/**
 * The footnote of a report about how its values were formed: for each target whose value is a
 * survey estimate, the interval, the method, the effective sample size and every flag; for each
 * whose value was published by someone else, its source and published interval; for each year
 * whose reports of one fact disagreed (two co-leads reporting one county figure differently),
 * the figures, who reported them and which was kept — marked （默认） when that choice is Kepu's
 * default rule. Reporting units are named from `units` (a plan index's units; ids without it). Pure.
 *
 * @example
 * ```ts
 * estimateFootnotes(card.targets, (id) => titleOf(id), (id) => unitOf(id), 'zh', indexPlan(plan).units);
 * ```
 */
export function estimateFootnotes(
  evaluations: readonly TargetEvaluation[],
  titleOf: (target: string) => string,
  unitOf: (target: string) => string,
  lang: Lang,
  units?: ReadonlyMap<string, { readonly name: string; readonly nameEn?: string | null | undefined }>,
): string[] {
  const out: string[] = [];
  const nameOf = (unit: string) => {
    const found = units?.get(unit);
    return found ? named(lang, found) : unit;
  };
  for (const ev of evaluations) {
    for (const point of ev.series) {
      const c = point.conflict;
      if (c === undefined || (ev.valuePeriod !== null && point.period > ev.valuePeriod)) continue;
      const who = (r: string | null) => (r === null ? t(lang, { zh: '全县', en: 'county' }) : nameOf(r));
      const figures = c.figures
        .map((x) => `${who(x.reporter)} ${formatNumber(x.value)}`)
        .join(t(lang, { zh: '、', en: ', ' }));
      const how = conflictResolutionText(c);
      out.push(
        t(lang, {
          zh: `注：${titleOf(ev.target)} ${point.period} 年各单位报送的同一数据不一致（${figures}），未相加，${how.zh}：${formatNumber(c.kept)}。请报送单位核对。`,
          en: `Note: ${titleOf(ev.target)} (${point.period}): the units' reports of one figure disagree (${figures}); they are not added, ${how.en}: ${formatNumber(c.kept)}. Ask the reporting units to check.`,
        }),
      );
    }
    if (ev.published) {
      const title = titleOf(ev.target);
      const text = publishedText(ev.published, unitOf(ev.target), lang);
      out.push(
        t(lang, {
          zh: `注：${title} ${ev.valuePeriod ?? ''} 年数值为上级${text}，本地无原始数据，不含分子分母。`,
          en: `Note: ${title} (${ev.valuePeriod ?? ''}) is a figure ${text}; there is no local microdata, so no numerator or denominator.`,
        }),
      );
    }
    const e = ev.estimate;
    if (!e) continue;
    const unit = unitOf(ev.target);
    const n = e.effectiveN === undefined ? '' : formatNumber(Math.round(e.effectiveN));
    const flags = e.flags.length
      ? t(lang, { zh: `；可靠性提示：${e.flags.join('；')}`, en: `; reliability flags: ${e.flags.join('; ')}` })
      : t(lang, { zh: '；无可靠性提示', en: '; no reliability flags' });
    const suppressed = e.suppressed
      ? t(lang, {
          zh: '；按发布规则已抑制，不公布点估计',
          en: '; suppressed under the reporting rules: the point is not published',
        })
      : '';
    out.push(
      t(lang, {
        zh: `注：${titleOf(ev.target)} ${ev.valuePeriod ?? ''} 年数值为抽样调查估计，${levelText(e)} 置信区间 ${pct(e.low, unit)}–${pct(e.high, unit)}（${e.method} 法${n ? `，有效样本量 ${n}` : ''}）${flags}${suppressed}。`,
        en: `Note: ${titleOf(ev.target)} (${ev.valuePeriod ?? ''}) is a survey estimate, ${levelText(e)} CI ${pct(e.low, unit)}–${pct(e.high, unit)} (${e.method}${n ? `, effective sample size ${n}` : ''})${flags}${suppressed}.`,
      }),
    );
  }
  return out;
}
