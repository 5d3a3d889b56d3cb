import type { QuantitativeTarget } from '../../target.js';
import { computeAttainment, describeComparator, goalOf, meetsComparator } from '../attainment.js';
import type { BaselineUsed, EvaluationContext, TargetEvaluation } from '../evaluate-target.js';
import { explainerFor, formatNumber as f } from '../explanation.js';
import { timeOfDate } from '../internal/time.js';
import type { AnnualPoint } from '../series.js';
import { DEFAULT_STATUS_THRESHOLDS } from '../status.js';
import { expectedOnTrajectory, type TimedValue } from '../trajectory.js';
import { withBaselineNote } from './explanations.js';
import { finalForecast } from './final-forecast.js';
import { noData } from './no-data.js';
import { dueStatus, statusOf } from './status-of.js';
import { deadlineTime, missingIn, quantitativeFrame, startOf } from './window.js';

/**
 * A `cumulative-by-deadline` target: the count at the start plus every year's additions, years
 * not reported left out visibly; forecast by continuing the average yearly amount. In and after
 * the deadline year it is met or not met.
 */
export function cumulative(
  target: QuantitativeTarget,
  series: readonly AnnualPoint[],
  context: EvaluationContext,
): TargetEvaluation {
  const ex = explainerFor(context.explain);
  const start = startOf(target, context);
  const window = series.filter((p) => p.period >= start);
  if (window.length === 0) return noData(target, series, context, 'cumulative');
  const thresholds = context.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const c = target.comparator;
  const startValue = target.baseline?.value ?? 0;
  let sum = 0;
  for (const p of window) sum += p.value;
  const value = startValue + sum;
  const met = meetsComparator(c, value);
  const baseline: BaselineUsed = {
    value: startValue,
    year: target.baseline?.year ?? null,
    source: target.baseline ? 'plan' : 'cumulative-start',
  };
  const att = computeAttainment(c, value, startValue, ex);
  const base: TimedValue = { time: start, value: startValue };
  const goal: TimedValue = { time: deadlineTime(target), value: goalOf(c, startValue) };
  const expected = expectedOnTrajectory(base, goal, timeOfDate(context.asOf), target.trajectory, ex);
  const last = window.at(-1) as AnnualPoint;
  const status =
    context.period >= target.deadline.year
      ? dueStatus(met, c, value, 'deadline', target.deadline.year, ex)
      : statusOf(met, c, base, { time: last.time, value }, goal, target.trajectory, thresholds, ex);
  const missingPeriods = missingIn(series, start, context.period);
  let forecast = finalForecast(target, context, value, met, () => ({
    formula: `${f(value)} ${describeComparator(c)}? → ${met}`,
    inputs: { value },
    text: {
      zh: '已到期限年度：以累计实际值为结果',
      en: 'the deadline year is assessed: the cumulative value is the outcome',
    },
  }));
  if (forecast === null) {
    const average = sum / window.length;
    const remaining = target.deadline.year - context.period;
    const projected = value + average * remaining;
    const meets = meetsComparator(c, projected);
    forecast = {
      year: target.deadline.year,
      value: projected,
      meets,
      method: 'average-flow',
      explanation: ex.explain(() => ({
        rule: 'forecast.average-flow',
        formula: `${f(value)} + ${f(average)} × ${remaining} = ${f(projected)} → ${meets}`,
        inputs: { value, average, remainingYears: remaining, reportedYears: window.length },
        text: {
          zh: `以已报告 ${window.length} 个年度的年均数量延续到期限`,
          en: `the yearly average of the ${window.length} reported year(s), continued to the deadline`,
        },
      })),
    };
  }
  const refs = window.flatMap((p) => p.refs);
  return {
    ...quantitativeFrame(target, series, context),
    value,
    valueKind: 'cumulative',
    valuePeriod: last.period,
    numerator: null,
    denominator: null,
    estimate: null,
    baseline,
    met,
    attainment: att.attainment,
    expected: expected.value,
    ratio: status.ratio,
    status: status.status,
    forecast,
    explanations: {
      value: ex.explain(() => ({
        rule: 'value.cumulative',
        formula: `${f(startValue)} + ${window.map((p) => `${f(p.value)} (${p.period})`).join(' + ')} = ${f(value)}`,
        inputs: { start: startValue, years: window.length, missing: missingPeriods.join(',') || null },
        refs,
        text: missingPeriods.length
          ? {
              zh: `期初数加各年新增之和；${missingPeriods.join('、')} 年未报告，未计入（不视为 0，特此标明）`,
              en: `the count at the start plus each year's additions; ${missingPeriods.join(', ')} not reported and not counted (marked, not taken as 0)`,
            }
          : { zh: '期初数加各年新增之和', en: 'the count at the start plus each year’s additions' },
      })),
      attainment: withBaselineNote(att.explanation, baseline),
      expected: expected.explanation,
      status: status.explanation,
      forecast: forecast.explanation,
    },
  };
}
