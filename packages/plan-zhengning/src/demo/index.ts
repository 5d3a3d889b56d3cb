export { DEMO_ACTORS, demoEngineOptions } from './actors.js';
export type { DemoClock } from './clock.js';
export { createDemoClock } from './clock.js';
export type { DemoHistoryOptions, DemoHistorySummary, DemoProgress } from './history.js';
export { createDemoHistory, DEMO_DEFAULT_SEED, DEMO_GENERATOR_VERSION } from './history.js';
