import type {
  Actor,
  AssessmentInputsOptions,
  AssessmentRun,
  AssessmentScheme,
  Engine,
  Plan,
  Scorecard,
} from '@kepu/core';
import { assessWithSchemes } from '@kepu/core/engine';
import type { ReportSource } from './report/report-model.js';

/**
 * A year's scorecard as read from an engine, and where it came from:
 * - `stored`: the latest stored assessment run, still current (its inputs hash equals that of the
 *   records as they are now);
 * - `saved`: a new run just made and stored (`save` was asked for);
 * - `stale`: a run is stored but the records changed since; the scorecard was computed now;
 * - `none`: no run is stored; the scorecard was computed now.
 *
 * @example
 * ```ts
 * import { readAssessment } from '@kepu/reports';
 * const { scorecard, state } = await readAssessment(engine, { plan, scheme, period: 2025 });
 * ```
 */
export interface ReadAssessment {
  readonly scorecard: Scorecard;
  readonly state: 'stored' | 'saved' | 'stale' | 'none';
  readonly run: AssessmentRun | null;
  readonly source: ReportSource;
}

/**
 * What {@link readAssessment} reads: the plan, the scheme and year, the engine's assessment-input
 * rules, and whether to store a new run.
 *
 * @example
 * ```ts
 * import type { ReadAssessmentOptions } from '@kepu/reports';
 * const options: ReadAssessmentOptions = { plan, scheme, period: 2024, save: { id: 'wang', role: 'assessor' } };
 * ```
 */
export interface ReadAssessmentOptions {
  readonly plan: Plan;
  readonly scheme: AssessmentScheme;
  readonly period: number;
  /** The same assessment-input rules the engine was created with (`assessmentInputs`). */
  readonly assessmentInputs?: AssessmentInputsOptions;
  /** Run and store a new assessment as this actor, who must be allowed to run assessments. */
  readonly save?: Actor;
}

const sourceOf = (run: AssessmentRun): ReportSource => ({
  kind: 'run',
  run: run.run,
  ranAt: run.ranAt,
  stateVersion: run.stateVersion,
});

/**
 * Reads the assessment of a plan for a year through an engine: with `save`, the engine runs and
 * stores a new run (`run-assessment`) and that run is read back; otherwise the latest run the
 * engine has stored (`engine.assessments`) when it is still current. Whether it is current — and,
 * when it is not or there is none, the scorecard shown instead — comes from the engine's own
 * assessment runner (`assessWithSchemes`) over the engine's snapshot, the computation a
 * `run-assessment` would store, so nothing is stored that was not asked for.
 *
 * @example
 * ```ts
 * import { readAssessment } from '@kepu/reports';
 * const read = await readAssessment(engine, { plan, scheme, period: 2024, save: { id: 'wang', role: 'assessor' } });
 * read.state; // 'saved'
 * ```
 */
export async function readAssessment(engine: Engine, options: ReadAssessmentOptions): Promise<ReadAssessment> {
  const { plan, scheme } = options;
  const period = String(options.period);
  const runs = () => engine.assessments({ plan: plan.id, period });
  if (options.save) {
    await engine.execute(options.save, {
      type: 'run-assessment',
      plan: plan.id,
      baseVersion: engine.getSnapshot().version,
      period,
    });
    const run = runs().at(-1) as AssessmentRun;
    return { scorecard: run.scorecard as Scorecard, state: 'saved', run, source: sourceOf(run) };
  }
  const latest = runs().at(-1);
  const state = engine.getSnapshot();
  const runner = assessWithSchemes({ [plan.id]: scheme }, options.assessmentInputs ?? {});
  const now = runner({ plan, period, asOf: `${period}-12-31`, state });
  if (latest && latest.inputsHash === now.inputsHash) {
    return { scorecard: latest.scorecard as Scorecard, state: 'stored', run: latest, source: sourceOf(latest) };
  }
  return {
    scorecard: now.scorecard as Scorecard,
    state: latest ? 'stale' : 'none',
    run: latest ?? null,
    source: { kind: 'computed', stateVersion: state.version },
  };
}
