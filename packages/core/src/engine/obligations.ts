import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import { assessedUnits } from '../rules/assessed-units.js';
import { type ResolvedReporting, reportingPeriods } from './period.js';

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
