import { type CiMethod, type ConfidenceInterval, proportionCi, symmetricCi } from './ci.js';
import type { Key, SurveyDesign } from './design.js';
import { createSurveyIssue, fail, SurveyError, type SurveyIssue } from './errors.js';
import { designVariance, stage1Variance, usesLaterStages } from './internal/variance.js';
import { assessReliability, DEFAULT_RELIABILITY, type ReliabilityFlag, type ReliabilityRules } from './reliability.js';

/**
 * What is estimated.
 *
 * @example
 * ```ts
 * import type { Statistic } from '@kepu/survey';
 * const s: Statistic = 'proportion';
 * ```
 */
export type Statistic = 'mean' | 'total' | 'proportion';

/**
 * The simple random sample a design effect compares with: without replacement from a
 * population of Σw (R's `deff = TRUE`, the default) or with replacement (R's `deff = "replace"`).
 *
 * @example
 * ```ts
 * import type { DeffBasis } from '@kepu/survey';
 * const basis: DeffBasis = 'srswr';
 * ```
 */
export type DeffBasis = 'srswor' | 'srswr';

/**
 * Options shared by every estimator.
 *
 * @example
 * ```ts
 * import type { EstimateOptions } from '@kepu/survey';
 * const options: EstimateOptions = { level: 0.9, na: 'exclude', column: 'score' };
 * ```
 */
export interface EstimateOptions {
  /** Restrict to a subgroup (domain); the variance still uses the full design. */
  readonly domain?: ArrayLike<boolean | number | null | undefined>;
  /** @default 0.95 */
  readonly level?: number;
  /** Missing values: refuse (`fail`) or leave those records out of this estimate (`exclude`). @default 'fail' */
  readonly na?: 'fail' | 'exclude';
  /** @default 'srswor' */
  readonly deff?: DeffBasis;
  /** Override reliability thresholds. @default DEFAULT_RELIABILITY */
  readonly reliability?: Partial<ReliabilityRules>;
  /** Name of the variable, for messages. @default 'y' */
  readonly column?: string;
  /** A label carried into the result. */
  readonly label?: string;
}

/**
 * Options for proportions: the estimator options plus the interval method.
 *
 * @example
 * ```ts
 * import type { ProportionOptions } from '@kepu/survey';
 * const options: ProportionOptions = { ci: 'beta' };
 * ```
 */
export interface ProportionOptions extends EstimateOptions {
  /** @default 'logit' */
  readonly ci?: CiMethod;
}

/**
 * A design-based estimate with everything a report needs: point, standard error, interval,
 * degrees of freedom, design effect, sample and effective sample sizes, and reliability flags.
 *
 * @example
 * ```ts
 * import { estimateProportion, type Estimate } from '@kepu/survey';
 * const rate: Estimate = estimateProportion(design, literate);
 * console.log(rate.point, rate.ci.lower, rate.ci.upper, rate.flags);
 * ```
 */
export interface Estimate {
  readonly statistic: Statistic;
  readonly label?: string;
  /** The estimate: a mean, a total or a proportion (0–1). */
  readonly point: number;
  readonly se: number;
  readonly variance: number;
  readonly ci: ConfidenceInterval;
  /** Design degrees of freedom: sampling units minus strata (within the subgroup, as R's degf). */
  readonly df: number;
  /** Design effect against the simple random sample of the chosen basis; null when undefined. */
  readonly deff: number | null;
  /** Respondents used. */
  readonly n: number;
  /** Effective sample size: p(1 − p)/variance for proportions, s²/variance for means. */
  readonly nEffective: number;
  /** Sum of weights of the respondents used (estimated population size). */
  readonly weightSum: number;
  readonly flags: readonly ReliabilityFlag[];
  /** True when a flag says the number should not be shown on its own. */
  readonly suppressed: boolean;
}

