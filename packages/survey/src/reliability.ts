import type { Bilingual, Lang } from '@kepu/core';
import type { ConfidenceInterval } from './ci.js';
import type { Estimate } from './estimate.js';
import { expectFlags, expectReliabilityInput, expectRules } from './internal/check-estimate.js';
import { expectNumber, expectOneOf, optionsRecord } from './internal/guard.js';

/**
 * When an estimate is too shaky to show as a plain number. Defaults are modelled on the U.S.
 * National Center for Health Statistics "Data Presentation Standards for Proportions" (2017):
 * an effective sample size under 30, an absolute CI width of 30 percentage points or more, or a
 * CI wider than 130 % of the estimate suppress it; fewer than 8 degrees of freedom asks for a
 * review. They are Kepu's defaults, not a Chinese rule: every threshold can be changed.
 *
 * @example
 * ```ts
 * import { DEFAULT_RELIABILITY, type ReliabilityRules } from '@kepu/survey';
 * const strict: ReliabilityRules = { ...DEFAULT_RELIABILITY, minEffectiveSampleSize: 50 };
 * ```
 */
export interface ReliabilityRules {
  /** Suppress below this effective sample size. @default 30 */
  readonly minEffectiveSampleSize: number;
  /** Caution below this many design degrees of freedom. @default 8 */
  readonly minDegreesOfFreedom: number;
  /** Proportions: suppress when upper − lower reaches this. @default 0.3 */
  readonly maxAbsoluteCiWidth: number;
  /** Suppress when (upper − lower)/|estimate| exceeds this. @default 1.3 */
  readonly maxRelativeCiWidth: number;
  /** Proportions: the relative-width rule applies only when the absolute width exceeds this. @default 0.05 */
  readonly relativeWidthFloor: number;
}

/**
 * Kepu's default reliability rules (see {@link ReliabilityRules}).
 *
 * @example
 * ```ts
 * import { DEFAULT_RELIABILITY } from '@kepu/survey';
 * DEFAULT_RELIABILITY.minEffectiveSampleSize; // 30
 * ```
 */
export const DEFAULT_RELIABILITY: ReliabilityRules = Object.freeze({
  minEffectiveSampleSize: 30,
  minDegreesOfFreedom: 8,
  maxAbsoluteCiWidth: 0.3,
  maxRelativeCiWidth: 1.3,
  relativeWidthFloor: 0.05,
});

/**
 * Why an estimate is flagged.
 *
 * @example
 * ```ts
 * import type { ReliabilityFlagCode } from '@kepu/survey';
 * const code: ReliabilityFlagCode = 'low-effective-sample-size';
 * ```
 */
export type ReliabilityFlagCode =
  | 'low-effective-sample-size'
  | 'wide-ci'
  | 'wide-relative-ci'
  | 'few-degrees-of-freedom'
  | 'boundary-estimate'
  | 'component-unreliable';

/**
 * One reason an estimate is unreliable: what, how bad (`suppress` hides the number, `caution`
 * shows it with a warning), the measured value and the threshold, and a bilingual sentence.
 *
 * @example
 * ```ts
 * import type { ReliabilityFlag } from '@kepu/survey';
 * function show(flag: ReliabilityFlag) { return `${flag.severity}: ${flag.message.zh}`; }
 * ```
 */
export interface ReliabilityFlag {
  readonly code: ReliabilityFlagCode;
  readonly severity: 'suppress' | 'caution';
  readonly value: number;
  readonly threshold: number;
  readonly message: Bilingual;
}

/**
 * What {@link assessReliability} looks at; every {@link Estimate} has these fields.
 *
 * @example
 * ```ts
 * import type { ReliabilityInput } from '@kepu/survey';
 * const input: ReliabilityInput = {
 *   statistic: 'proportion', point: 0.15, df: 40, n: 2000, nEffective: 900,
 *   ci: { lower: 0.13, upper: 0.17, level: 0.95, method: 'logit' },
 * };
 * ```
 */
export interface ReliabilityInput {
  readonly statistic: 'mean' | 'total' | 'proportion' | 'difference';
  readonly point: number;
  readonly ci: ConfidenceInterval;
  readonly df: number;
  readonly n: number;
  readonly nEffective: number;
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits)).toString();

/**
 * Applies reliability rules to an estimate. Pure. The effective sample size is capped at the
 * actual number of respondents, so a finite population correction never makes a tiny sample
 * look large.
 *
 * @example
 * ```ts
 * import { assessReliability, DEFAULT_RELIABILITY } from '@kepu/survey';
 * const flags = assessReliability(
 *   { statistic: 'proportion', point: 0.12, ci: { lower: 0.02, upper: 0.4, level: 0.95, method: 'logit' }, df: 5, n: 40, nEffective: 12 },
 *   DEFAULT_RELIABILITY,
 * );
 * flags.map((f) => f.code); // ['low-effective-sample-size', 'few-degrees-of-freedom', 'wide-ci', …]
 * ```
 */
