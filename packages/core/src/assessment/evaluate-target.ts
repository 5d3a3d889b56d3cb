import type { Comparator, Indicator, QualitativeTarget, QuantitativeTarget, Target } from '../target.js';
import { computeAttainment, describeComparator, directionOf, goalOf, meetsComparator } from './attainment.js';
import { type Explainer, type Explanation, explainerFor, formatNumber as f, NOT_EXPLAINED } from './explanation.js';
import { trendAt } from './forecast.js';
import { clamp, finiteOrNull, nearlyEqual, round4 } from './internal/numbers.js';
import { endOfYear, timeOfDate } from './internal/time.js';
import type { Observation, ObservedEstimate } from './observation.js';
import type { Review } from './review.js';
import { type AnnualPoint, annualSeries, categoryMatches } from './series.js';
import { DEFAULT_STATUS_THRESHOLDS, type StatusThresholds, statusFromRatio, type TargetStatus } from './status.js';
import { expectedOnTrajectory, growthRatio, type TimedValue } from './trajectory.js';

/**
 * What an evaluation is about: the assessment period (a year), the cut-off date for observations
 * (`asOf`, ISO date), the plan's first year, and the status thresholds.
 *
 * @example
 * ```ts
 * import type { EvaluationContext } from '@kepu/core';
 * const context: EvaluationContext = { period: 2024, asOf: '2024-12-31', planStart: 2022 };
 * ```
 */
export interface EvaluationContext {
  readonly period: number;
  readonly asOf: string;
  readonly planStart: number;
  /** @default Open SDG's 0.95 / 0.6 / 0 */
  readonly thresholds?: StatusThresholds;
  /**
   * Whether to build explanations; `false` gives the same numbers, each explanation being
   * `NOT_EXPLAINED` (bulk mode).
   * @default true
   */
  readonly explain?: boolean;
}

/**
 * The projected value at the deadline and whether it would meet the target.
 * `method`: `final` when the deadline year has been assessed (the value is the outcome),
 * `linear-trend` / `compound-trend` (least squares through the yearly values and the baseline),
 * `average-flow` (a cumulative target: the average yearly amount so far, continued),
 * `average-growth` (a year-on-year target: the average growth so far).
 *
 * @example
 * ```ts
 * import type { TargetForecast } from '@kepu/core';
 * const f: TargetForecast = { year: 2025, value: 11.2, meets: false, method: 'linear-trend', explanation: why };
 * ```
 */
export interface TargetForecast {
  readonly year: number;
  readonly value: number;
  readonly meets: boolean;
  readonly method: 'final' | 'linear-trend' | 'compound-trend' | 'average-flow' | 'average-growth';
  readonly explanation: Explanation;
}

/**
 * The baseline an evaluation measured from, and where it came from: the plan (`plan`), the
 * first year observed before the current one (`first-observation`, when the plan gives none), the
 * start of a cumulative count (`cumulative-start`, 0 unless the plan says otherwise), or no growth
 * (`no-growth`, for year-on-year targets).
 *
 * @example
 * ```ts
 * import type { BaselineUsed } from '@kepu/core';
 * const b: BaselineUsed = { value: 7.8, year: 2020, source: 'plan' };
 * ```
 */
export interface BaselineUsed {
  readonly value: number;
  readonly year: number | null;
  readonly source: 'plan' | 'first-observation' | 'cumulative-start' | 'no-growth';
}

/**
 * The evaluation of one target for one period: every number with its explanation. Numbers are
 * `null` when they cannot be known, never NaN, never a stand-in 0.
 *
 * - `value`: the value judged — the latest level (`by-deadline`), the period's amount
 *   (`every-year`), the sum since the start (`cumulative-by-deadline`), the growth in percent
 *   over the previous period (`year-on-year-growth`), or the reviewed fraction (qualitative);
 * - `attainment` in [0, 1], from the baseline; `expected`: the value expected at the assessment
 *   date on the target's trajectory; `ratio`: observed ÷ required growth; `status`; `forecast`;
 * - `estimate`: the survey estimate (confidence interval, flags, whether suppressed) of the
 *   observation that made `value`, when exactly one observation carrying an estimate made it
 *   (a county-wide survey rate, or a unit's own); `null` otherwise — a sum of several
 *   estimates, a growth or a cumulative total has another interval, which is not invented.
 *
 * @example
 * ```ts
 * import { evaluateTarget } from '@kepu/core';
 * const e = evaluateTarget(target, indicator, observations, [], { period: 2024, asOf: '2024-12-31', planStart: 2022 });
 * e.status; // 'needs-acceleration'
 * ```
 */
