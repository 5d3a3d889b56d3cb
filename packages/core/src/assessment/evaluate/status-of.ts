import type { Comparator } from '../../target.js';
import { describeComparator, directionOf, meetsComparator } from '../attainment.js';
import { type Explainer, type Explanation, formatNumber as f } from '../explanation.js';
import { type StatusThresholds, statusFromRatio, type TargetStatus } from '../status.js';
import { growthRatio, type TimedValue } from '../trajectory.js';

/**
 * The status of a level (by-deadline, every-year, cumulative) against its goal: achieved; not
 * measurable without a base; fallen below a target met before; else Open SDG's growth ratio.
 */
export function statusOf(
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

/**
 * The status of a target that is due: an `every-year` obligation in its period (`why:
 * 'every-year'`), or any target in or after its deadline year (`why: 'deadline'`). It is met or
 * not met; no growth ratio, no share of time elapsed.
 */
export function dueStatus(
  met: boolean,
  comparator: Comparator,
  value: number,
  why: 'every-year' | 'deadline',
  deadlineYear: number,
  ex: Explainer,
): { status: TargetStatus; ratio: null; explanation: Explanation } {
  const status: TargetStatus = met ? 'achieved' : 'not-achieved';
  return {
    status,
    ratio: null,
    explanation: ex.explain(() => ({
      rule: `status.${why === 'every-year' ? 'every-year' : 'deadline'}.${met ? 'met' : 'not-met'}`,
      formula: `${f(value)} ${met ? '' : 'not '}${describeComparator(comparator)} → ${status}`,
      inputs: { value, deadline: deadlineYear },
      text:
        why === 'every-year'
          ? met
            ? { zh: '逐年要求：本年度已达到', en: 'a yearly obligation: met this year' }
            : {
                zh: '逐年要求：本年度未达到，判为未达成（逐年要求不按已过时间折算）',
                en: 'a yearly obligation: missed this year, so not achieved (a yearly obligation is not prorated by time elapsed)',
              }
          : met
            ? {
                zh: `已到期限年度（${deadlineYear} 年）：已达到`,
                en: `the deadline year (${deadlineYear}) is assessed: met`,
              }
            : {
                zh: `已到期限年度（${deadlineYear} 年）仍未达到：判为未达成，不再判断进度`,
                en: `missed in or after the deadline year (${deadlineYear}): not achieved, no longer a question of pace`,
              },
    })),
  };
}
