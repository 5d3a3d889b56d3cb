import { proportionCi, symmetricCi } from '../ci.js';
import type { Key, SurveyDesign } from '../design.js';
import { createSurveyIssue, fail, SurveyError, type SurveyIssue } from '../errors.js';
import type { Estimate, EstimateOptions, ProportionOptions, Statistic } from '../estimate.js';
import { assessReliability, DEFAULT_RELIABILITY, type ReliabilityRules } from '../reliability.js';
import { expectDesign } from './check-design.js';
import { expectColumn, expectNumber, expectOneOf, expectString, optionsRecord } from './guard.js';
import { designVariance } from './variance.js';

// The shared steps of every design-based estimate: checking and preparing the values, the
// linearised scores of a domain, and turning sums and a variance into an explained estimate.

export interface Prepared {
  readonly values: Float64Array;
  readonly include: Uint8Array;
}

export const MAX_ISSUES = 20;

/** Group labels sort numerically where they are numbers (township 2 before township 10). */
export const collator = new Intl.Collator('en', { numeric: true });

/**
 * Checks the arguments every estimator shares — the design, the values, the options — so a bad
 * one is refused with a SurveyError naming it, before any arithmetic.
 */
export function checkEstimateArgs(
  design: unknown,
  y: unknown,
  options: unknown,
  extra: { readonly groups?: unknown; readonly needsGroups?: boolean; readonly statistic?: boolean } = {},
): void {
  expectDesign(design);
  const o = optionsRecord(options, ['options']);
  expectColumn(y, [typeof o.column === 'string' ? o.column : 'y']);
  if (o.column !== undefined) expectString(o.column, ['options', 'column']);
  if (o.label !== undefined) expectString(o.label, ['options', 'label']);
  if (o.domain !== undefined) expectColumn(o.domain, ['options', 'domain']);
  if (o.level !== undefined) expectNumber(o.level, ['options', 'level'], 1e-9, 1 - 1e-9, 'use a level between 0 and 1');
  if (o.na !== undefined) expectOneOf(o.na, ['fail', 'exclude'], ['options', 'na']);
  if (o.deff !== undefined) expectOneOf(o.deff, ['srswor', 'srswr'], ['options', 'deff']);
  if (o.ci !== undefined) expectOneOf(o.ci, ['logit', 'wilson', 'beta', 'wald'], ['options', 'ci']);
  if (extra.statistic && o.statistic !== undefined) {
    expectOneOf(o.statistic, ['mean', 'total', 'proportion'], ['options', 'statistic']);
  }
  if (o.reliability !== undefined) {
    for (const [key, value] of Object.entries(optionsRecord(o.reliability, ['options', 'reliability']))) {
      if (!Object.hasOwn(DEFAULT_RELIABILITY, key)) continue;
      expectNumber(value, ['options', 'reliability', key], 0, Number.MAX_VALUE, 'use a finite number ≥ 0');
    }
  }
  if (extra.needsGroups || extra.groups !== undefined) expectColumn(extra.groups, ['groups']);
}

export function prepare(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  options: EstimateOptions,
  binary: boolean,
  groups?: ArrayLike<Key | null | undefined>,
): Prepared {
  checkEstimateArgs(design, y, options, { groups });
  const n = design.n;
  const column = options.column ?? 'y';
  if (y.length !== n) fail('length-mismatch', [column], { column, actual: String(y.length), expected: String(n) });
  const domain = options.domain;
  if (domain && domain.length !== n) {
    fail('length-mismatch', ['domain'], { column: 'domain', actual: String(domain.length), expected: String(n) });
  }
  if (groups && groups.length !== n) {
    fail('length-mismatch', ['groups'], { column: 'groups', actual: String(groups.length), expected: String(n) });
  }
  const values = new Float64Array(n);
  const include = new Uint8Array(n);
  const issues: SurveyIssue[] = [];
  const exclude = options.na === 'exclude';
  for (let i = 0; i < n; i++) {
    if (domain && !domain[i]) continue;
    if (groups) {
      const g = groups[i];
      if (g === null || g === undefined || g === '' || (typeof g === 'number' && Number.isNaN(g))) {
        if (exclude) continue;
        if (issues.length < MAX_ISSUES) {
          issues.push(createSurveyIssue('missing-key', ['groups', i], { row: String(i), what: 'group' }));
        }
        continue;
      }
    }
    const raw = y[i];
    const value = typeof raw === 'boolean' ? (raw ? 1 : 0) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      if (exclude) continue;
      if (issues.length < MAX_ISSUES) {
        issues.push(createSurveyIssue('missing-value', [column, i], { row: String(i), column }));
      }
      continue;
    }
    if (binary && value !== 0 && value !== 1) {
      if (issues.length < MAX_ISSUES) {
        issues.push(createSurveyIssue('not-binary', [column, i], { row: String(i), column, value: String(value) }));
      }
      continue;
    }
    values[i] = value;
    include[i] = 1;
  }
  if (issues.length > 0) throw new SurveyError(issues);
  return { values, include };
}

