import type { QuantitativeTarget } from '../../target.js';
import { computeAttainment, describeComparator, directionOf, goalOf, meetsComparator } from '../attainment.js';
import type { EvaluationContext, TargetEvaluation } from '../evaluate-target.js';
import { type Explanation, explainerFor, formatNumber as f } from '../explanation.js';
import { finiteOrNull } from '../internal/numbers.js';
import type { AnnualPoint } from '../series.js';
import { DEFAULT_STATUS_THRESHOLDS, statusFromRatio, type TargetStatus } from '../status.js';
import { finalForecast } from './final-forecast.js';
import { noData } from './no-data.js';
import { quantitativeFrame } from './window.js';

/** Growth over the previous year in percent; `null` from 0 to a positive amount (no percentage). */
export function growthPercent(previous: number, current: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return finiteOrNull(((current - previous) / Math.abs(previous)) * 100);
}

/** A `year-on-year-growth` target: judged on this year's growth over the last, in percent. */
export function yearOnYear(
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
    ...quantitativeFrame(target, series, context, `growth ${describeComparator(c)} %`),
    valueKind: 'growth-percent',
    valuePeriod: current.period,
    numerator: current.numerator,
    denominator: current.denominator,
    estimate: null,
    baseline: null,
    expected: goalOf(c, 0),
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
  let forecast = finalForecast(target, context, growth, met, () => ({
    formula: `growth ${f(growth)} % → ${met}`,
    inputs: { growth },
    text: {
      zh: '已到期限年度：以实际增长为结果',
      en: 'the deadline year is assessed: the growth observed is the outcome',
    },
  }));
  if (forecast === null && growths.length > 0) {
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
