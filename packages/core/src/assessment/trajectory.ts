import { EXPLAINING, type Explainer, type Explanation, formatNumber as f } from './explanation.js';
import { clamp, finiteOrNull, nearlyEqual } from './internal/numbers.js';

/**
 * A value at a time, in decimal years (an annual value is taken at the end of its year:
 * 2023 → 2024.0).
 *
 * @example
 * ```ts
 * import type { TimedValue } from '@kepu/core';
 * const baseline: TimedValue = { time: 2021, value: 7.8 }; // the 2020 value
 * ```
 */
export interface TimedValue {
  readonly time: number;
  readonly value: number;
}

/**
 * How the expected value moves from the baseline to the goal: a straight line, or compound
 * (constant percentage) growth.
 *
 * @example
 * ```ts
 * import type { Trajectory } from '@kepu/core';
 * const t: Trajectory = 'compound';
 * ```
 */
export type Trajectory = 'linear' | 'compound';

/** Compound growth needs positive values at both ends; otherwise the straight line is used. */
function compoundApplies(trajectory: Trajectory, ...values: number[]): boolean {
  return trajectory === 'compound' && values.every((v) => v > 0);
}

/**
 * The value expected at time `at` on the way from `base` to `goal`. Before the base it is the
 * base value; after the goal's time it is the goal. Compound growth falls back to linear when the
 * base or the goal is not positive (a target of 0, for instance), and says so. Pure.
 *
 * @example
 * ```ts
 * import { expectedOnTrajectory } from '@kepu/core';
 * expectedOnTrajectory({ time: 2021, value: 7.8 }, { time: 2026, value: 12 }, 2024, 'linear').value; // 10.32
 * ```
 */
export function expectedOnTrajectory(
  base: TimedValue,
  goal: TimedValue,
  at: number,
  trajectory: Trajectory,
  explainer: Explainer = EXPLAINING,
): { readonly value: number; readonly explanation: Explanation } {
  const span = goal.time - base.time;
  const share = span > 0 ? clamp((at - base.time) / span, 0, 1) : 1;
  const inputs = { base: base.value, baseTime: base.time, goal: goal.value, goalTime: goal.time, at, share };
  if (compoundApplies(trajectory, base.value, goal.value)) {
    const value = finiteOrNull(base.value * (goal.value / base.value) ** share) ?? goal.value;
    return {
      value,
      explanation: explainer.explain(() => ({
        rule: 'expected.compound',
        formula: `${f(base.value)} × (${f(goal.value)} / ${f(base.value)})^${f(share)} = ${f(value)}`,
        inputs,
        text: {
          zh: `按复合增长轨迹，评估日应达到的数值（已过时间占比 ${f(share)}）`,
          en: `the value expected on a compound-growth path at the assessment date (share of time elapsed ${f(share)})`,
        },
      })),
    };
  }
  const value = base.value + (goal.value - base.value) * share;
  const fallback = trajectory === 'compound';
  return {
    value,
    explanation: explainer.explain(() => ({
      rule: fallback ? 'expected.linear-fallback' : 'expected.linear',
      formula: `${f(base.value)} + (${f(goal.value)} − ${f(base.value)}) × ${f(share)} = ${f(value)}`,
      inputs,
      text: fallback
        ? {
            zh: '基线或目标值不为正数，复合增长无定义，改按直线轨迹计算应达到的数值',
            en: 'compound growth is undefined for a baseline or goal that is not positive; the straight line is used',
          }
        : {
            zh: `按直线轨迹，评估日应达到的数值（已过时间占比 ${f(share)}）`,
            en: `the value expected on a straight line at the assessment date (share of time elapsed ${f(share)})`,
          },
    })),
  };
}

/**
 * Open SDG's progress measure: the observed growth rate since the base divided by the growth rate
 * required to reach the goal by its time. Linear trajectories compare average yearly changes;
 * compound ones compare compound annual growth rates (CAGR), falling back to linear when a value
 * is not positive.
 *
 * `ratio` is `null` (and `reason` says why) when it cannot be measured: no time has passed since
 * the base (`no-time-elapsed`), the goal's time is not after the base (`no-time-to-goal`), or the
 * base already equals the goal (`base-at-goal`). Never NaN or Infinity. Pure.
 *
 * @example
 * ```ts
 * import { growthRatio } from '@kepu/core';
 * growthRatio({ time: 2021, value: 7.8 }, { time: 2024, value: 9.6 }, { time: 2026, value: 12 }, 'linear').ratio; // ≈ 0.714
 * ```
 */
