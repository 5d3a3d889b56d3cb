import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import type { Comparator, QuantitativeTarget } from '../target.js';
import { periodBounds } from './period.js';
import type { EngineState, ProgressReport } from './state.js';

/**
 * Where a quantitative target stands on the approved reports, as far as the engine's events
 * need to know: `achieved`, `on-track`, `off-track` (behind the pace needed to reach it by the
 * deadline, or missed in its latest year), `insufficient-data` (a value, but no trend to judge), or
 * `no-data` (nothing approved yet). The full status with its explanation is
 * the assessment's; this is the coarse signal that drives `target:achieved` and
 * `target:off-track`.
 *
 * @example
 * ```ts
 * import type { TargetWatch } from '@kepu/core';
 * const behind = (w: TargetWatch) => w.status === 'off-track';
 * ```
 */
export interface TargetWatch {
  readonly target: string;
  readonly status: 'achieved' | 'on-track' | 'off-track' | 'insufficient-data' | 'no-data';
  /** The latest year with a value, and that value (the cumulative sum for cumulative targets). */
  readonly year?: number;
  readonly value?: number;
}

function meets(c: Comparator, v: number): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(v));
  switch (c.op) {
    case 'gte':
      return v >= c.value - eps;
    case 'gt':
      return v > c.value + eps;
    case 'lte':
      return v <= c.value + eps;
    case 'lt':
      return v < c.value - eps;
    case 'eq':
      return Math.abs(v - c.value) <= eps;
    case 'range':
      return v >= c.min - eps && v <= c.max + eps;
  }
}

const goal = (c: Comparator, from: number) => (c.op !== 'range' ? c.value : from < c.min ? c.min : c.max);

/**
 * The value of each year of a target from approved reports. Rates sum numerators and
 * denominators across units (a value-only rate counts when no unit gave the parts); numbers sum
 * across units, and a unit reporting a stock more than once in a year counts with its latest
 * sub-period.
 */
function yearlyValues(plan: Plan, target: QuantitativeTarget, reports: readonly ProgressReport[]): Map<number, number> {
  const indicator = indexPlan(plan).indicators.get(target.indicator);
  if (!indicator) return new Map();
  type Acc = { num: number; den: number; values: number[]; byUnit: Map<string, { end: string; value: number }> };
  const years = new Map<number, Acc>();
  for (const report of reports) {
    const revision = report.revisions.at(-1);
    if (!revision) continue;
    const { year, end } = periodBounds(report.period);
    for (const o of revision.observations) {
      const indicatorId =
        o.indicator ?? (o.target === undefined ? undefined : indexPlan(plan).targets.get(o.target)?.indicator);
      if (o.target !== undefined ? o.target !== target.id : indicatorId !== target.indicator) continue;
      if (o.target === undefined) {
        const wanted = Object.entries(target.category ?? {});
        if (wanted.some(([d, c]) => o.category?.[d] !== c)) continue;
      }
      const acc: Acc = years.get(year) ?? { num: 0, den: 0, values: [], byUnit: new Map() };
      years.set(year, acc);
      if (o.numerator !== undefined && o.denominator !== undefined) {
        acc.num += o.numerator;
        acc.den += o.denominator;
      } else if (o.value !== undefined) {
        if (indicator.temporal === 'stock') {
          const at = o.date ?? end;
          const previous = acc.byUnit.get(report.unit);
          if (!previous || previous.end <= at) acc.byUnit.set(report.unit, { end: at, value: o.value });
        } else acc.values.push(o.value);
      }
    }
  }
  const out = new Map<number, number>();
  for (const [year, acc] of years) {
    if (indicator.valueType === 'rate') {
      if (acc.den > 0) out.set(year, (acc.num / acc.den) * (indicator.rate?.scale ?? 100));
      else {
        const values = [...acc.byUnit.values()].map((x) => x.value).concat(acc.values);
        if (values.length > 0) out.set(year, values.reduce((a, b) => a + b, 0) / values.length);
      }
    } else {
      const sum = [...acc.byUnit.values()].reduce((a, x) => a + x.value, 0) + acc.values.reduce((a, b) => a + b, 0);
      out.set(year, sum);
    }
  }
  return out;
}

