import { z } from 'zod';
import { createIssue, KepuError } from '../errors.js';
import { parseUntrusted } from '../internal-parse.js';
import type { Plan } from '../plan.js';
import { resolveCustomObservations, type TargetKindDefinition } from '../plugin/target-kind.js';
import { contentHash, MultisetHash } from './hash.js';
import { type AssessmentInputs, type AssessmentInputsInput, parseAssessmentInputs } from './inputs.js';
import { checkInputs, indexScheme, type SchemeIndex } from './internal/check-inputs.js';
import { evaluateState } from './internal/evaluate.js';
import { addObservation, addRecords, createState } from './internal/state.js';
import { lastDayOf } from './internal/time.js';
import { type AssessmentScheme, type AssessmentSchemeInput, parseScheme } from './scheme.js';
import type { Scorecard } from './scorecard.js';
import { type StatusThresholds, StatusThresholdsSchema } from './status.js';

/**
 * Options of {@link assess}.
 *
 * @example
 * ```ts
 * import type { AssessOptions } from '@kepu/core';
 * const options: AssessOptions = { period: 2024, asOf: '2024-12-31', thresholds: { onTrack: 0.9 } };
 * ```
 */
export interface AssessOptions {
  /** The annual period (calendar year) assessed; must lie within the plan's period. */
  readonly period: number;
  /**
   * Observations dated after this ISO date are left out (and counted in the scorecard's notes).
   * @default the last day of `period`
   */
  readonly asOf?: string;
  /**
   * Overrides of the scheme's status thresholds.
   * @default the scheme's thresholds (Open SDG's 0.95 / 0.6 / 0 unless the scheme says otherwise)
   */
  readonly thresholds?: Partial<StatusThresholds>;
  /**
   * Whether to record the content hash of the inputs. Hashing is linear in the size of the
   * inputs; turn it off only for very large batch runs where the inputs are hashed elsewhere.
   * @default true
   */
  readonly hashInputs?: boolean;
  /**
   * Whether to build the explanations. `false` is the bulk mode: the same numbers, but every
   * `explanation` / `explanations` entry is the shared placeholder `NOT_EXPLAINED` (an entry that
   * is `null` when explained stays `null`), which saves most of the time and memory of a large run.
   * @default true
   */
  readonly explain?: boolean;
  /**
   * Definitions of the plugin-defined kinds the plan's custom indicators use; their
   * observations are turned into numbers with them before anything else.
   * @default []
   */
  readonly targetKinds?: readonly TargetKindDefinition[];
}

interface PreparedScheme {
  readonly scheme: AssessmentScheme;
  readonly hash: string;
  readonly index: SchemeIndex;
}

const schemeCache = new WeakMap<object, WeakMap<Plan, PreparedScheme>>();

/**
 * Validates a scheme against a plan once and remembers the result, its content hash and its
 * lookups for later calls with the same two objects. Throws a `KepuError` for a bad scheme.
 * Pure in effect: the cache is keyed by object identity and never changes a result.
 *
 * @example
 * ```ts
 * import { prepareScheme } from '@kepu/core/assessment';
 * prepareScheme(plan, scheme).hash; // 'sha256:…'
 * ```
 */
export function prepareScheme(plan: Plan, scheme: AssessmentScheme | AssessmentSchemeInput): PreparedScheme {
  let byPlan = schemeCache.get(scheme);
  const cached = byPlan?.get(plan);
  if (cached) return cached;
  const parsed = parseScheme(scheme, plan);
  const prepared: PreparedScheme = { scheme: parsed, hash: contentHash(parsed), index: indexScheme(plan, parsed) };
  if (!byPlan) {
    byPlan = new WeakMap();
    schemeCache.set(scheme, byPlan);
  }
  byPlan.set(plan, prepared);
  return prepared;
}

/**
 * The shape of {@link AssessOptions}, checked before anything reads them: an options argument
 * that is missing, null or of the wrong type is a typed error, never a TypeError.
 */
const AssessOptionsShape = z.object({
  period: z.number(),
  asOf: z.string().max(40).optional(),
  thresholds: z.record(z.string(), z.unknown()).optional(),
  hashInputs: z.boolean().optional(),
  explain: z.boolean().optional(),
  targetKinds: z.array(z.unknown()).optional(),
});

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Checks `period`, `asOf` and `thresholds`; returns the resolved values or throws a KepuError. */
export function resolveAssessOptions(
  plan: Plan,
  scheme: AssessmentScheme,
  options: AssessOptions,
): { period: number; asOf: string; thresholds: StatusThresholds } {
  const shape = parseUntrusted(AssessOptionsShape, options, ['options']);
  if (!shape.ok) {
    throw new KepuError(
      shape.issues.map((i) =>
        createIssue('invalid-assessment-input', i.path, { detail: i.params.detail ?? i.message.en }),
      ),
    );
  }
  const { period } = options;
  const { start, end } = plan.meta.period;
  if (!Number.isInteger(period) || period < start || period > end) {
    throw new KepuError([
      createIssue('period-outside-plan', ['period'], {
        period: String(period),
        start: String(start),
        end: String(end),
      }),
    ]);
  }
  const asOf = options.asOf ?? lastDayOf(period);
  if (
    !ISO_DATE.test(asOf) ||
    Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) ||
    new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) !== asOf
  ) {
    throw new KepuError([
      createIssue('invalid-assessment-input', ['asOf'], {
        detail: `asOf "${asOf}" is not a calendar date (YYYY-MM-DD)`,
      }),
    ]);
  }
  const merged = parseUntrusted(StatusThresholdsSchema, { ...scheme.thresholds, ...(options.thresholds ?? {}) }, [
    'thresholds',
  ]);
  if (!merged.ok) {
    throw new KepuError(
      merged.issues.map((i) =>
        createIssue('invalid-assessment-input', i.path, { detail: i.params.detail ?? i.message.en }),
      ),
    );
  }
  return { period, asOf, thresholds: merged.value };
}

