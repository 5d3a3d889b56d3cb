export type { AssessOptions } from './assess.js';
export { assess, prepareScheme } from './assess.js';
export type { Assessor, AssessorOptions } from './assessor.js';
export { createAssessor } from './assessor.js';
export type { AttainmentResult } from './attainment.js';
export { computeAttainment, describeComparator, directionOf, goalOf, meetsComparator } from './attainment.js';
export type { BaselineUsed, EvaluationContext, TargetEvaluation, TargetForecast } from './evaluate-target.js';
export { evaluateQuantitative, evaluateTarget } from './evaluate-target.js';
export type { Explanation } from './explanation.js';
export { formatNumber, NOT_EXPLAINED } from './explanation.js';
export { boundsOf, trendAt, type ValueBounds } from './forecast.js';
export { bandBelow, capTopGrade, gradeOf, lowestBand, topBand, topGradeSeats } from './grade.js';
export { canonicalJson, contentHash, sha256 } from './hash.js';
export type {
  AssessmentInputs,
  AssessmentInputsInput,
  Award,
  DeductionRecord,
  Incident,
  SelfScore,
} from './inputs.js';
export {
  ASSESSMENT_INPUTS_VERSION,
  AssessmentInputsSchema,
  AwardSchema,
  assessmentInputsJsonSchema,
  DeductionRecordSchema,
  IncidentSchema,
  parseAssessmentInputs,
  SelfScoreSchema,
  validateAssessmentInputs,
} from './inputs.js';
export type { Observation, ObservationScope, ObservedEstimate, PublishedValue } from './observation.js';
export {
  ObservationSchema,
  ObservationScopeSchema,
  ObservedEstimateSchema,
  PublishedValueSchema,
} from './observation.js';
export { publishedValueText } from './published-text.js';
export { competitionRanks } from './rank.js';
export type { Evidence, Review } from './review.js';
export { EvidenceSchema, ReviewSchema } from './review.js';
export type {
  AssessmentItem,
  AssessmentScheme,
  AssessmentSchemeInput,
  DeductionRule,
  GradeBand,
  ItemGroup,
  ItemSource,
  RuleOrigin,
  SchemeRule,
  ScoreSheet,
  ScoringRule,
} from './scheme.js';
export {
  ASSESSMENT_SCHEME_VERSION,
  AssessmentItemSchema,
  AssessmentSchemeSchema,
  assessmentSchemeJsonSchema,
  checkGradeBands,
  DeductionRuleSchema,
  defaultMark,
  defaultRules,
  defaultRulesNote,
  GradeBandSchema,
  ItemGroupSchema,
  ItemSourceSchema,
  parseScheme,
  RuleOriginSchema,
  ruleOrigin,
  SCHEME_RULE_NAMES,
  SCHEME_RULES,
  ScoreSheetSchema,
  ScoringRuleSchema,
  sheetMembers,
  validateScheme,
} from './scheme.js';
export { gradeAndRank, scoreSheet } from './score-sheet.js';
export type {
  BreakdownLine,
  ItemScore,
  ResolvedSource,
  Scorecard,
  ScorecardNote,
  SheetResult,
  TaskResult,
  UnitScore,
} from './scorecard.js';
export { ASSESSMENT_RULES_VERSION } from './scorecard.js';
export type { AnnualPoint } from './series.js';
export { annualSeries, categoryMatches } from './series.js';
export type { StatusThresholds, TargetStatus } from './status.js';
export {
  DEFAULT_STATUS_THRESHOLDS,
  StatusThresholdsSchema,
  statusFromRatio,
  TARGET_STATUS_NAMES,
  TARGET_STATUSES,
} from './status.js';
export { evaluateTaskResult, evaluateTaskResults } from './task-result.js';
export type { TimedValue, Trajectory } from './trajectory.js';
export { expectedOnTrajectory, growthRatio } from './trajectory.js';
export type { SheetScoringInput } from './unit-score.js';
export { scoreUnit } from './unit-score.js';
