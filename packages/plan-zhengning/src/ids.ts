/**
 * The id of the Zhengning 2022–2025 plan.
 *
 * @example
 * ```ts
 * import { ZHENGNING_PLAN_ID, zhengningPlan } from '@kepu/plan-zhengning';
 * zhengningPlan.id === ZHENGNING_PLAN_ID; // true
 * ```
 */
export const ZHENGNING_PLAN_ID = 'zhengning-2022-2025';

/**
 * The id of the county leading group (县全民科学素质纲要实施工作领导小组), partner of every task.
 *
 * @example
 * ```ts
 * import { resolveUnit } from '@kepu/core';
 * import { ZHENGNING_LEADING_GROUP_ID, zhengningPlan } from '@kepu/plan-zhengning';
 * resolveUnit(zhengningPlan, ZHENGNING_LEADING_GROUP_ID)?.members?.length; // 15
 * ```
 */
export const ZHENGNING_LEADING_GROUP_ID = 'leading-group';

/**
 * Ids of the fifteen county departments the plan names as leads (牵头部门), in the order they
 * first appear. Other packages (assessment schemes, fixtures) rely on these ids.
 *
 * @example
 * ```ts
 * import { ZHENGNING_DEPARTMENT_IDS } from '@kepu/plan-zhengning';
 * ZHENGNING_DEPARTMENT_IDS.includes('cast'); // true
 * ```
 */
export const ZHENGNING_DEPARTMENT_IDS = [
  'education',
  'youth-league',
  'cast',
  'propaganda',
  'science-tech',
  'agriculture',
  'trade-union',
  'hr-social-security',
  'civil-affairs',
  'health',
  'organisation',
  'finance',
  'industry-it',
  'development-reform',
  'emergency',
] as const;

/**
 * A department id of the Zhengning plan.
 *
 * @example
 * ```ts
 * import type { ZhengningDepartmentId } from '@kepu/plan-zhengning';
 * const lead: ZhengningDepartmentId = 'education';
 * ```
 */
export type ZhengningDepartmentId = (typeof ZHENGNING_DEPARTMENT_IDS)[number];

/**
 * Ids (pinyin) of Zhengning's ten townships and towns. They are not named in the plan; see each
 * unit's `provenance` for the source and what is uncertain.
 *
 * @example
 * ```ts
 * import { ZHENGNING_TOWNSHIP_IDS } from '@kepu/plan-zhengning';
 * ZHENGNING_TOWNSHIP_IDS.length; // 10
 * ```
 */
export const ZHENGNING_TOWNSHIP_IDS = [
  'shanhe',
  'yonghe',
  'yulinzi',
  'gonghe',
  'zhoujia',
  'qiutou',
  'xipo',
  'yongzheng',
  'sanjia',
  'wuqingyuan',
] as const;

/**
 * A township id of the Zhengning plan.
 *
 * @example
 * ```ts
 * import type { ZhengningTownshipId } from '@kepu/plan-zhengning';
 * const township: ZhengningTownshipId = 'shanhe';
 * ```
 */
export type ZhengningTownshipId = (typeof ZHENGNING_TOWNSHIP_IDS)[number];

/**
 * Ids of the five audiences (population groups) of part 三, in the plan's order.
 *
 * @example
 * ```ts
 * import { tasksByAudience } from '@kepu/core';
 * import { ZHENGNING_AUDIENCE_IDS, zhengningPlan } from '@kepu/plan-zhengning';
 * ZHENGNING_AUDIENCE_IDS.map((id) => tasksByAudience(zhengningPlan, id).length); // [5, 3, 3, 3, 3]
 * ```
 */
export const ZHENGNING_AUDIENCE_IDS = ['youth', 'farmers', 'industrial-workers', 'elderly', 'cadres'] as const;

/**
 * An audience id of the Zhengning plan.
 *
 * @example
 * ```ts
 * import type { ZhengningAudienceId } from '@kepu/plan-zhengning';
 * const audience: ZhengningAudienceId = 'elderly';
 * ```
 */
export type ZhengningAudienceId = (typeof ZHENGNING_AUDIENCE_IDS)[number];

/**
 * Ids of every target of the Zhengning plan, in the plan's order. Assessment schemes refer to
 * targets by these ids.
 *
 * @example
 * ```ts
 * import { ZHENGNING_TARGET_IDS } from '@kepu/plan-zhengning';
 * ZHENGNING_TARGET_IDS[0]; // 'literacy-rate-2025'
 * ```
 */
export const ZHENGNING_TARGET_IDS = [
  'literacy-rate-2025',
  'imbalance-improved',
  'science-classes-grade-2',
  'science-classes-grades-3-6',
  'practice-classes-middle-school',
  'science-tutor-every-school',
  'science-china-items',
  'science-china-registrations-growth',
  'science-china-dissemination-growth',
  'science-bases-provincial',
  'science-bases-city',
  'science-bases-county',
  'science-funding-in-budget',
  'science-funding-growth',
] as const;

/**
 * A target id of the Zhengning plan.
 *
 * @example
 * ```ts
 * import type { ZhengningTargetId } from '@kepu/plan-zhengning';
 * const target: ZhengningTargetId = 'science-china-items';
 * ```
 */
export type ZhengningTargetId = (typeof ZHENGNING_TARGET_IDS)[number];
