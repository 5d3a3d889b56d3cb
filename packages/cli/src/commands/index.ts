import type { CommandSpec } from '../command.js';
import { assessCommand } from './assess.js';
import { AUDIT_COMMANDS } from './audit.js';
import { dataImportCommand, dataTemplateCommand } from './data.js';
import { demoCommand } from './demo.js';
import { EVIDENCE_COMMANDS } from './evidence.js';
import { importCommand } from './import.js';
import { planShowCommand } from './plan-show.js';
import { reportCommand } from './report.js';
import { serveCommand } from './serve.js';
import { SURVEY_COMMANDS } from './survey/index.js';
import { validateCommand } from './validate.js';

/**
 * Every built-in command, in the order `kepu --help` lists them. Hosts can pass their own list
 * (these plus theirs) to `runCli`.
 *
 * @example
 * ```ts
 * import { COMMANDS, processIO, runCli } from '@kepu/cli';
 * await runCli(process.argv.slice(2), processIO(), [...COMMANDS, myCommand]);
 * ```
 */
export const COMMANDS: readonly CommandSpec[] = [
  demoCommand,
  planShowCommand,
  validateCommand,
  assessCommand,
  reportCommand,
  dataTemplateCommand,
  dataImportCommand,
  importCommand,
  ...SURVEY_COMMANDS,
  ...AUDIT_COMMANDS,
  serveCommand,
  ...EVIDENCE_COMMANDS,
];
