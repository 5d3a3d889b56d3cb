import type { QuantitativeTarget, Target } from '../../target.js';
import { describeComparator } from '../attainment.js';
import type { EvaluationContext } from '../evaluate-target.js';
import { endOfYear, timeOfDate } from '../internal/time.js';
import type { AnnualPoint } from '../series.js';

// Where a target's window lies in time: its start year, its deadline, the years inside it.

/** The deadline as a time: its date when the plan gives one, else the end of its year. */
export function deadlineTime(target: Target): number {
  return target.deadline.date ? timeOfDate(target.deadline.date) : endOfYear(target.deadline.year);
}

/** The first year a target is measured over: its own start year, else the plan's. */
export function startOf(target: Target, context: EvaluationContext): number {
  return target.startYear ?? context.planStart;
}

/** The years from `from` to `to` with no point in the series. */
export function missingIn(series: readonly AnnualPoint[], from: number, to: number): number[] {
  const have = new Set(series.map((p) => p.period));
  const out: number[] = [];
  for (let y = from; y <= to; y++) if (!have.has(y)) out.push(y);
  return out;
}

/**
 * What every evaluation of a quantitative target says first, whatever its cadence: which target,
 * its requirement, the years in its window with nothing reported, and the series it was judged on.
 */
export function quantitativeFrame(
  target: QuantitativeTarget,
  series: readonly AnnualPoint[],
  context: EvaluationContext,
  requirement = describeComparator(target.comparator),
) {
  return {
    target: target.id,
    kind: 'quantitative',
    cadence: target.cadence,
    requirement,
    missingPeriods: missingIn(series, startOf(target, context), context.period),
    series,
  } as const;
}

/** The fields a year's point gives an evaluation: its figure, year, fraction, estimate, published source. */
export function pointFields(point: AnnualPoint) {
  return {
    value: point.value,
    valuePeriod: point.period,
    numerator: point.numerator,
    denominator: point.denominator,
    estimate: point.estimate ?? null,
    ...(point.published === undefined ? {} : { published: point.published }),
  };
}
