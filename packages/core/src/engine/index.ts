export type { Actor, ActorResolver, EngineRole } from './actor.js';
export { ActorSchema, ENGINE_ROLES } from './actor.js';
export type { AssessmentInputsOptions, SchemeCheck } from './assessment-inputs.js';
export { assessWithSchemes, toAssessmentInputs } from './assessment-inputs.js';
export type { AuditProblem, AuditVerification } from './audit.js';
export { chainAuditEntry, hashAuditEntry, verifyAuditChain } from './audit.js';
export type {
  Command,
  CommandInput,
  CommandOf,
  CommandType,
  EvidenceFile,
  ReportObservation,
  ReportSelfScore,
  ReviewEvidenceFile,
} from './commands.js';
export {
  ApproveReportSchema,
  COMMAND_TYPES,
  CommandSchema,
  EvidenceFileSchema,
  RecordAwardSchema,
  RecordFindingSchema,
  RecordIncidentSchema,
  ReportObservationSchema,
  ReportSelfScoreSchema,
  ResubmitReportSchema,
  ReturnReportSchema,
  ReviewEvidenceFileSchema,
  ReviewTargetSchema,
  RunAssessmentSchema,
  SubmitReportSchema,
  WithdrawReportSchema,
} from './commands.js';
export type { Clock, CommandResult, Engine, EngineOptions } from './engine.js';
export { createEngine } from './engine.js';
export type { EngineEventName, EngineEvents } from './events.js';
export type { ReportObligation } from './obligations.js';
export type { ReportingCadence, ReportingObligation, ReportingOptions } from './period.js';
export { PeriodSchema, periodBounds, reportDueDate, reportingPeriods } from './period.js';
export type { PermissionScope } from './permissions.js';
export { PERMISSIONS, REPORT_VISIBILITY } from './permissions.js';
export type { EnginePlugin } from './plugin.js';
export type { OverdueReport, ReportFilter } from './queries.js';
export { canSeeReport, findReports, overdueReports, reviewQueue } from './queries.js';
export type {
  AssessmentRun,
  AwardRecord,
  EngineState,
  Finding,
  IncidentRecord,
  ProgressReport,
  ReportDecision,
  ReportRevision,
  ReportStatus,
  TargetReview,
} from './state.js';
export { RECORD_KINDS } from './state.js';
export type { TargetWatch } from './target-watch.js';
export { OFF_TRACK_STATUSES, watchTargets } from './target-watch.js';
export type { AssessmentRunner, ReportValidationInput } from './transition.js';
export { checkObservations, decide, parseCommand } from './transition.js';
