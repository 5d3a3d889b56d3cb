import type { IssuePath } from '@kepu/core';
import { invalidArgument } from '../errors.js';

// Type checks at the importer's public functions. Whatever a text contains becomes a diagnostic;
// these only refuse arguments of the wrong type (a number for the text, null for the options),
// which would otherwise fail deep inside with a TypeError. None recurses into its input.

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A text to read: a string, nothing else (not coerced: `String(x)` of an object is not a plan). */
export function expectText(value: unknown, path: IssuePath): string {
  if (typeof value !== 'string') invalidArgument(path, `expected text (a string), got ${kind(value)}`);
  return value;
}

/** A plain object. */
export function expectObject(value: unknown, path: IssuePath): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalidArgument(path, `expected an object, got ${kind(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Optional options: `undefined` is `{}`, anything but an object (`null` included) is refused. */
export function optionsObject(value: unknown, path: IssuePath): Record<string, unknown> {
  return value === undefined ? {} : expectObject(value, path);
}

function optionalText(record: Record<string, unknown>, key: string, path: IssuePath): void {
  if (record[key] !== undefined) expectText(record[key], [...path, key]);
}

/**
 * Units given as a directory: an array of objects, each with a text `id` and `name` and, when
 * present, a text `fullName` and `kind` and a list of text `aliases` — the fields the directory
 * reads. The other fields are passed on to the plan, whose validation names what is wrong there.
 */
export function checkUnits(value: unknown, path: IssuePath): void {
  if (!Array.isArray(value)) invalidArgument(path, `expected a list of units, got ${kind(value)}`);
  for (let i = 0; i < value.length; i++) {
    const unit = expectObject(value[i], [...path, i]);
    expectText(unit.id, [...path, i, 'id']);
    expectText(unit.name, [...path, i, 'name']);
    optionalText(unit, 'fullName', [...path, i]);
    optionalText(unit, 'kind', [...path, i]);
    if (unit.aliases !== undefined) {
      if (!Array.isArray(unit.aliases)) invalidArgument([...path, i, 'aliases'], 'expected a list of names');
      for (let k = 0; k < unit.aliases.length; k++) expectText(unit.aliases[k], [...path, i, 'aliases', k]);
    }
  }
}

/** The options of importPlan: a directory of units, a county of text fields, a text plan id. */
export function checkImportOptions(value: unknown): void {
  const options = optionsObject(value, ['options']);
  if (options.directory !== undefined) checkUnits(options.directory, ['options', 'directory']);
  if (options.county !== undefined) {
    const county = expectObject(options.county, ['options', 'county']);
    for (const key of ['id', 'name', 'province', 'prefecture', 'code'])
      optionalText(county, key, ['options', 'county']);
  }
  optionalText(options, 'planId', ['options']);
}

/** A span: six whole numbers ≥ 0. */
export function checkSpan(value: unknown, path: IssuePath): void {
  const span = expectObject(value, path);
  for (const key of ['start', 'end', 'line', 'column', 'endLine', 'endColumn']) {
    const n = span[key];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      invalidArgument([...path, key], `expected a whole number ≥ 0, got ${kind(n)}`);
    }
  }
}
