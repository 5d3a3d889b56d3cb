import type { QuantitativeTarget } from '../../target.js';
import { describeComparator, meetsComparator } from '../attainment.js';
import type { EvaluationContext, TargetForecast } from '../evaluate-target.js';
import { type Explanation, explainerFor, formatNumber as f } from '../explanation.js';
import { trendAt } from '../forecast.js';
import type { TimedValue } from '../trajectory.js';
import { deadlineTime } from './window.js';

/**
 * The forecast of a target once its deadline year is assessed: nothing is projected any more,
 * the value judged is the outcome. `null` before the deadline year, when every cadence projects
 * in its own way. `why` is called only when explaining (the bulk mode builds no text).
 */
export function finalForecast(
  target: QuantitativeTarget,
  context: EvaluationContext,
  value: number,
  meets: boolean,
  why: () => Pick<Explanation, 'formula' | 'inputs' | 'text'>,
): TargetForecast | null {
  if (context.period < target.deadline.year) return null;
  const ex = explainerFor(context.explain);
  return {
    year: target.deadline.year,
    value,
    meets,
    method: 'final',
    explanation: ex.explain(() => ({ rule: 'forecast.final', ...why() })),
  };
}

/**
 * The forecast of a level (by-deadline, every-year): the final value in or after the deadline
 * year when there is one, else the least-squares trend through `points` at the deadline.
 */
export function levelForecast(
  target: QuantitativeTarget,
  points: readonly TimedValue[],
  final: { readonly value: number } | null,
  context: EvaluationContext,
): TargetForecast | null {
  const year = target.deadline.year;
  if (final !== null) {
    const value = final.value;
    const meets = meetsComparator(target.comparator, value);
    const outcome = finalForecast(target, context, value, meets, () => ({
      formula: `${f(value)} ${describeComparator(target.comparator)}? → ${meets}`,
      inputs: { value, deadline: year },
      text: { zh: '已到期限年度：以实际值为结果', en: 'the deadline year is assessed: the value is the outcome' },
    }));
    if (outcome !== null) return outcome;
  }
  const trend = trendAt(points, deadlineTime(target), target.trajectory);
  if (trend === null) return null;
  const meets = meetsComparator(target.comparator, trend.value);
  const ex = explainerFor(context.explain);
  return {
    year,
    value: trend.value,
    meets,
    method: trend.method,
    explanation: ex.explain(() => ({
      rule: `forecast.${trend.method}`,
      formula: `least squares through ${trend.points} points → ${f(trend.value)} at the deadline; ${describeComparator(target.comparator)}? → ${meets}`,
      inputs: { points: trend.points, value: trend.value, deadline: year },
      text: {
        zh: `按 ${trend.points} 个数据点的${trend.method === 'compound-trend' ? '复合增长' : '线性'}趋势外推到期限`,
        en: `the ${trend.method === 'compound-trend' ? 'compound' : 'linear'} trend of ${trend.points} points, extended to the deadline`,
      },
    })),
  };
}
