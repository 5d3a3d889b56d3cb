export { normalizeAnswer } from './answer.js';
export type { Margin, PopulationTable, PostStratifyOptions, RakeOptions, RakeResult } from './calibrate.js';
export { crossCells, postStratify, rake } from './calibrate.js';
export type { CiMethod, ConfidenceInterval } from './ci.js';
export { proportionCi, symmetricCi } from './ci.js';
export type { DemoRespondent, DemoSurvey, DemoSurveyOptions, DemoSurveyStream, DemoUnit } from './demo.js';
export { generateDemoSurvey, streamDemoSurvey } from './demo.js';
export type {
  Calibration,
  CompiledStage,
  DesignInput,
  Key,
  LonelyPsuPolicy,
  StageInput,
  SurveyDesign,
} from './design.js';
export { createDesign, describeDesign } from './design.js';
export type { ColumnRef, RowDesignSpec } from './design-from-rows.js';
export { columnOf, designFromRows } from './design-from-rows.js';
export {
  betaCdf,
  betaQuantile,
  logGamma,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from './distributions.js';
export type { SurveyErrorCode, SurveyIssue } from './errors.js';
export {
  createSurveyIssue,
  fromZodSurveyIssues,
  isSurveyError,
  SURVEY_ERROR_CODES,
  SurveyError,
} from './errors.js';
export type {
  DeffBasis,
  Estimate,
  EstimateOptions,
  GroupEstimate,
  ProportionOptions,
  Statistic,
} from './estimate.js';
export { estimateMean, estimateProportion, estimateTotal } from './estimate.js';
export type { ByGroupOptions } from './estimate-by-group.js';
export { estimateByGroup } from './estimate-by-group.js';
export type { GapEstimate, GapOptions } from './estimate-gap.js';
export { estimateGap } from './estimate-gap.js';
export type {
  GapChange,
  GapDimension,
  GapEvidence,
  GapEvidenceOptions,
  GapFinding,
} from './gap-evidence.js';
export { toGapEvidence } from './gap-evidence.js';
export type { MarginSpec } from './margin-spec.js';
export { marginsFromRows } from './margin-spec.js';
export type { ObservationOptions, ObservedEstimate, SurveyObservations } from './observations.js';
export { toObservations, toObservedEstimate } from './observations.js';
export type {
  FormatOptions,
  ReliabilityFlag,
  ReliabilityFlagCode,
  ReliabilityInput,
  ReliabilityRules,
} from './reliability.js';
export { assessReliability, DEFAULT_RELIABILITY, formatEstimate } from './reliability.js';
export type { AllDimensionsScheme, NationalScheme, ScoringScheme } from './scheme.js';
export { allDimensionsScheme, NATIONAL_DIMENSIONS, nationalScheme } from './scheme.js';
export type { DimensionScore, Item, LiteracyLevel, Questionnaire, Respondent, RespondentScore } from './scoring.js';
export {
  ItemSchema,
  parseQuestionnaire,
  QuestionnaireSchema,
  RespondentSchema,
  scoreRespondent,
  scoreRespondents,
} from './scoring.js';
