import { fail } from './errors.js';
import { expectDesign, markBuilt } from './internal/check-design.js';
import { describeValue, expectArray, expectColumn, expectRecord, isMissingKey, keyText } from './internal/guard.js';

/**
 * A stratum, sampling-unit or group label as it comes from a data file.
 *
 * @example
 * ```ts
 * import type { Key } from '@kepu/survey';
 * const township: Key = '山河镇';
 * ```
 */
export type Key = string | number;

/**
 * What to do with a stratum that has a single primary sampling unit, whose variance contribution
 * cannot be estimated. The names and meanings follow R's `options(survey.lonely.psu)`:
 *
 * - `fail` (default): refuse, with an error that says which stratum and what to do;
 * - `remove` / `certainty`: the stratum contributes nothing to the variance;
 * - `adjust`: the lonely unit's deviation is taken from the overall (not the stratum) mean,
 *   which is conservative;
 * - `average`: the stratum gets the average variance of the other strata.
 *
 * @example
 * ```ts
 * import { createDesign, type LonelyPsuPolicy } from '@kepu/survey';
 * const policy: LonelyPsuPolicy = 'adjust';
 * createDesign({ weights: [1, 1, 1], strata: ['a', 'a', 'b'], lonelyPsu: policy });
 * ```
 */
export type LonelyPsuPolicy = 'fail' | 'remove' | 'certainty' | 'adjust' | 'average';

/**
 * A later sampling stage (stage 2, 3, …): units sampled inside each unit of the stage above.
 *
 * @example
 * ```ts
 * import type { StageInput } from '@kepu/survey';
 * const households: StageInput = { cluster: ['h1', 'h2', 'h1'], fpc: [40, 40, 40] };
 * ```
 */
export interface StageInput {
  /** Unit ids at this stage; they only need to be unique within the unit of the stage above. */
  readonly cluster: ArrayLike<Key | null | undefined>;
  /** Strata at this stage, if units were stratified inside each unit above. */
  readonly strata?: ArrayLike<Key | null | undefined>;
  /** Units in the population at this stage (per unit above and stratum), or the sampling fraction (≤ 1). */
  readonly fpc?: ArrayLike<number | null | undefined>;
}

/**
 * A sampling design described column by column: one value per respondent in each array.
 *
 * @example
 * ```ts
 * import { createDesign } from '@kepu/survey';
 * const design = createDesign({
 *   weights: [120, 120, 95, 95],
 *   strata: ['城关镇', '城关镇', '山河镇', '山河镇'],
 *   psu: ['村1', '村2', '村3', '村4'],
 * });
 * ```
 */
export interface DesignInput {
  /**
   * Sampling weights (inverse inclusion probabilities), finite and positive.
   * @default the product over stages of population size / sample size when every stage has an
   * fpc, otherwise 1 for everybody
   */
  readonly weights?: ArrayLike<number | null | undefined>;
  /** Stage-1 strata (e.g. township). @default one stratum */
  readonly strata?: ArrayLike<Key | null | undefined>;
  /** Primary sampling unit ids (e.g. village), nested in strata. @default each respondent is its own unit */
  readonly psu?: ArrayLike<Key | null | undefined>;
  /**
   * Stage-1 finite population correction: the number of primary units in the stratum's
   * population, or the sampling fraction (a value ≤ 1). @default none (with-replacement variance)
   */
  readonly fpc?: ArrayLike<number | null | undefined>;
  /** Further stages; only used for the variance when the stage above has an fpc. */
  readonly stages?: readonly StageInput[];
  /** @default 'fail' */
  readonly lonelyPsu?: LonelyPsuPolicy;
}

/**
 * One post-stratification or raking step, kept on the design so variances account for it.
 *
 * @example
 * ```ts
 * import { postStratify } from '@kepu/survey';
 * const post = postStratify(design, { cells: sex, population: { 男: 51_200, 女: 49_800 } });
 * post.calibrations[0]?.kind; // 'post-stratify'
 * ```
 */
export type Calibration =
  | {
      readonly kind: 'post-stratify';
      readonly cell: Int32Array;
      readonly cellCount: number;
      readonly weights: Float64Array;
      readonly oldWeights: Float64Array;
    }
  | {
      readonly kind: 'rake';
      readonly margins: ReadonlyArray<{
        readonly cell: Int32Array;
        readonly cellCount: number;
        readonly weights: Float64Array;
      }>;
    };

