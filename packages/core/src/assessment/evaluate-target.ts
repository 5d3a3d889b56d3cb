import type { Indicator, QuantitativeTarget, Target } from '../target.js';
import { byDeadline } from './evaluate/by-deadline.js';
import { cumulative } from './evaluate/cumulative.js';
import { everyYear } from './evaluate/every-year.js';
import { withYearConflicts } from './evaluate/explanations.js';
import { evaluateQualitative } from './evaluate/qualitative.js';
import { yearOnYear } from './evaluate/year-on-year.js';
import type { Explanation } from './explanation.js';
import { boundsOf } from './forecast.js';
import type { Observation, ObservedEstimate, PublishedValue } from './observation.js';
import type { Review } from './review.js';
import { type AnnualPoint, annualSeries, categoryMatches } from './series.js';
import type { StatusThresholds, TargetStatus } from './status.js';

// One target's evaluation: the types, and the dispatch to one file per cadence under evaluate/.

/**
 * What an evaluation is about: the assessment period (a year), the cut-off date for observations
 * (`asOf`, ISO date), the plan's first year, and the status thresholds.
 *
 * @example
 * ```ts
 * import type { EvaluationContext } from '@kepu/core';
 * const context: EvaluationContext = { period: 2024, asOf: '2024-12-31', planStart: 2022 };
 * ```
 */
export interface EvaluationContext {
  readonly period: number;
  readonly asOf: string;
  readonly planStart: number;
  /** @default Open SDG's 0.95 / 0.6 / 0 */
  readonly thresholds?: StatusThresholds;
  /**
   * Whether to build explanations; `false` gives the same numbers, each explanation being
   * `NOT_EXPLAINED` (bulk mode).
   * @default true
   */
  readonly explain?: boolean;
}

/**
 * The projected value at the deadline and whether it would meet the target.
 * `method`: `final` when the deadline year has been assessed (the value is the outcome),
 * `linear-trend` / `compound-trend` (least squares through the yearly values and the baseline),
 * `average-flow` (a cumulative target: the average yearly amount so far, continued),
 * `average-growth` (a year-on-year target: the average growth so far).
 *
 * @example
 * ```ts
 * import type { TargetForecast } from '@kepu/core';
 * const f: TargetForecast = { year: 2025, value: 11.2, meets: false, method: 'linear-trend', explanation: why };
 * ```
 */
export interface TargetForecast {
  readonly year: number;
  readonly value: number;
  readonly meets: boolean;
  readonly method: 'final' | 'linear-trend' | 'compound-trend' | 'average-flow' | 'average-growth';
  readonly explanation: Explanation;
}

/**
 * The baseline an evaluation measured from, and where it came from: the plan (`plan`), the
 * first year observed before the current one (`first-observation`, when the plan gives none), the
 * start of a cumulative count (`cumulative-start`, 0 unless the plan says otherwise), or no growth
 * (`no-growth`, for year-on-year targets).
 *
 * @example
 * ```ts
 * import type { BaselineUsed } from '@kepu/core';
 * const b: BaselineUsed = { value: 7.8, year: 2020, source: 'plan' };
 * ```
 */
export interface BaselineUsed {
  readonly value: number;
  readonly year: number | null;
  readonly source: 'plan' | 'first-observation' | 'cumulative-start' | 'no-growth';
}

/**
 * The evaluation of one target for one period: every number with its explanation. Numbers are
 * `null` when they cannot be known, never NaN, never a stand-in 0.
 *
 * - `value`: the value judged — the latest level (`by-deadline`), the period's amount
 *   (`every-year`), the sum since the start (`cumulative-by-deadline`), the growth in percent
 *   over the previous period (`year-on-year-growth`), or the reviewed fraction (qualitative);
 * - `attainment` in [0, 1], from the baseline; `expected`: the value expected at the assessment
 *   date on the target's trajectory; `ratio`: observed ÷ required growth; `status`; `forecast`;
 * - `estimate`: the survey estimate (confidence interval, flags, whether suppressed) of the
 *   observation that made `value`, when exactly one observation carrying an estimate made it
 *   (a county-wide survey rate, or a unit's own); `null` otherwise — a sum of several
 *   estimates, a growth or a cumulative total has another interval, which is not invented;
 * - `published`: present when `value` is a figure published by someone else (a province's survey
 *   rate): its source and interval; `numerator` and `denominator` are then `null`.
 *
 * @example
 * ```ts
 * import { evaluateTarget } from '@kepu/core';
 * const e = evaluateTarget(target, indicator, observations, [], { period: 2024, asOf: '2024-12-31', planStart: 2022 });
 * e.status; // 'needs-acceleration'
 * ```
 */