export interface TargetEvaluation {
  readonly target: string;
  readonly kind: Target['kind'];
  readonly cadence: QuantitativeTarget['cadence'] | null;
  readonly requirement: string;
  readonly value: number | null;
  readonly valueKind: 'level' | 'yearly' | 'cumulative' | 'growth-percent' | 'review' | null;
  readonly valuePeriod: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly estimate: ObservedEstimate | null;
  readonly baseline: BaselineUsed | null;
  readonly met: boolean | null;
  readonly attainment: number | null;
  readonly expected: number | null;
  readonly ratio: number | null;
  readonly status: TargetStatus;
  readonly forecast: TargetForecast | null;
  /** Periods inside the target's window with no observation (a cumulative sum skips them visibly). */
  readonly missingPeriods: readonly number[];
  readonly series: readonly AnnualPoint[];
  readonly explanations: {
    readonly value: Explanation;
    readonly attainment: Explanation | null;
    readonly expected: Explanation | null;
    readonly status: Explanation;
    readonly forecast: Explanation | null;
  };
}

/**
 * Evaluates one target for one period from its observations (quantitative) or reviews
 * (qualitative). Pure: no I/O, no clock, no randomness; the same arguments give the same result.
 *
 * Observations must already be the ones that count for this target (its id or indicator,
 * reported by the units in scope); this function drops those of another category, those after
 * the period and those dated after `asOf`. Reviews must be of this target; only those of the period count.
 *
 * @example
 * ```ts
 * import { evaluateTarget } from '@kepu/core';
 * const e = evaluateTarget(literacyTarget, literacyIndicator, [
 *   { indicator: 'literacy-rate', period: 2023, numerator: 297, denominator: 3000 },
 * ], [], { period: 2023, asOf: '2023-12-31', planStart: 2022 });
 * e.value; // 9.9
 * e.attainment; // 0.5 — from the 7.8 baseline to 12
 * ```
 */
export function evaluateTarget(
  target: Target,
  indicator: Pick<Indicator, 'valueType' | 'temporal' | 'rate'> | undefined,
  observations: readonly Observation[],
  reviews: readonly Review[],
  context: EvaluationContext,
): TargetEvaluation {
  if (target.kind === 'qualitative') return evaluateQualitative(target, reviews, context);
  const asOfKey = context.asOf;
  // An observation that names its target is of that target's category unless it says otherwise.
  const usable = observations
    .map((o) =>
      o.target === target.id && o.category === undefined && target.category ? { ...o, category: target.category } : o,
    )
    .filter(
      (o) =>
        o.period <= context.period &&
        (o.date === undefined || o.date <= asOfKey) &&
        categoryMatches(target.category, o.category),
    );
  const series = annualSeries(target, indicator ?? { valueType: 'number', temporal: 'stock' }, usable);
  return evaluateQuantitative(target, series, context);
}

/**
 * Evaluates a quantitative target from its annual series (see {@link annualSeries}). Pure. Used by
 * {@link evaluateTarget} and by callers that keep series themselves (incremental assessment).
 *
 * @example
 * ```ts
 * import { annualSeries, evaluateQuantitative } from '@kepu/core';
 * const e = evaluateQuantitative(target, annualSeries(target, indicator, observations), context);
 * ```
 */
export function evaluateQuantitative(
  target: QuantitativeTarget,
  allSeries: readonly AnnualPoint[],
  context: EvaluationContext,
): TargetEvaluation {
  const series = allSeries.filter((p) => p.period <= context.period);
  switch (target.cadence) {
    case 'by-deadline':
      return byDeadline(target, series, context);
    case 'every-year':
      return everyYear(target, series, context);
    case 'year-on-year-growth':
      return yearOnYear(target, series, context);
    case 'cumulative-by-deadline':
      return cumulative(target, series, context);
  }
}

const NO_DATA_TEXT = {
  zh: '没有可用的监测数据：显示为“无数据”，不作为 0 处理',
  en: 'nothing was observed: shown as no data, never as 0',
};

function deadlineTime(target: Target): number {
  return target.deadline.date ? timeOfDate(target.deadline.date) : endOfYear(target.deadline.year);
}

function startOf(target: Target, context: EvaluationContext): number {
  return target.startYear ?? context.planStart;
}

function missingIn(series: readonly AnnualPoint[], from: number, to: number): number[] {
  const have = new Set(series.map((p) => p.period));
  const out: number[] = [];
  for (let y = from; y <= to; y++) if (!have.has(y)) out.push(y);
  return out;
}

function noData(
  target: QuantitativeTarget,
  series: readonly AnnualPoint[],
  context: EvaluationContext,
  valueKind: TargetEvaluation['valueKind'],
  why: Explanation['text'] = NO_DATA_TEXT,
): TargetEvaluation {
  const ex = explainerFor(context.explain);
  const explanation: Explanation = ex.explain(() => ({
    rule: 'value.no-data',
    formula: '—',
    inputs: { period: context.period },
    text: why,
  }));
  return {
    target: target.id,
    kind: 'quantitative',
    cadence: target.cadence,
    requirement: describeComparator(target.comparator),
    value: null,
    valueKind,
    valuePeriod: null,
    numerator: null,
    denominator: null,
    estimate: null,
    baseline: null,
    met: null,
    attainment: null,
    expected: null,
    ratio: null,
    status: 'no-data',
    forecast: null,
    missingPeriods: missingIn(series, startOf(target, context), context.period),
    series,
    explanations: { value: explanation, attainment: null, expected: null, status: explanation, forecast: null },
  };
}

