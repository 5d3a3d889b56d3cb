export type { PlanBreak } from './plan-arbitraries.js';
export { brokenPlanArbitrary, jsonNumber, validPlanArbitrary } from './plan-arbitraries.js';
