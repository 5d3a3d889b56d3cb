import type { Comparator } from '../target.js';
import { EXPLAINING, type Explainer, type Explanation, formatNumber as f } from './explanation.js';
import { clamp, nearlyEqual } from './internal/numbers.js';

/**
 * True when `value` satisfies the comparator. `eq` allows a relative tolerance of 1e-9 so that
 * a computed 12 equals a written 12; `range` includes both ends. Pure.
 *
 * @example
 * ```ts
 * import { meetsComparator } from '@kepu/core';
 * meetsComparator({ op: 'range', min: 2, max: 3, word: '2至3节' }, 3); // true
 * meetsComparator({ op: 'gt', value: 0, word: '增长' }, 0); // false
 * ```
 */
export function meetsComparator(comparator: Comparator, value: number): boolean {
  switch (comparator.op) {
    case 'gte':
      return value >= comparator.value || nearlyEqual(value, comparator.value);
    case 'gt':
      return value > comparator.value && !nearlyEqual(value, comparator.value);
    case 'lte':
      return value <= comparator.value || nearlyEqual(value, comparator.value);
    case 'lt':
      return value < comparator.value && !nearlyEqual(value, comparator.value);
    case 'eq':
      return nearlyEqual(value, comparator.value);
    case 'range':
      return (
        (value >= comparator.min || nearlyEqual(value, comparator.min)) &&
        (value <= comparator.max || nearlyEqual(value, comparator.max))
      );
  }
}

/**
 * The threshold a value heads for, seen from `from` (a baseline or the current value): the
 * comparator's value, or for a range the nearer bound (the value itself when inside). Pure.
 *
 * @example
 * ```ts
 * import { goalOf } from '@kepu/core';
 * goalOf({ op: 'range', min: 2, max: 3, word: '' }, 1); // 2
 * goalOf({ op: 'gte', value: 12, word: '' }, 7.8); // 12
 * ```
 */
export function goalOf(comparator: Comparator, from: number): number {
  if (comparator.op !== 'range') return comparator.value;
  if (from < comparator.min) return comparator.min;
  if (from > comparator.max) return comparator.max;
  return from;
}

/**
 * Whether a comparator asks for a value to be at least something (`up`), at most something
 * (`down`), or on both sides (`both`: `eq` and `range`). Pure.
 *
 * @example
 * ```ts
 * import { directionOf } from '@kepu/core';
 * directionOf({ op: 'lte', value: 5, word: '' }); // 'down'
 * ```
 */
export function directionOf(comparator: Comparator): 'up' | 'down' | 'both' {
  if (comparator.op === 'gte' || comparator.op === 'gt') return 'up';
  if (comparator.op === 'lte' || comparator.op === 'lt') return 'down';
  return 'both';
}

/**
 * Attainment in [0, 1] and how it was computed.
 *
 * @example
 * ```ts
 * import { computeAttainment } from '@kepu/core';
 * const { attainment, explanation } = computeAttainment({ op: 'gte', value: 12, word: '' }, 9.6, 7.8);
 * ```
 */
export interface AttainmentResult {
  readonly attainment: number;
  readonly explanation: Explanation;
}

/**
 * Attainment of a value against a comparator, measured from the baseline, not from zero. Pure.
 *
 * - met → 1;
 * - with a baseline b and goal G (the comparator's value, or the range bound nearer to b):
 *   `clamp((value − b) / (G − b), 0, 1)`; when b = G there is no distance to measure, and an unmet
 *   value (worse than the baseline that already equalled the goal) gives 0;
 * - without a baseline (`null`): values below the goal are measured from zero,
 *   `clamp(value / G, 0, 1)` (0 when G ≤ 0); values above an at-most goal or a range give
 *   `clamp(G / value, 0, 1)`, the share of the value that is allowed.
 *
 * A strict comparator (`gt`, `lt`) at its boundary counts as full progress but not as met.
 *
 * @example
 * ```ts
 * import { computeAttainment } from '@kepu/core';
 * computeAttainment({ op: 'gte', value: 12, word: '' }, 9.9, 7.8).attainment; // 0.5
 * computeAttainment({ op: 'gte', value: 0, word: '' }, 0, null).attainment; // 1 (a target of 0)
 * ```
 */
