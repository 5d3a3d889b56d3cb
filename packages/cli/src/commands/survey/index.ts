import type { CommandSpec } from '../../command.js';
import { surveyDemoCommand } from './demo.js';
import { surveyEstimateCommand } from './estimate.js';
import { surveyRakeCommand } from './rake.js';
import { surveyScoreCommand } from './score.js';

export { surveyDemoCommand } from './demo.js';
export { surveyEstimateCommand } from './estimate.js';
export { surveyRakeCommand } from './rake.js';
export { surveyScoreCommand } from './score.js';

/**
 * The `kepu survey` commands: score, estimate, rake, demo.
 *
 * @example
 * ```ts
 * import { SURVEY_COMMANDS } from './commands/survey/index.js';
 * await runCli(['survey', 'demo', '--out', 'demo'], io, SURVEY_COMMANDS);
 * ```
 */
export const SURVEY_COMMANDS: readonly CommandSpec[] = [
  surveyScoreCommand,
  surveyEstimateCommand,
  surveyRakeCommand,
  surveyDemoCommand,
];