/** Degrees of freedom within a subgroup: units with a member minus strata with a member. */
export function domainDf(design: SurveyDesign, include: Uint8Array): number {
  const psuSeen = new Uint8Array(design.psuLabels.length);
  const stratumSeen = new Uint8Array(design.strataLabels.length);
  let psus = 0;
  let strata = 0;
  for (let i = 0; i < include.length; i++) {
    if (!include[i]) continue;
    const p = design.psu[i]!;
    if (!psuSeen[p]) {
      psuSeen[p] = 1;
      psus++;
    }
    const s = design.stratum[i]!;
    if (!stratumSeen[s]) {
      stratumSeen[s] = 1;
      strata++;
    }
  }
  return psus - strata;
}

export interface Sums {
  readonly n: number;
  readonly weightSum: number;
  readonly weightedSum: number;
  /** Σ w (y − ȳ)² */
  readonly weightedSquares: number;
  readonly variance: number;
  readonly df: number;
}

export function rules(options: EstimateOptions): ReliabilityRules {
  return { ...DEFAULT_RELIABILITY, ...options.reliability };
}

export function finish(statistic: Statistic, sums: Sums, options: ProportionOptions, group?: string): Estimate {
  const { n, weightSum: W, weightedSum, df } = sums;
  const mean = weightedSum / W;
  const point = statistic === 'total' ? weightedSum : mean;
  const scale = statistic === 'total' ? W * W : 1;
  // Below `noise`, a spread is what rounding leaves of an exact zero (every value equal):
  // it is set to zero so that deff and the effective n, ratios of two such spreads, come
  // out as "not defined" and n rather than as the ratio of two rounding errors.
  const noise = (4 * n * Number.EPSILON * Math.abs(mean)) ** 2;
  const variance = sums.variance > noise * scale ? sums.variance : 0;
  checkFinite({ 'Σ weights': W, 'Σ weight × value': weightedSum, estimate: point, variance });
  const se = Math.sqrt(variance);
  const spread = sums.weightedSquares / W > noise ? sums.weightedSquares : 0;
  const s2 = n > 1 ? ((n / (n - 1)) * spread) / W : 0;
  const basis = options.deff ?? 'srswor';
  let vsrs = (s2 * scale) / n;
  if (basis === 'srswor') vsrs = W >= n ? (vsrs * (W - n)) / W : Number.NaN;
  const deff = vsrs > 0 && Number.isFinite(vsrs) ? variance / vsrs : null;
  let nEffective: number;
  if (statistic === 'proportion') nEffective = variance > 0 ? (mean * (1 - mean)) / variance : n;
  else nEffective = variance > 0 ? (s2 * scale) / variance : n;
  const level = options.level ?? 0.95;
  const ci =
    statistic === 'proportion'
      ? proportionCi(point, variance, df, n, level, options.ci ?? 'logit')
      : symmetricCi(point, se, df, level);
  checkFinite({ 'CI lower': ci.lower, 'CI upper': ci.upper, 'effective n': nEffective });
  const flags = assessReliability({ statistic, point, ci, df, n, nEffective }, rules(options));
  return {
    statistic,
    ...(options.label !== undefined ? { label: options.label } : {}),
    ...(group !== undefined ? { group } : {}),
    point,
    se,
    variance,
    ci,
    df,
    deff,
    n,
    nEffective,
    weightSum: W,
    flags,
    suppressed: flags.some((flag) => flag.severity === 'suppress'),
  };
}

/** Linearised scores of a mean (or proportion) or total over the records in `include`. */
/**
 * Refuses a result with a non-finite number in it. Each value given and each weight is finite,
 * yet their sums and squares can still overflow (weights of 1e308): the caller gets a
 * `numeric-overflow` error naming the quantity, never `Infinity` or `NaN` as an estimate.
 */
export function checkFinite(quantities: Readonly<Record<string, number>>): void {
  for (const [quantity, value] of Object.entries(quantities)) {
    if (!Number.isFinite(value)) fail('numeric-overflow', [], { quantity, value: String(value) });
  }
}

export function scoresOf(
  design: SurveyDesign,
  prepared: Prepared,
  include: Uint8Array,
  statistic: Statistic,
): { scores: Float64Array; sums: Omit<Sums, 'variance' | 'df'> } {
  const w = design.weights;
  const { values } = prepared;
  let n = 0;
  let W = 0;
  let Sy = 0;
  for (let i = 0; i < include.length; i++) {
    if (!include[i]) continue;
    n++;
    W += w[i]!;
    Sy += w[i]! * values[i]!;
  }
  if (n === 0) fail('empty-sample', ['domain']);
  const mean = Sy / W;
  const scores = new Float64Array(include.length);
  let squares = 0;
  for (let i = 0; i < include.length; i++) {
    if (!include[i]) continue;
    const d = values[i]! - mean;
    squares += w[i]! * d * d;
    scores[i] = statistic === 'total' ? w[i]! * values[i]! : (w[i]! * d) / W;
  }
  return { scores, sums: { n, weightSum: W, weightedSum: Sy, weightedSquares: squares } };
}

export function estimateOne(
  design: SurveyDesign,
  prepared: Prepared,
  include: Uint8Array,
  statistic: Statistic,
  options: ProportionOptions,
  group?: string,
): Estimate {
  const { scores, sums } = scoresOf(design, prepared, include, statistic);
  const variance = designVariance(design, scores);
  return finish(statistic, { ...sums, variance, df: domainDf(design, include) }, options, group);
}
