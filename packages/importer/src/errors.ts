import { defineErrorCodes, IssueError, type IssueOf, type IssuePath } from '@kepu/core';
import { hasBrand } from '@kepu/core/model';

// The importer reports everything it reads about a text as diagnostics and never throws over a
// text's content. It throws only when called the wrong way — a text that is not a string,
// options that are not an object — which no text can cause and a caller must fix.
const IMPORTER_CODES = defineErrorCodes({
  'invalid-argument': {
    zh: '参数“{argument}”无效：{detail}。请按说明传入正确类型的值。',
    en: 'Argument "{argument}" is invalid: {detail}. Pass a value of the documented type.',
  },
});

/**
 * Every error code `@kepu/importer` can throw, with its bilingual template. (What the importer
 * finds in a text is not an error but a diagnostic: see `DIAGNOSTIC_CODES`.)
 *
 * @example
 * ```ts
 * import { IMPORTER_ERROR_CODES } from '@kepu/importer';
 * IMPORTER_ERROR_CODES['invalid-argument'].en; // 'Argument "{argument}" is invalid: …'
 * ```
 */
export const IMPORTER_ERROR_CODES = IMPORTER_CODES.templates;

/**
 * A code from {@link IMPORTER_ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { ImporterErrorCode } from '@kepu/importer';
 * const code: ImporterErrorCode = 'invalid-argument';
 * ```
 */
export type ImporterErrorCode = keyof typeof IMPORTER_ERROR_CODES;

/**
 * One problem with the arguments of an importer function: code, path (argument name, then keys
 * and indices inside it) and a bilingual message. Same shape as `@kepu/core`'s issues.
 *
 * @example
 * ```ts
 * import type { ImporterIssue } from '@kepu/importer';
 * const describe = (issue: ImporterIssue) => `${issue.path.join('.')}: ${issue.message.en}`;
 * ```
 */
export type ImporterIssue = IssueOf<ImporterErrorCode>;

const IMPORTER_ERROR = Symbol.for('@kepu/importer/ImporterError');

/**
 * The one error class of `@kepu/importer`, thrown when a function is called with arguments of the
 * wrong type. Branded with `Symbol.for`, so {@link isImporterError} works across duplicate
 * installs where `instanceof` would not.
 *
 * @example
 * ```ts
 * import { importPlan, isImporterError } from '@kepu/importer';
 * try {
 *   importPlan(text, JSON.parse(optionsJson));
 * } catch (error) {
 *   if (isImporterError(error)) console.error(error.messageZh);
 * }
 * ```
 */
export class ImporterError extends IssueError<ImporterIssue> {
  readonly [IMPORTER_ERROR] = true;

  constructor(issues: readonly [ImporterIssue, ...ImporterIssue[]], options?: { cause?: unknown }) {
    super('ImporterError', issues, options);
  }
}

/**
 * True when `value` is an {@link ImporterError}, even one thrown by another copy of the package.
 *
 * @example
 * ```ts
 * import { isImporterError } from '@kepu/importer';
 * isImporterError(new Error('x')); // false
 * ```
 */
export function isImporterError(value: unknown): value is ImporterError {
  return hasBrand(value, IMPORTER_ERROR);
}

/** Throws an {@link ImporterError} for one argument. */
export function invalidArgument(path: IssuePath, detail: string): never {
  const argument = path.map((key) => (typeof key === 'number' ? `[${key}]` : key)).join('.');
  throw new ImporterError([IMPORTER_CODES.issue('invalid-argument', path, { argument, detail })]);
}
