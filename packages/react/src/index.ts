export type {
  Actor,
  AssessmentRun,
  CommandInput,
  CommandResult,
  Engine,
  EngineEventName,
  EngineEvents,
  EngineState,
  KepuIssue,
  Plan,
  ProgressReport,
  ReportFilter,
  ResponsibilityMatrix,
  Scorecard,
  TargetEvaluation,
  Task,
} from '@kepu/core';
export type { AssessmentQuery, ScorecardView } from './assessment-hooks.js';
export { useAssessmentRuns, useScorecard, useTargetStatus } from './assessment-hooks.js';
export type { ActorProviderProps, KepuProviderProps } from './context.js';
export { ActorProvider, KepuProvider, useActor, useEngine } from './context.js';
export type { TaskQuery } from './plan-hooks.js';
export { usePlan, useResponsibilityMatrix, useTasks } from './plan-hooks.js';
export { useReport, useReports, useReviewQueue } from './report-hooks.js';
export type { CommandOptions, CommandState, ReportDraft, SubmitReportState, UiCommand } from './use-command.js';
export { fieldOfIssue, issuesByField, useCommand, useSubmitReport } from './use-command.js';
export { useEngineEvent } from './use-engine-event.js';
export { shallowEqualArrays, useKepuSelector } from './use-kepu-selector.js';
