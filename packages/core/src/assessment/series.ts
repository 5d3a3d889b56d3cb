import type { FormedReport, ValueConflict } from '../rules/target-value.js';
import type { Indicator, QuantitativeTarget, Target, TargetAggregation } from '../target.js';
import { createBucket, dateKeyOf, finerCategory, pushRow, seriesOf } from './internal/bucket.js';
import type { Observation, ObservedEstimate, PublishedValue } from './observation.js';

/**
 * One period's value of a target, aggregated from its observations.
 *
 * - `value`: the period's value (a rate is `numerator / denominator × scale`);
 * - `numerator`/`denominator`: the sums behind a rate, else `null`;
 * - `time`: when the value holds, in decimal years (a flow at the end of its year; a stock at the
 *   date of its latest observation);
 * - `level`: `county` when county-wide figures were used, `units` when units' figures were summed;
 * - `categories`: `exact` when figures at the target's own category level were used, `summed`
 *   when finer categories were added up;
 * - `refs`: the ids of the observations used (those that have one), listed when at most 20
 *   observations make the value (`count` always says how many did);
 * - `estimate`: the survey estimate (interval and flags) of the one observation that made the
 *   value, when exactly one did and it carries one; absent otherwise;
 * - `published`: where the value was published (source, interval), when the one observation that
 *   made it was published by someone else; the value is then the published figure (a rate has no
 *   numerator or denominator: `null`, never made up);
 * - `aggregation`: the target's declared aggregation rule (absent when it declares none);
 * - `reports`: which reporters' figures formed the value and what became of the others, when
 *   more than one reporter or scope took part;
 * - `conflict`: reports of one fact that disagreed, and which figure was kept.
 *
 * @example
 * ```ts
 * import type { AnnualPoint } from '@kepu/core';
 * const p: AnnualPoint = { period: 2023, value: 9.9, numerator: 297, denominator: 3000, time: 2024, count: 1, level: 'county', categories: 'exact', refs: [] };
 * ```
 */
export interface AnnualPoint {
  readonly period: number;
  readonly value: number;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly time: number;
  readonly count: number;
  readonly level: 'county' | 'units';
  readonly categories: 'exact' | 'summed';
  readonly refs: readonly string[];
  readonly estimate?: ObservedEstimate;
  readonly published?: PublishedValue;
  readonly aggregation?: TargetAggregation['kind'];
  readonly reports?: readonly FormedReport[];
  readonly conflict?: ValueConflict;
}

/**
 * True when an observation's category matches a target's: every dimension the target names has
 * the same category in the observation (an observation may be finer, naming more dimensions).
 * Pure.
 *
 * @example
 * ```ts
 * import { categoryMatches } from '@kepu/core';
 * categoryMatches({ level: 'city' }, { level: 'city', year: 'new' }); // true
 * categoryMatches({ level: 'city' }, undefined); // false
 * ```
 */
export function categoryMatches(
  targetCategory: Readonly<Record<string, string>> | undefined,
  observationCategory: Readonly<Record<string, string>> | undefined,
): boolean {
  if (!targetCategory) return true;
  for (const [dimension, category] of Object.entries(targetCategory)) {
    if (observationCategory?.[dimension] !== category) return false;
  }
  return true;
}

/**
 * Aggregates a target's observations into one value per annual period. Pure; throws a
 * `KepuError` (`duplicate-observation`) when two stock observations of one series share a date.
 *
 * Rules, per period:
 * 1. Each reporter's observations of one series (unit, scope, category) make one figure: a flow
 *    (an amount per period) sums them; a stock (a level) takes the latest.
 * 2. The figures form the value by the target's aggregation rule (see `formTargetValue`): by
 *    default a county-wide figure is the value (reports of it reconciled, never added) and,
 *    without one, the units' own figures are summed; figures at the target's own category level
 *    take precedence over finer categories, which are summed.
 * 3. Rates sum numerators and denominators, then divide: percentages are never averaged. A rate
 *    published by someone else (`published`) is taken as published when it alone makes the
 *    period's value; added to other figures it is refused (`invalid-observation`).
 *    Booleans (0/1) that are stocks take the minimum across units: done only when all did it.
 *
 * The caller passes only observations that match the target and the assessment's cut-off.
 *
 * @example
 * ```ts
 * import { annualSeries } from '@kepu/core';
 * const points = annualSeries(target, indicator, observations);
 * points.at(-1)?.value;
 * ```
 */
export function annualSeries(
  target: Pick<Target, 'id' | 'category'> & Partial<Pick<QuantitativeTarget, 'aggregation' | 'comparator'>>,
  indicator: Pick<Indicator, 'valueType' | 'temporal' | 'rate'>,
  observations: readonly Observation[],
): AnnualPoint[] {
  // Units are numbered in sorted order, so that the canonical order (and so the sums) does not
  // depend on the order of the records.
  const unitIds = [...new Set(observations.map((o) => o.unit).filter((u): u is string => u !== undefined))].sort();
  const unitIndex = new Map(unitIds.map((u, i) => [u, i + 1]));
  const bucket = createBucket();
  let last = Number.NEGATIVE_INFINITY;
  for (const o of observations) {
    pushRow(bucket, {
      period: o.period,
      date: dateKeyOf(o),
      unit: o.unit === undefined ? 0 : (unitIndex.get(o.unit) as number),
      scope: o.scope === undefined ? 0 : o.scope === 'county' ? 1 : 2,
      category: finerCategory(target.category, o.category),
      value: o.value ?? 0,
      numerator: o.numerator ?? 0,
      denominator: o.denominator ?? 0,
      id: o.id,
      estimate: o.estimate,
      published: o.published,
    });
    last = Math.max(last, o.period);
  }
  return seriesOf(bucket, target, indicator, last, 99_991_231, (u) => unitIds[u - 1] ?? String(u));
}
