import type { QuantitativeTarget } from '../../target.js';
import { computeAttainment, goalOf, meetsComparator } from '../attainment.js';
import type { BaselineUsed, EvaluationContext, TargetEvaluation } from '../evaluate-target.js';
import { explainerFor } from '../explanation.js';
import type { ValueBounds } from '../forecast.js';
import { endOfYear, timeOfDate } from '../internal/time.js';
import type { AnnualPoint } from '../series.js';
import { DEFAULT_STATUS_THRESHOLDS } from '../status.js';
import { expectedOnTrajectory, type TimedValue } from '../trajectory.js';
import { valueExplanation, withBaselineNote } from './explanations.js';
import { levelForecast } from './final-forecast.js';
import { noData } from './no-data.js';
import { dueStatus, statusOf } from './status-of.js';
import { deadlineTime, pointFields, quantitativeFrame } from './window.js';

/**
 * A `by-deadline` target (a level to reach by a year): judged on the latest level, measured from
 * the plan's baseline or else the first year observed, forecast along the trend. In and after the
 * deadline year it is met or not met.
 */
export function byDeadline(
  target: QuantitativeTarget,
  series: readonly AnnualPoint[],
  context: EvaluationContext,
  bounds: ValueBounds | null,
): TargetEvaluation {
  const ex = explainerFor(context.explain);
  const current = series.at(-1);
  if (current === undefined) return noData(target, series, context, 'level');
  const thresholds = context.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const c = target.comparator;
  const met = meetsComparator(c, current.value);
  let baseline: BaselineUsed | null = null;
  let base: TimedValue | null = null;
  if (target.baseline) {
    baseline = { value: target.baseline.value, year: target.baseline.year, source: 'plan' };
    base = { time: endOfYear(target.baseline.year), value: target.baseline.value };
  } else {
    const first = series.find((p) => p.period < current.period);
    if (first) {
      baseline = { value: first.value, year: first.period, source: 'first-observation' };
      base = { time: first.time, value: first.value };
    }
  }
  const att = computeAttainment(c, current.value, baseline?.value ?? null, ex);
  const goal: TimedValue = { time: deadlineTime(target), value: goalOf(c, base?.value ?? current.value) };
  const expected = base ? expectedOnTrajectory(base, goal, timeOfDate(context.asOf), target.trajectory, ex) : null;
  const cur: TimedValue = { time: current.time, value: current.value };
  const status =
    context.period >= target.deadline.year
      ? dueStatus(met, c, current.value, 'deadline', target.deadline.year, ex)
      : statusOf(met, c, base, cur, goal, target.trajectory, thresholds, ex);
  const points: TimedValue[] = [];
  if (target.baseline) points.push({ time: endOfYear(target.baseline.year), value: target.baseline.value });
  for (const p of series) points.push({ time: p.time, value: p.value });
  const forecast = levelForecast(target, points, current, context, bounds);
  return {
    ...quantitativeFrame(target, series, context),
    ...pointFields(current),
    valueKind: 'level',
    baseline,
    met,
    attainment: att.attainment,
    expected: expected?.value ?? null,
    ratio: status.ratio,
    status: status.status,
    forecast,
    explanations: {
      value: valueExplanation(current, 'latest-level', ex),
      attainment: withBaselineNote(att.explanation, baseline),
      expected: expected?.explanation ?? null,
      status: status.explanation,
      forecast: forecast?.explanation ?? null,
    },
  };
}
