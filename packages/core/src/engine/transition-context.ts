import type { StatusThresholds } from '../assessment/status.js';
import type { KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import type { TargetKindDefinition } from '../plugin/target-kind.js';
import type { SchemeCheck } from './assessment-inputs.js';
import type { ResolvedReporting } from './period.js';
import type { EngineState, ProgressReport, ReportRevision } from './state.js';

/**
 * What a report-validation hook sees: the plan, the report as it would be after the command,
 * and the state before it. Everything is frozen.
 *
 * @example
 * ```ts
 * import type { ReportValidationInput } from '@kepu/core';
 * const hasEvidence = (input: ReportValidationInput) => input.revision.evidence.length > 0;
 * ```
 */
export interface ReportValidationInput {
  readonly plan: Plan;
  readonly report: Pick<ProgressReport, 'id' | 'plan' | 'task' | 'unit' | 'period'>;
  readonly revision: Omit<ReportRevision, 'revision' | 'submittedAt' | 'submittedBy'>;
  readonly state: EngineState;
}

/**
 * Runs the assessment of a plan for a year over the engine's state; returns the scorecard and a
 * hash of the inputs it read. Must be pure: the engine records what it returns.
 *
 * @example
 * ```ts
 * import type { AssessmentRunner } from '@kepu/core';
 * const runner: AssessmentRunner = ({ plan, period }) => ({ scorecard: { plan: plan.id, period }, inputsHash: 'x' });
 * ```
 */
export type AssessmentRunner = (input: {
  readonly plan: Plan;
  readonly period: string;
  readonly asOf: string;
  readonly state: EngineState;
}) => { readonly scorecard: unknown; readonly inputsHash: string };

/**
 * How target watches judge a plan's targets: the scheme's own status thresholds and the plugins'
 * target kinds, so that `target:achieved` and `target:off-track` agree with the scorecard.
 *
 * @example
 * ```ts
 * import type { TargetWatchOptions } from '@kepu/core';
 * const options: TargetWatchOptions = { thresholds: { onTrack: 0.9, needsAcceleration: 0.5, limitedProgress: 0 } };
 * ```
 */
export interface TargetWatchOptions {
  readonly thresholds?: StatusThresholds;
  readonly targetKinds?: readonly TargetKindDefinition[];
}

/**
 * What the pure rules need besides the state: the plans, the reporting rules, the assessment and
 * any report-validation hooks (which must be pure; the engine contains their failures).
 */
export interface TransitionContext {
  readonly plans: ReadonlyMap<string, Plan>;
  readonly reporting: ResolvedReporting;
  readonly runAssessment?: AssessmentRunner;
  readonly validateReport?: (input: ReportValidationInput) => readonly KepuIssue[];
  /** Checks a record against the plan's assessment scheme, when the engine has one. */
  readonly checkScheme?: SchemeCheck;
  /** Whether a plan's scheme lets an actor record a penalty on their own unit (by plan id); refused when absent. */
  readonly ownUnitPenalties?: (plan: string) => 'allowed' | 'refused';
  /** How each plan's target watches judge (by plan id); defaults when absent. */
  readonly targetWatch?: (plan: string) => TargetWatchOptions;
  /** The runner is the engine's scheme runner, whose scorecards plugins' `afterAssessment` hooks see. */
  readonly afterAssessmentHooks?: boolean;
}
