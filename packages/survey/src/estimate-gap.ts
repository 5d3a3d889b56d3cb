import { type ConfidenceInterval, symmetricCi } from './ci.js';
import type { Key, SurveyDesign } from './design.js';
import { fail } from './errors.js';
import type { GroupEstimate, ProportionOptions, Statistic } from './estimate.js';
import {
  checkEstimateArgs,
  checkFinite,
  collator,
  domainDf,
  finish,
  prepare,
  rules,
  scoresOf,
} from './internal/estimate-core.js';
import { expectRecord, isMissingKey, keyText } from './internal/guard.js';
import { designVariance } from './internal/variance.js';
import { assessReliability, type ReliabilityFlag } from './reliability.js';

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
  checkEstimateArgs(design, y, expectRecord(options, ['options']), { groups, needsGroups: true, statistic: true });
  const statistic = options.statistic ?? 'proportion';
  const prepared = prepare(design, y, { ...options, na: options.na ?? 'fail' }, statistic === 'proportion');
  const n = design.n;
  if (groups.length !== n) {
    fail('length-mismatch', ['groups'], { column: 'groups', actual: String(groups.length), expected: String(n) });
  }
  const a = keyText(options.a, ['options', 'a']);
  const b = options.b === undefined ? undefined : keyText(options.b, ['options', 'b']);
  const includeA = new Uint8Array(n);
  const includeB = new Uint8Array(n);
  const known = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (!prepared.include[i]) continue;
    const g = groups[i];
    const label = isMissingKey(g) ? null : keyText(g, ['groups', i]);
    if (label !== null) known.add(label);
    if (label === a) includeA[i] = 1;
    if (b === undefined ? true : label === b) includeB[i] = 1;
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
  if (b !== undefined) check(b);
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
    b ?? '*',
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
  checkFinite({ difference: point, 'variance of the difference': variance });
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
