import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import { type ResolvedReporting, reportingPeriods } from './period.js';

/**
 * The units a plan assesses, from its assessment safeguard: townships (`township`) and the
 * member units of its leading group (`member-unit`; the organisation safeguard names the group).
 * A plan without an assessment safeguard assesses every unit that is not a group. Pure.
 */
export function assessedUnits(plan: Plan): Set<string> {
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

/**
 * One report the plan expects: a unit's report on a task (`task` is the path) or its summary
 * report (`task: null`), for a period.
 *
 * @example
 * ```ts
 * import type { ReportObligation } from '@kepu/core';
 * const label = (o: ReportObligation) => `${o.unit} ${o.task ?? 'summary'} ${o.period}`;
 * ```
 */
export interface ReportObligation {
  readonly plan: string;
  readonly task: string | null;
  readonly unit: string;
  readonly period: string;
}

/** Every report a plan expects in every period, in plan order. Pure. */
export function obligationsOf(plan: Plan, reporting: ResolvedReporting): ReportObligation[] {
  const index = indexPlan(plan);
  const periods = reportingPeriods(plan, reporting.cadence);
  const out: ReportObligation[] = [];
  for (const period of periods) {
    if (reporting.obligations.includes('task-leads')) {
      for (const { task } of index.tasks) {
        const leads = new Set<string>();
        // A group named as a lead stands for its members, as it does as a partner.
        for (const id of task.leads) for (const m of index.groupMembers.get(id) ?? [id]) leads.add(m);
        for (const unit of leads) out.push({ plan: plan.id, task: task.path, unit, period });
      }
    }
    if (reporting.obligations.includes('unit-summary')) {
      for (const unit of assessedUnits(plan)) out.push({ plan: plan.id, task: null, unit, period });
    }
  }
  return out;
}