function valueExplanation(point: AnnualPoint, kind: string, ex: Explainer): Explanation {
  const rate = point.numerator !== null && point.denominator !== null;
  return ex.explain(() => ({
    rule: rate ? 'value.rate-from-sums' : `value.${kind}`,
    formula: rate
      ? `Σ numerator ${f(point.numerator)} / Σ denominator ${f(point.denominator)} × scale = ${f(point.value)}`
      : `${f(point.value)} (${point.count} observation(s), ${point.level}, ${point.categories})`,
    inputs: {
      period: point.period,
      observations: point.count,
      numerator: point.numerator,
      denominator: point.denominator,
      level: point.level,
      categories: point.categories,
    },
    refs: point.refs,
    text: rate
      ? {
          zh: `${point.period} 年数值：分子之和除以分母之和（不平均百分比）`,
          en: `the ${point.period} value: the sum of numerators over the sum of denominators (percentages are never averaged)`,
        }
      : {
          zh: `${point.period} 年数值（${point.level === 'county' ? '全县口径' : '各单位合计'}）`,
          en: `the ${point.period} value (${point.level === 'county' ? 'county-wide figure' : 'sum of the units’ figures'})`,
        },
  }));
}

function statusOf(
  met: boolean,
  comparator: Comparator,
  base: TimedValue | null,
  current: TimedValue,
  goal: TimedValue,
  trajectory: 'linear' | 'compound',
  thresholds: StatusThresholds,
  ex: Explainer,
): { status: TargetStatus; ratio: number | null; explanation: Explanation } {
  if (met) {
    return {
      status: 'achieved',
      ratio: null,
      explanation: ex.explain(() => ({
        rule: 'status.achieved',
        formula: `${f(current.value)} ${describeComparator(comparator)}`,
        inputs: { value: current.value },
        text: { zh: '当前值已达到目标要求', en: 'the current value meets the target' },
      })),
    };
  }
  if (base === null) {
    return {
      status: 'insufficient-data',
      ratio: null,
      explanation: ex.explain(() => ({
        rule: 'status.insufficient-data',
        formula: 'one value and no baseline → no growth rate',
        inputs: { value: current.value },
        text: {
          zh: '只有一个数值且没有基线，无法计算增长趋势（数值照常显示）',
          en: 'a single value and no baseline: no growth can be measured (the value is still shown)',
        },
      })),
    };
  }
  // The value met the target at the base and misses it now: whatever the growth arithmetic
  // says (both changes point down, so their ratio is positive), that is deterioration.
  if (meetsComparator(comparator, base.value)) {
    return {
      status: 'deteriorating',
      ratio: null,
      explanation: ex.explain(() => ({
        rule: 'status.fell-below',
        formula: `${f(base.value)} ${describeComparator(comparator)} → ${f(current.value)} not ${describeComparator(comparator)}`,
        inputs: { base: base.value, value: current.value },
        text: {
          zh: '此前已达到目标要求，当前值未达到：判为退步',
          en: 'the target was met before and is missed now: deteriorating',
        },
      })),
    };
  }
  const g = growthRatio(base, current, goal, trajectory, ex);
  if (g.ratio !== null) {
    const status = statusFromRatio(g.ratio, thresholds);
    return {
      status,
      ratio: g.ratio,
      explanation: ex.explain(() => ({
        ...g.explanation,
        rule: `status.${g.explanation.rule}`,
        formula: `${g.explanation.formula}; thresholds ${thresholds.onTrack} / ${thresholds.needsAcceleration} / ${thresholds.limitedProgress} → ${status}`,
        inputs: { ...g.explanation.inputs, ratio: g.ratio, ...thresholds },
      })),
    };
  }
  if (g.reason === 'base-at-goal') {
    const dir = directionOf(comparator);
    const worse =
      dir === 'up'
        ? current.value < base.value
        : dir === 'down'
          ? current.value > base.value
          : Math.abs(current.value - goal.value) > Math.abs(base.value - goal.value);
    const status: TargetStatus = worse ? 'deteriorating' : 'limited-progress';
    return {
      status,
      ratio: null,
      explanation: ex.explain(() => ({
        rule: 'status.base-at-goal',
        formula: `base ${f(base.value)} = goal ${f(goal.value)}, current ${f(current.value)} → ${status}`,
        inputs: { base: base.value, current: current.value, goal: goal.value },
        text: worse
          ? {
              zh: '基线已等于目标值，当前值比基线更差：出现倒退',
              en: 'the base equalled the goal and the value is now worse: deteriorating',
            }
          : {
              zh: '基线已等于目标值，当前值未变且仍未满足（严格不等式）：进展有限',
              en: 'the base equalled the goal and the value has not moved past it (strict comparator): limited progress',
            },
      })),
    };
  }
  return {
    status: 'insufficient-data',
    ratio: null,
    explanation: ex.explain(() => ({
      ...g.explanation,
      rule: `status.${g.explanation.rule}`,
    })),
  };
}

