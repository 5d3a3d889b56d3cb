import type { CiMethod, ConfidenceInterval } from './ci.js';
import type { SurveyDesign } from './design.js';
import { estimateOne, prepare } from './internal/estimate-core.js';
import type { ReliabilityFlag, ReliabilityRules } from './reliability.js';

/**
 * What is estimated.
 *
 * @example
 * ```ts
 * import type { Statistic } from '@kepu/survey';
 * const s: Statistic = 'proportion';
 * ```
 */
export type Statistic = 'mean' | 'total' | 'proportion';

/**
 * The simple random sample a design effect compares with: without replacement from a
 * population of Σw (R's `deff = TRUE`, the default) or with replacement (R's `deff = "replace"`).
 *
 * @example
 * ```ts
 * import type { DeffBasis } from '@kepu/survey';
 * const basis: DeffBasis = 'srswr';
 * ```
 */
export type DeffBasis = 'srswor' | 'srswr';

/**
 * Options shared by every estimator.
 *
 * @example
 * ```ts
 * import type { EstimateOptions } from '@kepu/survey';
 * const options: EstimateOptions = { level: 0.9, na: 'exclude', column: 'score' };
 * ```
 */
export interface EstimateOptions {
  /** Restrict to a subgroup (domain); the variance still uses the full design. */
  readonly domain?: ArrayLike<boolean | number | null | undefined>;
  /** @default 0.95 */
  readonly level?: number;
  /** Missing values: refuse (`fail`) or leave those records out of this estimate (`exclude`). @default 'fail' */
  readonly na?: 'fail' | 'exclude';
  /** @default 'srswor' */
  readonly deff?: DeffBasis;
  /** Override reliability thresholds. @default DEFAULT_RELIABILITY */
  readonly reliability?: Partial<ReliabilityRules>;
  /** Name of the variable, for messages. @default 'y' */
  readonly column?: string;
  /** A label carried into the result. */
  readonly label?: string;
}

/**
 * Options for proportions: the estimator options plus the interval method.
 *
 * @example
 * ```ts
 * import type { ProportionOptions } from '@kepu/survey';
 * const options: ProportionOptions = { ci: 'beta' };
 * ```
 */
export interface ProportionOptions extends EstimateOptions {
  /** @default 'logit' */
  readonly ci?: CiMethod;
}

/**
 * A design-based estimate with everything a report needs: point, standard error, interval,
 * degrees of freedom, design effect, sample and effective sample sizes, and reliability flags.
 *
 * @example
 * ```ts
 * import { estimateProportion, type Estimate } from '@kepu/survey';
 * const rate: Estimate = estimateProportion(design, literate);
 * console.log(rate.point, rate.ci.lower, rate.ci.upper, rate.flags);
 * ```
 */
export interface Estimate {
  readonly statistic: Statistic;
  readonly label?: string;
  /** The estimate: a mean, a total or a proportion (0–1). */
  readonly point: number;
  readonly se: number;
  readonly variance: number;
  readonly ci: ConfidenceInterval;
  /** Design degrees of freedom: sampling units minus strata (within the subgroup, as R's degf). */
  readonly df: number;
  /** Design effect against the simple random sample of the chosen basis; null when undefined. */
  readonly deff: number | null;
  /** Respondents used. */
  readonly n: number;
  /** Effective sample size: p(1 − p)/variance for proportions, s²/variance for means. */
  readonly nEffective: number;
  /** Sum of weights of the respondents used (estimated population size). */
  readonly weightSum: number;
  readonly flags: readonly ReliabilityFlag[];
  /** True when a flag says the number should not be shown on its own. */
  readonly suppressed: boolean;
}

/**
 * An estimate for one group of a breakdown.
 *
 * @example
 * ```ts
 * import type { GroupEstimate } from '@kepu/survey';
 * const label = (g: GroupEstimate) => `${g.group}: ${g.point}`;
 * ```
 */
export interface GroupEstimate extends Estimate {
  readonly group: string;
}

/**
 * Design-based mean of `y` (R's `svymean`), with Taylor-linearised standard error, a t interval
 * on the design's degrees of freedom, and the design effect. With `domain`, the mean of a
 * subgroup, its variance computed on the full design. Pure; throws {@link SurveyError} on missing
 * values (unless `na: 'exclude'`) or an empty subgroup.
 *
 * @example
 * ```ts
 * import { designFromRows, estimateMean, columnOf } from '@kepu/survey';
 * const dstrat = designFromRows(apistrat, { strata: 'stype', weight: 'pw', fpc: 'fpc' });
 * const m = estimateMean(dstrat, columnOf(apistrat, 'api00'));
 * m.point; // 662.29
 * m.se; // 9.4089
 * ```
 */
export function estimateMean(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  options: EstimateOptions = {},
): Estimate {
  const prepared = prepare(design, y, options, false);
  return estimateOne(design, prepared, prepared.include, 'mean', options);
}

/**
 * Design-based total of `y` (R's `svytotal`): the estimated population sum.
 *
 * @example
 * ```ts
 * import { estimateTotal } from '@kepu/survey';
 * estimateTotal(dstrat, enroll).point; // 3687178
 * ```
 */
export function estimateTotal(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  options: EstimateOptions = {},
): Estimate {
  const prepared = prepare(design, y, options, false);
  return estimateOne(design, prepared, prepared.include, 'total', options);
}

/**
 * Design-based proportion of a 0/1 (or boolean) indicator, such as "has scientific literacy",
 * with a confidence interval inside [0, 1]: logit by default (R's `svyciprop`), or Wilson,
 * Korn–Graubard (`beta`) or Wald.
 *
 * @example
 * ```ts
 * import { estimateProportion } from '@kepu/survey';
 * const rate = estimateProportion(design, literate, { ci: 'logit' });
 * `${(rate.point * 100).toFixed(1)}% [${rate.ci.lower}, ${rate.ci.upper}]`;
 * ```
 */
export function estimateProportion(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  options: ProportionOptions = {},
): Estimate {
  const prepared = prepare(design, y, options, true);
  return estimateOne(design, prepared, prepared.include, 'proportion', options);
}
