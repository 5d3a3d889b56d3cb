import { withCustomValues } from '../assessment/assess.js';
import { evaluateTarget } from '../assessment/evaluate-target.js';
import type { Observation } from '../assessment/observation.js';
import type { TargetStatus } from '../assessment/status.js';
import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import { approvedReports, observationsOf } from './assessment-inputs.js';
import { type EngineEffect, eventEffect } from './effects.js';
import type { EngineState, ProgressReport } from './state.js';
import type { TargetWatchOptions } from './transition-context.js';

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
export const OFF_TRACK_STATUSES: readonly TargetStatus[] = [
  'needs-acceleration',
  'limited-progress',
  'deteriorating',
  'not-achieved',
];

/**
 * Where the quantitative targets of a plan stand on the approved reports in `state`, evaluated
 * by core's `evaluateTarget` on the same observations an assessment would read
 * ({@link toAssessmentInputs}), as of the end of the latest year any approved report covers.
 * `only` limits the work to some targets; `options` gives the scheme's status thresholds and the
 * plugins' target kinds (defaults: Open SDG's thresholds, no custom kinds). Pure.
 *
 * @example
 * ```ts
 * import { watchTargets } from '@kepu/core/engine';
 * watchTargets(plan, engine.getSnapshot()).get('literacy-rate-2025')?.status; // e.g. 'needs-acceleration'
 * ```
 */
export function watchTargets(
  plan: Plan,
  state: EngineState,
  only?: ReadonlySet<string>,
  options: TargetWatchOptions = {},
): Map<string, TargetWatch> {
  return judge(plan, approvedReports(plan, state, Number.POSITIVE_INFINITY), only, options);
}

/** The watches of the targets in `only` on these approved reports (see {@link watchTargets}). */
function judge(
  plan: Plan,
  approved: readonly ProgressReport[],
  only: ReadonlySet<string> | undefined,
  options: TargetWatchOptions,
): Map<string, TargetWatch> {
  const index = indexPlan(plan);
  let year: number | undefined;
  for (const r of approved) {
    const y = Number(r.period.slice(0, 4));
    if (year === undefined || y > year) year = y;
  }
  const out = new Map<string, TargetWatch>();
  const targets = plan.targets.filter((t) => t.kind === 'quantitative' && (only === undefined || only.has(t.id)));
  if (year === undefined) {
    for (const t of targets) out.set(t.id, { target: t.id, status: 'no-data', period: null, value: null });
    return out;
  }
  const observations = withKinds(plan, observationsOf(approved), options);
  const context = {
    period: year,
    asOf: `${year}-12-31`,
    planStart: plan.meta.period.start,
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
  };
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

/** Observations of plugin-defined kinds turned into numbers, as the assessment does. */
function withKinds(plan: Plan, observations: Observation[], options: TargetWatchOptions): Observation[] {
  try {
    return (withCustomValues(plan, { observations }, options.targetKinds ?? []).observations ?? []) as Observation[];
  } catch {
    // A code the kinds refuse was refused when it was recorded; judge as without the kinds.
    return observations;
  }
}

/**
 * The target events an approval causes: for each quantitative target the approved report
 * measures, its watch before and after the approval (one scan of the plan's approved reports,
 * judged with the scheme's thresholds and the plugins' kinds): `target:achieved` when it reached
 * its threshold, `target:off-track` when it fell behind from a better or unknown status. Pure.
 *
 * @example
 * ```ts
 * import { targetChanges } from '@kepu/core';
 * targetChanges(plan, engine.getSnapshot(), report).map((e) => e.kind === 'event' && e.event);
 * ```
 */
export function targetChanges(
  plan: Plan,
  after: EngineState,
  report: ProgressReport,
  options: TargetWatchOptions = {},
): EngineEffect[] {
  const observed = report.revisions.at(-1)?.observations ?? [];
  if (observed.length === 0) return [];
  // Only the targets this report measures can change status.
  const only = new Set<string>();
  for (const o of observed) {
    if (o.target !== undefined) only.add(o.target);
    else for (const t of plan.targets) if (t.indicator === o.indicator) only.add(t.id);
  }
  const approved = approvedReports(plan, after, Number.POSITIVE_INFINITY);
  const was = judge(
    plan,
    approved.filter((r) => r.id !== report.id),
    only,
    options,
  );
  const effects: EngineEffect[] = [];
  for (const [target, watch] of judge(plan, approved, only, options)) {
    const previous = was.get(target)?.status ?? 'no-data';
    if (watch.status === previous) continue;
    if (watch.status === 'achieved') {
      effects.push(eventEffect('target:achieved', { plan: plan.id, target, watch, previous }));
    } else if (OFF_TRACK_STATUSES.includes(watch.status) && !OFF_TRACK_STATUSES.includes(previous)) {
      effects.push(eventEffect('target:off-track', { plan: plan.id, target, watch, previous }));
    }
  }
  return effects;
}