function forecastFrom(
  target: QuantitativeTarget,
  points: readonly TimedValue[],
  final: AnnualPoint | null,
  context: EvaluationContext,
): TargetForecast | null {
  const ex = explainerFor(context.explain);
  const year = target.deadline.year;
  if (final !== null && context.period >= year) {
    const value = final.value;
    const meets = meetsComparator(target.comparator, value);
    return {
      year,
      value,
      meets,
      method: 'final',
      explanation: ex.explain(() => ({
        rule: 'forecast.final',
        formula: `${f(value)} ${describeComparator(target.comparator)}? → ${meets}`,
        inputs: { value, deadline: year },
        text: { zh: '已到期限年度：以实际值为结果', en: 'the deadline year is assessed: the value is the outcome' },
      })),
    };
  }
  const trend = trendAt(points, deadlineTime(target), target.trajectory);
  if (trend === null) return null;
  const meets = meetsComparator(target.comparator, trend.value);
  return {
    year,
    value: trend.value,
    meets,
    method: trend.method,
    explanation: ex.explain(() => ({
      rule: `forecast.${trend.method}`,
      formula: `least squares through ${trend.points} points → ${f(trend.value)} at the deadline; ${describeComparator(target.comparator)}? → ${meets}`,
      inputs: { points: trend.points, value: trend.value, deadline: year },
      text: {
        zh: `按 ${trend.points} 个数据点的${trend.method === 'compound-trend' ? '复合增长' : '线性'}趋势外推到期限`,
        en: `the ${trend.method === 'compound-trend' ? 'compound' : 'linear'} trend of ${trend.points} points, extended to the deadline`,
      },
    })),
  };
}

function byDeadline(
  target: QuantitativeTarget,
  series: readonly AnnualPoint[],
  context: EvaluationContext,
): TargetEvaluation {
  const ex = explainerFor(context.explain);
  const current = series.at(-1);
  if (current === undefined) return noData(target, series, context, 'level');
  const thresholds = context.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const c = target.comparator;
  const met = meetsComparator(c, current.value);
  let baseline: BaselineUsed | null = null;
  let base: TimedValue | null = null;
  if (target.baseline) {
    baseline = { value: target.baseline.value, year: target.baseline.year, source: 'plan' };
    base = { time: endOfYear(target.baseline.year), value: target.baseline.value };
  } else {
    const first = series.find((p) => p.period < current.period);
    if (first) {
      baseline = { value: first.value, year: first.period, source: 'first-observation' };
      base = { time: first.time, value: first.value };
    }
  }
  const att = computeAttainment(c, current.value, baseline?.value ?? null, ex);
  const goal: TimedValue = { time: deadlineTime(target), value: goalOf(c, base?.value ?? current.value) };
  const expected = base ? expectedOnTrajectory(base, goal, timeOfDate(context.asOf), target.trajectory, ex) : null;
  const cur: TimedValue = { time: current.time, value: current.value };
  const status = statusOf(met, c, base, cur, goal, target.trajectory, thresholds, ex);
  const points: TimedValue[] = [];
  if (target.baseline) points.push({ time: endOfYear(target.baseline.year), value: target.baseline.value });
  for (const p of series) points.push({ time: p.time, value: p.value });
  const forecast = forecastFrom(target, points, current, context);
  return {
    target: target.id,
    kind: 'quantitative',
    cadence: target.cadence,
    requirement: describeComparator(c),
    value: current.value,
    valueKind: 'level',
    valuePeriod: current.period,
    numerator: current.numerator,
    denominator: current.denominator,
    estimate: current.estimate ?? null,
    baseline,
    met,
    attainment: att.attainment,
    expected: expected?.value ?? null,
    ratio: status.ratio,
    status: status.status,
    forecast,
    missingPeriods: missingIn(series, startOf(target, context), context.period),
    series,
    explanations: {
      value: valueExplanation(current, 'latest-level', ex),
      attainment: withBaselineNote(att.explanation, baseline),
      expected: expected?.explanation ?? null,
      status: status.explanation,
      forecast: forecast?.explanation ?? null,
    },
  };
}

function withBaselineNote(explanation: Explanation, baseline: BaselineUsed | null): Explanation {
  if (baseline === null || baseline.source === 'plan' || explanation === NOT_EXPLAINED) return explanation;
  const note =
    baseline.source === 'first-observation'
      ? {
          zh: `（计划未给基线，以 ${baseline.year} 年首个观测值为基线）`,
          en: ` (the plan gives no baseline; the first observed year, ${baseline.year}, is used)`,
        }
      : baseline.source === 'cumulative-start'
        ? { zh: '（累计目标：以期初累计数为基线）', en: ' (a cumulative target: measured from the count at the start)' }
        : { zh: '（以零增长为起点）', en: ' (measured from no growth)' };
  return {
    ...explanation,
    inputs: { ...explanation.inputs, baselineSource: baseline.source },
    text: { zh: explanation.text.zh + note.zh, en: explanation.text.en + note.en },
  };
}

