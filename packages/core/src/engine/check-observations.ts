import { createIssue, type KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import type { ReportObservation } from './commands/report-content.js';
import { periodBounds } from './period.js';

/**
 * Checks a report's observations against the plan: every target and indicator exists, the
 * category is one of the indicator's, the kind of value fits the indicator (a rate, a number, a
 * 0/1 boolean; a judgement is a reviewer's, not an observation), and a date lies in the period.
 * Pure.
 *
 * @example
 * ```ts
 * import { checkObservations } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * checkObservations(zhengningPlan, '2024', [{ target: 'literacy-rate-2025', value: 12 }]); // a rate needs its parts
 * ```
 */
export function checkObservations(plan: Plan, period: string, observations: readonly ReportObservation[]): KepuIssue[] {
  const index = indexPlan(plan);
  const bounds = periodBounds(period);
  const issues: KepuIssue[] = [];
  observations.forEach((o, i) => {
    const at = ['observations', i];
    const bad = (detail: string, field: string) =>
      issues.push(createIssue('invalid-observation', [...at, field], { detail }));
    const target = o.target === undefined ? undefined : index.targets.get(o.target);
    if (o.target !== undefined && !target) {
      issues.push(createIssue('unknown-reference', [...at, 'target'], { kind: 'target', ref: o.target }));
      return;
    }
    const indicatorId = o.indicator ?? target?.indicator;
    const indicator = indicatorId === undefined ? undefined : index.indicators.get(indicatorId);
    if (!indicator) {
      issues.push(
        createIssue('unknown-reference', [...at, 'indicator'], { kind: 'indicator', ref: indicatorId ?? '' }),
      );
      return;
    }
    if (target && o.indicator !== undefined && o.indicator !== target.indicator) {
      bad(`target ${target.id} is on indicator ${target.indicator}, not ${o.indicator}`, 'indicator');
      return;
    }
    if (target?.kind === 'qualitative' || indicator.valueType === 'judgement') {
      bad(`${target?.id ?? indicator.id} is judged by a reviewer; it takes no observed value`, 'target');
      return;
    }
    for (const [dimension, category] of Object.entries(o.category ?? {})) {
      const dim = indicator.dimensions.find((d) => d.id === dimension);
      if (!dim) bad(`indicator ${indicator.id} has no dimension ${dimension}`, 'category');
      else if (!dim.categories.some((c) => c.id === category)) {
        bad(`dimension ${dimension} of ${indicator.id} has no category ${category}`, 'category');
      } else if (target?.category?.[dimension] !== undefined && target.category[dimension] !== category) {
        bad(`target ${target.id} is about ${dimension} ${target.category[dimension]}, not ${category}`, 'category');
      }
    }
    if (indicator.valueType === 'rate') {
      if (o.numerator === undefined) {
        bad(`indicator ${indicator.id} is a rate: give numerator and denominator, not a percentage`, 'value');
      }
    } else if (o.numerator !== undefined) {
      bad(`indicator ${indicator.id} is a ${indicator.valueType}, not a rate: give value`, 'numerator');
    } else if (indicator.valueType === 'boolean' && o.value !== 0 && o.value !== 1) {
      bad(`indicator ${indicator.id} is done or not done: value is 1 or 0`, 'value');
    }
    if (o.date !== undefined && (o.date < bounds.start || o.date > bounds.end)) {
      bad(`the date ${o.date} is outside the period ${period} (${bounds.start} to ${bounds.end})`, 'date');
    }
  });
  return issues;
}
