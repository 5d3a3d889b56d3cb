import { evaluateTarget } from '../assessment/evaluate-target.js';
import type { Observation } from '../assessment/observation.js';
import type { TargetStatus } from '../assessment/status.js';
import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import { toAssessmentInputs } from './assessment-inputs.js';
import type { EngineState } from './state.js';

/**
 * Where a quantitative target stands on the approved reports: the assessment's own status
 * (`achieved`, `on-track`, `needs-acceleration`, `limited-progress`, `deteriorating`,
 * `insufficient-data`, `no-data`), judged as of the end of the latest year any approved report
 * of the plan covers, with the value it was judged on. It drives `target:achieved` and
 * `target:off-track`, so events and scorecards speak the same language.
 *
 * @example
 * ```ts
 * import type { TargetWatch } from '@kepu/core';
 * const behind = (w: TargetWatch) => ['needs-acceleration', 'limited-progress', 'deteriorating'].includes(w.status);
 * ```
 */
export interface TargetWatch {
  readonly target: string;
  readonly status: TargetStatus;
  /** The year judged, or `null` when nothing is approved yet. */
  readonly period: number | null;
  /** The value the status was judged on (the year's value, the running sum, the growth …). */
  readonly value: number | null;
}

/**
 * The statuses that count as behind for `target:off-track`.
 *
 * @example
 * ```ts
 * import { OFF_TRACK_STATUSES } from '@kepu/core';
 * OFF_TRACK_STATUSES.includes('deteriorating'); // true
 * ```
 */
export const OFF_TRACK_STATUSES: readonly TargetStatus[] = ['needs-acceleration', 'limited-progress', 'deteriorating'];

/**
 * Where the quantitative targets of a plan stand on the approved reports in `state`, evaluated
 * by core's `evaluateTarget` on the same observations an assessment would read
 * ({@link toAssessmentInputs}), as of the end of the latest year any approved report covers.
 * `only` limits the work to some targets. Pure.
 *
 * @example
 * ```ts
 * import { watchTargets } from '@kepu/core';
 * watchTargets(plan, engine.getSnapshot()).get('literacy-rate-2025')?.status; // e.g. 'needs-acceleration'
 * ```
 */
export function watchTargets(plan: Plan, state: EngineState, only?: ReadonlySet<string>): Map<string, TargetWatch> {
  const index = indexPlan(plan);
  let year: number | undefined;
  for (const r of Object.values(state.reports)) {
    if (r.plan !== plan.id || r.status !== 'approved') continue;
    const y = Number(r.period.slice(0, 4));
    if (year === undefined || y > year) year = y;
  }
  const out = new Map<string, TargetWatch>();
  const targets = plan.targets.filter((t) => t.kind === 'quantitative' && (only === undefined || only.has(t.id)));
  if (year === undefined) {
    for (const t of targets) out.set(t.id, { target: t.id, status: 'no-data', period: null, value: null });
    return out;
  }
  const observations = (toAssessmentInputs(plan, state, year).observations ?? []) as Observation[];
  const context = { period: year, asOf: `${year}-12-31`, planStart: plan.meta.period.start };
  for (const target of targets) {
    const mine = observations.filter((o) =>
      o.target !== undefined ? o.target === target.id : o.indicator === target.indicator,
    );
    const evaluation = evaluateTarget(target, index.indicators.get(target.indicator), mine, [], context);
    out.set(target.id, {
      target: target.id,
      status: evaluation.status,
      period: evaluation.valuePeriod,
      value: evaluation.value,
    });
  }
  return out;
}
