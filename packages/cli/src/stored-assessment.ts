import {
  type Actor,
  type AssessmentRun,
  type AssessmentScheme,
  assess,
  type Engine,
  type Plan,
  type Scorecard,
  toAssessmentInputs,
} from '@kepu/core';
import { cliEngineOptions } from './db.js';
import type { ReportSource } from './report/model.js';

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
 * import { readAssessment } from '@kepu/cli';
 * const { scorecard, state } = await readAssessment(engine, plan, scheme, 2025);
 * ```
 */
export interface ReadAssessment {
  readonly scorecard: Scorecard;
  readonly state: 'stored' | 'saved' | 'stale' | 'none';
  readonly run: AssessmentRun | null;
  readonly source: ReportSource;
}

/**
 * Reads the assessment of a plan for a year from an engine: the latest stored run when it is
 * still current, else a scorecard computed from the records with the same rules (and, with
 * `save`, stored as a new run by that actor, who must be allowed to run assessments).
 *
 * @example
 * ```ts
 * import { readAssessment } from '@kepu/cli';
 * const read = await readAssessment(engine, plan, scheme, 2024, { save: { id: 'wang', role: 'assessor' } });
 * read.state; // 'saved'
 * ```
 */
export async function readAssessment(
  engine: Engine,
  plan: Plan,
  scheme: AssessmentScheme,
  year: number,
  options: { readonly save?: Actor } = {},
): Promise<ReadAssessment> {
  const state = engine.getSnapshot();
  const inputsOptions = cliEngineOptions(plan, scheme).assessmentInputs ?? {};
  const computed = assess(plan, scheme, toAssessmentInputs(plan, state, year, inputsOptions), { period: year });
  const runs = engine.assessments({ plan: plan.id, period: String(year) });
  const latest = runs.at(-1);
  if (latest && latest.inputsHash === computed.inputsHash && !options.save) {
    return {
      scorecard: latest.scorecard as Scorecard,
      state: 'stored',
      run: latest,
      source: { kind: 'run', run: latest.run, ranAt: latest.ranAt, stateVersion: latest.stateVersion },
    };
  }
  if (options.save) {
    const result = await engine.execute(options.save, {
      type: 'run-assessment',
      plan: plan.id,
      baseVersion: state.version,
      period: String(year),
    });
    const run = engine.getSnapshot().assessments[result.target.id] as AssessmentRun;
    return {
      scorecard: run.scorecard as Scorecard,
      state: 'saved',
      run,
      source: { kind: 'run', run: run.run, ranAt: run.ranAt, stateVersion: run.stateVersion },
    };
  }
  return {
    scorecard: computed,
    state: latest ? 'stale' : 'none',
    run: latest ?? null,
    source: { kind: 'computed', stateVersion: state.version },
  };
}