export function growthRatio(
  base: TimedValue,
  current: TimedValue,
  goal: TimedValue,
  trajectory: Trajectory,
  explainer: Explainer = EXPLAINING,
): {
  readonly ratio: number | null;
  readonly observed: number | null;
  readonly required: number | null;
  readonly reason: 'no-time-elapsed' | 'no-time-to-goal' | 'base-at-goal' | null;
  readonly explanation: Explanation;
} {
  const elapsed = current.time - base.time;
  const horizon = goal.time - base.time;
  const inputs = {
    base: base.value,
    baseTime: base.time,
    current: current.value,
    currentTime: current.time,
    goal: goal.value,
    goalTime: goal.time,
  };
  if (!(elapsed > 1e-9)) {
    return {
      ratio: null,
      observed: null,
      required: null,
      reason: 'no-time-elapsed',
      explanation: explainer.explain(() => ({
        rule: 'ratio.no-time-elapsed',
        formula: `elapsed ${f(elapsed)} years → no growth rate`,
        inputs,
        text: { zh: '自基线以来没有经过时间，无法计算增长率', en: 'no time has passed since the base: no growth rate' },
      })),
    };
  }
  if (!(horizon > 1e-9)) {
    return {
      ratio: null,
      observed: null,
      required: null,
      reason: 'no-time-to-goal',
      explanation: explainer.explain(() => ({
        rule: 'ratio.no-time-to-goal',
        formula: `horizon ${f(horizon)} years → no required rate`,
        inputs,
        text: {
          zh: '目标期限不晚于基线，无法计算所需增长率',
          en: 'the deadline is not after the base: no required rate',
        },
      })),
    };
  }
  const compound = compoundApplies(trajectory, base.value, goal.value) && current.value >= 0;
  const observed = compound
    ? (current.value / base.value) ** (1 / elapsed) - 1
    : (current.value - base.value) / elapsed;
  const required = compound ? (goal.value / base.value) ** (1 / horizon) - 1 : (goal.value - base.value) / horizon;
  if (nearlyEqual(goal.value, base.value) || Math.abs(required) < 1e-12) {
    return {
      ratio: null,
      observed: finiteOrNull(observed),
      required: 0,
      reason: 'base-at-goal',
      explanation: explainer.explain(() => ({
        rule: 'ratio.base-at-goal',
        formula: `required rate 0 (base ${f(base.value)} = goal ${f(goal.value)})`,
        inputs,
        text: {
          zh: '基线已等于目标值，所需增长率为 0',
          en: 'the base already equals the goal: the required rate is 0',
        },
      })),
    };
  }
  const ratio = finiteOrNull(observed / required);
  const rates = compound
    ? `((${f(current.value)} / ${f(base.value)})^(1/${f(elapsed)}) − 1) / ((${f(goal.value)} / ${f(base.value)})^(1/${f(horizon)}) − 1)`
    : `((${f(current.value)} − ${f(base.value)}) / ${f(elapsed)}) / ((${f(goal.value)} − ${f(base.value)}) / ${f(horizon)})`;
  return {
    ratio,
    observed: finiteOrNull(observed),
    required: finiteOrNull(required),
    reason: null,
    explanation: explainer.explain(() => ({
      rule: compound ? 'ratio.compound' : trajectory === 'compound' ? 'ratio.linear-fallback' : 'ratio.linear',
      formula: `${rates} = ${f(ratio)}`,
      inputs,
      text: compound
        ? {
            zh: '实际年均复合增长率 ÷ 达标所需年均复合增长率',
            en: 'observed compound annual growth rate ÷ the rate required',
          }
        : {
            zh: '实际年均变化量 ÷ 达标所需年均变化量',
            en: 'observed average yearly change ÷ the change required per year',
          },
    })),
  };
}
