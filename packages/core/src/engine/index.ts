export type { Actor, ActorResolver, EngineRole } from './actor.js';
export { ActorSchema, ENGINE_ROLES } from './actor.js';
export type { AssessmentInputsOptions, SchemeCheck } from './assessment-inputs.js';
export { assessWithSchemes, toAssessmentInputs } from './assessment-inputs.js';
export type { AuditProblem, AuditVerification } from './audit.js';
export { chainAuditEntry, hashAuditEntry, verifyAuditChain } from './audit.js';
export type { AuditAnchor } from './audit-anchor.js';
export { AuditAnchorSchema, anchorOfHead, auditAnchorPayload, parseAuditAnchor } from './audit-anchor.js';
export type {
  ApplyContext,
  CommandContext,
  CommandDefinition,
  CommandStep,
  CommandTarget,
  PriorRecord,
  RecordKind,
} from './command-definition.js';
export { defineCommand, permissionRow } from './command-definition.js';
export { ApproveReportSchema } from './commands/approve-report.js';
export { AttachFindingEvidenceSchema, AttachReportEvidenceSchema } from './commands/attach-evidence.js';
export type {
  Command,
  CommandInput,
  CommandOf,
  CommandType,
} from './commands/index.js';
export { COMMAND_TYPES, CommandSchema, commandDefinition } from './commands/index.js';
export { RecordAwardSchema } from './commands/record-award.js';
export { RecordFindingSchema } from './commands/record-finding.js';
export { RecordIncidentSchema } from './commands/record-incident.js';
export type {
  EvidenceFile,
  ReportObservation,
  ReportSelfScore,
  ReviewEvidenceFile,
} from './commands/report-content.js';
export {
  EvidenceFileSchema,
  ReportObservationSchema,
  ReportSelfScoreSchema,
  ReviewEvidenceFileSchema,
} from './commands/report-content.js';
export { ResubmitReportSchema } from './commands/resubmit-report.js';
export { ReturnReportSchema } from './commands/return-report.js';
export { ReviewTargetSchema } from './commands/review-target.js';
export { RunAssessmentSchema } from './commands/run-assessment.js';
export { SubmitReportSchema } from './commands/submit-report.js';
export { WithdrawReportSchema } from './commands/withdraw-report.js';
export type { CommandEventName, EngineEffect } from './effects.js';
export type { Clock, CommandResult, Engine, EngineOptions } from './engine.js';
export { createEngine } from './engine.js';
export type { EngineEventName, EngineEvents } from './events.js';
export { verifyStoreAudit } from './load.js';
export type { ReportObligation } from './obligations.js';
export type { ReportingCadence, ReportingObligation, ReportingOptions } from './period.js';
export { PeriodSchema, periodBounds, reportDueDate, reportingPeriods } from './period.js';
export type { PermissionScope } from './permissions.js';
export { PERMISSIONS, REPORT_VISIBILITY } from './permissions.js';
export type { EnginePlugin } from './plugin.js';
export type { OverdueReport, ReportFilter } from './queries.js';
export { canSeeReport, findReports, overdueReports, reviewQueue, visibleState } from './queries.js';
export type {
  AssessmentRun,
  AwardRecord,
  EngineState,
  EvidenceAttachment,
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
export { OFF_TRACK_STATUSES, targetChanges, watchTargets } from './target-watch.js';
export type { Accepted, DecidedStep } from './transition.js';
export { decide, decideBatch, parseCommand } from './transition.js';
export type { AssessmentRunner, ReportValidationInput, TargetWatchOptions } from './transition-context.js';
