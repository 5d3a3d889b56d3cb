import { isKepuError } from '@kepu/core';
import fc from 'fast-check';
import { isImporterError } from '../../packages/importer/src/index.js';
import { isSurveyError } from '../../packages/survey/src/index.js';

// The generic part of the fuzz suite: hostile inputs, the contract every public entry point must
// keep with them, and one function that checks an entry point against it. Entry-point files
// (`survey-*.test.ts`, `importer.test.ts`) only say what to call and with which arguments.
//
// To add @kepu/core once its restructuring has landed, write `core.test.ts` the same way: a table
// of valid argument tuples by export name, a NOT_UNTRUSTED list with reasons, a test that every
// exported function is in one of them, and `fuzzEntryPoint(name, fn, mixedArgs(valid))` for each.
// The entry points that take untrusted input, with the inputs the fuzzing of issue 16 broke:
//
//   assess(plan, scheme, observations, options)   observations null, not an array, or [null];
//                                                  options null; a deeply nested asOf
//   validatePlan(input), parsePlan(input)          any JSON (already never throw: keep it so)
//   parseCommand(input) / the engine's dispatch     a command of any shape, a forged actor id
//   createEngine(options).execute(command)          plugin hooks that throw or return junk, an
//                                                  issue without a message
//   store adapters' load(...)                       a tampered database row (in the store suite)
//
// Core's KepuError is already among the brands isTypedKepuError accepts.

/**
 * Inputs per entry point. 10,000 in the default test run (the bar for CI); raise it with
 * `KEPU_FUZZ_RUNS` for a longer run (see `bench/fuzz.bench.ts`).
 */
export const FUZZ_RUNS = positiveInteger(process.env.KEPU_FUZZ_RUNS, 10_000);

/**
 * The seed of every run: fixed, so a failure in CI fails the same way on every machine. The long
 * run in `bench/` varies it with `KEPU_FUZZ_SEED` to explore inputs the default run never sees.
 */
export const FUZZ_SEED = positiveInteger(process.env.KEPU_FUZZ_SEED, 20_240_916);

/**
 * A fuzz test's time limit: two minutes for the default run (the slowest entry point takes about
 * 10 s on a loaded 2-core machine), growing with the number of inputs for the long run.
 */
export const FUZZ_TIMEOUT = Math.max(120_000, FUZZ_RUNS * 12);

function positiveInteger(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`expected a positive whole number, got "${text}"`);
  return value;
}

/** Keys that have tripped JavaScript code before: prototype keys and array-like keys. */
const HOSTILE_KEYS = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'length') },
);

/** Numbers that break arithmetic: overflowing sums, NaN, infinities, negative zero. */
export const HOSTILE_NUMBERS: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    -0,
    2 ** 53,
    2 ** 31,
    -1,
    0,
  ),
  fc.double(),
  fc.integer(),
);

function nest(depth: number, asObject: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value, __proto__: null } : [value];
  // fast-check prints a counterexample recursively: say what it is instead of overflowing.
  const label = `<${depth} nested ${asObject ? 'objects' : 'arrays'}>`;
  Object.defineProperty(value, fc.toStringMethod, { value: () => label });
  return value;
}

/**
 * Nested arrays and objects far deeper than any real input, which recursive code (a `String()` of
 * an array, a naive deep copy or walk) turns into a stack overflow. Built once: building 20,000
 * levels for every input would cost more than most calls under test.
 */
export const DEEPLY_NESTED: fc.Arbitrary<unknown> = fc.constantFrom(
  nest(5_000, false),
  nest(5_000, true),
  nest(50_000, false),
  nest(50_000, true),
);

/**
 * Anything at all: fast-check's `anything` with null prototypes, boxed values, maps, sets, typed
 * and sparse arrays, bigints and dates, prototype keys and hostile numbers — plus deep nesting.
 */
export const HOSTILE: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.anything({
      key: HOSTILE_KEYS,
      values: [fc.boolean(), HOSTILE_NUMBERS, fc.string({ maxLength: 8 }), fc.constant(null), fc.constant(undefined)],
      maxDepth: 3,
      maxKeys: 5,
      withNullPrototype: true,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withBigInt: true,
      withDate: true,
    }),
  },
  { weight: 1, arbitrary: DEEPLY_NESTED },
  { weight: 1, arbitrary: HOSTILE_NUMBERS },
);

/**
 * `size` values of `arbitrary`, drawn once with the fixed seed, then picked from. Building valid
 * inputs (a design from a sample) costs more than most calls under test; a pool keeps 10,000
 * runs per entry point within the suite's time budget, and mutation makes each pick different.
 */
