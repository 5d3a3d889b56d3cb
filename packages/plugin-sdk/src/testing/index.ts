// Test kits for plugin and adapter authors; each is added with its suite.

export {
  assessmentInputsArbitrary,
  assessmentSchemeArbitrary,
  gradeBandsArbitrary,
  perfectInputs,
} from './assessment-arbitraries.js';
export type { CustomKindSamples, CustomObservationSample } from './custom-samples.js';
export type { ScoringLaw, ScoringLawCoverage, ScoringLawSubject } from './scoring-laws.js';
export { scoringLaws } from './scoring-laws.js';
export type { StoreCapabilities, StoreMigrationHarness } from './store-conformance.js';
export { testStore } from './store-conformance.js';
export type { CountyPluginTestOptions } from './test-county-plugin.js';
export { testCountyPlugin } from './test-county-plugin.js';
