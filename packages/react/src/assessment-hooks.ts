import type { AssessmentRun, Scorecard, TargetEvaluation } from '@kepu/core';
import { useMemo } from 'react';
import { shallowEqualArrays, useKepuSelector } from './use-kepu-selector.js';

/**
 * Which assessment runs to read: a plan and an annual period (`'2024'`). Leave `period` out for
 * the latest period that has a run.
 *
 * @example
 * ```ts
 * import type { AssessmentQuery } from '@kepu/react';
 * const query: AssessmentQuery = { period: '2024' };
 * ```
 */
export interface AssessmentQuery {
  readonly plan?: string;
  readonly period?: string;
}

function matches(run: AssessmentRun, query: AssessmentQuery): boolean {
  return (
    (query.plan === undefined || run.plan === query.plan) && (query.period === undefined || run.period === query.period)
  );
}

/** The latest run of the query's period (or of the latest period), or `undefined`. */
function latestRun(runs: Readonly<Record<string, AssessmentRun>>, query: AssessmentQuery): AssessmentRun | undefined {
  let best: AssessmentRun | undefined;
  for (const run of Object.values(runs)) {
    if (!matches(run, query)) continue;
    if (!best || run.period > best.period || (run.period === best.period && run.run > best.run)) best = run;
  }
  return best;
}

/**
 * Every assessment run matching the query, oldest first (by period, then run number). Re-renders
 * only when a matching run is added.
 *
 * @example
 * ```ts
 * import { useAssessmentRuns } from '@kepu/react';
 * function History() {
 *   return useAssessmentRuns({ period: '2024' }).map((r) => `第${r.run}次 ${r.ranAt}`).join('；');
 * }
 * ```
 */
export function useAssessmentRuns(query: AssessmentQuery = {}): readonly AssessmentRun[] {
  return useKepuSelector(
    (state) =>
      Object.values(state.assessments)
        .filter((run) => matches(run, query))
        .sort((a, b) => a.plan.localeCompare(b.plan) || a.period.localeCompare(b.period) || a.run - b.run),
    shallowEqualArrays,
  );
}

/**
 * What {@link useScorecard} returns: the latest run and its scorecard.
 *
 * @example
 * ```ts
 * import type { ScorecardView } from '@kepu/react';
 * const score = (view: ScorecardView) => view.scorecard.sheets[0]?.units[0]?.score;
 * ```
 */
export interface ScorecardView<S = Scorecard> {
  readonly run: AssessmentRun;
  readonly scorecard: S;
}

/**
 * The scorecard of the latest assessment run of a period (or of the latest period with a run),
 * or `undefined` before any run. Runs are immutable, so the component re-renders only when a new
 * run of that period is made — not when reports or findings change.
 *
 * The type parameter names the scorecard's type when the engine's assessment runner returns
 * something other than core's `Scorecard`.
 *
 * @example
 * ```ts
 * import { useScorecard } from '@kepu/react';
 * function Ranking() {
 *   const view = useScorecard({ period: '2024' });
 *   if (!view) return '尚未考核';
 *   return view.scorecard.sheets[0]?.units.map((u) => `${u.rank}. ${u.name} ${u.score}`).join('\n');
 * }
 * ```
 */
export function useScorecard<S = Scorecard>(query: AssessmentQuery = {}): ScorecardView<S> | undefined {
  const run = useKepuSelector((state) => latestRun(state.assessments, query));
  return useMemo(() => (run ? { run, scorecard: run.scorecard as S } : undefined), [run]);
}

/**
 * One target's evaluation (status, attainment, forecast, explanation) in the latest assessment run
 * of a period, or `undefined` when there is no run or the scorecard has no such target.
 * Re-renders only when a new run of that period is made.
 *
 * @example
 * ```ts
 * import { useTargetStatus } from '@kepu/react';
 * import { TARGET_STATUS_NAMES } from '@kepu/core';
 * function LiteracyStatus() {
 *   const evaluation = useTargetStatus('literacy-rate-2025', { period: '2024' });
 *   return evaluation ? TARGET_STATUS_NAMES[evaluation.status].zh : '暂无数据';
 * }
 * ```
 */
export function useTargetStatus(target: string, query: AssessmentQuery = {}): TargetEvaluation | undefined {
  const view = useScorecard<Scorecard>(query);
  return useMemo(() => view?.scorecard.targets?.find((t) => t.target === target), [view, target]);
}