/**
 * A later sampling stage, compiled: unit ids and strata per record, population sizes per record.
 *
 * @example
 * ```ts
 * import { createDesign } from '@kepu/survey';
 * const d = createDesign({ psu: ['v1', 'v1', 'v2', 'v2'], fpc: [40, 40, 40, 40], stages: [{ cluster: ['h1', 'h2', 'h1', 'h2'] }] });
 * d.stages[0]?.cluster; // ['h1', 'h2', 'h1', 'h2']
 * ```
 */
export interface CompiledStage {
  readonly cluster: readonly string[];
  readonly strata: readonly string[] | null;
  readonly fpc: Float64Array | null;
}

/**
 * A survey design ready for estimation: weights, strata, sampling units, population sizes and any
 * calibration applied, compiled into typed arrays. Treat it as immutable; calibration functions
 * return a new design.
 *
 * @example
 * ```ts
 * import { createDesign, estimateMean } from '@kepu/survey';
 * const design = createDesign({ weights: [1, 2, 3, 4] });
 * estimateMean(design, [10, 20, 30, 40]).point; // 30
 * ```
 */
export interface SurveyDesign {
  readonly kind: 'kepu-survey-design';
  /** Number of respondents (records). */
  readonly n: number;
  /** Current weights (after any calibration). */
  readonly weights: Float64Array;
  /** Weights before calibration. */
  readonly baseWeights: Float64Array;
  /** Stage-1 stratum index of each record. */
  readonly stratum: Int32Array;
  /** Stage-1 stratum labels, by index. */
  readonly strataLabels: readonly string[];
  /** Primary sampling unit index of each record (units are nested in strata). */
  readonly psu: Int32Array;
  /** Stratum of each primary sampling unit. */
  readonly psuStratum: Int32Array;
  /** Label of each primary sampling unit. */
  readonly psuLabels: readonly string[];
  /** Primary units sampled in each stratum. */
  readonly psuPerStratum: Int32Array;
  /** Population count of primary units in each stratum (Infinity when no fpc was given). */
  readonly populationPsus: Float64Array;
  /** Later stages, used for the variance only when the stage above has an fpc. */
  readonly stages: readonly CompiledStage[];
  /** What to do with strata that have one primary unit. */
  readonly lonelyPsu: LonelyPsuPolicy;
  /** Post-stratification and raking steps applied, in order. */
  readonly calibrations: readonly Calibration[];
  /** Design degrees of freedom: primary units minus strata. */
  readonly df: number;
}

function checkLength(column: string, values: ArrayLike<unknown> | undefined, n: number): void {
  if (values !== undefined && expectColumn(values, [column]).length !== n) {
    fail('length-mismatch', [column], { column, actual: String(values.length), expected: String(n) });
  }
}

function keysOf(column: string, values: ArrayLike<Key | null | undefined>, n: number, what: string): string[] {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (isMissingKey(value)) fail('missing-key', [column, i], { row: String(i), what });
    out[i] = keyText(value, [column, i]);
  }
  return out;
}

function numbersOf(column: string, values: ArrayLike<number | null | undefined>, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      fail('invalid-population-size', [column, i], {
        row: String(i),
        value: describeValue(value),
        detail: 'it must be a positive finite number',
      });
    }
    out[i] = value;
  }
  return out;
}

/**
 * Weights each below the largest number can still add up past it (two of 1e308): every estimate
 * divides by their sum, so refuse them here rather than return Infinity or NaN later.
 */
function checkWeightSum(weights: Float64Array): void {
  let sum = 0;
  for (const w of weights) sum += w;
  if (!Number.isFinite(sum)) fail('numeric-overflow', ['weights'], { quantity: 'Σ weights', value: String(sum) });
}

const LONELY: readonly LonelyPsuPolicy[] = ['fail', 'remove', 'certainty', 'adjust', 'average'];

/**
 * Compiles a sampling design from columns. Checks everything up front, so estimation never
 * meets a bad value: lengths, weights (finite, positive), ids (present), population sizes
 * (constant within a stratum, not smaller than the sample), and — with the default lonely-PSU
 * policy `fail` — that every stratum has at least two primary units (unless it was sampled
 * completely). Pure; throws {@link SurveyError} with a bilingual message on bad input.
 *
 * @example
 * ```ts
 * import { createDesign } from '@kepu/survey';
 * // Stratified one-stage sample with finite population correction (like R's
 * // svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc)).
 * const design = createDesign({ weights: pw, strata: stype, fpc: popSize });
 * design.df; // records - strata
 * ```
 */
