import {
  indexPlan,
  type Plan,
  type ResponsibilityMatrix,
  responsibilityMatrix,
  roleOf,
  type Task,
  tasksByAudience,
} from '@kepu/core';
import { useMemo } from 'react';
import { useEngine } from './context.js';

/**
 * A plan the engine serves: the one given by id, or the engine's only plan. Plans never change
 * while an engine runs, so this hook subscribes to nothing and never re-renders by itself.
 * Throws when the id is unknown, or when no id is given and the engine serves several plans.
 *
 * @example
 * ```ts
 * import { usePlan } from '@kepu/react';
 * function Title() {
 *   return usePlan().meta.title; // '正宁县全民科学素质行动实施方案（2022—2025年）'
 * }
 * ```
 */
export function usePlan(planId?: string): Plan {
  const engine = useEngine();
  if (planId !== undefined) {
    const plan = engine.plans.get(planId);
    if (!plan) {
      throw new Error(
        `usePlan: the engine serves no plan "${planId}"; it serves ${[...engine.plans.keys()].join(', ')}.`,
      );
    }
    return plan;
  }
  if (engine.plans.size !== 1) {
    throw new Error(`usePlan: the engine serves ${engine.plans.size} plans; name one: usePlan('<plan id>').`);
  }
  return engine.plans.values().next().value as Plan;
}

/**
 * Which tasks {@link useTasks} returns. Every field narrows; none gives every task.
 *
 * @example
 * ```ts
 * import type { TaskQuery } from '@kepu/react';
 * const query: TaskQuery = { unit: 'education', role: 'lead', audience: 'youth' };
 * ```
 */
export interface TaskQuery {
  /** The plan's id; may be left out when the engine serves one plan. */
  readonly plan?: string;
  /** Tasks this org unit leads or partners (through a group it belongs to, too). */
  readonly unit?: string;
  /**
   * With `unit`: only the tasks it leads, only those it partners, or both.
   * @default 'any'
   */
  readonly role?: 'lead' | 'partner' | 'any';
  /** Tasks of an improvement action for this audience (`youth`, `farmers` …). */
  readonly audience?: string;
}

/**
 * The plan's tasks, in document order, narrowed by unit (and its role) and audience. Computed
 * from the plan only, once per query: it never re-renders on engine changes.
 *
 * @example
 * ```ts
 * import { useTasks } from '@kepu/react';
 * function EducationLeads() {
 *   const tasks = useTasks({ unit: 'education', role: 'lead' });
 *   return tasks.map((t) => t.code).join('、'); // '三（一）1、三（一）2、…'
 * }
 * ```
 */
export function useTasks(query: TaskQuery = {}): readonly Task[] {
  const plan = usePlan(query.plan);
  const { unit, audience } = query;
  const role = query.role ?? 'any';
  return useMemo(() => {
    const base = audience === undefined ? indexPlan(plan).tasks.map((n) => n.task) : tasksByAudience(plan, audience);
    if (unit === undefined) return base;
    return base.filter((task) => {
      const r = roleOf(plan, unit, task.path);
      return r !== 'none' && (role === 'any' || r === role);
    });
  }, [plan, unit, audience, role]);
}

/**
 * The responsibility matrix of a plan (units × tasks: lead, partner or none), computed once per
 * plan. By default only units involved in some task are rows; `include: 'all'` keeps every unit.
 *
 * @example
 * ```ts
 * import { useResponsibilityMatrix } from '@kepu/react';
 * import { responsibilityHeatmapOption } from '@kepu/charts';
 * function Matrix() {
 *   const { units, tasks, cells } = useResponsibilityMatrix();
 *   return `${units.length} × ${tasks.length}`;
 * }
 * ```
 */
export function useResponsibilityMatrix(
  options: { readonly plan?: string; readonly include?: 'involved' | 'all' } = {},
): ResponsibilityMatrix {
  const plan = usePlan(options.plan);
  const include = options.include ?? 'involved';
  return useMemo(() => responsibilityMatrix(plan, { include }), [plan, include]);
}