/**
 * Where every quantitative target of a plan stands on the approved reports in `state`. Pure.
 *
 * - `by-deadline`: achieved when the latest value meets the target; otherwise on track when the
 *   growth since the baseline (or the first year observed) is at least 95% of the growth needed
 *   to reach the target by its deadline (Open SDG's ratio), off track below that or after the
 *   deadline;
 * - `cumulative-by-deadline`: the same on the running sum since the start year;
 * - `every-year`: off track when the latest year misses; achieved when every observed year meets
 *   it and the deadline year is observed;
 * - `year-on-year-growth`: the comparator applies to the change against the previous year observed.
 *
 * @example
 * ```ts
 * import { watchTargets } from '@kepu/core';
 * watchTargets(plan, engine.getSnapshot()).get('literacy-rate-2025')?.status;
 * ```
 */
export function watchTargets(plan: Plan, state: EngineState): Map<string, TargetWatch> {
  const approved = Object.values(state.reports).filter((r) => r.plan === plan.id && r.status === 'approved');
  const out = new Map<string, TargetWatch>();
  for (const target of plan.targets) {
    if (target.kind !== 'quantitative') continue;
    out.set(target.id, watchOne(plan, target, yearlyValues(plan, target, approved)));
  }
  return out;
}

function watchOne(plan: Plan, target: QuantitativeTarget, values: Map<number, number>): TargetWatch {
  const years = [...values.keys()].sort((a, b) => a - b);
  const last = years.at(-1);
  if (last === undefined) return { target: target.id, status: 'no-data' };
  const value = values.get(last) as number;
  const deadline = target.deadline.year;
  const c = target.comparator;
  const result = (status: TargetWatch['status'], v = value): TargetWatch => ({
    target: target.id,
    status,
    year: last,
    value: v,
  });
  switch (target.cadence) {
    case 'every-year': {
      if (!meets(c, value)) return result('off-track');
      const all = years.every((y) => meets(c, values.get(y) as number));
      return result(all && last >= deadline ? 'achieved' : 'on-track');
    }
    case 'year-on-year-growth': {
      if (years.length < 2) return result('insufficient-data');
      const changes = years
        .slice(1)
        .map((y, i) => (values.get(y) as number) - (values.get(years[i] as number) as number));
      if (!meets(c, changes.at(-1) as number)) return result('off-track');
      return result(last >= deadline && changes.every((d) => meets(c, d)) ? 'achieved' : 'on-track');
    }
    case 'cumulative-by-deadline': {
      const start = target.startYear ?? plan.meta.period.start;
      const base = target.baseline?.value ?? 0;
      const sum =
        base + years.filter((y) => y >= start && y <= last).reduce((a, y) => a + (values.get(y) as number), 0);
      if (meets(c, sum)) return result('achieved', sum);
      if (last >= deadline) return result('off-track', sum);
      const g = goal(c, sum);
      const expected = base + (g - base) * ((last - start + 1) / (deadline - start + 1));
      const needed = expected - base;
      const ratio = needed === 0 ? 1 : (sum - base) / needed;
      return result(ratio >= 0.95 ? 'on-track' : 'off-track', sum);
    }
    case 'by-deadline': {
      if (meets(c, value)) return result('achieved');
      if (last >= deadline) return result('off-track');
      const first = years[0] as number;
      const baseline =
        target.baseline ?? (first < last ? { value: values.get(first) as number, year: first } : undefined);
      if (!baseline || baseline.year >= last) return result('insufficient-data');
      const g = goal(c, baseline.value);
      const required = (g - baseline.value) / (deadline - baseline.year);
      const observed = (value - baseline.value) / (last - baseline.year);
      const ratio = required === 0 ? 0 : observed / required;
      return result(ratio >= 0.95 ? 'on-track' : 'off-track');
    }
  }
}
