import { createIssue, KepuError } from '../errors.js';
import type { Indicator, Target } from '../target.js';
import { dateKey, endOfYear, lastDayOf, timeOfDate } from './internal/time.js';
import type { Observation } from './observation.js';

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
 * - `refs`: the ids of the observations used (those that have one).
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
}

function categoryKey(category: Readonly<Record<string, string>> | undefined): string {
  if (!category) return '';
  const keys = Object.keys(category).sort();
  return keys.map((k) => `${k}=${category[k]}`).join(',');
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

function compareObservations(a: Observation, b: Observation): number {
  const ka = `${a.unit ?? ''}|${categoryKey(a.category)}|${a.date ?? ''}|${a.id ?? ''}`;
  const kb = `${b.unit ?? ''}|${categoryKey(b.category)}|${b.date ?? ''}|${b.id ?? ''}`;
  if (ka !== kb) return ka < kb ? -1 : 1;
  return (
    (a.value ?? 0) - (b.value ?? 0) ||
    (a.numerator ?? 0) - (b.numerator ?? 0) ||
    (a.denominator ?? 0) - (b.denominator ?? 0)
  );
}

function isExact(targetCategory: Readonly<Record<string, string>> | undefined, o: Observation): boolean {
  const own = o.category ? Object.keys(o.category).length : 0;
  const wanted = targetCategory ? Object.keys(targetCategory).length : 0;
  return own === wanted;
}

/**
 * Aggregates a target's observations into one value per annual period. Pure; throws a
 * `KepuError` (`duplicate-observation`) when two stock observations of one series share a date.
 *
 * Rules, per period:
 * 1. County-wide figures (no `unit`) take precedence; without them the units' figures are summed.
 * 2. Figures at the target's own category level take precedence; without them finer categories
 *    are summed.
 * 3. A flow (an amount per period) sums every observation of the period; a stock (a level) takes,
 *    for each unit and category, the latest observation of the period, then sums across them.
 * 4. Rates sum numerators and denominators, then divide: percentages are never averaged.
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
  target: Pick<Target, 'id' | 'category'>,
  indicator: Pick<Indicator, 'valueType' | 'temporal' | 'rate'>,
  observations: readonly Observation[],
): AnnualPoint[] {
  const byPeriod = new Map<number, Observation[]>();
  for (const o of observations) {
    const list = byPeriod.get(o.period);
    if (list) list.push(o);
    else byPeriod.set(o.period, [o]);
  }
  const periods = [...byPeriod.keys()].sort((a, b) => a - b);
  const points: AnnualPoint[] = [];
  for (const period of periods) {
    const all = byPeriod.get(period) as Observation[];
    const county = all.filter((o) => o.unit === undefined);
    const levelled = county.length > 0 ? county : all;
    const exact = levelled.filter((o) => isExact(target.category, o));
    const chosen = exact.length > 0 ? exact : levelled;
    points.push(aggregate(target, indicator, period, chosen, county.length > 0 ? 'county' : 'units', exact.length > 0));
  }
  return points;
}

function aggregate(
  target: Pick<Target, 'id' | 'category'>,
  indicator: Pick<Indicator, 'valueType' | 'temporal' | 'rate'>,
  period: number,
  chosen: readonly Observation[],
  level: 'county' | 'units',
  exact: boolean,
): AnnualPoint {
  let used: readonly Observation[] = chosen;
  let time = endOfYear(period);
  if (indicator.temporal === 'stock') {
    const latest = new Map<string, Observation>();
    for (const o of chosen) {
      const key = `${o.unit ?? ''}|${categoryKey(o.category)}`;
      const held = latest.get(key);
      if (held === undefined) {
        latest.set(key, o);
        continue;
      }
      const a = dateKey(o.date ?? lastDayOf(o.period));
      const b = dateKey(held.date ?? lastDayOf(held.period));
      if (a === b) {
        throw new KepuError([
          createIssue('duplicate-observation', ['observations'], {
            target: target.id,
            date: o.date ?? lastDayOf(o.period),
            unit: o.unit ?? '(county)',
            category: categoryKey(o.category) || '(total)',
          }),
        ]);
      }
      if (a > b) latest.set(key, o);
    }
    used = [...latest.values()];
    let last = 0;
    for (const o of used) last = Math.max(last, dateKey(o.date ?? lastDayOf(o.period)));
    const text = String(last);
    time = timeOfDate(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`);
  }
  // A total order on content, so sums (floating point is not associative) and the list of refs
  // are the same whatever order the records came in.
  used = [...used].sort(compareObservations);
  const refs = used.map((o) => o.id).filter((id): id is string => id !== undefined);
  if (indicator.valueType === 'rate') {
    let numerator = 0;
    let denominator = 0;
    for (const o of used) {
      numerator += o.numerator ?? 0;
      denominator += o.denominator ?? 0;
    }
    const scale = indicator.rate?.scale ?? 100;
    const value = denominator > 0 ? (numerator / denominator) * scale : 0;
    return {
      period,
      value,
      numerator,
      denominator,
      time,
      count: used.length,
      level,
      categories: exact ? 'exact' : 'summed',
      refs,
    };
  }
  let value = 0;
  if (indicator.valueType === 'boolean' && indicator.temporal === 'stock') {
    value = 1;
    for (const o of used) value = Math.min(value, o.value ?? 0);
  } else {
    for (const o of used) value += o.value ?? 0;
  }
  return {
    period,
    value,
    numerator: null,
    denominator: null,
    time,
    count: used.length,
    level,
    categories: exact ? 'exact' : 'summed',
    refs,
  };
}