export function pool<T>(arbitrary: fc.Arbitrary<T>, size = 100): fc.Arbitrary<T> {
  const values = fc.sample(arbitrary, { numRuns: size, seed: FUZZ_SEED });
  return fc.constantFrom(...values);
}

/** A tuple of `count` hostile arguments, with `undefined` often (an omitted optional argument). */
export function hostileArgs(count: number): fc.Arbitrary<unknown[]> {
  const arg = fc.oneof({ weight: 5, arbitrary: HOSTILE }, { weight: 1, arbitrary: fc.constant(undefined) });
  return fc.array(arg, { minLength: count, maxLength: count });
}

type Path = Array<string | number>;

/** Every path into a plain value (arrays, typed arrays, plain objects), up to `limit` of them. */
function pathsOf(value: unknown, limit = 400): Path[] {
  const out: Path[] = [[]];
  const walk = (v: unknown, path: Path, depth: number) => {
    if (out.length >= limit || depth > 6 || !isPlain(v)) return;
    const keys =
      ArrayBuffer.isView(v) || Array.isArray(v) ? [...Array((v as ArrayLike<unknown>).length).keys()] : Object.keys(v);
    for (const key of keys) {
      const next = [...path, key];
      out.push(next);
      walk((v as Record<string | number, unknown>)[key], next, depth + 1);
    }
  };
  walk(value, [], 0);
  return out;
}

/** Arrays, typed arrays and plain objects: what mutation walks into (not boxed values, maps …). */
function isPlain(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of a plain value down to `path` (so a mutation does not touch shared fixtures). */
function cloneAlong(value: unknown, path: Path): unknown {
  if (path.length === 0 || !isPlain(value)) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (
    ArrayBuffer.isView(value)
      ? (value as unknown as { slice(): unknown }).slice()
      : Array.isArray(value)
        ? [...value]
        : { ...(value as object) }
  ) as Record<string | number, unknown>;
  copy[head] = cloneAlong(copy[head], rest);
  return copy;
}

function setAt(value: unknown, path: Path, replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement;
  // Copy every container on the path, the parent included, so fixtures (and frozen defaults)
  // are never written to.
  const root = cloneAlong(value, path);
  let parent: unknown = root;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  if (!isPlain(parent)) return root;
  const last = path[path.length - 1] as string | number;
  if (ArrayBuffer.isView(parent)) {
    // A typed array holds numbers only (assigning an object would throw here, in the harness).
    (parent as unknown as Record<number, number>)[last as number] =
      typeof replacement === 'number' ? replacement : Number.NaN;
  } else if (remove) delete (parent as Record<string | number, unknown>)[last];
  else (parent as Record<string | number, unknown>)[last] = replacement;
  return root;
}

/**
 * Near-valid inputs: a valid value with one to three of its fields (at any depth) replaced by a
 * hostile value or deleted. These reach the checks past a function's first line, which random
 * values rarely do.
 */
export function mutated<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  const edit = fc.record({ at: fc.nat(), replacement: HOSTILE, remove: fc.boolean() });
  return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 3 })).map(([value, edits]) => {
    let out: unknown = value;
    for (const { at, replacement, remove } of edits) {
      // Never the root: the value is an argument list, and replacing it whole is what the
      // purely hostile inputs do.
      const paths = pathsOf(out).slice(1);
      if (paths.length > 0) out = setAt(out, paths[at % paths.length]!, replacement, remove);
    }
    return out;
  });
}

/**
 * The inputs an entry point is fuzzed with: purely hostile argument lists, valid ones (from a
 * pool of `valid`), and — most often — valid ones with a few fields broken.
 */
export function mixedArgs(valid: fc.Arbitrary<readonly unknown[]>): fc.Arbitrary<unknown[]> {
  const pooled = pool(valid);
  const arity = fc.sample(pooled, { numRuns: 1, seed: FUZZ_SEED })[0]!.length;
  return fc.oneof(
    { weight: 2, arbitrary: hostileArgs(arity) },
    { weight: 1, arbitrary: pooled as fc.Arbitrary<unknown[]> },
    { weight: 4, arbitrary: mutated(pooled) as fc.Arbitrary<unknown[]> },
  );
}

/** Recognises the errors a Kepu entry point may throw: branded, with a code, a path and zh+en text. */
export type TypedErrorCheck = (error: unknown) => boolean;

const BRANDS: readonly TypedErrorCheck[] = [isKepuError, isSurveyError, isImporterError];

