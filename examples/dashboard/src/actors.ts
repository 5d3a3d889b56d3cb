import type { Actor } from '@kepu/core';
import { ZHENGNING_DEPARTMENT_IDS, ZHENGNING_TOWNSHIP_IDS } from '@kepu/plan-zhengning';
import { DEMO_ACTORS } from '@kepu/plan-zhengning/demo';

// The people of the demo, the same as in the demo history. An actor switcher stands in for a
// login: each department has a reporter (填报员) and a lead reviewer (审核员), each township a
// reporter; the plan office (纲要办), the assessment group (考核组) and an observer complete it.

export const reporterOf = (unit: string): Actor => DEMO_ACTORS.reporter(unit);
export const reviewerOf = (unit: string): Actor => DEMO_ACTORS.reviewer(unit);

export const PLAN_OFFICE: Actor = DEMO_ACTORS.office;
export const ASSESSOR: Actor = DEMO_ACTORS.assessor;
export const OBSERVER: Actor = { id: 'observer', role: 'observer', name: '观察员' };

export const ACTORS: readonly Actor[] = [
  ...ZHENGNING_DEPARTMENT_IDS.map(reporterOf),
  ...ZHENGNING_DEPARTMENT_IDS.map(reviewerOf),
  ...ZHENGNING_TOWNSHIP_IDS.map(reporterOf),
  PLAN_OFFICE,
  ASSESSOR,
  OBSERVER,
];

export const actorById = (id: string): Actor | undefined => ACTORS.find((a) => a.id === id);

/** The role's name as shown in the switcher. */
export const ROLE_NAMES = {
  reporter: { zh: '填报员', en: 'reporter' },
  'lead-reviewer': { zh: '审核员（牵头单位）', en: 'reviewer (lead unit)' },
  'plan-office': { zh: '县纲要办', en: 'plan office' },
  assessor: { zh: '督查考核组', en: 'assessment group' },
  observer: { zh: '观察员（只读）', en: 'observer (read only)' },
} as const;
