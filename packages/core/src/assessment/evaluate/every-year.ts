import type { QuantitativeTarget } from '../../target.js';
import { computeAttainment, describeComparator, goalOf, meetsComparator } from '../attainment.js';
import type { BaselineUsed, EvaluationContext, TargetEvaluation } from '../evaluate-target.js';
import { explainerFor, formatNumber as f } from '../explanation.js';
import type { ValueBounds } from '../forecast.js';
import type { AnnualPoint } from '../series.js';
import { valueExplanation } from './explanations.js';
import { levelForecast } from './final-forecast.js';
import { noData } from './no-data.js';
import { dueStatus } from './status-of.js';
import { pointFields, quantitativeFrame, startOf } from './window.js';

/**
 * An `every-year` target: judged on the period's own value, against the goal of every year; its
 * status is met (`achieved`) or not met (`not-achieved`) in each year.
 */
export function everyYear(
  target: QuantitativeTarget,
  series: readonly AnnualPoint[],
  context: EvaluationContext,
  bounds: ValueBounds | null,
): TargetEvaluation {
  const ex = explainerFor(context.explain);
  const current = series.find((p) => p.period === context.period);
  if (current === undefined) {
    return noData(target, series, context, 'yearly', {
      zh: `${context.period} 年没有监测数据（逐年目标只看本年度）：显示为“无数据”，不作为 0 处理`,
      en: `nothing observed for ${context.period} (a yearly target is judged on its own year): shown as no data, never as 0`,
    });
  }
  const c = target.comparator;
  const met = meetsComparator(c, current.value);
  const baseline: BaselineUsed | null = target.baseline
    ? { value: target.baseline.value, year: target.baseline.year, source: 'plan' }
    : null;
  const att = computeAttainment(c, current.value, baseline?.value ?? null, ex);
  const goalValue = goalOf(c, baseline?.value ?? current.value);
  // An obligation of every year is met or not met in each year: never a share of time elapsed,
  // never a growth ratio from the year before.
  const status = dueStatus(met, c, current.value, 'every-year', target.deadline.year, ex);
  const yearsMet = series
    .filter((p) => p.period >= startOf(target, context))
    .map((p) => `${p.period}:${meetsComparator(c, p.value) ? 'met' : 'not met'}`);
  const forecast = levelForecast(
    target,
    series.map((p) => ({ time: p.time, value: p.value })),
    current,
    context,
    bounds,
  );
  return {
    ...quantitativeFrame(target, series, context),
    ...pointFields(current),
    valueKind: 'yearly',
    baseline,
    met,
    attainment: att.attainment,
    expected: goalValue,
    ratio: status.ratio,
    status: status.status,
    forecast,
    explanations: {
      value: ex.explain(() => {
        const why = valueExplanation(current, 'yearly', ex);
        return { ...why, inputs: { ...why.inputs, history: yearsMet.join(' ') } };
      }),
      attainment: att.explanation,
      expected: ex.explain(() => ({
        rule: 'expected.every-year',
        formula: `${describeComparator(c)} every year → ${f(goalValue)}`,
        inputs: { goal: goalValue },
        text: { zh: '逐年目标：每年都应达到的数值', en: 'a yearly target: the value required in every year' },
      })),
      status: status.explanation,
      forecast: forecast?.explanation ?? null,
    },
  };
}
