import type { OrgUnit } from './org-unit.js';
import type { Clause, Part, Plan, Section, Task } from './plan.js';
import type { Indicator, Target } from './target.js';

/**
 * Any node of the plan structure, with its kind.
 *
 * @example
 * ```ts
 * import { indexPlan } from '@kepu/core';
 * const node = indexPlan(plan).nodes.get('3.1.2');
 * if (node?.kind === 'task') console.log(node.task.leads);
 * ```
 */
export type PlanNode =
  | { readonly kind: 'part'; readonly path: string; readonly part: Part }
  | { readonly kind: 'section'; readonly path: string; readonly section: Section; readonly part: Part }
  | {
      readonly kind: 'task';
      readonly path: string;
      readonly task: Task;
      readonly section: Section;
      readonly part: Part;
    }
  | {
      readonly kind: 'clause';
      readonly path: string;
      readonly clause: Clause;
      readonly section: Section;
      readonly part: Part;
    };

/**
 * Lookup tables over a plan, built once per plan object and cached.
 *
 * @example
 * ```ts
 * import { indexPlan } from '@kepu/core';
 * const index = indexPlan(plan);
 * index.units.get('cast')?.name; // '县科协'
 * index.tasks.length; // 33 for Zhengning
 * ```
 */
export interface PlanIndex {
  readonly units: ReadonlyMap<string, OrgUnit>;
  /** Every name, full name and alias of every unit, to its id. */
  readonly unitByName: ReadonlyMap<string, string>;
  readonly nodes: ReadonlyMap<string, PlanNode>;
  /** Tasks in document order, with the section and part that hold them. */
  readonly tasks: ReadonlyArray<Extract<PlanNode, { kind: 'task' }>>;
  readonly indicators: ReadonlyMap<string, Indicator>;
  readonly targets: ReadonlyMap<string, Target>;
  /** Each group's members, expanded through nested groups (cycles are cut). */
  readonly groupMembers: ReadonlyMap<string, readonly string[]>;
}

const cache = new WeakMap<Plan, PlanIndex>();

/**
 * Builds (or returns the cached) lookup tables of a plan. Pure: the plan is not changed, and the
 * cache is keyed by the plan object, so an edited copy gets its own index.
 *
 * @example
 * ```ts
 * import { indexPlan } from '@kepu/core';
 * indexPlan(plan).nodes.get('4.5.1')?.kind; // 'task'
 * ```
 */
export function indexPlan(plan: Plan): PlanIndex {
  const cached = cache.get(plan);
  if (cached) return cached;

  const units = new Map<string, OrgUnit>();
  const unitByName = new Map<string, string>();
  for (const unit of plan.orgUnits) {
    if (!units.has(unit.id)) units.set(unit.id, unit);
    for (const name of [unit.name, unit.fullName, ...unit.aliases]) {
      if (name !== undefined && !unitByName.has(name)) unitByName.set(name, unit.id);
    }
  }

  const nodes = new Map<string, PlanNode>();
  const tasks: Array<Extract<PlanNode, { kind: 'task' }>> = [];
  for (const part of plan.parts) {
    nodes.set(part.path, { kind: 'part', path: part.path, part });
    for (const section of part.sections) {
      nodes.set(section.path, { kind: 'section', path: section.path, section, part });
      for (const task of section.tasks) {
        const node = { kind: 'task', path: task.path, task, section, part } as const;
        nodes.set(task.path, node);
        tasks.push(node);
      }
      for (const clause of section.clauses) {
        nodes.set(clause.path, { kind: 'clause', path: clause.path, clause, section, part });
      }
    }
  }

  const groupMembers = new Map<string, readonly string[]>();
  const expand = (id: string, seen: Set<string>): string[] => {
    const unit = units.get(id);
    if (unit?.kind !== 'group') return [id];
    if (seen.has(id)) return [];
    seen.add(id);
    const out: string[] = [];
    for (const member of unit.members ?? []) {
      for (const leaf of expand(member, seen)) if (!out.includes(leaf)) out.push(leaf);
    }
    return out;
  };
  for (const unit of plan.orgUnits) {
    if (unit.kind === 'group') groupMembers.set(unit.id, expand(unit.id, new Set()));
  }

  const index: PlanIndex = {
    units,
    unitByName,
    nodes,
    tasks,
    indicators: new Map(plan.indicators.map((i) => [i.id, i])),
    targets: new Map(plan.targets.map((t) => [t.id, t])),
    groupMembers,
  };
  cache.set(plan, index);
  return index;
}
