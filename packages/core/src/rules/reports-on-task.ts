import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import { roleOf } from '../responsibility.js';

/**
 * Whether a unit reports on a task: it leads or partners the task (`roleOf`), or the task gives
 * every unit of its kind a lead duty for its own area (`areaLeads`, such as the townships on the
 * seed's 三（二）3). The one rule behind the engine's check of who may file a report on a task
 * and the rows a reporting template lists for a unit. Pure.
 *
 * @example
 * ```ts
 * import { reportsOnTask } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * reportsOnTask(zhengningPlan, 'shanhe', '3.2.3'); // true: townships lead their own 农技协's guidance
 * reportsOnTask(zhengningPlan, 'shanhe', '3.1.2'); // false
 * ```
 */
export function reportsOnTask(plan: Plan, unitId: string, taskPath: string): boolean {
  if (roleOf(plan, unitId, taskPath) !== 'none') return true;
  const index = indexPlan(plan);
  const node = index.nodes.get(taskPath);
  const unit = index.units.get(unitId);
  if (node?.kind !== 'task' || unit === undefined) return false;
  return (node.task.areaLeads ?? []).some((duty) => duty.unitKind === unit.kind);
}