/**
 * An estimate for one group of a breakdown.
 *
 * @example
 * ```ts
 * import type { GroupEstimate } from '@kepu/survey';
 * const label = (g: GroupEstimate) => `${g.group}: ${g.point}`;
 * ```
 */
export interface GroupEstimate extends Estimate {
  readonly group: string;
}

interface Prepared {
  readonly values: Float64Array;
  readonly include: Uint8Array;
}

const MAX_ISSUES = 20;

function prepare(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  options: EstimateOptions,
  binary: boolean,
  groups?: ArrayLike<Key | null | undefined>,
): Prepared {
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
function domainDf(design: SurveyDesign, include: Uint8Array): number {
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

interface Sums {
  readonly n: number;
  readonly weightSum: number;
  readonly weightedSum: number;
  /** Σ w (y − ȳ)² */
  readonly weightedSquares: number;
  readonly variance: number;
  readonly df: number;
}

function rules(options: EstimateOptions): ReliabilityRules {
  return { ...DEFAULT_RELIABILITY, ...options.reliability };
}

function finish(statistic: Statistic, sums: Sums, options: ProportionOptions, group?: string): Estimate {
  const { n, weightSum: W, weightedSum, variance: rawVariance, df } = sums;
  const variance = Math.max(rawVariance, 0);
  const mean = weightedSum / W;
  const point = statistic === 'total' ? weightedSum : mean;
  const se = Math.sqrt(variance);
  const s2 = n > 1 ? ((n / (n - 1)) * Math.max(sums.weightedSquares, 0)) / W : 0;
  const scale = statistic === 'total' ? W * W : 1;
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
function scoresOf(
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

function estimateOne(
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

/**
 * Design-based mean of `y` (R's `svymean`), with Taylor-linearised standard error, a t interval
 * on the design's degrees of freedom, and the design effect. With `domain`, the mean of a
 * subgroup, its variance computed on the full design. Pure; throws {@link SurveyError} on missing
 * values (unless `na: 'exclude'`) or an empty subgroup.
 *
 * @example
 * ```ts
 * import { designFromRows, estimateMean, columnOf } from '@kepu/survey';
 * const dstrat = designFromRows(apistrat, { strata: 'stype', weight: 'pw', fpc: 'fpc' });
 * const m = estimateMean(dstrat, columnOf(apistrat, 'api00'));
 * m.point; // 662.29
 * m.se; // 9.4089
 * ```
 */
export function estimateMean(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  options: EstimateOptions = {},
): Estimate {
  const prepared = prepare(design, y, options, false);
  return estimateOne(design, prepared, prepared.include, 'mean', options);
}

/**
 * Design-based total of `y` (R's `svytotal`): the estimated population sum.
 *
 * @example
 * ```ts
 * import { estimateTotal } from '@kepu/survey';
 * estimateTotal(dstrat, enroll).point; // 3687178
 * ```
 */
export function estimateTotal(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  options: EstimateOptions = {},
): Estimate {
  const prepared = prepare(design, y, options, false);
  return estimateOne(design, prepared, prepared.include, 'total', options);
}

/**
 * Design-based proportion of a 0/1 (or boolean) indicator, such as "has scientific literacy",
 * with a confidence interval inside [0, 1]: logit by default (R's `svyciprop`), or Wilson,
 * Korn–Graubard (`beta`) or Wald.
 *
 * @example
 * ```ts
 * import { estimateProportion } from '@kepu/survey';
 * const rate = estimateProportion(design, literate, { ci: 'logit' });
 * `${(rate.point * 100).toFixed(1)}% [${rate.ci.lower}, ${rate.ci.upper}]`;
 * ```
 */
export function estimateProportion(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  options: ProportionOptions = {},
): Estimate {
  const prepared = prepare(design, y, options, true);
  return estimateOne(design, prepared, prepared.include, 'proportion', options);
}

const collator = new Intl.Collator('en', { numeric: true });

function groupIndex(
  groups: ArrayLike<Key | null | undefined>,
  include: Uint8Array,
): { index: Int32Array; labels: string[] } {
  const seen = new Map<string, number>();
  const firstLabels: string[] = [];
  const raw = new Int32Array(include.length).fill(-1);
  for (let i = 0; i < include.length; i++) {
    if (!include[i]) continue;
    const label = String(groups[i]);
    let g = seen.get(label);
    if (g === undefined) {
      g = firstLabels.length;
      seen.set(label, g);
      firstLabels.push(label);
    }
    raw[i] = g;
  }
  const labels = [...firstLabels].sort(collator.compare);
  const remap = new Int32Array(firstLabels.length);
  firstLabels.forEach((label, g) => {
    remap[g] = labels.indexOf(label);
  });
  const index = raw.map((g) => (g < 0 ? -1 : remap[g]!));
  return { index, labels };
}

/**
 * Options for a breakdown by group.
 *
 * @example
 * ```ts
 * import type { ByGroupOptions } from '@kepu/survey';
 * const options: ByGroupOptions = { statistic: 'proportion', ci: 'beta' };
 * ```
 */
export interface ByGroupOptions extends ProportionOptions {
  /** @default 'mean' */
  readonly statistic?: Statistic;
}

/** Cells of (group × primary unit) kept dense up to this size; beyond it, group by group. */
const DENSE_CELLS = 8_000_000;

/**
 * One estimate per group (township, urban/rural, age band …), each a domain estimate on the
 * full design — R's `svyby(~y, ~group, design, svymean)`. Groups are sorted by label. For designs
 * without calibration whose variance is single-stage, all groups come from one pass over the data.
 *
 * @example
 * ```ts
 * import { estimateByGroup } from '@kepu/survey';
 * const byTownship = estimateByGroup(design, literate, townships, { statistic: 'proportion' });
 * for (const t of byTownship) console.log(t.group, t.point, t.ci, t.suppressed);
 * ```
 */
export function estimateByGroup(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  groups: ArrayLike<Key | null | undefined>,
  options: ByGroupOptions = {},
): GroupEstimate[] {
  const statistic = options.statistic ?? 'mean';
  if (
    options.domain === undefined &&
    isIntegerTypedArray(groups) &&
    design.calibrations.length === 0 &&
    !usesLaterStages(design)
  ) {
    const fast = byCodedGroup(design, y, groups, statistic, options);
    if (fast) return fast;
  }
  const prepared = prepare(design, y, options, statistic === 'proportion', groups);
  const { index, labels } = groupIndex(groups, prepared.include);
  if (labels.length === 0) fail('empty-sample', ['domain']);
  const groupCount = labels.length;
  const psus = design.psuLabels.length;
  if (design.calibrations.length === 0 && !usesLaterStages(design) && groupCount * psus <= DENSE_CELLS) {
    return byGroupOnePass(design, prepared, index, labels, statistic, options);
  }
  return labels.map((label, g) => {
    const include = new Uint8Array(design.n);
    for (let i = 0; i < design.n; i++) include[i] = index[i] === g ? 1 : 0;
    return estimateOne(design, prepared, include, statistic, options, label) as GroupEstimate;
  });
}

function byGroupOnePass(
  design: SurveyDesign,
  prepared: Prepared,
  index: Int32Array,
  labels: readonly string[],
  statistic: Statistic,
  options: ByGroupOptions,
): GroupEstimate[] {
  const G = labels.length;
  const P = design.psuLabels.length;
  const cellW = new Float64Array(G * P);
  const cellWy = new Float64Array(G * P);
  const W = new Float64Array(G);
  const Sy = new Float64Array(G);
  const Syy = new Float64Array(G);
  const count = new Float64Array(G);
  const w = design.weights;
  const psu = design.psu;
  const values = prepared.values;
  for (let i = 0; i < index.length; i++) {
    const g = index[i]!;
    if (g < 0) continue;
    const k = g * P + psu[i]!;
    const wi = w[i]!;
    const yi = values[i]!;
    const wy = wi * yi;
    cellW[k]! += wi;
    cellWy[k]! += wy;
    W[g]! += wi;
    Sy[g]! += wy;
    Syy[g]! += wy * yi;
    count[g]! += 1;
  }
  const totals = new Float64Array(P);
  const stratumSeen = new Uint8Array(design.strataLabels.length);
  return labels.map((group, g) => {
    const mean = Sy[g]! / W[g]!;
    let psusSeen = 0;
    stratumSeen.fill(0);
    let strataSeen = 0;
    for (let p = 0; p < P; p++) {
      const k = g * P + p;
      totals[p] = statistic === 'total' ? cellWy[k]! : (cellWy[k]! - mean * cellW[k]!) / W[g]!;
      if (cellW[k]! > 0) {
        psusSeen++;
        const s = design.psuStratum[p]!;
        if (!stratumSeen[s]) {
          stratumSeen[s] = 1;
          strataSeen++;
        }
      }
    }
    const variance = stage1Variance(design, totals);
    const squares = Syy[g]! - 2 * mean * Sy[g]! + mean * mean * W[g]!;
    return finish(
      statistic,
      {
        n: count[g]!,
        weightSum: W[g]!,
        weightedSum: Sy[g]!,
        weightedSquares: squares,
        variance,
        df: psusSeen - strataSeen,
      },
      options,
      group,
    ) as GroupEstimate;
  });
}

type IntegerTypedArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

function isIntegerTypedArray(value: unknown): value is IntegerTypedArray {
  return (
    value instanceof Int8Array ||
    value instanceof Uint8Array ||
    value instanceof Int16Array ||
    value instanceof Uint16Array ||
    value instanceof Int32Array ||
    value instanceof Uint32Array
  );
}

/** Largest group code the coded path accepts; larger codes take the labelled path. */
const MAX_GROUP_CODE = 1 << 20;

/**
 * Breakdown by integer-coded groups (a typed array, e.g. township codes) in one fused pass:
 * validation and (group × unit) sums together, the sums of a cell side by side in memory. Gives
 * the same results as the general path; returns null when the codes do not suit it.
 */
function byCodedGroup(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  groups: IntegerTypedArray,
  statistic: Statistic,
  options: ByGroupOptions,
): GroupEstimate[] | null {
  const n = design.n;
  const column = options.column ?? 'y';
  if (y.length !== n) fail('length-mismatch', [column], { column, actual: String(y.length), expected: String(n) });
  if (groups.length !== n) {
    fail('length-mismatch', ['groups'], { column: 'groups', actual: String(groups.length), expected: String(n) });
  }
  let max = 0;
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    if (g < 0) return null;
    if (g > max) max = g;
  }
  if (max >= MAX_GROUP_CODE) return null;
  // Cells are indexed by the code itself (absent codes stay empty and are skipped below).
  const G = max + 1;
  const P = design.psuLabels.length;
  if (G * P > DENSE_CELLS) return null;

  // cell layout: [Σw, Σwy, Σwy², count] per (group, unit)
  const cells = new Float64Array(G * P * 4);
  const w = design.weights;
  const psu = design.psu;
  const binary = statistic === 'proportion';
  const exclude = options.na === 'exclude';
  const issues: SurveyIssue[] = [];
  for (let i = 0; i < n; i++) {
    const raw = y[i];
    const v = raw === true ? 1 : raw === false ? 0 : raw;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      if (exclude) continue;
      if (issues.length < MAX_ISSUES)
        issues.push(createSurveyIssue('missing-value', [column, i], { row: String(i), column }));
      continue;
    }
    if (binary && v !== 0 && v !== 1) {
      if (issues.length < MAX_ISSUES) {
        issues.push(createSurveyIssue('not-binary', [column, i], { row: String(i), column, value: String(v) }));
      }
      continue;
    }
    const k = (groups[i]! * P + psu[i]!) * 4;
    const wi = w[i]!;
    const wy = wi * v;
    cells[k]! += wi;
    cells[k + 1]! += wy;
    cells[k + 2]! += wy * v;
    cells[k + 3]! += 1;
  }
  if (issues.length > 0) throw new SurveyError(issues);

  const totals = new Float64Array(P);
  const stratumSeen = new Uint8Array(design.strataLabels.length);
  const out: GroupEstimate[] = [];
  for (let g = 0; g < G; g++) {
    let W = 0;
    let Sy = 0;
    let Syy = 0;
    let count = 0;
    const base = g * P * 4;
    for (let p = 0; p < P; p++) {
      const k = base + p * 4;
      W += cells[k]!;
      Sy += cells[k + 1]!;
      Syy += cells[k + 2]!;
      count += cells[k + 3]!;
    }
    if (count === 0) continue; // an unused code, or every member excluded for a missing value
    const mean = Sy / W;
    let psusSeen = 0;
    let strataSeen = 0;
    stratumSeen.fill(0);
    for (let p = 0; p < P; p++) {
      const k = base + p * 4;
      totals[p] = statistic === 'total' ? cells[k + 1]! : (cells[k + 1]! - mean * cells[k]!) / W;
      if (cells[k + 3]! > 0) {
        psusSeen++;
        const s = design.psuStratum[p]!;
        if (!stratumSeen[s]) {
          stratumSeen[s] = 1;
          strataSeen++;
        }
      }
    }
    const variance = stage1Variance(design, totals);
    out.push(
      finish(
        statistic,
        {
          n: count,
          weightSum: W,
          weightedSum: Sy,
          weightedSquares: Syy - 2 * mean * Sy + mean * mean * W,
          variance,
          df: psusSeen - strataSeen,
        },
        options,
        String(g),
      ) as GroupEstimate,
    );
  }
  if (out.length === 0) fail('empty-sample', ['domain']);
  return out;
}

/**
 * A difference between two groups (or a group and everybody) with its confidence interval.
 *
 * @example
 * ```ts
 * import type { GapEstimate } from '@kepu/survey';
 * const says = (gap: GapEstimate) => `${gap.a.group} − ${gap.b.group}: ${gap.point}`;
 * ```
 */
export interface GapEstimate {
  readonly statistic: 'difference';
  /** What is compared. */
  readonly of: Statistic;
  /** First group's estimate. */
  readonly a: GroupEstimate;
  /** Second group's estimate (group `'*'` for the whole population). */
  readonly b: GroupEstimate;
  /** a − b. */
  readonly point: number;
  readonly se: number;
  readonly variance: number;
  /** Covariance of the two estimates, from shared sampling units (and overlap, for a group vs all). */
  readonly covariance: number;
  readonly ci: ConfidenceInterval;
  readonly df: number;
  readonly n: number;
  readonly flags: readonly ReliabilityFlag[];
  readonly suppressed: boolean;
}

/**
 * Options for {@link estimateGap}.
 *
 * @example
 * ```ts
 * import type { GapOptions } from '@kepu/survey';
 * const urbanRural: GapOptions = { a: 'urban', b: 'rural', statistic: 'proportion' };
 * ```
 */
export interface GapOptions extends ProportionOptions {
  /** The first group. */
  readonly a: Key;
  /** The second group; omit to compare `a` with the whole population (e.g. township vs county). */
  readonly b?: Key;
  /** @default 'proportion' */
  readonly statistic?: Statistic;
}

/**
 * The gap between two groups (urban − rural, a township − the county, one age band − another),
 * linearised as a single statistic on the full design, so the covariance between groups that
 * share sampling units (or overlap, for a group against everybody) is in its variance. The
 * interval is a t interval on the design degrees of freedom of the records involved.
 *
 * @example
 * ```ts
 * import { estimateGap } from '@kepu/survey';
 * const gap = estimateGap(design, literate, residence, { a: 'urban', b: 'rural' });
 * gap.point; // urban rate − rural rate
 * gap.ci; // accounts for villages that hold both urban and rural respondents
 * ```
 */
export function estimateGap(
  design: SurveyDesign,
  y: ArrayLike<number | boolean | null | undefined>,
  groups: ArrayLike<Key | null | undefined>,
  options: GapOptions,
): GapEstimate {
  const statistic = options.statistic ?? 'proportion';
  const prepared = prepare(design, y, { ...options, na: options.na ?? 'fail' }, statistic === 'proportion');
  const n = design.n;
  const a = String(options.a);
  const includeA = new Uint8Array(n);
  const includeB = new Uint8Array(n);
  const known = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (!prepared.include[i]) continue;
    const g = groups[i];
    const label = g === null || g === undefined ? null : String(g);
    if (label !== null) known.add(label);
    if (label === a) includeA[i] = 1;
    if (options.b === undefined ? true : label === String(options.b)) includeB[i] = 1;
  }
  const check = (label: string) => {
    if (!known.has(label)) {
      fail('unknown-group', ['groups'], {
        group: label,
        column: options.column ?? 'groups',
        known: [...known].sort(collator.compare).slice(0, 12).join(', '),
      });
    }
  };
  check(a);
  if (options.b !== undefined) check(String(options.b));
  const partA = scoresOf(design, prepared, includeA, statistic);
  const partB = scoresOf(design, prepared, includeB, statistic);
  const diff = new Float64Array(n);
  for (let i = 0; i < n; i++) diff[i] = partA.scores[i]! - partB.scores[i]!;
  const variance = Math.max(designVariance(design, diff), 0);
  const varA = designVariance(design, partA.scores);
  const varB = designVariance(design, partB.scores);
  const estA = finish(
    statistic,
    { ...partA.sums, variance: varA, df: domainDf(design, includeA) },
    options,
    a,
  ) as GroupEstimate;
  const estB = finish(
    statistic,
    { ...partB.sums, variance: varB, df: domainDf(design, includeB) },
    options,
    options.b === undefined ? '*' : String(options.b),
  ) as GroupEstimate;
  const union = new Uint8Array(n);
  let used = 0;
  for (let i = 0; i < n; i++) {
    union[i] = includeA[i]! | includeB[i]!;
    used += union[i]!;
  }
  const df = domainDf(design, union);
  const point = estA.point - estB.point;
  const se = Math.sqrt(variance);
  let ci = symmetricCi(point, se, df, options.level ?? 0.95);
  if (statistic === 'proportion') ci = { ...ci, lower: Math.max(-1, ci.lower), upper: Math.min(1, ci.upper) };
  const r = rules(options);
  const flags: ReliabilityFlag[] = assessReliability(
    { statistic: 'difference', point, ci, df, n: used, nEffective: used },
    r,
  );
  for (const part of [estA, estB]) {
    if (part.suppressed) {
      flags.push({
        code: 'component-unreliable',
        severity: 'caution',
        value: Math.min(part.n, part.nEffective),
        threshold: r.minEffectiveSampleSize,
        message: {
          zh: `比较对象“${part.group}”的估计值本身不可靠（${part.flags.map((f) => f.message.zh).join('；')}），差距仅供参考。`,
          en: `The estimate for "${part.group}" is itself unreliable (${part.flags.map((f) => f.message.en).join('; ')}); treat the gap as indicative only.`,
        },
      });
    }
  }
  return {
    statistic: 'difference',
    of: statistic,
    a: estA,
    b: estB,
    point,
    se,
    variance,
    covariance: (varA + varB - variance) / 2,
    ci,
    df,
    n: used,
    flags,
    suppressed: flags.some((flag) => flag.severity === 'suppress'),
  };
}
