import type { KepuIssue } from './errors.js';

/**
 * The outcome of a check that never throws: a value, or every issue found.
 *
 * @example
 * ```ts
 * import { validatePlan } from '@kepu/core';
 * const result = validatePlan(input);
 * if (result.ok) use(result.value);
 * else for (const issue of result.issues) console.error(issue.code, issue.path);
 * ```
 */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly KepuIssue[] };
