import type { Calibration, Key, SurveyDesign } from './design.js';
import { createSurveyIssue, fail, type SurveyIssue } from './errors.js';
import { expectDesign, markBuilt } from './internal/check-design.js';
import { describeValue, expectArray, expectColumn, expectRecord, isMissingKey, keyText } from './internal/guard.js';

/**
 * Population counts by cell: a plain object or a map from cell label to count.
 *
 * @example
 * ```ts
 * import type { PopulationTable } from '@kepu/survey';
 * const bySex: PopulationTable = { 男: 51_200, 女: 49_800 };
 * ```
 */
export type PopulationTable = Readonly<Record<string, number>> | ReadonlyMap<Key, number>;

/**
 * One calibration variable: each respondent's cell, and the population count of every cell.
 *
 * @example
 * ```ts
 * import type { Margin } from '@kepu/survey';
 * const sex: Margin = { name: 'sex', cells: ['男', '女', '女'], population: { 男: 51_200, 女: 49_800 } };
 * ```
 */
export interface Margin {
  /** A name for messages. @default 'margin 1', 'margin 2', … */
  readonly name?: string;
  /** Each respondent's cell (for a cross-classification, see {@link crossCells}). */
  readonly cells: ArrayLike<Key | null | undefined>;
  readonly population: PopulationTable;
}

/**
 * Joins several classification columns into one cell label per respondent, for margins that
 * are cross-classifications (township × urban/rural × sex × age band).
 *
 * @example
 * ```ts
 * import { crossCells } from '@kepu/survey';
 * crossCells(['城关镇', '山河镇'], ['urban', 'rural']); // ['城关镇|urban', '山河镇|rural']
 * ```
 */
export function crossCells(...columns: ReadonlyArray<ArrayLike<Key | null | undefined>>): string[] {
  columns.forEach((column, c) => {
    expectColumn(column, [`cells[${c}]`]);
  });
  const n = columns[0]?.length ?? 0;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let label = '';
    for (let c = 0; c < columns.length; c++) {
      const value = columns[c]![i];
      if (isMissingKey(value)) {
        fail('missing-key', [`cells[${c}]`, i], { row: String(i), what: 'calibration cell' });
      }
      const text = keyText(value, [`cells[${c}]`, i]);
      label += c === 0 ? text : `|${text}`;
    }
    out[i] = label;
  }
  return out;
}

function tableEntries(table: PopulationTable, path: ReadonlyArray<string | number>): Array<[string, unknown]> {
  if (table instanceof Map) return [...table.entries()].map(([k, v]) => [keyText(k, path), v]);
  return Object.entries(expectRecord(table, path, 'a table of population totals by cell'));
}

interface CompiledMargin {
  readonly name: string;
  readonly cell: Int32Array;
  readonly labels: readonly string[];
  readonly targets: Float64Array;
}

function compileMargin(design: SurveyDesign, margin: Margin, name: string, partial: boolean): CompiledMargin {
  expectRecord(margin, [name], 'a margin ({ cells, population })');
  const n = design.n;
  if (expectColumn(margin.cells, [name, 'cells']).length !== n) {
    fail('length-mismatch', [name], { column: name, actual: String(margin.cells.length), expected: String(n) });
  }
  const targetsByLabel = new Map<string, number>();
  let sum = 0;
  for (const [label, total] of tableEntries(margin.population, [name, 'population'])) {
    if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) {
      fail('invalid-population-total', [name, 'population', label], {
        what: name,
        cell: label,
        value: describeValue(total),
      });
    }
    sum += total;
    targetsByLabel.set(label, total);
  }
  if (!Number.isFinite(sum))
    fail('numeric-overflow', [name, 'population'], { quantity: 'Σ totals', value: String(sum) });
  const index = new Map<string, number>();
  const labels: string[] = [];
  const cell = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const raw = margin.cells[i];
    if (isMissingKey(raw)) {
      fail('missing-key', [name, i], { row: String(i), what: 'calibration cell' });
    }
    const label = keyText(raw, [name, i]);
    let c = index.get(label);
    if (c === undefined) {
      if (!targetsByLabel.has(label)) fail('population-cell-missing', [name, i], { cell: label, what: name });
      c = labels.length;
      index.set(label, c);
      labels.push(label);
    }
    cell[i] = c;
  }
  for (const [label, total] of targetsByLabel) {
    if (!index.has(label) && total > 0 && !partial) {
      fail('sample-cell-empty', [name, 'population', label], { what: name, cell: label, total: String(total) });
    }
  }
  const targets = Float64Array.from(labels, (label) => targetsByLabel.get(label)!);
  return { name, cell, labels, targets };
}

function applyMargin(weights: Float64Array, margin: CompiledMargin): void {
  const sums = new Float64Array(margin.labels.length);
  for (let i = 0; i < weights.length; i++) sums[margin.cell[i]!]! += weights[i]!;
  const factor = new Float64Array(margin.labels.length);
  for (let c = 0; c < factor.length; c++) factor[c] = margin.targets[c]! / sums[c]!;
  for (let i = 0; i < weights.length; i++) weights[i]! *= factor[margin.cell[i]!]!;
}

