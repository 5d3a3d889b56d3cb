import type { QualitativeTarget } from '../../target.js';
import type { EvaluationContext, TargetEvaluation } from '../evaluate-target.js';
import { type Explanation, explainerFor, formatNumber as f } from '../explanation.js';
import { clamp, finiteOrNull, nearlyEqual, round4 } from '../internal/numbers.js';
import { timeOfDate } from '../internal/time.js';
import type { Review } from '../review.js';
import { DEFAULT_STATUS_THRESHOLDS, statusFromRatio, type TargetStatus } from '../status.js';
import { deadlineTime, startOf } from './window.js';

/**
 * A qualitative target: the mean reviewed fraction of the period. An `every-year` obligation is
 * met or not met in each year (expected: 1); a target due by its deadline is expected in
 * proportion to the time elapsed, a fall below last period's reviews is deteriorating, and in and
 * after the deadline year it is met or not met.
 */
export function evaluateQualitative(
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
  const yearly = target.cadence === 'every-year';
  const due = yearly || context.period >= target.deadline.year;
  const share = due
    ? 1
    : clamp((timeOfDate(context.asOf) - startTime) / Math.max(1e-9, deadlineTime(target) - startTime), 0, 1);
  const expectedWhy: Explanation = due
    ? ex.explain(() => ({
        rule: yearly ? 'expected.qualitative-every-year' : 'expected.qualitative-deadline',
        formula: '1',
        inputs: { deadline: target.deadline.year, period: context.period },
        text: yearly
          ? {
              zh: '逐年要求：每年都应全部做到，不按已过时间折算',
              en: 'a yearly obligation: fully done in every year, not prorated by time elapsed',
            }
          : {
              zh: '已到期限年度：应全部完成',
              en: 'the deadline year is assessed: fully done is expected',
            },
      }))
    : ex.explain(() => ({
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
    cadence: target.cadence ?? null,
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
  } else if (due) {
    status = 'not-achieved';
    statusWhy = ex.explain(() => ({
      rule: yearly ? 'status.every-year.not-met' : 'status.deadline.not-met',
      formula: `${f(fraction)} < 1 → not-achieved`,
      inputs: { fraction, deadline: target.deadline.year },
      text: yearly
        ? {
            zh: '逐年要求：本年度评审未认定全部做到，判为未达成（不按已过时间折算）',
            en: 'a yearly obligation: not judged fully done this year, so not achieved (not prorated by time elapsed)',
          }
        : {
            zh: `已到期限年度（${target.deadline.year} 年）评审仍未认定达成：判为未达成`,
            en: `not judged achieved in or after the deadline year (${target.deadline.year}): not achieved`,
          },
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