function everyYear(
  target: QuantitativeTarget,
  series: readonly AnnualPoint[],
  context: EvaluationContext,
): TargetEvaluation {
  const ex = explainerFor(context.explain);
  const current = series.find((p) => p.period === context.period);
  if (current === undefined) {
    return noData(target, series, context, 'yearly', {
      zh: `${context.period} 年没有监测数据（逐年目标只看本年度）：显示为“无数据”，不作为 0 处理`,
      en: `nothing observed for ${context.period} (a yearly target is judged on its own year): shown as no data, never as 0`,
    });
  }
  const thresholds = context.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const c = target.comparator;
  const met = meetsComparator(c, current.value);
  const baseline: BaselineUsed | null = target.baseline
    ? { value: target.baseline.value, year: target.baseline.year, source: 'plan' }
    : null;
  const att = computeAttainment(c, current.value, baseline?.value ?? null, ex);
  const goalValue = goalOf(c, baseline?.value ?? current.value);
  const previous = series.find((p) => p.period === context.period - 1);
  const base: TimedValue | null = previous
    ? { time: previous.time, value: previous.value }
    : target.baseline
      ? { time: endOfYear(target.baseline.year), value: target.baseline.value }
      : null;
  const goal: TimedValue = { time: endOfYear(context.period), value: goalValue };
  const status = statusOf(met, c, base, { time: current.time, value: current.value }, goal, 'linear', thresholds, ex);
  const yearsMet = series
    .filter((p) => p.period >= startOf(target, context))
    .map((p) => `${p.period}:${meetsComparator(c, p.value) ? 'met' : 'not met'}`);
  const forecast = forecastFrom(
    target,
    series.map((p) => ({ time: p.time, value: p.value })),
    current,
    context,
  );
  return {
    target: target.id,
    kind: 'quantitative',
    cadence: target.cadence,
    requirement: describeComparator(c),
    value: current.value,
    valueKind: 'yearly',
    valuePeriod: current.period,
    numerator: current.numerator,
    denominator: current.denominator,
    estimate: current.estimate ?? null,
    baseline,
    met,
    attainment: att.attainment,
    expected: goalValue,
    ratio: status.ratio,
    status: status.status,
    forecast,
    missingPeriods: missingIn(series, startOf(target, context), context.period),
    series,
    explanations: {
      value: ex.explain(() => {
        const why = valueExplanation(current, 'yearly', ex);
        return { ...why, inputs: { ...why.inputs, history: yearsMet.join(' ') } };
      }),
      attainment: att.explanation,
      expected: ex.explain(() => ({
        rule: 'expected.every-year',
        formula: `${describeComparator(c)} every year → ${f(goalValue)}`,
        inputs: { goal: goalValue },
        text: { zh: '逐年目标：每年都应达到的数值', en: 'a yearly target: the value required in every year' },
      })),
      status: status.explanation,
      forecast: forecast?.explanation ?? null,
    },
  };
}

function growthPercent(previous: number, current: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return finiteOrNull(((current - previous) / Math.abs(previous)) * 100);
}

