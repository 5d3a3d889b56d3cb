import type { Target } from '../../target.js';
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