export function createDesign(input: DesignInput): SurveyDesign {
  expectRecord(input, [], 'a design description ({ weights, strata, psu, fpc, stages })');
  const lonelyPsu = input.lonelyPsu ?? 'fail';
  if (!LONELY.includes(lonelyPsu)) {
    fail('invalid-option', ['lonelyPsu'], {
      option: 'lonelyPsu',
      value: describeValue(lonelyPsu),
      detail: `use one of ${LONELY.join(', ')}`,
    });
  }
  if (input.stages !== undefined) {
    expectArray(input.stages, ['stages']).forEach((stage, s) => {
      expectRecord(stage, ['stages', s]);
      expectColumn((stage as StageInput).cluster, ['stages', s, 'cluster']);
    });
  }
  const columns = [input.weights, input.strata, input.psu, input.fpc, input.stages?.[0]?.cluster];
  const names = ['weights', 'strata', 'psu', 'fpc', 'stages[0].cluster'];
  const first = columns.findIndex((column) => column !== undefined);
  const n = first < 0 ? 0 : expectColumn(columns[first], [names[first]!]).length;
  if (n === 0) fail('empty-sample', []);
  checkLength('weights', input.weights, n);
  checkLength('strata', input.strata, n);
  checkLength('psu', input.psu, n);
  checkLength('fpc', input.fpc, n);
  input.stages?.forEach((stage, s) => {
    checkLength(`stages[${s}].cluster`, stage.cluster, n);
    checkLength(`stages[${s}].strata`, stage.strata, n);
    checkLength(`stages[${s}].fpc`, stage.fpc, n);
  });

  // Stage 1: strata and nested primary units.
  const strataKeys = input.strata ? keysOf('strata', input.strata, n, 'stratum') : null;
  const psuKeys = input.psu ? keysOf('psu', input.psu, n, 'primary sampling unit id') : null;
  const stratumIndex = new Map<string, number>();
  const strataLabels: string[] = [];
  const stratum = new Int32Array(n);
  const psuIndex = new Map<string, number>();
  const psuLabels: string[] = [];
  const psuStratumList: number[] = [];
  const psu = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const sKey = strataKeys ? strataKeys[i]! : '';
    let s = stratumIndex.get(sKey);
    if (s === undefined) {
      s = strataLabels.length;
      stratumIndex.set(sKey, s);
      strataLabels.push(sKey);
    }
    stratum[i] = s;
    const pLabel = psuKeys ? psuKeys[i]! : String(i);
    const pKey = `${s}\u0000${pLabel}`;
    let p = psuIndex.get(pKey);
    if (p === undefined) {
      p = psuLabels.length;
      psuIndex.set(pKey, p);
      psuLabels.push(pLabel);
      psuStratumList.push(s);
    }
    psu[i] = p;
  }
  const strataCount = strataLabels.length;
  const psuStratum = Int32Array.from(psuStratumList);
  const psuPerStratum = new Int32Array(strataCount);
  for (const s of psuStratum) psuPerStratum[s]! += 1;

  // Stage-1 population sizes, constant within a stratum.
  const populationPsus = new Float64Array(strataCount).fill(Number.POSITIVE_INFINITY);
  if (input.fpc) {
    const raw = numbersOf('fpc', input.fpc, n);
    const seen = new Float64Array(strataCount).fill(Number.NaN);
    for (let i = 0; i < n; i++) {
      const s = stratum[i]!;
      const prev = seen[s]!;
      if (Number.isNaN(prev)) seen[s] = raw[i]!;
      else if (prev !== raw[i]) {
        fail('inconsistent-population-size', ['fpc', i], {
          stratum: strataLabels[s]!,
          values: `${prev}, ${raw[i]}`,
        });
      }
    }
    for (let s = 0; s < strataCount; s++) {
      const value = seen[s]!;
      const sampled = psuPerStratum[s]!;
      const size = value <= 1 ? sampled / value : value;
      if (size < sampled * (1 - 1e-9)) {
        fail('invalid-population-size', ['fpc'], {
          row: String(Array.prototype.findIndex.call(stratum, (x: number) => x === s)),
          value: String(value),
          detail: `stratum "${strataLabels[s]}" has ${sampled} sampled units, more than its population`,
        });
      }
      populationPsus[s] = size;
    }
  }

  const stages: CompiledStage[] = (input.stages ?? []).map((stage, k) => ({
    cluster: keysOf(`stages[${k}].cluster`, stage.cluster, n, `stage-${k + 2} unit id`),
    strata: stage.strata ? keysOf(`stages[${k}].strata`, stage.strata, n, `stage-${k + 2} stratum`) : null,
    fpc: stage.fpc ? numbersOf(`stages[${k}].fpc`, stage.fpc, n) : null,
  }));

  // Weights: given, or from the population sizes of every stage.
  const weights = new Float64Array(n);
  if (input.weights) {
    for (let i = 0; i < n; i++) {
      const w = input.weights[i];
      if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0) {
        fail('invalid-weight', ['weights', i], { row: String(i), value: describeValue(w) });
      }
      weights[i] = w;
    }
  } else if (input.fpc && stages.every((stage) => stage.fpc !== null)) {
    for (let i = 0; i < n; i++) {
      const s = stratum[i]!;
      weights[i] = populationPsus[s]! / psuPerStratum[s]!;
    }
    const parents = Array.from(psu, (p) => String(p));
    for (const stage of stages) {
      const { sizes, sampled } = stageSizes(parents, stage);
      for (let i = 0; i < n; i++) weights[i]! *= sizes[i]! / sampled[i]!;
      for (let i = 0; i < n; i++) parents[i] = `${parents[i]}\u0000${stage.strata?.[i] ?? ''}\u0000${stage.cluster[i]}`;
    }
  } else {
    weights.fill(1);
  }
  checkWeightSum(weights);

  if (lonelyPsu === 'fail') {
    for (let s = 0; s < strataCount; s++) {
      const sampled = psuPerStratum[s]!;
      const size = populationPsus[s]!;
      if (sampled === 1 && !(size === 1)) {
        fail('lonely-psu', ['strata'], { stratum: strataLabels[s] === '' ? '(all)' : strataLabels[s]!, stage: '1' });
      }
    }
  }

  return markBuilt({
    kind: 'kepu-survey-design',
    n,
    weights,
    baseWeights: weights.slice(),
    stratum,
    strataLabels,
    psu,
    psuStratum,
    psuLabels,
    psuPerStratum,
    populationPsus,
    stages,
    lonelyPsu,
    calibrations: [],
    df: psuLabels.length - strataCount,
  });
}