/** True for a branded Kepu error that says what went wrong in both languages. */
export function isTypedKepuError(error: unknown): boolean {
  if (!BRANDS.some((isBrand) => isBrand(error))) return false;
  const e = error as { code?: unknown; path?: unknown; message?: unknown; messageZh?: unknown };
  return (
    typeof e.code === 'string' &&
    e.code !== '' &&
    Array.isArray(e.path) &&
    typeof e.message === 'string' &&
    typeof e.messageZh === 'string'
  );
}

/**
 * Where a result breaks the "no NaN, no undefined where a number is expected" rule: a NaN
 * anywhere, or a non-finite value under a key that always holds a finite number.
 */
export function numericProblem(output: unknown, finiteKeys: ReadonlySet<string>): string | undefined {
  const seen = new Set<unknown>();
  let problem: string | undefined;
  const walk = (value: unknown, path: string, depth: number) => {
    if (problem !== undefined || depth > 12) return;
    if (typeof value === 'number') {
      if (Number.isNaN(value)) problem = `NaN at ${path}`;
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Float64Array || value instanceof Float32Array) {
      const at = value.findIndex(Number.isNaN);
      if (at >= 0) problem = `NaN at ${path}[${at}]`;
      return;
    }
    if (ArrayBuffer.isView(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (finiteKeys.has(key) && !(typeof child === 'number' && Number.isFinite(child))) {
        problem = `${path}.${key} is ${String(child)}, not a finite number`;
        return;
      }
      walk(child, `${path}.${key}`, depth + 1);
    }
  };
  walk(output, '(result)', 0);
  return problem;
}

/** Keys of Kepu results that always hold a finite number when present. */
export const FINITE_KEYS: ReadonlySet<string> = new Set([
  'point',
  'se',
  'variance',
  'weightSum',
  'nEffective',
  'covariance',
  'standardError',
  'effectiveN',
  'low',
  'high',
  'earned',
  'available',
  'score',
]);

/** What {@link fuzzEntryPoint} may be told about an entry point. */
export interface FuzzOptions {
  /** @default FUZZ_RUNS */
  readonly runs?: number;
  /** @default FUZZ_SEED */
  readonly seed?: number;
  /**
   * The entry point returns (parts of) its input as they are, so a NaN given is a NaN returned
   * (an accessor like `columnOf`); or it is documented to return NaN outside its domain (the
   * distribution functions, as R's). The numeric check is then skipped. @default false
   */
  readonly echoesNumbers?: boolean;
  /** The entry point is documented never to throw, not even a typed error. @default false */
  readonly neverThrows?: boolean;
  /** Keys that must hold finite numbers. @default FINITE_KEYS */
  readonly finiteKeys?: ReadonlySet<string>;
}

/** What one entry point did with its inputs. */
export interface FuzzReport {
  readonly name: string;
  readonly runs: number;
  readonly returned: number;
  /** Typed errors by code: what the hostile inputs were refused with. */
  readonly typedErrors: Readonly<Record<string, number>>;
}

/**
 * Calls `fn` with `runs` argument tuples drawn from `args` (fixed seed) and fails — with the
 * shrunk counterexample — the first time it throws anything but a typed Kepu error (a raw
 * TypeError, RangeError, a stack overflow) or returns a NaN or a non-finite number where a
 * finite one is expected.
 *
 * @example
 * ```ts
 * it('importPlan', () => {
 *   fuzzEntryPoint('importPlan', importPlan, fc.tuple(fc.string(), HOSTILE));
 * });
 * ```
 */
export function fuzzEntryPoint<Args extends readonly unknown[]>(
  name: string,
  fn: (...args: Args) => unknown,
  args: fc.Arbitrary<Args>,
  options: FuzzOptions = {},
): FuzzReport {
  const runs = options.runs ?? FUZZ_RUNS;
  const finiteKeys = options.finiteKeys ?? FINITE_KEYS;
  let returned = 0;
  const typedErrors: Record<string, number> = {};
  fc.assert(
    fc.property(args, (input) => {
      let output: unknown;
      try {
        output = fn(...input);
      } catch (error) {
        if (!options.neverThrows && isTypedKepuError(error)) {
          const code = (error as { code: string }).code;
          typedErrors[code] = (typedErrors[code] ?? 0) + 1;
          return;
        }
        throw new Error(`${name} threw ${describeError(error)} instead of a typed Kepu error`, { cause: error });
      }
      returned++;
      if (!options.echoesNumbers) {
        const problem = numericProblem(output, finiteKeys);
        if (problem !== undefined) throw new Error(`${name} returned ${problem}`);
      }
    }),
    { seed: options.seed ?? FUZZ_SEED, numRuns: runs },
  );
  return { name, runs, returned, typedErrors };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 200)}`;
  return `a non-error value (${typeof error})`;
}
