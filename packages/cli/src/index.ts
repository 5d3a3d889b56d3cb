export type { CommandArgs, CommandContext, CommandSpec, OptionSpec } from './command.js';
export { isUsageError, UsageError } from './command.js';
export { COMMANDS } from './commands/index.js';
export { EXIT } from './exit-codes.js';
export type { Bilingual, Lang } from './i18n.js';
export type { CliIO } from './io.js';
export { createMemoryIO, processIO } from './io.js';
export { runCli } from './main.js';
