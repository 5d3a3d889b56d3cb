/**
 * The fields an observation's shape rules read: what was observed (`target`, `indicator`), the
 * figure (`value`; `numerator` with `denominator`; or a custom kind's `code`), and its dates.
 * `period` is the observation's own year, where the format carries one (assessment inputs do,
 * a report's observations take the report's period).
 *
 * @example
 * ```ts
 * import type { ObservationShape } from '@kepu/core';
 * const shape: ObservationShape = { indicator: 'literacy-rate', numerator: 312, denominator: 3000 };
 * ```
 */
export interface ObservationShape {
  readonly target?: string;
  readonly indicator?: string;
  readonly value?: number;
  readonly numerator?: number;
  readonly denominator?: number;
  readonly code?: string;
  readonly date?: string;
  readonly period?: number;
}

/**
 * One broken shape rule: the field it is about and what is wrong, in Chinese and English.
 *
 * @example
 * ```ts
 * import type { ObservationShapeProblem } from '@kepu/core';
 * const show = (p: ObservationShapeProblem) => `${p.field}: ${p.detail.zh}`;
 * ```
 */
export interface ObservationShapeProblem {
  readonly field: 'target' | 'numerator' | 'value' | 'date';
  readonly detail: { readonly zh: string; readonly en: string };
}

const NONE: readonly ObservationShapeProblem[] = Object.freeze([]);

/**
 * The shape rules every observation obeys, whatever carries it, checked without the plan:
 * - it names a target or an indicator (at `target`);
 * - a rate has both a numerator and a denominator (at `numerator`), the numerator not above the
 *   denominator (a rate is a share of its denominator);
 * - it gives exactly one of a value, a numerator with a denominator, or a code (at `value`);
 * - a date lies in the observation's own year, when it has one (at `date`).
 *
 * The observation schemas run these in their refinements (so zod reports them as `invalid-shape`
 * with these paths), and {@link checkObservation} runs them first for observations built without
 * a schema (an imported sheet's rows). Pure; returns a shared empty list when all is well.
 *
 * @example
 * ```ts
 * import { observationShapeProblems } from '@kepu/core';
 * observationShapeProblems({ indicator: 'literacy-rate', numerator: 5, denominator: 4 })[0]?.field; // 'numerator'
 * ```
 */
export function observationShapeProblems(o: ObservationShape): readonly ObservationShapeProblem[] {
  const rate = o.numerator !== undefined || o.denominator !== undefined;
  const given = Number(rate) + Number(o.value !== undefined) + Number(o.code !== undefined);
  const named = o.target !== undefined || o.indicator !== undefined;
  const ordered = o.numerator === undefined || o.denominator === undefined || o.numerator <= o.denominator;
  const dated = o.date === undefined || o.period === undefined || Number(o.date.slice(0, 4)) === o.period;
  if (named && given === 1 && ordered && dated && (!rate || (o.numerator !== undefined && o.denominator !== undefined)))
    return NONE;
  const out: ObservationShapeProblem[] = [];
  if (!named) {
    out.push({
      field: 'target',
      detail: { zh: '请写明所观测的目标或指标', en: 'name the target or the indicator observed' },
    });
  }
  if (rate && (o.numerator === undefined || o.denominator === undefined)) {
    out.push({
      field: 'numerator',
      detail: { zh: '比例须同时填写分子和分母', en: 'a rate needs both numerator and denominator' },
    });
  }
  if (given !== 1) {
    out.push({
      field: 'value',
      detail: {
        zh: '数值、分子与分母、代码三者须且只能填一种',
        en: 'give exactly one of value, numerator and denominator, or code',
      },
    });
  }
  if (!ordered) {
    out.push({
      field: 'numerator',
      detail: {
        zh: `分子 ${o.numerator} 大于分母 ${o.denominator}`,
        en: `the numerator ${o.numerator} is above the denominator ${o.denominator}`,
      },
    });
  }
  if (!dated) {
    out.push({
      field: 'date',
      detail: {
        zh: `日期 ${o.date} 不在 ${o.period} 年度内`,
        en: `the date ${o.date} is outside the period ${o.period}`,
      },
    });
  }
  return out;
}