/** Per margin, the largest distance between a cell's weighted count and its target. */
function gapsOf(
  margins: readonly CompiledMargin[],
  weights: Float64Array,
): Array<{ readonly name: string; readonly maxAbsoluteGap: number }> {
  return margins.map((margin) => {
    const sums = new Float64Array(margin.labels.length);
    for (let i = 0; i < weights.length; i++) sums[margin.cell[i]!]! += weights[i]!;
    let gap = 0;
    for (let c = 0; c < sums.length; c++) gap = Math.max(gap, Math.abs(sums[c]! - margin.targets[c]!));
    return { name: margin.name, maxAbsoluteGap: gap };
  });
}

function withWeights(design: SurveyDesign, weights: Float64Array, calibration: Calibration): SurveyDesign {
  // A cell whose weights add up to 0 (after an earlier calibration to a total of 0) cannot be
  // scaled to a positive total: refuse rather than hand the estimators an Infinity or a NaN.
  for (const w of weights) {
    if (!Number.isFinite(w))
      fail('numeric-overflow', ['weights'], { quantity: 'a calibrated weight', value: String(w) });
  }
  return markBuilt({ ...design, weights, calibrations: [...design.calibrations, calibration] });
}

/**
 * Options for {@link postStratify}.
 *
 * @example
 * ```ts
 * import type { PostStratifyOptions } from '@kepu/survey';
 * const options: PostStratifyOptions = { cells: stype, population: { E: 4421, H: 755, M: 1018 } };
 * ```
 */
export interface PostStratifyOptions extends Margin {
  /** Ignore population cells with no respondent instead of failing. @default false */
  readonly partial?: boolean;
}

/**
 * Post-stratification (R's `postStratify`): scales the weights within each cell so they add up
 * to the cell's population count. The returned design remembers the step, so variances use
 * residuals from cell means, as R does. Pure.
 *
 * @example
 * ```ts
 * import { postStratify, estimateMean } from '@kepu/survey';
 * const dclus1p = postStratify(dclus1, { cells: stype, population: { E: 4421, H: 755, M: 1018 } });
 * estimateMean(dclus1p, api00).point; // 642.31
 * ```
 */
export function postStratify(design: SurveyDesign, options: PostStratifyOptions): SurveyDesign {
  expectDesign(design);
  expectRecord(options, ['options']);
  const name = options.name === undefined ? 'cells' : keyText(options.name, ['options', 'name']);
  const margin = compileMargin(design, options, name, options.partial ?? false);
  const weights = design.weights.slice();
  applyMargin(weights, margin);
  return withWeights(design, weights, {
    kind: 'post-stratify',
    cell: margin.cell,
    cellCount: margin.labels.length,
    weights,
    oldWeights: design.weights,
  });
}

/**
 * Options for {@link rake}.
 *
 * @example
 * ```ts
 * import type { RakeOptions } from '@kepu/survey';
 * const options: RakeOptions = { margins: [sexMargin, ageMargin], maxIterations: 50 };
 * ```
 */
export interface RakeOptions {
  readonly margins: readonly Margin[];
  /** Most full sweeps over the margins, from 1 to 10,000. @default 50 */
  readonly maxIterations?: number;
  /**
   * Convergence threshold on the largest change in any cell of the joint table of all margin
   * variables during one sweep: in persons when ≥ 1, as a share of the total weight when < 1.
   * @default 1
   */
  readonly epsilon?: number;
  /** Ignore population cells with no respondent instead of failing. @default false */
  readonly partial?: boolean;
}

/**
 * The outcome of raking: the new design, whether and when it converged, how far each margin is
 * from its target, and any warning.
 *
 * @example
 * ```ts
 * import type { RakeResult } from '@kepu/survey';
 * const report = (r: RakeResult) => (r.converged ? `${r.iterations} sweeps` : r.warnings[0]?.message.zh);
 * ```
 */
export interface RakeResult {
  readonly design: SurveyDesign;
  readonly converged: boolean;
  /** Full sweeps done. */
  readonly iterations: number;
  /** Largest change of a joint-table cell in the last sweep. */
  readonly delta: number;
  /** The threshold `delta` was compared with, in persons. */
  readonly epsilon: number;
  /** Per margin: largest |achieved − target| over its cells after the last sweep. */
  readonly marginGaps: ReadonlyArray<{ readonly name: string; readonly maxAbsoluteGap: number }>;
  /** `raking-not-converged` when it did not converge; `inconsistent-margins` when margin totals differ. */
  readonly warnings: readonly SurveyIssue[];
}

/** More sweeps than raking ever needs when it converges: a cap, so a typo cannot hang the caller. */
const MAX_SWEEPS = 10_000;

function marginName(margin: unknown, k: number): string {
  const name = (expectRecord(margin, ['margins', k], 'a margin ({ cells, population })') as { name?: unknown }).name;
  return name === undefined ? `margin ${k + 1}` : keyText(name, ['margins', k, 'name']);
}