function yearOnYear(
  target: QuantitativeTarget,
  series: readonly AnnualPoint[],
  context: EvaluationContext,
): TargetEvaluation {
  const ex = explainerFor(context.explain);
  const current = series.find((p) => p.period === context.period);
  if (current === undefined) {
    return noData(target, series, context, 'growth-percent', {
      zh: `${context.period} 年没有监测数据，无法判断是否逐年增长：显示为“无数据”`,
      en: `nothing observed for ${context.period}, so year-on-year growth cannot be judged: shown as no data`,
    });
  }
  const c = target.comparator;
  const thresholds = context.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const previous = series.find((p) => p.period === context.period - 1);
  const base: Omit<
    TargetEvaluation,
    'value' | 'met' | 'attainment' | 'ratio' | 'status' | 'explanations' | 'forecast'
  > = {
    target: target.id,
    kind: 'quantitative',
    cadence: target.cadence,
    requirement: `growth ${describeComparator(c)} %`,
    valueKind: 'growth-percent',
    valuePeriod: current.period,
    numerator: current.numerator,
    denominator: current.denominator,
    estimate: null,
    baseline: null,
    expected: goalOf(c, 0),
    missingPeriods: missingIn(series, startOf(target, context), context.period),
    series,
  };
  const expectedExplanation: Explanation = ex.explain(() => ({
    rule: 'expected.growth',
    formula: `growth ${describeComparator(c)} % per year`,
    inputs: { goal: goalOf(c, 0) },
    text: {
      zh: '逐年增长目标：每年应达到的增长率（%）',
      en: 'a year-on-year target: the growth required each year, in percent',
    },
  }));
  const levelText = `${current.period}: ${f(current.value)}${previous ? `, ${previous.period}: ${f(previous.value)}` : ''}`;
  if (previous === undefined) {
    const why: Explanation = ex.explain(() => ({
      rule: 'status.no-previous-year',
      formula: `${levelText}; no ${context.period - 1} value → no growth`,
      inputs: { level: current.value },
      refs: current.refs,
      text: {
        zh: `有 ${context.period} 年数值，但缺少上一年数值，无法计算增长（数值照常显示在序列中）`,
        en: `there is a ${context.period} value but none for the year before, so growth cannot be measured (the level is in the series)`,
      },
    }));
    return {
      ...base,
      value: null,
      met: null,
      attainment: null,
      ratio: null,
      status: 'insufficient-data',
      forecast: null,
      explanations: { value: why, attainment: null, expected: expectedExplanation, status: why, forecast: null },
    };
  }
  const growth = growthPercent(previous.value, current.value);
  const upward = directionOf(c) !== 'down';
  if (growth === null) {
    // From zero to a positive amount: growth without a percentage.
    const met = upward;
    const valueWhy: Explanation = ex.explain(() => ({
      rule: 'value.growth-from-zero',
      formula: `${levelText}; from 0 to ${f(current.value)} → growth, no percentage`,
      inputs: { previous: previous.value, current: current.value },
      text: {
        zh: '上一年为 0、本年为正：属于增长，但增长率无法用百分比表示',
        en: 'from 0 to a positive amount: growth, though no percentage can express it',
      },
    }));
    return {
      ...base,
      value: null,
      met,
      attainment: met ? 1 : 0,
      ratio: null,
      status: met ? 'achieved' : 'deteriorating',
      forecast: null,
      explanations: {
        value: valueWhy,
        attainment: valueWhy,
        expected: expectedExplanation,
        status: valueWhy,
        forecast: null,
      },
    };
  }
  const met = meetsComparator(c, growth);
  const att = computeAttainment(c, growth, upward ? 0 : null, ex);
  const goal = goalOf(c, 0);
  let status: TargetStatus;
  let ratio: number | null = null;
  let statusWhy: Explanation;
  if (met) {
    status = 'achieved';
    statusWhy = ex.explain(() => ({
      rule: 'status.achieved',
      formula: `growth ${f(growth)} % ${describeComparator(c)}`,
      inputs: { growth },
      text: { zh: '本年增长率达到要求', en: 'this year’s growth meets the target' },
    }));
  } else if (Math.abs(goal) < 1e-12) {
    status = growth < 0 === upward ? 'deteriorating' : 'limited-progress';
    statusWhy = ex.explain(() => ({
      rule: 'status.growth-sign',
      formula: `growth ${f(growth)} % vs required ${describeComparator(c)} → ${status}`,
      inputs: { growth },
      text: {
        zh: '要求持续增长：负增长为倒退，零增长为进展有限',
        en: 'growth is required: a fall is deteriorating, no change is limited progress',
      },
    }));
  } else {
    ratio = finiteOrNull(growth / goal);
    status = ratio === null ? 'insufficient-data' : statusFromRatio(ratio, thresholds);
    statusWhy = ex.explain(() => ({
      rule: 'status.growth-ratio',
      formula: `${f(growth)} / ${f(goal)} = ${f(ratio)} → ${status}`,
      inputs: { growth, required: goal, ratio, ...thresholds },
      text: { zh: '实际增长率 ÷ 要求增长率', en: 'observed growth ÷ required growth' },
    }));
  }
  const growths: number[] = [];
  for (let i = 1; i < series.length; i++) {
    const a = series[i - 1] as AnnualPoint;
    const b = series[i] as AnnualPoint;
    if (b.period === a.period + 1) {
      const g = growthPercent(a.value, b.value);
      if (g !== null) growths.push(g);
    }
  }
  let forecast: TargetForecast | null = null;
  if (context.period >= target.deadline.year) {
    forecast = {
      year: target.deadline.year,
      value: growth,
      meets: met,
      method: 'final',
      explanation: ex.explain(() => ({
        rule: 'forecast.final',
        formula: `growth ${f(growth)} % → ${met}`,
        inputs: { growth },
        text: {
          zh: '已到期限年度：以实际增长为结果',
          en: 'the deadline year is assessed: the growth observed is the outcome',
        },
      })),
    };
  } else if (growths.length > 0) {
    const mean = growths.reduce((s, g) => s + g, 0) / growths.length;
    const meets = meetsComparator(c, mean);
    forecast = {
      year: target.deadline.year,
      value: mean,
      meets,
      method: 'average-growth',
      explanation: ex.explain(() => ({
        rule: 'forecast.average-growth',
        formula: `mean(${growths.map((g) => f(g)).join(', ')}) = ${f(mean)} % → ${meets}`,
        inputs: { years: growths.length, mean },
        text: {
          zh: '以已观测各年的平均增长率推测期限年度',
          en: 'the average growth observed so far, carried to the deadline year',
        },
      })),
    };
  }
  return {
    ...base,
    value: growth,
    met,
    attainment: att.attainment,
    ratio,
    status,
    forecast,
    explanations: {
      value: ex.explain(() => ({
        rule: 'value.growth-percent',
        formula: `(${f(current.value)} − ${f(previous.value)}) / |${f(previous.value)}| × 100 = ${f(growth)} %`,
        inputs: { previous: previous.value, current: current.value },
        refs: [...previous.refs, ...current.refs],
        text: { zh: '本年较上一年的增长率（%）', en: 'growth over the previous year, in percent' },
      })),
      attainment: att.explanation,
      expected: expectedExplanation,
      status: statusWhy,
      forecast: forecast?.explanation ?? null,
    },
  };
}