/**
 * For one later stage: per record, the population size and the number sampled of the units in
 * its group (its parent unit × stratum at this stage).
 */
export function stageSizes(
  parents: readonly string[],
  stage: CompiledStage,
): { sizes: Float64Array; sampled: Float64Array } {
  const n = parents.length;
  const groups = new Map<string, Set<string>>();
  const groupOf = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const g = `${parents[i]}\u0000${stage.strata?.[i] ?? ''}`;
    groupOf[i] = g;
    let set = groups.get(g);
    if (!set) {
      set = new Set();
      groups.set(g, set);
    }
    set.add(stage.cluster[i]!);
  }
  const sizes = new Float64Array(n);
  const sampled = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const count = groups.get(groupOf[i]!)!.size;
    sampled[i] = count;
    const value = stage.fpc ? stage.fpc[i]! : Number.POSITIVE_INFINITY;
    sizes[i] = value <= 1 ? count / value : value;
  }
  return { sizes, sampled };
}

/**
 * A summary of a design for people: sizes, strata, units, degrees of freedom, strata with a
 * single unit, and the weight range.
 *
 * @example
 * ```ts
 * import { createDesign, describeDesign } from '@kepu/survey';
 * describeDesign(createDesign({ weights: [1, 2], psu: ['a', 'b'] })).df; // 1
 * ```
 */
export function describeDesign(design: SurveyDesign): {
  readonly n: number;
  readonly strata: number;
  readonly psus: number;
  readonly df: number;
  readonly weightSum: number;
  readonly weightRange: readonly [number, number];
  readonly lonelyStrata: readonly string[];
  readonly hasFpc: boolean;
  readonly calibrated: boolean;
} {
  expectDesign(design);
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const w of design.weights) {
    sum += w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  const lonelyStrata: string[] = [];
  design.psuPerStratum.forEach((count, s) => {
    if (count === 1) lonelyStrata.push(design.strataLabels[s]!);
  });
  return {
    n: design.n,
    strata: design.strataLabels.length,
    psus: design.psuLabels.length,
    df: design.df,
    weightSum: sum,
    weightRange: [min, max],
    lonelyStrata,
    hasFpc: design.populationPsus.some((size) => Number.isFinite(size)),
    calibrated: design.calibrations.length > 0,
  };
}
