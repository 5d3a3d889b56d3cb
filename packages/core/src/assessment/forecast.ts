import type { Indicator } from '../target.js';
import { finiteOrNull } from './internal/numbers.js';
import type { TimedValue, Trajectory } from './trajectory.js';

/**
 * The values an indicator can take, inclusive: a value is never forecast outside them.
 *
 * @example
 * ```ts
 * import type { ValueBounds } from '@kepu/core';
 * const percent: ValueBounds = { min: 0, max: 100 };
 * ```
 */
export interface ValueBounds {
  /** The least value the indicator can take. */
  readonly min: number;
  /** The greatest value the indicator can take. */
  readonly max: number;
}

/**
 * The bounds an indicator's kind of value sets: a rate (a share of a denominator) lies in
 * [0, scale] — [0, 100] for a percentage, [0, 1000] per mille —, a yes/no value in [0, 1]. Counts,
 * amounts and plugin-defined kinds have no bounds here (`null`). Pure.
 *
 * @example
 * ```ts
 * import { boundsOf } from '@kepu/core';
 * boundsOf({ valueType: 'rate', rate: { numerator: '有辅导员的学校', denominator: '学校', scale: 100 } }); // { min: 0, max: 100 }
 * boundsOf({ valueType: 'number' }); // null
 * ```
 */
export function boundsOf(indicator: Pick<Indicator, 'valueType' | 'rate'> | undefined): ValueBounds | null {
  if (indicator?.valueType === 'rate') return { min: 0, max: indicator.rate?.scale ?? 100 };
  if (indicator?.valueType === 'boolean') return { min: 0, max: 1 };
  return null;
}

/**
 * A least-squares trend through timed values, evaluated at `at`: a straight line, or for
 * compound trajectories a straight line through the logarithms (when every value is positive).
 * `null` with fewer than two distinct times. Never NaN or Infinity. Pure.
 *
 * @example
 * ```ts
 * import { trendAt } from '@kepu/core';
 * trendAt([{ time: 2022, value: 1 }, { time: 2023, value: 2 }], 2025, 'linear'); // { value: 4, method: 'linear-trend', points: 2 }
 * ```
 */
export function trendAt(
  points: readonly TimedValue[],
  at: number,
  trajectory: Trajectory,
): { readonly value: number; readonly method: 'linear-trend' | 'compound-trend'; readonly points: number } | null {
  if (points.length < 2) return null;
  const log = trajectory === 'compound' && points.every((p) => p.value > 0);
  let st = 0;
  let sv = 0;
  for (const p of points) {
    st += p.time;
    sv += log ? Math.log(p.value) : p.value;
  }
  const mt = st / points.length;
  const mv = sv / points.length;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dt = p.time - mt;
    sxx += dt * dt;
    sxy += dt * ((log ? Math.log(p.value) : p.value) - mv);
  }
  if (!(sxx > 1e-12)) return null;
  const fitted = mv + (sxy / sxx) * (at - mt);
  const value = finiteOrNull(log ? Math.exp(fitted) : fitted);
  if (value === null) return null;
  return { value, method: log ? 'compound-trend' : 'linear-trend', points: points.length };
}
