/**
 * Exit codes of every `kepu` command, as documented in `kepu --help` and docs/cli.md.
 *
 * @example
 * ```ts
 * import { EXIT } from '@kepu/cli';
 * if ((await runCli(['validate', 'x.json'], io)) === EXIT.badInput) console.error('fix the file');
 * ```
 */
export const EXIT = {
  /** The command did what was asked. */
  ok: 0,
  /** The command ran but failed (an I/O error, a failed check, an internal error). */
  failure: 1,
  /** Bad usage (unknown command or option) or bad input (a file that does not validate). */
  badInput: 2,
} as const;
