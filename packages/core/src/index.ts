export type { ErrorCode, KepuIssue } from './errors.js';
export {
  createIssue,
  ERROR_CODES,
  formatPath,
  fromZodIssues,
  isKepuError,
  KepuError,
} from './errors.js';
export type { OrgUnit, OrgUnitInput, OrgUnitKind, Provenance } from './org-unit.js';

export {
  IdSchema,
  OrgUnitKindSchema,
  OrgUnitSchema,
  ProvenanceSchema,
  TextSchema,
} from './org-unit.js';
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
} from './plan.js';
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
} from './plan.js';
export type { PlanIndex, PlanNode } from './plan-index.js';
export { indexPlan } from './plan-index.js';
export type { LoadPluginsOptions, PluginSet } from './plugin/load-plugins.js';
// --- plugins ------------------------------------------------------------------------------------
export { loadPlugins } from './plugin/load-plugins.js';
export type { KepuPlugin, KepuPluginHooks, OrgUnitDirectory } from './plugin/plugin.js';
export { KEPU_API_VERSION, parseVersion, satisfiesRange } from './plugin/version.js';
export type { ResponsibilityMatrix, Role } from './responsibility.js';
export {
  audiencesOfTask,
  resolveUnit,
  responsibilityMatrix,
  roleOf,
  targetsByDeadline,
  tasksByAudience,
  tasksOfUnit,
} from './responsibility.js';
export type { Result } from './result.js';
export type {
  AuditActor,
  AuditEntry,
  AuditPatch,
  CommitBatch,
  KepuStore,
  MaybePromise,
  MemoryStore,
  MemoryStoreData,
  MemoryStoreOptions,
  RecordWrite,
  StoreFactory,
  StoreHead,
  StoreRecord,
  StoreSnapshot,
} from './store/index.js';
export { createMemoryStore, GENESIS_HASH } from './store/index.js';
export type {
  Cadence,
  Comparator,
  Dimension,
  Indicator,
  QualitativeTarget,
  QuantitativeTarget,
  Target,
} from './target.js';
export {
  CadenceSchema,
  ComparatorSchema,
  DimensionSchema,
  IndicatorSchema,
  TargetSchema,
} from './target.js';
export { parsePlan, validatePlan } from './validate.js';
