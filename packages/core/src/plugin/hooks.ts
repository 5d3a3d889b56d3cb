import { freeze } from 'immer';
import { createIssue } from '../errors.js';

/**
 * The outcome of one call of a plugin hook: its value, or why it was not used.
 *
 * @example
 * ```ts
 * import { callHook } from '@kepu/core/plugin';
 * const outcome = callHook('my-plugin', 'validateReport', (x: number) => [x], 1);
 * if (!outcome.ok) console.warn(outcome.failure.message.en);
 * ```
 */
export type HookOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly elapsedMs: number }
  | {
      readonly ok: false;
      readonly failure: ReturnType<typeof createIssue>;
      readonly error: unknown;
      readonly elapsedMs: number;
    };

/**
 * Options of {@link callHook}.
 *
 * @example
 * ```ts
 * import type { HookCallOptions } from '@kepu/core/plugin';
 * const options: HookCallOptions<string[]> = { budgetMs: 50, check: (v) => (Array.isArray(v) ? undefined : 'not a list') };
 * ```
 */
export interface HookCallOptions<T> {
  /**
   * Time a synchronous hook may take. JavaScript cannot interrupt a synchronous function, so a
   * hook that runs past its budget is not stopped; its result is discarded and the call counts
   * as failed, which makes a slow hook visible instead of silently slowing every command.
   * @default 250
   */
  readonly budgetMs?: number;
  /** Says what is wrong with a returned value (`undefined` when it is fine). */
  readonly check?: (value: unknown) => string | undefined;
  /** Reads the time in milliseconds. @default performance.now */
  readonly now?: () => number;
  /** Marks the type the hook must return. */
  readonly returns?: (value: unknown) => value is T;
}

/**
 * Calls a plugin hook so that nothing it does can harm the host: its argument is deeply frozen
 * (a mutation throws inside the hook), a throw is caught, a returned value is checked, and a call
 * that ran past its time budget is discarded. Failures come back as a `plugin-hook-failed`
 * issue naming the plugin and the hook, for the host to report as an event. Never throws.
 *
 * @example
 * ```ts
 * import { callHook } from '@kepu/core/plugin';
 * const outcome = callHook('county-x', 'beforeAssessment', plugin.hooks.beforeAssessment, { plan, inputs }, {
 *   check: (v) => (v === undefined || typeof v === 'object' ? undefined : 'must return inputs or nothing'),
 * });
 * ```
 */
export function callHook<A, T>(
  plugin: string,
  hook: string,
  fn: (argument: A) => T,
  argument: A,
  options: HookCallOptions<T> = {},
): HookOutcome<T> {
  const now = options.now ?? (() => performance.now());
  const budget = options.budgetMs ?? 250;
  const started = now();
  const fail = (detail: string, error: unknown): HookOutcome<T> => ({
    ok: false,
    failure: createIssue('plugin-hook-failed', ['plugins', plugin, 'hooks', hook], { plugin, hook, detail }),
    error,
    elapsedMs: now() - started,
  });
  let value: T;
  try {
    value = fn(deepFreeze(argument));
  } catch (error) {
    return fail(error instanceof Error ? `${error.name}: ${error.message}` : String(error), error);
  }
  const elapsedMs = now() - started;
  if (elapsedMs > budget) {
    return fail(`ran ${Math.round(elapsedMs)} ms, over its budget of ${budget} ms`, new Error('hook over budget'));
  }
  if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') {
    return fail('returned a promise; hooks run inside a command and must be synchronous', new TypeError('async hook'));
  }
  const problem = options.check?.(value);
  if (problem !== undefined) return fail(`returned bad data: ${problem}`, new TypeError(problem));
  return { ok: true, value, elapsedMs };
}

/** Freezes an object graph in place (immer's deep freeze; already-frozen parts are skipped). */
function deepFreeze<T>(value: T): T {
  return value !== null && typeof value === 'object' ? freeze(value, true) : value;
}
