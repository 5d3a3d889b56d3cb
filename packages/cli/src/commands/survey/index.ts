import type { CommandSpec } from '../../command.js';
import { commandGroup } from '../command-group.js';
import { surveyDemoCommand } from './demo.js';
import { surveyEstimateCommand } from './estimate.js';
import { surveyRakeCommand } from './rake.js';
import { surveyScoreCommand } from './score.js';

export { surveyDemoCommand } from './demo.js';
export { surveyEstimateCommand } from './estimate.js';
export { surveyRakeCommand } from './rake.js';
export { surveyScoreCommand } from './score.js';

const SUBCOMMANDS: readonly CommandSpec[] = [
  surveyScoreCommand,
  surveyEstimateCommand,
  surveyRakeCommand,
  surveyDemoCommand,
];

/**
 * `kepu survey`: lists the survey commands with their usage; an unknown sub-command is a usage
 * error that names the ones there are.
 *
 * @example
 * ```ts
 * await runCli(['survey'], io); // prints score, estimate, rake and demo with their usage
 * ```
 */
export const surveyCommand: CommandSpec = commandGroup({
  name: 'survey',
  summary: {
    zh: '公民科学素质调查：评分、加权估计、迭代加权、演示数据（见下列子命令）',
    en: 'citizen literacy survey: scoring, design-based estimates, raking, demo data (sub-commands below)',
  },
  usage: 'kepu survey <score|estimate|rake|demo> …',
  heading: { zh: '公民科学素质调查命令：', en: 'Citizen literacy survey commands:' },
  footer: {
    zh: '运行 kepu survey <子命令> --help 查看各选项；kepu survey demo --out <目录> 生成可以试用的数据。',
    en: 'Run kepu survey <command> --help for its options; kepu survey demo --out <dir> writes data to try them on.',
  },
  subcommands: SUBCOMMANDS,
});

/**
 * The `kepu survey` commands: the group, then score, estimate, rake, demo.
 *
 * @example
 * ```ts
 * import { SURVEY_COMMANDS } from './commands/survey/index.js';
 * await runCli(['survey', 'demo', '--out', 'demo'], io, SURVEY_COMMANDS);
 * ```
 */
export const SURVEY_COMMANDS: readonly CommandSpec[] = [surveyCommand, ...SUBCOMMANDS];
