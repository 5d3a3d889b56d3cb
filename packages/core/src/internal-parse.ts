import type { z } from 'zod';
import { createIssue, fromZodIssues } from './errors.js';
import type { Result } from './result.js';

/**
 * zod's `safeParse` over untrusted input, made total: a getter that throws, a revoked proxy, or a
 * value zod's own checks cannot read (zod 4 still runs a string's `max` check on an object whose
 * `length` cannot be turned into a number) becomes an `invalid-shape` issue at `prefix`, never a
 * raw TypeError. Internal to the package.
 */
export function parseUntrusted<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: ReadonlyArray<string | number> = [],
): Result<z.output<S>> {
  try {
    const parsed = schema.safeParse(input);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, issues: fromZodIssues(parsed.error.issues, prefix) };
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : 'a value that cannot be read';
    return { ok: false, issues: [createIssue('invalid-shape', prefix, { detail: `unreadable value (${detail})` })] };
  }
}
