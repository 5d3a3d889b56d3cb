import { type AssessmentScheme, sheetMembers } from '../assessment/scheme.js';
import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';

/**
 * The units a plan assesses — the one definition behind who files a yearly summary report, who
 * a data import accepts a summary row from, and who gets a score.
 *
 * - With an assessment scheme: the units its sheets assess (each sheet's members, see
 *   `sheetMembers`), in sheet order. The scheme is what scores units, so it has the last word.
 * - Without one: the plan's own answer, from its assessment safeguard (督查考核): townships when
 *   it assesses `township`, the member units of its leading group when it assesses `member-unit`
 *   (the group the organisation safeguard names; with none named, every unit that leads a task,
 *   a group lead standing for its members). A plan without an assessment safeguard assesses
 *   every unit that is not a group.
 *
 * Pure; returns a new set on every call.
 *
 * @example
 * ```ts
 * import { assessedUnits } from '@kepu/core';
 * import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
 * assessedUnits(zhengningPlan).has('shanhe'); // true: a township
 * assessedUnits(zhengningPlan, zhengningScheme).has('cast'); // what the scheme's sheets say
 * ```
 */
export function assessedUnits(plan: Plan, scheme?: Pick<AssessmentScheme, 'sheets'>): Set<string> {
  if (scheme !== undefined) return new Set(scheme.sheets.flatMap((sheet) => sheetMembers(plan, sheet)));
  const index = indexPlan(plan);
  const assessment = plan.safeguards.find((s) => s.kind === 'assessment');
  const out = new Set<string>();
  if (assessment?.kind !== 'assessment') {
    for (const unit of plan.orgUnits) if (unit.kind !== 'group') out.add(unit.id);
    return out;
  }
  if (assessment.assessed.includes('township')) {
    for (const unit of plan.orgUnits) if (unit.kind === 'township') out.add(unit.id);
  }
  if (assessment.assessed.includes('member-unit')) {
    const organisation = plan.safeguards.find((s) => s.kind === 'organisation');
    const group = organisation?.kind === 'organisation' ? organisation.group : undefined;
    const members = group === undefined ? undefined : index.groupMembers.get(group);
    if (members) for (const id of members) out.add(id);
    else {
      // No group named: every unit with a role on some task counts as a member unit.
      for (const { task } of index.tasks) {
        for (const id of task.leads) for (const m of index.groupMembers.get(id) ?? [id]) out.add(m);
      }
    }
  }
  return out;
}