function cumulative(
  target: QuantitativeTarget,
  series: readonly AnnualPoint[],
  context: EvaluationContext,
): TargetEvaluation {
  const ex = explainerFor(context.explain);
  const start = startOf(target, context);
  const window = series.filter((p) => p.period >= start);
  if (window.length === 0) return noData(target, series, context, 'cumulative');
  const thresholds = context.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const c = target.comparator;
  const startValue = target.baseline?.value ?? 0;
  let sum = 0;
  for (const p of window) sum += p.value;
  const value = startValue + sum;
  const met = meetsComparator(c, value);
  const baseline: BaselineUsed = {
    value: startValue,
    year: target.baseline?.year ?? null,
    source: target.baseline ? 'plan' : 'cumulative-start',
  };
  const att = computeAttainment(c, value, startValue, ex);
  const base: TimedValue = { time: start, value: startValue };
  const goal: TimedValue = { time: deadlineTime(target), value: goalOf(c, startValue) };
  const expected = expectedOnTrajectory(base, goal, timeOfDate(context.asOf), target.trajectory, ex);
  const last = window.at(-1) as AnnualPoint;
  const status = statusOf(met, c, base, { time: last.time, value }, goal, target.trajectory, thresholds, ex);
  const missingPeriods = missingIn(series, start, context.period);
  let forecast: TargetForecast | null = null;
  if (context.period >= target.deadline.year) {
    forecast = {
      year: target.deadline.year,
      value,
      meets: met,
      method: 'final',
      explanation: ex.explain(() => ({
        rule: 'forecast.final',
        formula: `${f(value)} ${describeComparator(c)}? → ${met}`,
        inputs: { value },
        text: {
          zh: '已到期限年度：以累计实际值为结果',
          en: 'the deadline year is assessed: the cumulative value is the outcome',
        },
      })),
    };
  } else {
    const average = sum / window.length;
    const remaining = target.deadline.year - context.period;
    const projected = value + average * remaining;
    const meets = meetsComparator(c, projected);
    forecast = {
      year: target.deadline.year,
      value: projected,
      meets,
      method: 'average-flow',
      explanation: ex.explain(() => ({
        rule: 'forecast.average-flow',
        formula: `${f(value)} + ${f(average)} × ${remaining} = ${f(projected)} → ${meets}`,
        inputs: { value, average, remainingYears: remaining, reportedYears: window.length },
        text: {
          zh: `以已报告 ${window.length} 个年度的年均数量延续到期限`,
          en: `the yearly average of the ${window.length} reported year(s), continued to the deadline`,
        },
      })),
    };
  }
  const refs = window.flatMap((p) => p.refs);
  return {
    target: target.id,
    kind: 'quantitative',
    cadence: target.cadence,
    requirement: describeComparator(c),
    value,
    valueKind: 'cumulative',
    valuePeriod: last.period,
    numerator: null,
    denominator: null,
    estimate: null,
    baseline,
    met,
    attainment: att.attainment,
    expected: expected.value,
    ratio: status.ratio,
    status: status.status,
    forecast,
    missingPeriods,
    series,
    explanations: {
      value: ex.explain(() => ({
        rule: 'value.cumulative',
        formula: `${f(startValue)} + ${window.map((p) => `${f(p.value)} (${p.period})`).join(' + ')} = ${f(value)}`,
        inputs: { start: startValue, years: window.length, missing: missingPeriods.join(',') || null },
        refs,
        text: missingPeriods.length
          ? {
              zh: `期初数加各年新增之和；${missingPeriods.join('、')} 年未报告，未计入（不视为 0，特此标明）`,
              en: `the count at the start plus each year's additions; ${missingPeriods.join(', ')} not reported and not counted (marked, not taken as 0)`,
            }
          : { zh: '期初数加各年新增之和', en: 'the count at the start plus each year’s additions' },
      })),
      attainment: withBaselineNote(att.explanation, baseline),
      expected: expected.explanation,
      status: status.explanation,
      forecast: forecast.explanation,
    },
  };
}

