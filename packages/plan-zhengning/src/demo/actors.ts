import { type Actor, type EngineOptions, indexPlan, type KepuStore } from '@kepu/core';
import { ZHENGNING_LEADING_GROUP_ID } from '../ids.js';
import { zhengningPlan } from '../plan.js';
import { zhengning } from '../plugin.js';
import type { DemoClock } from './clock.js';

/**
 * The people who act in the demo history: a reporter and a lead reviewer for every department
 * and township (`<unit>.reporter`, `<unit>.reviewer`), the plan office (县纲要办, acting for the
 * leading group, which approves summaries and scores tasks) and the assessment group (督查考核组,
 * which records inspection findings, vetoes and runs the assessments).
 *
 * @example
 * ```ts
 * import { DEMO_ACTORS } from '@kepu/plan-zhengning/demo';
 * DEMO_ACTORS.reporter('education'); // { id: 'education.reporter', role: 'reporter', unit: 'education', … }
 * DEMO_ACTORS.office.role; // 'plan-office'
 * ```
 */
export const DEMO_ACTORS = {
  reporter: (unit: string): Actor => ({
    id: `${unit}.reporter`,
    role: 'reporter',
    unit,
    name: `${unitName(unit)}填报员`,
  }),
  reviewer: (unit: string): Actor => ({
    id: `${unit}.reviewer`,
    role: 'lead-reviewer',
    unit,
    name: `${unitName(unit)}审核人`,
  }),
  office: {
    id: 'office.gangyaoban',
    role: 'plan-office',
    unit: ZHENGNING_LEADING_GROUP_ID,
    name: '县纲要办',
  } satisfies Actor as Actor,
  assessor: {
    id: 'inspection.team',
    role: 'assessor',
    unit: ZHENGNING_LEADING_GROUP_ID,
    name: '督查考核组',
  } satisfies Actor as Actor,
} as const;

/** A unit's Chinese name as the plan spells it (the id when the plan does not know it). */
export function unitName(id: string): string {
  return indexPlan(zhengningPlan).units.get(id)?.name ?? id;
}

/**
 * Engine options for the demo: the Zhengning plugin (the plan and its default scheme), annual reporting due
 * 15 days after the year ends, one `late-report` deduction per late report, and the demo clock.
 * Add a `store` to keep the history (SQLite, PostgreSQL, IndexedDB); without one it stays in memory.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * import { createDemoClock, demoEngineOptions } from '@kepu/plan-zhengning/demo';
 * const clock = createDemoClock();
 * const engine = await createEngine(demoEngineOptions({ clock, store }));
 * ```
 */
export function demoEngineOptions(options: { readonly clock: DemoClock; readonly store?: KepuStore }): EngineOptions {
  return {
    // The county's plugin brings the plan and its default scheme, as a host would load it.
    plugins: [zhengning()],
    assessmentInputs: { lateReportDeduction: 'late-report' },
    reporting: { cadence: 'annual' },
    clock: options.clock,
    ...(options.store ? { store: options.store } : {}),
  };
}