export interface TargetEvaluation {
  readonly target: string;
  readonly kind: Target['kind'];
  readonly cadence: QuantitativeTarget['cadence'] | null;
  readonly requirement: string;
  readonly value: number | null;
  readonly valueKind: 'level' | 'yearly' | 'cumulative' | 'growth-percent' | 'review' | null;
  readonly valuePeriod: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly estimate: ObservedEstimate | null;
  readonly published?: PublishedValue;
  readonly baseline: BaselineUsed | null;
  readonly met: boolean | null;
  readonly attainment: number | null;
  readonly expected: number | null;
  readonly ratio: number | null;
  readonly status: TargetStatus;
  readonly forecast: TargetForecast | null;
  /** Periods inside the target's window with no observation (a cumulative sum skips them visibly). */
  readonly missingPeriods: readonly number[];
  readonly series: readonly AnnualPoint[];
  readonly explanations: {
    readonly value: Explanation;
    readonly attainment: Explanation | null;
    readonly expected: Explanation | null;
    readonly status: Explanation;
    readonly forecast: Explanation | null;
  };
}

/**
 * Evaluates one target for one period from its observations (quantitative) or reviews
 * (qualitative). Pure: no I/O, no clock, no randomness; the same arguments give the same result.
 *
 * Observations must already be the ones that count for this target (its id or indicator,
 * reported by the units in scope); this function drops those of another category, those after
 * the period and those dated after `asOf`. Reviews must be of this target; only those of the period count.
 *
 * @example
 * ```ts
 * import { evaluateTarget } from '@kepu/core';
 * const e = evaluateTarget(literacyTarget, literacyIndicator, [
 *   { indicator: 'literacy-rate', period: 2023, numerator: 297, denominator: 3000 },
 * ], [], { period: 2023, asOf: '2023-12-31', planStart: 2022 });
 * e.value; // 9.9
 * e.attainment; // 0.5 — from the 7.8 baseline to 12
 * ```
 */
export function evaluateTarget(
  target: Target,
  indicator: Pick<Indicator, 'valueType' | 'temporal' | 'rate'> | undefined,
  observations: readonly Observation[],
  reviews: readonly Review[],
  context: EvaluationContext,
): TargetEvaluation {
  if (target.kind === 'qualitative') return evaluateQualitative(target, reviews, context);
  const asOfKey = context.asOf;
  // An observation that names its target is of that target's category unless it says otherwise.
  const usable = observations
    .map((o) =>
      o.target === target.id && o.category === undefined && target.category ? { ...o, category: target.category } : o,
    )
    .filter(
      (o) =>
        o.period <= context.period &&
        (o.date === undefined || o.date <= asOfKey) &&
        categoryMatches(target.category, o.category),
    );
  const series = annualSeries(target, indicator ?? { valueType: 'number', temporal: 'stock' }, usable);
  return evaluateQuantitative(target, series, context, indicator);
}

/**
 * Evaluates a quantitative target from its annual series (see {@link annualSeries}). Pure. Used by
 * {@link evaluateTarget} and by callers that keep series themselves (incremental assessment).
 * The `indicator`, when given, bounds the forecast (a rate within [0, scale]; see
 * {@link boundsOf}).
 *
 * @example
 * ```ts
 * import { annualSeries, evaluateQuantitative } from '@kepu/core';
 * const e = evaluateQuantitative(target, annualSeries(target, indicator, observations), context, indicator);
 * ```
 */
export function evaluateQuantitative(
  target: QuantitativeTarget,
  allSeries: readonly AnnualPoint[],
  context: EvaluationContext,
  indicator?: Pick<Indicator, 'valueType' | 'rate'>,
): TargetEvaluation {
  const series = allSeries.filter((p) => p.period <= context.period);
  const bounds = boundsOf(indicator);
  switch (target.cadence) {
    case 'by-deadline':
      return byDeadline(target, series, context, bounds);
    case 'every-year':
      return everyYear(target, series, context, bounds);
    case 'year-on-year-growth':
      return withConflicts(yearOnYear(target, series, context));
    case 'cumulative-by-deadline':
      return withConflicts(cumulative(target, series, context));
  }
}

/** A value made of several years shows the years whose reports disagreed (see `formTargetValue`). */
function withConflicts(e: TargetEvaluation): TargetEvaluation {
  const value = withYearConflicts(e.explanations.value, e.series);
  return value === e.explanations.value ? e : { ...e, explanations: { ...e.explanations, value } };
}
