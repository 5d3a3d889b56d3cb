import type { IssuePath } from '@kepu/core';
import type { Key } from '../design.js';
import { fail } from '../errors.js';

// Checks at the public entry points, so what a caller passes from a file, a form or JSON is
// refused with a SurveyError naming the argument — never a TypeError from deep inside, a stack
// overflow, or a value read from Object.prototype through a key such as "__proto__". None of
// them recurses into its input, so depth cannot overflow the stack here.

/** A short, safe description of a value for a message: never calls the value's own methods. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return 'a typed array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return String(value);
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return 'an object';
  }
}

function invalid(path: IssuePath, expected: string, value: unknown): never {
  fail('invalid-shape', path, { detail: `expected ${expected}, got ${describeValue(value)}` });
}

/** A plain object (not null, not an array): an options or input record. */
export function expectRecord(value: unknown, path: IssuePath, what = 'an object'): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
    invalid(path, what, value);
  }
  return value as Record<string, unknown>;
}

/** Options that may be left out: `undefined` is `{}`, anything but an object is refused. */
export function optionsRecord(value: unknown, path: IssuePath): Record<string, unknown> {
  return value === undefined ? {} : expectRecord(value, path, 'an options object');
}

/** A column: an array or a typed array (not a string, whose characters are not records). */
export function expectColumn(value: unknown, path: IssuePath): ArrayLike<unknown> {
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    return value as unknown as ArrayLike<unknown>;
  }
  return invalid(path, 'an array with one value per record', value);
}

/**
 * An array (of records, margins, stages …) without holes: `map` and `forEach` skip a hole, so a
 * sparse list would be half-checked and half-used.
 */
export function expectArray(value: unknown, path: IssuePath): readonly unknown[] {
  if (!Array.isArray(value)) invalid(path, 'an array', value);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) fail('invalid-shape', [...path, i], { detail: 'the list has a hole here: give every entry' });
  }
  return value;
}

/** A string option (an id, a name, a label). */
export function expectString(value: unknown, path: IssuePath): string {
  if (typeof value !== 'string') invalid(path, 'text', value);
  return value;
}

/** A value of an option that must be one of a few words. */
export function expectOneOf<T extends string>(value: unknown, allowed: readonly T[], path: IssuePath): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail('invalid-option', path, {
      option: String(path[path.length - 1] ?? ''),
      value: describeValue(value),
      detail: `use one of ${allowed.join(', ')}`,
    });
  }
  return value as T;
}

/** A finite number option within [min, max]. */
export function expectNumber(value: unknown, path: IssuePath, min: number, max: number, detail: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail('invalid-option', path, { option: String(path[path.length - 1] ?? ''), value: describeValue(value), detail });
  }
  return value;
}

/** The missing marks of a key column: null, undefined, NaN, the empty string. */
export function isMissingKey(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)) || value === '';
}

/**
 * A stratum, unit, group or cell label as text: strings as they are, finite numbers, bigints and
 * booleans as written. Anything else (an object, an array, a symbol) is refused: its text would
 * be "[object Object]", or a nested array's `join` would overflow the stack.
 */
export function keyText(value: Key | unknown, path: IssuePath): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (Number.isFinite(value)) return String(value);
      break;
    case 'bigint':
    case 'boolean':
      return String(value);
  }
  return invalid(path, 'a label (text or a number)', value);
}

/** A record's own property: never one inherited from Object.prototype (`__proto__`, `constructor`). */
export function own(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}
