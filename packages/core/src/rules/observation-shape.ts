/**
 * What a published figure's shape rules read: its source, and its interval or margin of error.
 *
 * @example
 * ```ts
 * import type { PublishedShape } from '@kepu/core';
 * const p: PublishedShape = { source: '甘肃省科协 2024 年公民科学素质调查', interval: { low: 10.1, high: 12.3 } };
 * ```
 */
export interface PublishedShape {
  readonly source: string;
  readonly interval?: { readonly low: number; readonly high: number };
  readonly margin?: number;
}

/**
 * The fields an observation's shape rules read: what was observed (`target`, `indicator`), the
 * figure (`value`; `numerator` with `denominator`; or a custom kind's `code`), and its dates.
 * `period` is the observation's own year, where the format carries one (assessment inputs do,
 * a report's observations take the report's period). `published` marks a value published by
 * someone else (a province's survey), with its source and interval; `estimate` is a survey
 * estimate computed by Kepu, only read here to refuse giving an interval twice.
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
  readonly published?: PublishedShape;
  readonly estimate?: object;
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
  readonly field: 'target' | 'numerator' | 'value' | 'date' | 'published';
  /** Inside `published`: the part at fault (`source`, `interval`, `margin`). */
  readonly inner?: 'source' | 'interval' | 'margin';
  readonly detail: { readonly zh: string; readonly en: string };
}

/**
 * The path of a shape problem inside its observation: `['value']`, or `['published', 'source']`.
 *
 * @example
 * ```ts
 * import { shapeProblemPath } from '@kepu/core';
 * shapeProblemPath({ field: 'published', inner: 'source', detail: { zh: '', en: '' } }); // ['published', 'source']
 * ```
 */
export function shapeProblemPath(p: ObservationShapeProblem): string[] {
  return p.inner === undefined ? [p.field] : [p.field, p.inner];
}

/** The rules on a published figure (see {@link observationShapeProblems}). */
function publishedProblems(o: ObservationShape, p: PublishedShape, out: ObservationShapeProblem[]): void {
  const mixed =
    o.value === undefined || o.numerator !== undefined || o.denominator !== undefined || o.code !== undefined;
  if (mixed && !out.some((x) => x.field === 'value')) {
    out.push({
      field: 'value',
      detail: {
        zh: '公布值只填数值（公布的百分比或数字），不要同时填分子、分母或代码',
        en: 'a published figure is given as its value alone, without numerator, denominator or code',
      },
    });
  }
  if (p.source.trim() === '') {
    out.push({
      field: 'published',
      inner: 'source',
      detail: {
        zh: '公布值须写明来源（如“某省科协 2024 年公民科学素质调查”）',
        en: 'a published figure needs its source (e.g. the provincial 2024 citizen science literacy survey)',
      },
    });
  }
  if (p.interval !== undefined && p.margin !== undefined) {
    out.push({
      field: 'published',
      inner: 'margin',
      detail: {
        zh: '区间与误差幅度只填一种',
        en: 'give either the interval or the margin of error, not both',
      },
    });
  }
  if (p.interval !== undefined && o.value !== undefined && !(p.interval.low <= o.value && o.value <= p.interval.high)) {
    out.push({
      field: 'published',
      inner: 'interval',
      detail: {
        zh: `区间 ${p.interval.low}–${p.interval.high} 不包含公布值 ${o.value}`,
        en: `the interval ${p.interval.low}–${p.interval.high} does not contain the published value ${o.value}`,
      },
    });
  }
  if (o.estimate !== undefined) {
    out.push({
      field: 'published',
      detail: {
        zh: '公布值的区间填在公布信息中，不要另填调查估计',
        en: 'give a published figure’s interval with it, not as a survey estimate too',
      },
    });
  }
}

const NONE: readonly ObservationShapeProblem[] = Object.freeze([]);

/**
 * The shape rules every observation obeys, whatever carries it, checked without the plan:
 * - it names a target or an indicator (at `target`);
 * - a rate has both a numerator and a denominator (at `numerator`), the numerator not above the
 *   denominator (a rate is a share of its denominator);
 * - it gives exactly one of a value, a numerator with a denominator, or a code (at `value`);
 * - a date lies in the observation's own year, when it has one (at `date`);
 * - a published figure is a value alone (at `value`), with a non-blank source (at
 *   `published.source`), an interval that contains the value (at `published.interval`), not both
 *   an interval and a margin (at `published.margin`), and no survey estimate besides.
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
  if (
    named &&
    given === 1 &&
    ordered &&
    dated &&
    o.published === undefined &&
    (!rate || (o.numerator !== undefined && o.denominator !== undefined))
  )
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
  if (o.published !== undefined) publishedProblems(o, o.published, out);
  return out.length === 0 ? NONE : out;
}
