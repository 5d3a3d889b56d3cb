// @kepu/core/model: the plan model, its validation and queries, the shared rules, typed errors and
// bilingual text.
export type { ErrorCode, KepuIssue, PluginErrorCode } from '../errors.js';
export {
  createIssue,
  ERROR_CODES,
  formatPath,
  fromZodIssues,
  isKepuError,
  KepuError,
} from '../errors.js';
export type {
  Bilingual,
  ErrorCodeTable,
  IssueOf,
  IssueParams,
  IssuePath,
  Lang,
  PlaceholdersOf,
  ZhFirstText,
} from '../i18n/index.js';
export {
  containsChinese,
  defineErrorCodes,
  errorCodeProblems,
  fillTemplate,
  hasBrand,
  IssueError,
  localized,
  localizedName,
} from '../i18n/index.js';
export type { OrgUnit, OrgUnitInput, OrgUnitKind, Provenance } from '../org-unit.js';
export {
  IdSchema,
  OrgUnitKindSchema,
  OrgUnitSchema,
  ProvenanceSchema,
  TextSchema,
} from '../org-unit.js';
export type {
  Audience,
  Clause,
  County,
  Part,
  PartKind,
  Plan,
  PlanInput,
  PlanMeta,
  Principle,
  Responsibility,
  Safeguard,
  Section,
  Task,
} from '../plan.js';
export {
  AudienceSchema,
  ClauseSchema,
  CountySchema,
  NodePathSchema,
  PartKindSchema,
  PartSchema,
  PLAN_SCHEMA_VERSION,
  PlanMetaSchema,
  PlanSchema,
  PrincipleSchema,
  ResponsibilitySchema,
  SafeguardSchema,
  SectionSchema,
  TaskSchema,
} from '../plan.js';
export type { PlanIndex, PlanNode } from '../plan-index.js';
export { indexPlan } from '../plan-index.js';
export type { ResponsibilityMatrix, Role } from '../responsibility.js';
export {
  audiencesOfTask,
  resolveUnit,
  responsibilityMatrix,
  roleOf,
  targetsByDeadline,
  tasksByAudience,
  tasksOfUnit,
} from '../responsibility.js';
export type { Result } from '../result.js';
export type { CheckedObservation, ObservationShape, ObservationShapeProblem } from '../rules/index.js';
export { assessedUnits, checkObservation, checkObservations, observationShapeProblems } from '../rules/index.js';
export type {
  Cadence,
  Comparator,
  Dimension,
  Indicator,
  QualitativeTarget,
  QuantitativeTarget,
  Target,
} from '../target.js';
export {
  CadenceSchema,
  ComparatorSchema,
  DimensionSchema,
  IndicatorSchema,
  TargetSchema,
} from '../target.js';
export { parsePlan, validatePlan } from '../validate.js';
