import type { Bilingual, Lang } from './i18n.js';
import type { CliIO } from './io.js';

/**
 * One option of a command, as `node:util` `parseArgs` understands it, plus help text.
 *
 * @example
 * ```ts
 * const plan: OptionSpec = { type: 'string', description: { zh: '计划编号', en: 'plan id' }, default: 'zhengning' };
 * ```
 */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly description: Bilingual;
  /** Shown in help; applied when the option is absent. */
  readonly default?: string | boolean;
  /** For string options: the only values accepted. */
  readonly choices?: readonly string[];
}

/**
 * What a command's `run` receives: where to write, the language, and whether `--json` was given.
 *
 * @example
 * ```ts
 * const run: CommandSpec['run'] = (_args, { io, lang, json }) => { io.write(json ? '{}\n' : lang); return 0; };
 * ```
 */
export interface CommandContext {
  readonly io: CliIO;
  readonly lang: Lang;
  /** `--json`: machine output on stdout, no decoration. */
  readonly json: boolean;
}

/**
 * Parsed arguments of a command: option values by long name (defaults applied) and positionals.
 *
 * @example
 * ```ts
 * const run: CommandSpec['run'] = ({ values, positionals }) => (values.json === true && positionals.length > 0 ? 0 : 2);
 * ```
 */
export interface CommandArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * A `kepu` command: the words that name it, its help, its options, and what it does.
 * `run` returns an exit code from {@link EXIT}; it may throw {@link UsageError} (exit 2),
 * a `KepuError` (bad input, exit 2) or anything else (exit 1).
 *
 * @example
 * ```ts
 * import type { CommandSpec } from '@kepu/cli';
 * const hello: CommandSpec = {
 *   path: ['hello'],
 *   summary: { zh: '问候', en: 'say hello' },
 *   usage: 'kepu hello',
 *   options: {},
 *   run: (_args, { io }) => { io.write('你好\n'); return 0; },
 * };
 * ```
 */
export interface CommandSpec {
  readonly path: readonly string[];
  readonly summary: Bilingual;
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly positionals?: ReadonlyArray<{
    readonly name: string;
    readonly description: Bilingual;
    readonly required?: boolean;
  }>;
  /** Extra help text after the option list. */
  readonly details?: Bilingual;
  run(args: CommandArgs, context: CommandContext): Promise<number> | number;
}

const USAGE_ERROR = Symbol.for('@kepu/cli/UsageError');

/**
 * Bad usage of a command: an unknown option, a missing argument, a value out of its choices.
 * Exits with code 2 and the message in the chosen language.
 *
 * @example
 * ```ts
 * import { UsageError } from '@kepu/cli';
 * throw new UsageError({ zh: '缺少 --period', en: '--period is required' });
 * ```
 */
export class UsageError extends Error {
  readonly text: Bilingual;
  readonly [USAGE_ERROR] = true;
  constructor(text: Bilingual) {
    super(text.en);
    this.name = 'UsageError';
    this.text = text;
  }
}

/**
 * True for a {@link UsageError}, across duplicate installs.
 *
 * @example
 * ```ts
 * import { UsageError, isUsageError } from '@kepu/cli';
 * isUsageError(new UsageError({ zh: '错', en: 'wrong' })); // true
 * ```
 */
export function isUsageError(value: unknown): value is UsageError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[USAGE_ERROR] === true;
}
