import type { OrgUnit } from './org-unit.js';
import type { Plan, Task } from './plan.js';
import { indexPlan } from './plan-index.js';
import type { Target } from './target.js';

/**
 * A unit's role on a task. `partner` covers both a unit named as partner and a member of a
 * group named as partner; a unit that leads a task is `lead` even when its group is a partner.
 *
 * @example
 * ```ts
 * import { roleOf } from '@kepu/core';
 * roleOf(plan, 'education', '3.1.2'); // 'lead'
 * ```
 */
export type Role = 'lead' | 'partner' | 'none';

/**
 * The role a unit has on one task. Pure.
 *
 * @example
 * ```ts
 * import { roleOf } from '@kepu/core';
 * roleOf(plan, 'cast', '3.1.2'); // 'partner' (through the leading group)
 * roleOf(plan, 'shanhe', '3.1.2'); // 'none' (townships are not members of the leading group)
 * ```
 */
export function roleOf(plan: Plan, unitId: string, taskPath: string): Role {
  const index = indexPlan(plan);
  const node = index.nodes.get(taskPath);
  if (node?.kind !== 'task') return 'none';
  return roleOn(node.task, unitId, index.groupMembers);
}

function roleOn(task: Task, unitId: string, groups: ReadonlyMap<string, readonly string[]>): Role {
  if (task.leads.includes(unitId)) return 'lead';
  for (const partner of task.partners) {
    if (partner === unitId || groups.get(partner)?.includes(unitId)) return 'partner';
  }
  return 'none';
}

/**
 * Unit × task table of roles, in the plan's order: rows are the units that are not groups
 * (departments first, then townships, then others), columns are the tasks in document order.
 *
 * @example
 * ```ts
 * import { responsibilityMatrix } from '@kepu/core';
 * const m = responsibilityMatrix(plan);
 * m.cells[m.units.findIndex((u) => u.id === 'education')]?.[0]; // 'lead' on 三（一）1
 * ```
 */
export interface ResponsibilityMatrix {
  readonly units: readonly OrgUnit[];
  readonly tasks: readonly Task[];
  /** `cells[row][column]`: the role of `units[row]` on `tasks[column]`. */
  readonly cells: ReadonlyArray<readonly Role[]>;
}

const KIND_ORDER: Record<OrgUnit['kind'], number> = {
  'party-department': 0,
  'government-department': 0,
  'mass-organisation': 0,
  township: 1,
  other: 2,
  group: 3,
};

/**
 * Builds the responsibility matrix of a plan. Pure.
 *
 * @param options.include - which units get a row: `involved` (default) keeps units with at least
 *   one role; `all` keeps every unit that is not a group.
 * @example
 * ```ts
 * import { responsibilityMatrix } from '@kepu/core';
 * const { units, tasks, cells } = responsibilityMatrix(plan, { include: 'all' });
 * ```
 */
export function responsibilityMatrix(plan: Plan, options: { include?: 'involved' | 'all' } = {}): ResponsibilityMatrix {
  const index = indexPlan(plan);
  const tasks = index.tasks.map((n) => n.task);
  const rows = plan.orgUnits
    .filter((u) => u.kind !== 'group')
    .map((unit, order) => ({ unit, order, cells: tasks.map((t) => roleOn(t, unit.id, index.groupMembers)) }))
    .filter((row) => (options.include ?? 'involved') === 'all' || row.cells.some((r) => r !== 'none'))
    .sort((a, b) => KIND_ORDER[a.unit.kind] - KIND_ORDER[b.unit.kind] || a.order - b.order);
  return { units: rows.map((r) => r.unit), tasks, cells: rows.map((r) => r.cells) };
}

/**
 * The tasks a unit leads and the tasks it partners (directly or through a group), in document
 * order. Pure.
 *
 * @example
 * ```ts
 * import { tasksOfUnit } from '@kepu/core';
 * tasksOfUnit(plan, 'cast').lead.map((t) => t.code); // ['三（一）3', '三（二）1', …]
 * ```
 */
export function tasksOfUnit(plan: Plan, unitId: string): { lead: Task[]; partner: Task[] } {
  const index = indexPlan(plan);
  const lead: Task[] = [];
  const partner: Task[] = [];
  for (const { task } of index.tasks) {
    const role = roleOn(task, unitId, index.groupMembers);
    if (role === 'lead') lead.push(task);
    else if (role === 'partner') partner.push(task);
  }
  return { lead, partner };
}

/**
 * The audiences of a task: its own, or else its section's.
 *
 * @example
 * ```ts
 * import { audiencesOfTask } from '@kepu/core';
 * audiencesOfTask(plan, '3.2.1'); // ['farmers']
 * ```
 */
export function audiencesOfTask(plan: Plan, taskPath: string): readonly string[] {
  const node = indexPlan(plan).nodes.get(taskPath);
  if (node?.kind !== 'task') return [];
  return node.task.audiences ?? node.section.audiences;
}

/**
 * The tasks addressed to one audience, in document order. Pure.
 *
 * @example
 * ```ts
 * import { tasksByAudience } from '@kepu/core';
 * tasksByAudience(plan, 'elderly').length; // 3 for Zhengning
 * ```
 */
export function tasksByAudience(plan: Plan, audienceId: string): Task[] {
  return indexPlan(plan)
    .tasks.filter(({ task, section }) => (task.audiences ?? section.audiences).includes(audienceId))
    .map((n) => n.task);
}

/**
 * Targets ordered by deadline (a year alone counts as its 31 December), then by their order in
 * the plan.
 * Pure.
 *
 * @param options.until - keep only targets due in or before this year.
 * @example
 * ```ts
 * import { targetsByDeadline } from '@kepu/core';
 * targetsByDeadline(plan, { until: 2025 }).map((t) => t.id);
 * ```
 */
export function targetsByDeadline(plan: Plan, options: { until?: number } = {}): Target[] {
  return plan.targets
    .map((target, order) => ({ target, order }))
    .filter(({ target }) => options.until === undefined || target.deadline.year <= options.until)
    .sort(
      (a, b) =>
        a.target.deadline.year - b.target.deadline.year ||
        dueDate(a.target).localeCompare(dueDate(b.target)) ||
        a.order - b.order,
    )
    .map((x) => x.target);
}

/** A deadline given as a year alone means the end of that year. */
function dueDate(target: Target): string {
  return target.deadline.date ?? `${target.deadline.year}-12-31`;
}

/**
 * Finds a unit by id, printed name, full name or alias; `undefined` when none matches.
 *
 * @example
 * ```ts
 * import { resolveUnit } from '@kepu/core';
 * resolveUnit(plan, '正宁县科学技术协会')?.id; // 'cast'
 * ```
 */
export function resolveUnit(plan: Plan, nameOrId: string): OrgUnit | undefined {
  const index = indexPlan(plan);
  const direct = index.units.get(nameOrId);
  if (direct) return direct;
  const id = index.unitByName.get(nameOrId.trim());
  return id === undefined ? undefined : index.units.get(id);
}
