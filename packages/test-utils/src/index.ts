export type { PlanBreak } from './plan-arbitraries.js';
export { brokenPlanArbitrary, jsonNumber, validPlanArbitrary } from './plan-arbitraries.js';
export type { StoreCapabilities } from './store-conformance.js';
export { testStore } from './store-conformance.js';
