import { createIssue, KepuError, type KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import { type AssessOptions, prepareScheme, resolveAssessOptions } from './assess.js';
import { MultisetHash } from './hash.js';
import { type AssessmentInputsInput, validateAssessmentInputs } from './inputs.js';
import { sortBucket } from './internal/bucket.js';
import { checkInputs } from './internal/check-inputs.js';
import { createEvaluationCache, evaluateState } from './internal/evaluate.js';
import { addObservation, addRecords, createState } from './internal/state.js';
import type { AssessmentScheme, AssessmentSchemeInput } from './scheme.js';
import type { Scorecard } from './scorecard.js';

/**
 * An assessment that keeps its inputs and its results, so that adding a record re-assesses only
 * what the record touches: the target it observes, the tasks linked to that target, the units
 * whose items draw on them, and the rankings of their sheets. Everything else — other targets'
 * evaluations, other units' scores, other units' graded entries — is reused as is. The scorecard
 * it returns is always equal to what {@link assess} returns for all the records added so far.
 *
 * @example
 * ```ts
 * import { createAssessor } from '@kepu/core';
 * const assessor = createAssessor(zhengningPlan, zhengningScheme);
 * assessor.add(inputs);
 * const before = assessor.assess({ period: 2024 });
 * assessor.add({ observations: [{ indicator: 'science-china-dissemination', unit: 'shanhe', period: 2024, value: 900 }] });
 * const after = assessor.assess({ period: 2024 }); // only what the observation touches is recomputed
 * ```
 */
export interface Assessor {
  readonly plan: Plan;
  readonly scheme: AssessmentScheme;
  /**
   * Validates and adds records. All or nothing: on any problem it throws a `KepuError` listing
   * every issue and adds nothing.
   */
  add(inputs: AssessmentInputsInput): void;
  /** The scorecard for a period, from every record added so far. Pure in effect. */
  assess(options: AssessOptions): Scorecard;
  /** How many records of each kind have been added. */
  readonly counts: {
    readonly observations: number;
    readonly reviews: number;
    readonly selfScores: number;
    readonly awards: number;
    readonly deductions: number;
    readonly incidents: number;
  };
}

/**
 * Options of {@link createAssessor}.
 *
 * @example
 * ```ts
 * import { createAssessor } from '@kepu/core';
 * createAssessor(plan, scheme, { hashInputs: false });
 * ```
 */
export interface AssessorOptions {
  /**
   * Keep an order-independent hash of every record added (one SHA-256 per record) and put it in
   * each scorecard. Turn it off only for bulk runs where the inputs are hashed elsewhere.
   * @default true
   */
  readonly hashInputs?: boolean;
}

/** Above this many observations in one `add`, rows are appended and sorted once, not inserted. */
const BULK = 64;

/**
 * Creates an incremental {@link Assessor} for a plan and a scheme (validated once, here; a bad
 * scheme throws a `KepuError`).
 *
 * @example
 * ```ts
 * import { createAssessor } from '@kepu/core';
 * const assessor = createAssessor(plan, scheme);
 * assessor.add({ observations, reviews });
 * assessor.assess({ period: 2024 }).sheets[0]?.units[0]?.score;
 * ```
 */
export function createAssessor(
  plan: Plan,
  schemeInput: AssessmentScheme | AssessmentSchemeInput,
  options: AssessorOptions = {},
): Assessor {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new KepuError([
      createIssue('invalid-assessment-input', ['options'], {
        detail: `the assessor's options are an object such as { hashInputs: false }, not ${options === null ? 'null' : typeof options}`,
      }),
    ]);
  }
  const prepared = prepareScheme(plan, schemeInput);
  const { scheme } = prepared;
  const state = createState();
  const cache = createEvaluationCache();
  const hash = options.hashInputs === false ? null : new MultisetHash();
  const selfScoreKeys = new Set<string>();
  const counts = { observations: 0, reviews: 0, selfScores: 0, awards: 0, deductions: 0, incidents: 0 };

  return {
    plan,
    scheme,
    counts,
    add(raw) {
      const parsed = validateAssessmentInputs(raw);
      if (!parsed.ok) throw new KepuError(parsed.issues);
      const inputs = parsed.value;
      const issues: KepuIssue[] = [...checkInputs(plan, scheme, prepared.index, inputs)];
      inputs.observations.forEach((o, i) => {
        if (o.id !== undefined && state.ids.has(o.id)) {
          issues.push(
            createIssue('duplicate-id', ['observations', i, 'id'], { id: o.id, kind: 'observation (added before)' }),
          );
        }
      });
      inputs.selfScores.forEach((x, i) => {
        if (selfScoreKeys.has(`${x.unit}|${x.item}|${x.period}`)) {
          issues.push(
            createIssue('duplicate-id', ['selfScores', i], {
              id: `${x.unit}/${x.item}/${x.period}`,
              kind: 'self-score (added before)',
            }),
          );
        }
      });
      if (issues.length > 0) throw new KepuError(issues);
      const mode = inputs.observations.length > BULK ? 'push' : 'insert';
      for (const o of inputs.observations) {
        addObservation(state, plan, scheme, o, mode);
        hash?.add({ observation: o });
      }
      // A bulk load is put in canonical order now, so that the first assessment does not pay for it.
      if (mode === 'push') {
        for (const bucket of state.county.values()) sortBucket(bucket);
        for (const bucket of state.own.values()) sortBucket(bucket);
      }
      addRecords(state, inputs);
      for (const x of inputs.selfScores) selfScoreKeys.add(`${x.unit}|${x.item}|${x.period}`);
      if (hash) {
        for (const r of inputs.reviews) hash.add({ review: r });
        for (const x of inputs.selfScores) hash.add({ selfScore: x });
        for (const x of inputs.awards) hash.add({ award: x });
        for (const x of inputs.deductions) hash.add({ deduction: x });
        for (const x of inputs.incidents) hash.add({ incident: x });
      }
      counts.observations += inputs.observations.length;
      counts.reviews += inputs.reviews.length;
      counts.selfScores += inputs.selfScores.length;
      counts.awards += inputs.awards.length;
      counts.deductions += inputs.deductions.length;
      counts.incidents += inputs.incidents.length;
    },
    assess(assessOptions) {
      const { period, asOf, thresholds } = resolveAssessOptions(plan, scheme, assessOptions);
      const inputsHash = hash && assessOptions.hashInputs !== false ? hash.digest() : '';
      return evaluateState(
        plan,
        scheme,
        prepared.hash,
        prepared.index,
        state,
        { period, asOf, thresholds, inputsHash, explain: assessOptions.explain ?? true },
        cache,
      );
    },
  };
}