function evaluateQualitative(
  target: QualitativeTarget,
  reviews: readonly Review[],
  context: EvaluationContext,
): TargetEvaluation {
  const ex = explainerFor(context.explain);
  const thresholds = context.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const current = sortReviews(reviews.filter((r) => r.period === context.period));
  const previous = sortReviews(reviews.filter((r) => r.period === context.period - 1));
  const start = startOf(target, context);
  const startTime = start;
  const share = clamp((timeOfDate(context.asOf) - startTime) / Math.max(1e-9, deadlineTime(target) - startTime), 0, 1);
  const expectedWhy: Explanation = ex.explain(() => ({
    rule: 'expected.qualitative-time-share',
    formula: `(asOf − start) / (deadline − start) = ${f(share)}`,
    inputs: { start, deadline: target.deadline.year, asOf: context.asOf },
    text: {
      zh: '定性目标：评估日应完成的比例按已过时间占比计',
      en: 'a qualitative target: the share expected by the assessment date is the share of time elapsed',
    },
  }));
  const base = {
    target: target.id,
    kind: 'qualitative' as const,
    cadence: null,
    requirement: target.judgement.criteria,
    valueKind: 'review' as const,
    numerator: null,
    denominator: null,
    estimate: null,
    baseline: null,
    expected: round4(share),
    missingPeriods: [],
    series: [],
  };
  if (current.length === 0) {
    const why: Explanation = ex.explain(() => ({
      rule: 'value.no-review',
      formula: '—',
      inputs: { period: context.period },
      text: {
        zh: '本年度没有（附有已归档佐证材料的）评审意见：显示为“无数据”，不作为 0 处理',
        en: 'no review (with filed evidence) for this period: shown as no data, never as 0',
      },
    }));
    return {
      ...base,
      value: null,
      valuePeriod: null,
      met: null,
      attainment: null,
      ratio: null,
      status: 'no-data',
      forecast: null,
      explanations: { value: why, attainment: null, expected: expectedWhy, status: why, forecast: null },
    };
  }
  const fraction = mean(current.map((r) => clamp(r.score / r.outOf, 0, 1)));
  const before = previous.length ? mean(previous.map((r) => clamp(r.score / r.outOf, 0, 1))) : null;
  const met = fraction >= 1 || nearlyEqual(fraction, 1);
  let status: TargetStatus;
  let ratio: number | null = null;
  let statusWhy: Explanation;
  if (met) {
    status = 'achieved';
    statusWhy = ex.explain(() => ({
      rule: 'status.achieved',
      formula: `${f(fraction)} = 1`,
      inputs: { fraction },
      text: { zh: '评审认定已达成', en: 'judged achieved' },
    }));
  } else if (before !== null && fraction < before && !nearlyEqual(fraction, before)) {
    status = 'deteriorating';
    statusWhy = ex.explain(() => ({
      rule: 'status.review-fell',
      formula: `${f(fraction)} < ${f(before)} (${context.period - 1})`,
      inputs: { fraction, previous: before },
      text: { zh: '评审得分低于上一年度：出现倒退', en: 'the reviewed score fell below last period’s: deteriorating' },
    }));
  } else if (share > 1e-9) {
    ratio = finiteOrNull(fraction / share);
    status = ratio === null ? 'insufficient-data' : statusFromRatio(ratio, thresholds);
    statusWhy = ex.explain(() => ({
      rule: 'status.review-vs-time',
      formula: `${f(fraction)} / ${f(share)} = ${f(ratio)} → ${status}`,
      inputs: { fraction, expected: share, ratio, ...thresholds },
      text: { zh: '评审完成比例 ÷ 已过时间占比', en: 'the reviewed share done ÷ the share of time elapsed' },
    }));
  } else {
    status = 'insufficient-data';
    statusWhy = ex.explain(() => ({
      rule: 'status.no-time-elapsed',
      formula: 'no time elapsed',
      inputs: { fraction },
      text: {
        zh: '尚未开始计时，无法判断进度',
        en: 'no time has elapsed yet: progress cannot be judged',
      },
    }));
  }
  const refs = current.map((r) => r.id).filter((id): id is string => id !== undefined);
  const valueWhy: Explanation = ex.explain(() => ({
    rule: 'value.review-mean',
    formula: `mean(${current.map((r) => `${f(r.score)}/${f(r.outOf)}`).join(', ')}) = ${f(fraction)}`,
    inputs: { reviews: current.length, reviewers: current.map((r) => r.reviewer.unit).join(',') },
    refs,
    text: { zh: '评审得分（多条评审取平均）', en: 'the reviewed score (several reviews are averaged)' },
  }));
  return {
    ...base,
    value: fraction,
    valuePeriod: context.period,
    met,
    attainment: fraction,
    ratio,
    status,
    forecast: null,
    explanations: {
      value: valueWhy,
      attainment: ex.explain(() => ({ ...valueWhy, rule: 'attainment.review' })),
      expected: expectedWhy,
      status: statusWhy,
      forecast: null,
    },
  };
}

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length ? s / values.length : 0;
}

/** Reviews in a total order on their content, so that means and lists do not depend on input order. */
export function sortReviews<T extends Review>(reviews: readonly T[]): T[] {
  const key = (r: Review) =>
    `${r.reviewer.unit}|${r.id ?? ''}|${r.date ?? ''}|${r.score}|${r.outOf}|${r.reviewer.name ?? ''}`;
  return [...reviews].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