export function computeAttainment(
  comparator: Comparator,
  value: number,
  baseline: number | null,
  explainer: Explainer = EXPLAINING,
): AttainmentResult {
  const inputs = { value, baseline };
  if (meetsComparator(comparator, value)) {
    return {
      attainment: 1,
      explanation: explainer.explain(() => ({
        rule: 'attainment.met',
        formula: `${f(value)} ${describe(comparator)} → 1`,
        inputs,
        text: { zh: '已达到目标要求，完成度为 1', en: 'the value meets the target, attainment 1' },
      })),
    };
  }
  if (baseline !== null) {
    const goal = goalOf(comparator, baseline);
    if (nearlyEqual(goal, baseline)) {
      return {
        attainment: 0,
        explanation: explainer.explain(() => ({
          rule: 'attainment.baseline-at-goal',
          formula: `baseline ${f(baseline)} = goal ${f(goal)}, ${f(value)} not ${describe(comparator)} → 0`,
          inputs: { ...inputs, goal },
          text: {
            zh: '基线已等于目标值，当前值未达标，说明较基线倒退，完成度为 0',
            en: 'the baseline already equalled the goal and the value falls short of it: attainment 0',
          },
        })),
      };
    }
    const raw = (value - baseline) / (goal - baseline);
    const attainment = clamp(raw, 0, 1);
    return {
      attainment,
      explanation: explainer.explain(() => ({
        rule: 'attainment.from-baseline',
        formula: `clamp((${f(value)} − ${f(baseline)}) / (${f(goal)} − ${f(baseline)}), 0, 1) = ${f(attainment)}`,
        inputs: { ...inputs, goal },
        text: { zh: '从基线起算的完成度（不从零起算）', en: 'progress measured from the baseline, not from zero' },
      })),
    };
  }
  const goal = goalOf(comparator, value);
  const below = value < goal;
  if (below) {
    const attainment = goal > 0 ? clamp(value / goal, 0, 1) : 0;
    return {
      attainment,
      explanation: explainer.explain(() => ({
        rule: 'attainment.from-zero',
        formula: goal > 0 ? `clamp(${f(value)} / ${f(goal)}, 0, 1) = ${f(attainment)}` : `goal ${f(goal)} ≤ 0 → 0`,
        inputs: { ...inputs, goal },
        text: {
          zh: '无基线，按从零到目标值的比例计算完成度',
          en: 'no baseline: attainment is the share of the goal reached from zero',
        },
      })),
    };
  }
  const attainment = goal > 0 && value > 0 ? clamp(goal / value, 0, 1) : 0;
  return {
    attainment,
    explanation: explainer.explain(() => ({
      rule: 'attainment.share-allowed',
      formula:
        goal > 0 && value > 0 ? `clamp(${f(goal)} / ${f(value)}, 0, 1) = ${f(attainment)}` : `goal ${f(goal)} ≤ 0 → 0`,
      inputs: { ...inputs, goal },
      text: {
        zh: '无基线且超出上限，按上限占当前值的比例计算完成度',
        en: 'no baseline and above the limit: attainment is the limit as a share of the value',
      },
    })),
  };
}

/**
 * The comparator in a few symbols: `≥ 12`, `2–3`.
 *
 * @example
 * ```ts
 * import { describeComparator } from '@kepu/core';
 * describeComparator({ op: 'gte', value: 12, word: '达到…以上' }); // '≥ 12'
 * ```
 */
export function describeComparator(comparator: Comparator): string {
  return describe(comparator);
}

function describe(c: Comparator): string {
  switch (c.op) {
    case 'gte':
      return `≥ ${f(c.value)}`;
    case 'gt':
      return `> ${f(c.value)}`;
    case 'lte':
      return `≤ ${f(c.value)}`;
    case 'lt':
      return `< ${f(c.value)}`;
    case 'eq':
      return `= ${f(c.value)}`;
    case 'range':
      return `${f(c.min)}–${f(c.max)}`;
  }
}
