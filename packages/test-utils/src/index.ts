// The assessment arbitraries and scoring laws are published in @kepu/plugin-sdk/testing, where
// county-plugin authors run them against their own schemes; Kepu's own tests import them from
// here as before.
export type { ScoringLaw, ScoringLawSubject } from '@kepu/plugin-sdk/testing';
export {
  assessmentInputsArbitrary,
  assessmentSchemeArbitrary,
  gradeBandsArbitrary,
  perfectInputs,
  scoringLaws,
} from '@kepu/plugin-sdk/testing';
export { CORE_MODULES, resolveSnippetImport } from './core-modules.js';
export type { PlanBreak } from './plan-arbitraries.js';
export { brokenPlanArbitrary, jsonNumber, validPlanArbitrary } from './plan-arbitraries.js';
export type { StoreCapabilities } from './store-conformance.js';
export { testStore } from './store-conformance.js';