export function assessReliability(
  input: ReliabilityInput,
  rules: ReliabilityRules = DEFAULT_RELIABILITY,
): ReliabilityFlag[] {
  expectReliabilityInput(input, ['input']);
  expectRules(rules, ['rules']);
  const flags: ReliabilityFlag[] = [];
  const nEff = Math.min(input.n, input.nEffective);
  if (input.statistic !== 'difference' && nEff < rules.minEffectiveSampleSize) {
    flags.push({
      code: 'low-effective-sample-size',
      severity: 'suppress',
      value: nEff,
      threshold: rules.minEffectiveSampleSize,
      message: {
        zh: `有效样本量 ${round(nEff)} 低于 ${rules.minEffectiveSampleSize}，估计值不可靠，不宜单独发布。`,
        en: `Effective sample size ${round(nEff)} is below ${rules.minEffectiveSampleSize}: the estimate is unreliable and should not be shown on its own.`,
      },
    });
  }
  if (input.df < rules.minDegreesOfFreedom) {
    flags.push({
      code: 'few-degrees-of-freedom',
      severity: 'caution',
      value: input.df,
      threshold: rules.minDegreesOfFreedom,
      message: {
        zh: `设计自由度只有 ${input.df}（少于 ${rules.minDegreesOfFreedom}），方差估计本身不稳定，请复核。`,
        en: `Only ${input.df} design degrees of freedom (fewer than ${rules.minDegreesOfFreedom}): the variance itself is unstable; review before use.`,
      },
    });
  }
  const width = input.ci.upper - input.ci.lower;
  if (input.statistic === 'proportion') {
    if (width >= rules.maxAbsoluteCiWidth) {
      flags.push({
        code: 'wide-ci',
        severity: 'suppress',
        value: width,
        threshold: rules.maxAbsoluteCiWidth,
        message: {
          zh: `置信区间宽 ${round(width * 100)} 个百分点（不少于 ${round(rules.maxAbsoluteCiWidth * 100)}），精度不足。`,
          en: `The confidence interval is ${round(width * 100)} percentage points wide (limit ${round(rules.maxAbsoluteCiWidth * 100)}): not precise enough.`,
        },
      });
    }
    if (input.point <= 0 || input.point >= 1) {
      flags.push({
        code: 'boundary-estimate',
        severity: 'caution',
        value: input.point,
        threshold: input.point <= 0 ? 0 : 1,
        message: {
          zh: `估计比例为 ${round(input.point * 100)}%，位于边界；区间按 Korn–Graubard 方法计算，请谨慎解读。`,
          en: `The estimated proportion is ${round(input.point * 100)} %, on the boundary; the interval is Korn–Graubard's. Interpret with care.`,
        },
      });
    }
  }
  const relevantWidth = input.statistic !== 'proportion' || width > rules.relativeWidthFloor;
  const base = Math.abs(input.point);
  if (input.statistic !== 'difference' && relevantWidth && base > 0 && width / base > rules.maxRelativeCiWidth) {
    flags.push({
      code: 'wide-relative-ci',
      severity: 'suppress',
      value: width / base,
      threshold: rules.maxRelativeCiWidth,
      message: {
        zh: `置信区间宽度是估计值的 ${round((width / base) * 100, 0)}%（上限 ${round(rules.maxRelativeCiWidth * 100, 0)}%），相对精度不足。`,
        en: `The confidence interval is ${round((width / base) * 100, 0)} % of the estimate (limit ${round(rules.maxRelativeCiWidth * 100, 0)} %): not precise enough relative to its size.`,
      },
    });
  }
  return flags;
}

/**
 * How to show an estimate. Unreliable estimates are shown with their reason, or hidden when
 * `suppress` is true (the default), so every report says why a number is missing.
 *
 * @example
 * ```ts
 * import type { FormatOptions } from '@kepu/survey';
 * const options: FormatOptions = { lang: 'en', percent: true, digits: 1 };
 * ```
 */
export interface FormatOptions {
  /** @default 'zh' */
  readonly lang?: Lang;
  /** Show as a percentage. @default true for proportions and differences of proportions */
  readonly percent?: boolean;
  /** Decimal places. @default 1 */
  readonly digits?: number;
  /** Replace suppressed estimates by a dash and the reason. @default true */
  readonly suppress?: boolean;
}

/**
 * One line for a report: estimate, interval and any reliability warning, in Chinese or English.
 *
 * @example
 * ```ts
 * import { formatEstimate } from '@kepu/survey';
 * formatEstimate(rate, { lang: 'zh' }); // '12.3%（95% 置信区间 10.1%–14.8%）'
 * ```
 */
export function formatEstimate(
  estimate: ReliabilityInput & {
    readonly flags: readonly ReliabilityFlag[];
    readonly suppressed: boolean;
    readonly isProportion?: boolean;
  },
  options: FormatOptions = {},
): string {
  expectReliabilityInput(estimate, ['estimate']);
  expectFlags(estimate, ['estimate']);
  const o = optionsRecord(options, ['options']);
  if (o.lang !== undefined) expectOneOf(o.lang, ['zh', 'en'], ['options', 'lang']);
  if (o.digits !== undefined) expectNumber(o.digits, ['options', 'digits'], 0, 20, 'use 0 to 20 decimal places');
  const lang = options.lang ?? 'zh';
  const percent = options.percent ?? (estimate.statistic === 'proportion' || estimate.isProportion === true);
  const digits = options.digits ?? 1;
  const show = (x: number) => (percent ? `${(x * 100).toFixed(digits)}%` : x.toFixed(digits));
  const level = `${Math.round(estimate.ci.level * 100)}%`;
  const reasons = estimate.flags
    .map((flag) => flag.message[lang].replace(/[。.]$/, ''))
    .join(lang === 'zh' ? '；' : '; ');
  if (estimate.suppressed && (options.suppress ?? true)) {
    return lang === 'zh' ? `—（不发布：${reasons}）` : `— (suppressed: ${reasons})`;
  }
  const body =
    lang === 'zh'
      ? `${show(estimate.point)}（${level} 置信区间 ${show(estimate.ci.lower)}–${show(estimate.ci.upper)}）`
      : `${show(estimate.point)} (${level} CI ${show(estimate.ci.lower)}–${show(estimate.ci.upper)})`;
  if (estimate.flags.length === 0) return body;
  return lang === 'zh' ? `${body} ⚠ ${reasons}。` : `${body} ⚠ ${reasons}.`;
}
