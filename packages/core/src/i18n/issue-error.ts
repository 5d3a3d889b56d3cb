import type { IssueOf, IssuePath } from './error-codes.js';
import { formatPath } from './format-path.js';

/**
 * What every Kepu package's one error class shares: it carries every issue found, not just the
 * first, so a user can fix all of them in one pass; its `message` is the first issue's English
 * text with its path, and `messageZh` the Chinese. Each package extends it once (`KepuError`,
 * `SurveyError`) and brands its class with its own `Symbol.for` key, so its `isX()` check works
 * across duplicate installs where `instanceof` would not.
 *
 * @example
 * ```ts
 * import { IssueError, type IssueOf } from '@kepu/core';
 * const BRAND = Symbol.for('my-package/MyError');
 * class MyError extends IssueError<IssueOf<'my-code'>> {
 *   readonly [BRAND] = true;
 *   constructor(issues: readonly [IssueOf<'my-code'>, ...IssueOf<'my-code'>[]]) {
 *     super('MyError', issues);
 *   }
 * }
 * ```
 */
export abstract class IssueError<I extends IssueOf<string>> extends Error {
  /** The code of the first issue: what a caller switches on. */
  readonly code: I['code'];
  /** The path of the first issue. */
  readonly path: IssuePath;
  /** Every issue found. */
  readonly issues: readonly I[];
  /** The first issue's message in Chinese. */
  readonly messageZh: string;

  /** `issues` must not be empty: the subclass decides what an empty list means. */
  protected constructor(name: string, issues: readonly I[], options?: { cause?: unknown }) {
    const first = issues[0];
    if (first === undefined) throw new RangeError(`${name} needs at least one issue`);
    const more = issues.length - 1;
    super(`${formatPath(first.path)}: ${first.message.en}${more > 0 ? ` (+${more} more)` : ''}`, options);
    this.name = name;
    this.code = first.code;
    this.path = first.path;
    this.issues = issues;
    this.messageZh = `${formatPath(first.path)}：${first.message.zh}${more > 0 ? `（另有 ${more} 处问题）` : ''}`;
  }
}

/**
 * True when `value` carries `brand` set to `true`: the check behind each error class's `isX()`,
 * which must hold for an error thrown by another copy of the same package.
 *
 * @example
 * ```ts
 * import { hasBrand } from '@kepu/core/model';
 * hasBrand(new Error('x'), Symbol.for('@kepu/core/KepuError')); // false
 * ```
 */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
