import type { Key, SurveyDesign } from './design.js';
import { createSurveyIssue, fail, SurveyError, type SurveyIssue } from './errors.js';
import type { GroupEstimate, ProportionOptions, Statistic } from './estimate.js';
import {
  checkEstimateArgs,
  collator,
  estimateOne,
  finish,
  MAX_ISSUES,
  type Prepared,
  prepare,
} from './internal/estimate-core.js';
import { keyText } from './internal/guard.js';
import { stage1Variance, usesLaterStages } from './internal/variance.js';

function groupIndex(
  groups: ArrayLike<Key | null | undefined>,
  include: Uint8Array,
): { index: Int32Array; labels: string[] } {
  const seen = new Map<string, number>();
  const firstLabels: string[] = [];
  const raw = new Int32Array(include.length).fill(-1);
  for (let i = 0; i < include.length; i++) {
    if (!include[i]) continue;
    const label = keyText(groups[i], ['groups', i]);
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
  checkEstimateArgs(design, y, options, { groups, needsGroups: true, statistic: true });
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
  // Squares are summed about each group's first value (shifted data), never as raw moments
  // Σwy² − (Σwy)²/W: a group whose values are all equal then has exactly zero spread.
  const shift = new Float64Array(G).fill(Number.NaN);
  const Sdd = new Float64Array(G);
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
    if (Number.isNaN(shift[g]!)) shift[g] = yi;
    const d = yi - shift[g]!;
    Sdd[g]! += wi * d * d;
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
    const squares = shiftedSquares(Sdd[g]!, Sy[g]!, W[g]!, shift[g]!);
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

/**
 * Σ w (y − ȳ)² from sums about a shift K: Σ w (y − K)² − (Σ w y − K Σ w)² / Σ w. The subtracted
 * term is small when K is one of the values, so no large raw moments cancel.
 */
function shiftedSquares(squaresAboutShift: number, weightedSum: number, weightSum: number, shift: number): number {
  const offset = weightedSum - shift * weightSum;
  return squaresAboutShift - (offset * offset) / weightSum;
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

  // cell layout: [Σw, Σwy, Σw(y − shift)², count] per (group, unit); shift: the group's first value
  const cells = new Float64Array(G * P * 4);
  const shift = new Float64Array(G).fill(Number.NaN);
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
    const g = groups[i]!;
    const k = (g * P + psu[i]!) * 4;
    const wi = w[i]!;
    cells[k]! += wi;
    cells[k + 1]! += wi * v;
    if (Number.isNaN(shift[g]!)) shift[g] = v;
    const d = v - shift[g]!;
    cells[k + 2]! += wi * d * d;
    cells[k + 3]! += 1;
  }
  if (issues.length > 0) throw new SurveyError(issues);

  const totals = new Float64Array(P);
  const stratumSeen = new Uint8Array(design.strataLabels.length);
  const out: GroupEstimate[] = [];
  for (let g = 0; g < G; g++) {
    let W = 0;
    let Sy = 0;
    let squares = 0;
    let count = 0;
    const base = g * P * 4;
    for (let p = 0; p < P; p++) {
      const k = base + p * 4;
      W += cells[k]!;
      Sy += cells[k + 1]!;
      squares += cells[k + 2]!;
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
          weightedSquares: shiftedSquares(squares, Sy, W, shift[g]!),
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