/**
 * Assesses a plan for one annual period: evaluates every target, derives every task's result, and
 * scores, grades and ranks every unit on its sheet of the scheme. Pure: no I/O, no clock (the
 * date is `options.asOf`), no randomness; the same arguments give the same scorecard, whatever the
 * order of the records in `inputs`.
 *
 * Throws a `KepuError` listing every problem for a bad scheme (e.g. `zero-total-weight`,
 * `grade-band-gap`), a period outside the plan (`period-outside-plan`), or bad inputs
 * (`invalid-shape`, `unknown-reference`, `invalid-observation`, `duplicate-observation`,
 * `self-review` …). Never returns NaN or Infinity: a number that cannot be known is `null`, and
 * missing data is marked not assessed, never 0 and never full marks.
 *
 * @example
 * ```ts
 * import { assess } from '@kepu/core';
 * import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
 * const card = assess(zhengningPlan, zhengningScheme, {
 *   observations: [{ indicator: 'literacy-rate', period: 2024, numerator: 330, denominator: 3000 }],
 * }, { period: 2024 });
 * card.targets.find((t) => t.target === 'literacy-rate-2025')?.status; // e.g. 'needs-acceleration'
 * ```
 */
export function assess(
  plan: Plan,
  scheme: AssessmentScheme | AssessmentSchemeInput,
  inputs: AssessmentInputsInput,
  options: AssessOptions,
): Scorecard {
  const prepared = prepareScheme(plan, scheme);
  const { period, asOf, thresholds } = resolveAssessOptions(plan, prepared.scheme, options);
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
    throw new KepuError([
      createIssue('invalid-shape', ['inputs'], {
        detail: `the assessment's inputs are an object such as { observations: [...] }, not ${inputs === null ? 'null' : Array.isArray(inputs) ? 'an array' : typeof inputs}`,
      }),
    ]);
  }
  const resolved = withCustomValues(plan, inputs, options.targetKinds ?? []);
  const parsed = parseAssessmentInputs(resolved);
  const issues = checkInputs(plan, prepared.scheme, prepared.index, parsed);
  if (issues.length > 0) throw new KepuError(issues);
  return assessParsed(plan, prepared, parsed, {
    period,
    asOf,
    thresholds,
    hashInputs: options.hashInputs ?? true,
    explain: options.explain ?? true,
  });
}

/**
 * Inputs with the observations of custom-kind indicators turned into numbers; throws a
 * `KepuError` for a code that is unknown or not allowed. Untouched when the plan has no custom
 * indicator and no observation carries a code.
 */
export function withCustomValues(
  plan: Plan,
  inputs: AssessmentInputsInput,
  kinds: readonly TargetKindDefinition[],
): AssessmentInputsInput {
  const observations: readonly unknown[] = Array.isArray(inputs.observations) ? inputs.observations : [];
  const needed =
    plan.indicators.some((i) => i.valueType === 'custom') ||
    observations.some((o) => typeof o === 'object' && o !== null && (o as { code?: unknown }).code !== undefined);
  if (!needed) return inputs;
  const result = resolveCustomObservations(plan, inputs, kinds);
  if (!result.ok) throw new KepuError(result.issues);
  return result.value;
}

/** Every record of the inputs, in the order the inputs hash walks them. */
export function hashInputs(inputs: AssessmentInputs): string {
  const hash = new MultisetHash();
  for (const o of inputs.observations) hash.add({ observation: o });
  for (const r of inputs.reviews) hash.add({ review: r });
  for (const x of inputs.selfScores) hash.add({ selfScore: x });
  for (const x of inputs.awards) hash.add({ award: x });
  for (const x of inputs.deductions) hash.add({ deduction: x });
  for (const x of inputs.incidents) hash.add({ incident: x });
  return hash.digest();
}

/** The part of {@link assess} after validation. Internal to the package. */
export function assessParsed(
  plan: Plan,
  prepared: PreparedScheme,
  inputs: AssessmentInputs,
  options: { period: number; asOf: string; thresholds: StatusThresholds; hashInputs: boolean; explain?: boolean },
): Scorecard {
  const state = createState();
  for (const o of inputs.observations) addObservation(state, plan, prepared.scheme, o, 'push');
  addRecords(state, inputs);
  return evaluateState(plan, prepared.scheme, prepared.hash, prepared.index, state, {
    period: options.period,
    asOf: options.asOf,
    thresholds: options.thresholds,
    inputsHash: options.hashInputs ? hashInputs(inputs) : '',
    explain: options.explain ?? true,
  });
}
