export {
  assessmentInputsArbitrary,
  assessmentSchemeArbitrary,
  gradeBandsArbitrary,
  perfectInputs,
} from './assessment-arbitraries.js';
export type { PlanBreak } from './plan-arbitraries.js';
export { brokenPlanArbitrary, jsonNumber, validPlanArbitrary } from './plan-arbitraries.js';
export type { ScoringLaw, ScoringLawSubject } from './scoring-laws.js';
export { scoringLaws } from './scoring-laws.js';
export type { StoreCapabilities } from './store-conformance.js';
export { testStore } from './store-conformance.js';
