import type { Plan, Task } from '../../plan.js';
import { indexPlan } from '../../plan-index.js';
import type { AssessmentItem } from '../scheme.js';
import type { ResolvedSource } from '../scorecard.js';
import type { SheetScoringInput } from '../unit-score.js';
import { nearlyEqual } from './numbers.js';

// What an item is scored from for one unit: its sources, resolved to the evaluations they name.

const rolesCache = new WeakMap<Plan, Map<string, Array<{ task: Task; role: 'lead' | 'partner' }>>>();

function tasksWithRole(
  plan: Plan,
  unit: string,
  roles: readonly ('lead' | 'partner')[],
): Array<{ task: Task; role: 'lead' | 'partner' }> {
  let byUnit = rolesCache.get(plan);
  if (!byUnit) {
    byUnit = new Map();
    rolesCache.set(plan, byUnit);
  }
  let all = byUnit.get(unit);
  if (!all) {
    const index = indexPlan(plan);
    all = [];
    for (const { task } of index.tasks) {
      let role: 'lead' | 'partner' | null = null;
      if (task.leads.includes(unit)) role = 'lead';
      else if (task.partners.some((p) => p === unit || index.groupMembers.get(p)?.includes(unit))) role = 'partner';
      if (role !== null) all.push({ task, role });
    }
    byUnit.set(unit, all);
  }
  return all.filter((x) => roles.includes(x.role));
}

/** A task as a source: its result, achieved when the result is (nearly) 1. */
function taskSource(
  input: SheetScoringInput,
  path: string,
  role: 'lead' | 'partner' | null,
  weight: number,
): ResolvedSource {
  const t = input.tasks.get(path);
  return {
    kind: 'task',
    ref: path,
    scope: 'county',
    role,
    weight,
    attainment: t?.result ?? null,
    achieved: t?.result == null ? null : t.result >= 1 || nearlyEqual(t.result, 1),
    status: t?.assessed ? 'assessed' : 'not-assessed',
  };
}

/** The item's sources for this unit, with their weights, attainments and statuses; weight-0 ones left out. */
export function resolveSources(input: SheetScoringInput, item: AssessmentItem, unit: string): ResolvedSource[] {
  const out: ResolvedSource[] = [];
  for (const source of item.sources) {
    if (source.kind === 'target') {
      const e = source.scope === 'own' ? input.ownEvaluation(source, unit) : input.targets.get(source.target);
      out.push({
        kind: 'target',
        ref: source.target,
        scope: source.scope,
        role: null,
        weight: source.weight,
        attainment: e?.attainment ?? null,
        achieved: e?.met ?? null,
        status: e?.status ?? 'no-data',
      });
    } else if (source.kind === 'task') {
      out.push(taskSource(input, source.task, null, source.weight));
    } else {
      for (const { task, role } of tasksWithRole(input.plan, unit, source.roles)) {
        const share = input.sheet.sharing[role];
        if (!(share > 0)) continue;
        out.push(taskSource(input, task.path, role, source.weight * share));
      }
    }
  }
  return out.filter((s) => s.weight > 0);
}

/** Whether an item scores this unit: it applies to the unit and has something to score from. */
export function appliesTo(item: AssessmentItem, unit: string, sources: readonly ResolvedSource[]): boolean {
  if (item.appliesTo && !item.appliesTo.includes(unit)) return false;
  if (item.rule === 'reviewer') return true;
  return sources.length > 0;
}
