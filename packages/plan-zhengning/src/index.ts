export type {
  ZhengningAudienceId,
  ZhengningDepartmentId,
  ZhengningTargetId,
  ZhengningTownshipId,
} from './ids.js';
export {
  ZHENGNING_AUDIENCE_IDS,
  ZHENGNING_DEPARTMENT_IDS,
  ZHENGNING_LEADING_GROUP_ID,
  ZHENGNING_PLAN_ID,
  ZHENGNING_TARGET_IDS,
  ZHENGNING_TOWNSHIP_IDS,
} from './ids.js';
export { zhengningPlan, zhengningPlanInput } from './plan.js';
export type { ZhengningOptions } from './plugin.js';
export { ZHENGNING_PLUGIN_VERSION, zhengning } from './plugin.js';
export { zhengningScheme, zhengningSchemeInput } from './scheme.js';