/**
 * Raking (iterative proportional fitting, R's `rake`): post-stratifies on each margin in turn
 * and repeats full sweeps.
 *
 * **Convergence rule**: after each sweep, compare the weighted counts of the joint table of all
 * margin variables with those before the sweep; converged when the largest change is below
 * `epsilon` persons (or `epsilon` × total weight when `epsilon < 1`) — R's rule — *and* every
 * margin cell is within `epsilon` of its target. R stops on the first condition alone, which
 * accepts margins that contradict each other; Kepu reports them instead. After `maxIterations`
 * sweeps without convergence, the result is returned with converged = false and a
 * `raking-not-converged` warning (zh + en) saying what to check; margins whose totals differ
 * also get an `inconsistent-margins` warning.
 *
 * Variances on the raked design remove cell means margin by margin for ten cycles, as R's
 * `svyrecvar` does for raked designs. Pure.
 *
 * @example
 * ```ts
 * import { rake } from '@kepu/survey';
 * const { design: raked, converged, iterations } = rake(dclus1, {
 *   margins: [
 *     { name: 'stype', cells: stype, population: { E: 4421, H: 755, M: 1018 } },
 *     { name: 'sch.wide', cells: schWide, population: { No: 1072, Yes: 5122 } },
 *   ],
 * });
 * ```
 */
export function rake(design: SurveyDesign, options: RakeOptions): RakeResult {
  expectDesign(design);
  expectRecord(options, ['options']);
  const maxIterations = options.maxIterations ?? 50;
  if (!Number.isInteger(maxIterations) || maxIterations < 1 || maxIterations > MAX_SWEEPS) {
    fail('invalid-option', ['maxIterations'], {
      option: 'maxIterations',
      value: describeValue(maxIterations),
      detail: `use a whole number from 1 to ${MAX_SWEEPS}`,
    });
  }
  const rawEpsilon = options.epsilon ?? 1;
  if (!(rawEpsilon > 0) || !Number.isFinite(rawEpsilon)) {
    fail('invalid-option', ['epsilon'], {
      option: 'epsilon',
      value: describeValue(rawEpsilon),
      detail: 'use a positive number',
    });
  }
  if (expectArray(options.margins, ['margins']).length === 0) {
    fail('invalid-option', ['margins'], { option: 'margins', value: '[]', detail: 'give at least one margin' });
  }
  const margins = options.margins.map((margin, k) =>
    compileMargin(design, margin, marginName(margin, k), options.partial ?? false),
  );
  const n = design.n;
  let totalWeight = 0;
  for (const w of design.weights) totalWeight += w;
  const epsilon = rawEpsilon < 1 ? rawEpsilon * totalWeight : rawEpsilon;

  // Joint table of all margin variables: mixed-radix cell numbers, made dense.
  const jointIds = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let id = 0;
    for (const margin of margins) id = id * margin.labels.length + margin.cell[i]!;
    jointIds[i] = id;
  }
  const jointIndex = new Map<number, number>();
  const joint = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let j = jointIndex.get(jointIds[i]!);
    if (j === undefined) {
      j = jointIndex.size;
      jointIndex.set(jointIds[i]!, j);
    }
    joint[i] = j;
  }
  const table = (weights: Float64Array) => {
    const out = new Float64Array(jointIndex.size);
    for (let i = 0; i < n; i++) out[joint[i]!]! += weights[i]!;
    return out;
  };

  const weights = design.weights.slice();
  const snapshots = margins.map(() => new Float64Array(n));
  let oldTable = table(weights);
  let iterations = 0;
  let converged = false;
  let delta = Number.POSITIVE_INFINITY;
  while (iterations < maxIterations) {
    margins.forEach((margin, k) => {
      applyMargin(weights, margin);
      snapshots[k]!.set(weights);
    });
    iterations++;
    const newTable = table(weights);
    delta = 0;
    for (let j = 0; j < newTable.length; j++) delta = Math.max(delta, Math.abs(newTable[j]! - oldTable[j]!));
    oldTable = newTable;
    if (delta < epsilon && gapsOf(margins, weights).every((gap) => gap.maxAbsoluteGap < epsilon)) {
      converged = true;
      break;
    }
  }

  const marginGaps = gapsOf(margins, weights);
  const warnings: SurveyIssue[] = [];
  const marginTotals = margins.map((margin) => margin.targets.reduce((a, b) => a + b, 0));
  if (Math.max(...marginTotals) - Math.min(...marginTotals) >= epsilon) {
    warnings.push(
      createSurveyIssue('inconsistent-margins', ['margins'], {
        totals: margins.map((margin, k) => `${margin.name} ${marginTotals[k]}`).join(', '),
      }),
    );
  }
  if (!converged) {
    warnings.push(
      createSurveyIssue('raking-not-converged', ['margins'], {
        iterations: String(iterations),
        delta: delta.toPrecision(4),
        epsilon: epsilon.toPrecision(4),
      }),
    );
  }
  const calibrated = withWeights(design, weights, {
    kind: 'rake',
    margins: margins.map((margin, k) => ({
      cell: margin.cell,
      cellCount: margin.labels.length,
      weights: snapshots[k]!,
    })),
  });
  return { design: calibrated, converged, iterations, delta, epsilon, marginGaps, warnings };
}
