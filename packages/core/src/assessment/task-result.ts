import type { Plan, Task } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import { sortReviews } from './evaluate/qualitative.js';
import type { TargetEvaluation } from './evaluate-target.js';
import { EXPLAINING, type Explainer, type Explanation, formatNumber as f } from './explanation.js';
import { clamp } from './internal/numbers.js';
import type { Review } from './review.js';
import type { TaskResult } from './scorecard.js';

/**
 * The result of every task of a plan, in document order: the mean of the attainments of the
 * targets linked to the task (by the task's path in the target's `links`) and of the reviews of
 * the task, each counting once; targets without data and tasks without anything are not assessed
 * — `result: null`, never 0. Pure.
 *
 * @example
 * ```ts
 * import { evaluateTaskResults } from '@kepu/core';
 * const tasks = evaluateTaskResults(plan, evaluationsById, taskReviews);
 * tasks.find((t) => t.task === '4.3.3')?.result;
 * ```
 */
export function evaluateTaskResults(
  plan: Plan,
  evaluations: ReadonlyMap<string, TargetEvaluation>,
  reviews: readonly Review[],
): TaskResult[] {
  const index = indexPlan(plan);
  const targetsOfTask = new Map<string, string[]>();
  for (const target of plan.targets) {
    for (const link of target.links) {
      if (index.nodes.get(link)?.kind !== 'task') continue;
      const list = targetsOfTask.get(link);
      if (list) list.push(target.id);
      else targetsOfTask.set(link, [target.id]);
    }
  }
  const reviewsOfTask = new Map<string, Review[]>();
  for (const r of reviews) {
    if (r.task === undefined) continue;
    const list = reviewsOfTask.get(r.task);
    if (list) list.push(r);
    else reviewsOfTask.set(r.task, [r]);
  }
  return index.tasks.map(({ task }) =>
    evaluateTaskResult(task, targetsOfTask.get(task.path) ?? [], evaluations, reviewsOfTask.get(task.path) ?? []),
  );
}

/**
 * The result of one task from the evaluations of its linked targets and its reviews (see
 * {@link evaluateTaskResults}). Pure.
 *
 * @example
 * ```ts
 * import { evaluateTaskResult } from '@kepu/core';
 * evaluateTaskResult(task, ['science-bases-county'], evaluations, []).result;
 * ```
 */
export function evaluateTaskResult(
  task: Task,
  targetIds: readonly string[],
  evaluations: ReadonlyMap<string, TargetEvaluation>,
  reviews: readonly Review[],
  explainer: Explainer = EXPLAINING,
): TaskResult {
  const contributions: TaskResult['contributions'][number][] = [];
  const values: number[] = [];
  for (const id of targetIds) {
    const e = evaluations.get(id);
    const attainment = e?.attainment ?? null;
    contributions.push({ kind: 'target', target: id, attainment, status: e?.status ?? 'no-data' });
    if (attainment !== null) values.push(attainment);
  }
  const ordered = sortReviews(reviews);
  for (const r of ordered) {
    const fraction = clamp(r.score / r.outOf, 0, 1);
    contributions.push({ kind: 'review', reviewer: r.reviewer.unit, fraction, ref: r.id ?? null });
    values.push(fraction);
  }
  let sum = 0;
  for (const v of values) sum += v;
  const result = values.length > 0 ? sum / values.length : null;
  const explanation: Explanation = explainer.explain(
    (): Explanation =>
      result === null
        ? {
            rule: 'task.not-assessed',
            formula: contributions.length
              ? `${contributions.length} target(s), none with data`
              : 'no linked target, no review',
            inputs: { targets: contributions.length },
            text: {
              zh: '没有关联目标的数据，也没有任务评审：未评估（不作为 0）',
              en: 'no data on its targets and no review of the task: not assessed (not 0)',
            },
          }
        : {
            rule: 'task.mean',
            formula: `mean(${values.map((v) => f(v)).join(', ')}) = ${f(result)}`,
            inputs: { contributions: values.length, withoutData: contributions.length - values.length },
            text: {
              zh: '关联目标完成度与任务评审得分的平均值（各计一次；无数据的目标不计入）',
              en: 'the mean of the linked targets’ attainment and the task reviews, each once (targets without data left out)',
            },
          },
  );
  return {
    task: task.path,
    code: task.code,
    title: task.title,
    leads: task.leads,
    partners: task.partners,
    result,
    assessed: result !== null,
    contributions,
    explanation,
  };
}
