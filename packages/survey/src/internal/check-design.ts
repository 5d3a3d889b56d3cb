import type { Calibration, LonelyPsuPolicy, SurveyDesign } from '../design.js';
import { fail } from '../errors.js';
import { expectRecord } from './guard.js';

// A design is a plain object, so one that was stored, sent over the wire or built by hand reaches
// the estimators as easily as one from createDesign. Estimation indexes typed arrays by the
// design's own numbers; a wrong one would read `undefined` and turn every figure into NaN. So
// each estimator checks the design first: linear in its size, and cheap beside the estimate.

/**
 * Designs this library built (createDesign, postStratify, rake), frozen at the top level so
 * their arrays cannot be swapped: they are checked when built and need no second look. Only a
 * design from elsewhere — parsed, sent, made by hand — is checked whole at each use, so a
 * million-record estimate does not pay for a scan it cannot fail. (Writing into a built design's
 * typed arrays is outside the contract: designs are documented as immutable.)
 */
const built = new WeakSet<object>();

/** Marks a design as built here (and freezes its top level); returns it. */
export function markBuilt<T extends SurveyDesign>(design: T): T {
  built.add(Object.freeze(design));
  return design;
}

const LONELY: readonly LonelyPsuPolicy[] = ['fail', 'remove', 'certainty', 'adjust', 'average'];

function broken(path: ReadonlyArray<string | number>, detail: string): never {
  fail('invalid-shape', path, {
    detail: `not a survey design made by createDesign (${detail}); build it with createDesign or designFromRows`,
  });
}

function typed<T extends Float64Array | Int32Array>(
  value: unknown,
  kind: { new (n: number): T },
  length: number,
  path: ReadonlyArray<string | number>,
): T {
  if (!(value instanceof kind) || value.length !== length) broken(path, `needs a ${kind.name} of ${length}`);
  return value as T;
}

function indices(values: Int32Array, count: number, path: ReadonlyArray<string | number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0 || v >= count) broken([...path, i], `index ${v} is outside 0–${count - 1}`);
  }
}

function nonNegative(values: Float64Array, path: ReadonlyArray<string | number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) broken([...path, i], `weight ${v} is not finite and ≥ 0`);
  }
}

function labels(value: unknown, length: number | null, path: ReadonlyArray<string | number>): readonly string[] {
  if (!Array.isArray(value) || (length !== null && value.length !== length)) broken(path, 'needs a list of labels');
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') broken([...path, i], 'labels are text');
  return value;
}

function checkCalibration(c: unknown, n: number, path: ReadonlyArray<string | number>): void {
  const cal = expectRecord(c, path) as Partial<Calibration> & Record<string, unknown>;
  const cells = (m: Record<string, unknown>, at: ReadonlyArray<string | number>) => {
    const count = m.cellCount;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) broken([...at, 'cellCount'], 'bad count');
    indices(typed(m.cell, Int32Array, n, [...at, 'cell']), count, [...at, 'cell']);
    nonNegative(typed(m.weights, Float64Array, n, [...at, 'weights']), [...at, 'weights']);
  };
  if (cal.kind === 'post-stratify') {
    cells(cal, path);
    nonNegative(typed(cal.oldWeights, Float64Array, n, [...path, 'oldWeights']), [...path, 'oldWeights']);
  } else if (cal.kind === 'rake') {
    if (!Array.isArray(cal.margins) || cal.margins.length === 0) broken([...path, 'margins'], 'needs margins');
    for (let k = 0; k < cal.margins.length; k++) {
      cells(expectRecord(cal.margins[k], [...path, 'margins', k]), [...path, 'margins', k]);
    }
  } else broken([...path, 'kind'], 'unknown calibration');
}

/**
 * Checks that `value` is a whole, consistent survey design and returns it; throws a SurveyError
 * (`invalid-shape`) naming the first field that is not.
 */
export function expectDesign(value: unknown, path: ReadonlyArray<string | number> = ['design']): SurveyDesign {
  if (typeof value === 'object' && value !== null && built.has(value)) return value as SurveyDesign;
  const d = expectRecord(value, path, 'a survey design') as Partial<SurveyDesign> & Record<string, unknown>;
  if (d.kind !== 'kepu-survey-design') broken([...path, 'kind'], 'kind is not "kepu-survey-design"');
  const n = d.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) broken([...path, 'n'], 'n is not a record count');
  const strata = labels(d.strataLabels, null, [...path, 'strataLabels']).length;
  const psus = labels(d.psuLabels, null, [...path, 'psuLabels']).length;
  if (strata < 1 || psus < strata) broken([...path, 'psuLabels'], 'fewer units than strata');
  nonNegative(typed(d.weights, Float64Array, n, [...path, 'weights']), [...path, 'weights']);
  nonNegative(typed(d.baseWeights, Float64Array, n, [...path, 'baseWeights']), [...path, 'baseWeights']);
  indices(typed(d.stratum, Int32Array, n, [...path, 'stratum']), strata, [...path, 'stratum']);
  indices(typed(d.psu, Int32Array, n, [...path, 'psu']), psus, [...path, 'psu']);
  const psuStratum = typed(d.psuStratum, Int32Array, psus, [...path, 'psuStratum']);
  indices(psuStratum, strata, [...path, 'psuStratum']);
  const perStratum = typed(d.psuPerStratum, Int32Array, strata, [...path, 'psuPerStratum']);
  const counted = new Int32Array(strata);
  for (const s of psuStratum) counted[s]! += 1;
  for (let s = 0; s < strata; s++) {
    if (counted[s] !== perStratum[s]) broken([...path, 'psuPerStratum', s], 'does not count the stratum’s units');
  }
  const population = typed(d.populationPsus, Float64Array, strata, [...path, 'populationPsus']);
  for (let s = 0; s < strata; s++) {
    if (!(population[s]! >= counted[s]!)) broken([...path, 'populationPsus', s], 'smaller than the sample');
  }
  if (!Array.isArray(d.stages)) broken([...path, 'stages'], 'needs a list of stages');
  // Index loops, not forEach: a hole in a hand-made list must be refused, not skipped.
  for (let k = 0; k < d.stages.length; k++) {
    const stage: unknown = d.stages[k];
    const at = [...path, 'stages', k];
    const st = expectRecord(stage, at);
    labels(st.cluster, n, [...at, 'cluster']);
    if (st.strata !== null) labels(st.strata, n, [...at, 'strata']);
    if (st.fpc !== null) {
      const fpc = typed(st.fpc, Float64Array, n, [...at, 'fpc']);
      for (let i = 0; i < n; i++) if (!(fpc[i]! > 0)) broken([...at, 'fpc', i], 'population size ≤ 0');
    }
  }
  if (!LONELY.includes(d.lonelyPsu as LonelyPsuPolicy)) broken([...path, 'lonelyPsu'], 'unknown policy');
  if (!Array.isArray(d.calibrations)) broken([...path, 'calibrations'], 'needs a list of calibrations');
  for (let k = 0; k < d.calibrations.length; k++) checkCalibration(d.calibrations[k], n, [...path, 'calibrations', k]);
  if (typeof d.df !== 'number' || !Number.isInteger(d.df)) broken([...path, 'df'], 'df is not a whole number');
  return d as SurveyDesign;
}
