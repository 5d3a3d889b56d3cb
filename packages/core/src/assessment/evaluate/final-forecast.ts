import type { QuantitativeTarget } from '../../target.js';
import { describeComparator, meetsComparator } from '../attainment.js';
import type { EvaluationContext, TargetForecast } from '../evaluate-target.js';
import { type Explanation, explainerFor, formatNumber as f } from '../explanation.js';
import { trendAt, type ValueBounds } from '../forecast.js';
import { clamp } from '../internal/numbers.js';
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
 * year when there is one, else the least-squares trend through `points` at the deadline, kept
 * within the indicator's `bounds` (a share never forecast above 100%, nor below 0).
 */
export function levelForecast(
  target: QuantitativeTarget,
  points: readonly TimedValue[],
  final: { readonly value: number } | null,
  context: EvaluationContext,
  bounds: ValueBounds | null = null,
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
  const value = bounds ? clamp(trend.value, bounds.min, bounds.max) : trend.value;
  const capped = value !== trend.value ? (value === bounds?.max ? 'max' : 'min') : null;
  const meets = meetsComparator(target.comparator, value);
  const ex = explainerFor(context.explain);
  const kind = trend.method === 'compound-trend' ? { zh: '复合增长', en: 'compound' } : { zh: '线性', en: 'linear' };
  return {
    year,
    value,
    meets,
    method: trend.method,
    explanation: ex.explain(() => ({
      rule: `forecast.${trend.method}${capped ? '.bounded' : ''}`,
      formula: capped
        ? `least squares through ${trend.points} points → ${f(trend.value)} at the deadline, kept within [${f(bounds?.min ?? 0)}, ${f(bounds?.max ?? 0)}] → ${f(value)}; ${describeComparator(target.comparator)}? → ${meets}`
        : `least squares through ${trend.points} points → ${f(value)} at the deadline; ${describeComparator(target.comparator)}? → ${meets}`,
      inputs: {
        points: trend.points,
        value,
        deadline: year,
        ...(capped ? { trend: trend.value, min: bounds?.min ?? null, max: bounds?.max ?? null } : {}),
      },
      text: capped
        ? {
            zh: `按 ${trend.points} 个数据点的${kind.zh}趋势外推到期限，趋势值 ${f(trend.value)} 超出可能范围，取${capped === 'max' ? '上限' : '下限'} ${f(value)}（比例不可能超过 ${f(bounds?.max ?? 0)} 或低于 ${f(bounds?.min ?? 0)}）`,
            en: `the ${kind.en} trend of ${trend.points} points, extended to the deadline; the trend's ${f(trend.value)} is impossible, so the ${capped === 'max' ? 'upper' : 'lower'} bound ${f(value)} is taken (a share cannot exceed ${f(bounds?.max ?? 0)} or fall below ${f(bounds?.min ?? 0)})`,
          }
        : {
            zh: `按 ${trend.points} 个数据点的${kind.zh}趋势外推到期限`,
            en: `the ${kind.en} trend of ${trend.points} points, extended to the deadline`,
          },
    })),
  };
}
