import { periodBounds } from '../engine/period.js';
import { createIssue, type ErrorCode, type KepuIssue } from '../errors.js';
import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import type { Indicator, Target } from '../target.js';
import { type ObservationShape, observationShapeProblems, shapeProblemPath } from './observation-shape.js';

type Path = ReadonlyArray<string | number>;
type Text = { readonly zh: string; readonly en: string };

/**
 * An observation as the rules read it: what every observation format (an assessment input, a
 * progress report's observation, a row of an imported sheet) has in common. `unit` and `period`
 * are present only where the format carries them; a report gives them for all its observations.
 *
 * @example
 * ```ts
 * import type { CheckedObservation } from '@kepu/core';
 * const o: CheckedObservation = { target: 'science-china-items', value: 215000, date: '2024-06-30' };
 * ```
 */
export interface CheckedObservation extends ObservationShape {
  readonly category?: Readonly<Record<string, string>>;
  readonly unit?: string;
}

const NONE: readonly KepuIssue[] = Object.freeze([]);

/**
 * A `KepuIssue` whose message has a Chinese and an English detail. `params.detail` keeps the
 * English one for programs, as every other issue's params do.
 */
function issue(code: ErrorCode, path: Path, params: Record<string, string>, zh: Record<string, string>): KepuIssue {
  const en = createIssue(code, path, params);
  return { ...en, message: { zh: createIssue(code, path, { ...params, ...zh }).message.zh, en: en.message.en } };
}

const invalid = (path: Path, detail: Text, extra: Record<string, string> = {}) =>
  issue('invalid-observation', path, { ...extra, detail: detail.en }, { detail: detail.zh });

const KIND_WORDS = {
  target: '目标',
  indicator: '指标',
} as const;

const unknown = (path: Path, kind: keyof typeof KIND_WORDS, ref: string) =>
  issue('unknown-reference', path, { kind, ref }, { kind: KIND_WORDS[kind] });

/** True when `date` (YYYY-MM-DD) lies in the period: a year, or a part such as `2024-H1`. */
function dateInPeriod(date: string, period: string): boolean {
  // A plain year, the common case, without building the bounds.
  if (period.length === 4) return date.length === 10 && date.startsWith(period) && date[4] === '-';
  const { start, end } = periodBounds(period);
  return date >= start && date <= end;
}

function knownCategory(indicator: Indicator, target: Target | undefined, category: Readonly<Record<string, string>>) {
  for (const dimension in category) {
    const dim = indicator.dimensions.find((d) => d.id === dimension);
    if (!dim?.categories.some((c) => c.id === category[dimension])) return false;
    const wanted = target?.category?.[dimension];
    if (wanted !== undefined && wanted !== category[dimension]) return false;
  }
  return true;
}

/**
 * The common case, checked without allocating: a known target or indicator of a measured kind,
 * the right kind of value, a known category, a known unit, a date inside the period. Assessments
 * read hundreds of thousands of observations; anything else takes the full check.
 */
function plainlyValid(plan: Plan, period: string | number, o: CheckedObservation): boolean {
  const index = indexPlan(plan);
  const target = o.target === undefined ? undefined : index.targets.get(o.target);
  if (o.published !== undefined) return false;
  if (o.target !== undefined && (target === undefined || target.kind !== 'quantitative')) return false;
  if (target !== undefined && o.indicator !== undefined && o.indicator !== target.indicator) return false;
  const indicator = index.indicators.get(o.indicator ?? target?.indicator ?? '');
  if (indicator === undefined || indicator.valueType === 'judgement') return false;
  const { value, numerator, denominator, code } = o;
  if (indicator.valueType === 'rate') {
    if (numerator === undefined || denominator === undefined || value !== undefined || code !== undefined) return false;
    if (numerator > denominator) return false;
  } else if (numerator !== undefined || denominator !== undefined) return false;
  else if (indicator.valueType === 'custom') {
    if ((value === undefined) === (code === undefined)) return false;
  } else if (value === undefined || code !== undefined) return false;
  else if (indicator.valueType === 'boolean' && value !== 0 && value !== 1) return false;
  if (o.target === undefined && o.indicator === undefined) return false;
  if (o.unit !== undefined && !index.units.has(o.unit)) return false;
  if (o.category !== undefined && !knownCategory(indicator, target, o.category)) return false;
  if (o.date !== undefined) {
    if (o.period !== undefined && Number(o.date.slice(0, 4)) !== o.period) return false;
    if (!dateInPeriod(o.date, String(period))) return false;
  }
  return true;
}

/**
 * A published rate lies within its scale (0–100 for percent, 0–1 for a fraction, 0–1000 for
 * per-mille), and so does its interval: the figure is read in the indicator's own unit.
 */
function publishedRateProblems(
  indicator: Indicator,
  o: CheckedObservation,
  value: number,
  bad: (field: string, detail: Text) => void,
): void {
  const scale = indicator.rate?.scale ?? 100;
  const unit = scale === 100 ? '%' : scale === 1000 ? '‰' : '';
  const within = (x: number) => x >= 0 && x <= scale;
  if (!within(value)) {
    bad('value', {
      zh: `指标“${indicator.id}”是比例，公布值 ${value} 应在 0 至 ${scale}${unit} 之间（按指标的计量单位填写）`,
      en: `indicator ${indicator.id} is a rate: the published value ${value} must lie within 0 to ${scale}${unit} (in the indicator's unit)`,
    });
  }
  const p = o.published;
  const low = p?.interval?.low ?? (p?.margin === undefined ? undefined : value - p.margin);
  const high = p?.interval?.high ?? (p?.margin === undefined ? undefined : value + p.margin);
  if (low !== undefined && high !== undefined && within(value) && !(within(low) && within(high))) {
    const at = p?.interval === undefined ? 'margin' : 'interval';
    bad(`published.${at}`, {
      zh: `公布区间 ${low}–${high} 超出比例的范围 0 至 ${scale}${unit}`,
      en: `the published interval ${low}–${high} leaves the rate's range 0 to ${scale}${unit}`,
    });
  }
}

/**
 * Checks one observation against a plan and the period it is reported for: the one rule set
 * behind the assessment's input check, the engine's report check and a data import's row check.
 * Returns the issues (empty when the observation is sound), each with a path inside the
 * observation (`at` first) and a message in Chinese and English. Pure; never throws.
 *
 * The rules, in the order they are checked:
 * 1. the shape (see {@link observationShapeProblems}): a target or an indicator; one of a value,
 *    a numerator with a denominator not below it, or a code; a date inside the observation's own
 *    year (`invalid-observation`);
 * 2. a named unit exists (`unknown-org-unit`, at `unit`);
 * 3. the target exists, then the indicator (`unknown-reference`, at `target` / `indicator`); a
 *    target named with an indicator is on that indicator; a qualitative target or a judgement
 *    indicator is judged by a reviewer and takes no observed value (`invalid-observation`, at
 *    `indicator` / `target`) — the first of these that fails ends the check;
 * 4. each category is one of the indicator's and the one the named target is about (`category`);
 * 5. the value fits the indicator: a rate takes a numerator and a denominator, or a published
 *    value within the rate's scale (0–100 for percent) with an interval inside it too; any other
 *    kind a value; a code only for a plugin-defined (custom) kind; a yes/no value is 0 or 1;
 * 6. a date lies inside `period` (a year `2024` or `2024`, or a part such as `2024-H1`).
 *
 * @example
 * ```ts
 * import { checkObservation } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * checkObservation(zhengningPlan, 2024, { target: 'literacy-rate-2025', value: 12 }, ['observations', 0]);
 * // [{ code: 'invalid-observation', path: ['observations', 0, 'value'], … }]: a rate needs its parts
 * ```
 */
export function checkObservation(
  plan: Plan,
  period: string | number,
  observation: CheckedObservation,
  at: Path = [],
): readonly KepuIssue[] {
  if (plainlyValid(plan, period, observation)) return NONE;
  const p = String(period);
  const o = observation;
  const shape = observationShapeProblems(o);
  if (shape.length > 0) return shape.map((x) => invalid([...at, ...shapeProblemPath(x)], x.detail));
  const issues: KepuIssue[] = [];
  const index = indexPlan(plan);
  const bad = (field: string, detail: Text, extra?: Record<string, string>) =>
    issues.push(invalid([...at, ...field.split('.')], detail, extra));
  if (o.unit !== undefined && !index.units.has(o.unit)) {
    issues.push(createIssue('unknown-org-unit', [...at, 'unit'], { ref: o.unit }));
  }
  const target = o.target === undefined ? undefined : index.targets.get(o.target);
  if (o.target !== undefined && !target) {
    issues.push(unknown([...at, 'target'], 'target', o.target));
    return issues;
  }
  const indicatorId = o.indicator ?? target?.indicator;
  const indicator = indicatorId === undefined ? undefined : index.indicators.get(indicatorId);
  if (!indicator) {
    issues.push(unknown([...at, 'indicator'], 'indicator', indicatorId ?? ''));
    return issues;
  }
  if (target && o.indicator !== undefined && o.indicator !== target.indicator) {
    bad('indicator', {
      zh: `目标“${target.id}”的指标是“${target.indicator}”，不是“${o.indicator}”`,
      en: `target ${target.id} is on indicator ${target.indicator}, not ${o.indicator}`,
    });
    return issues;
  }
  if (target?.kind === 'qualitative' || indicator.valueType === 'judgement') {
    const subject = target?.id ?? indicator.id;
    bad('target', {
      zh: `“${subject}”由评审判定，不能填报数值，请改为提交评审意见`,
      en: `${subject} is judged by a reviewer; it takes no observed value`,
    });
    return issues;
  }
  for (const [dimension, category] of Object.entries(o.category ?? {})) {
    const dim = indicator.dimensions.find((d) => d.id === dimension);
    const about = { dimension, category };
    if (!dim) {
      bad(
        'category',
        {
          zh: `指标“${indicator.id}”没有分类维度“${dimension}”`,
          en: `indicator ${indicator.id} has no dimension ${dimension}`,
        },
        about,
      );
    } else if (!dim.categories.some((c) => c.id === category)) {
      bad(
        'category',
        {
          zh: `指标“${indicator.id}”的维度“${dimension}”没有分类“${category}”`,
          en: `dimension ${dimension} of ${indicator.id} has no category ${category}`,
        },
        about,
      );
    } else if (target?.category?.[dimension] !== undefined && target.category[dimension] !== category) {
      bad(
        'category',
        {
          zh: `目标“${target.id}”针对${dimension}“${target.category[dimension]}”，不是“${category}”`,
          en: `target ${target.id} is about ${dimension} ${target.category[dimension]}, not ${category}`,
        },
        about,
      );
    }
  }
  if (indicator.valueType === 'rate') {
    if (o.published !== undefined && o.value !== undefined) publishedRateProblems(indicator, o, o.value, bad);
    else if (o.numerator === undefined) {
      bad('value', {
        zh: `指标“${indicator.id}”是比例：请填分子和分母；若只有上级公布的比例，请填数值并写明来源`,
        en: `indicator ${indicator.id} is a rate: give numerator and denominator, or a published value with its source`,
      });
    }
  } else if (o.numerator !== undefined) {
    bad('numerator', {
      zh: `指标“${indicator.id}”不是比例（${indicator.valueType}）：请只填数值`,
      en: `indicator ${indicator.id} is a ${indicator.valueType}, not a rate: give value`,
    });
  } else if (o.code !== undefined && indicator.valueType !== 'custom') {
    bad('code', {
      zh: `指标“${indicator.id}”不是插件定义的类型：请填数值，不要填代码`,
      en: `indicator ${indicator.id} is not of a custom kind: give a value, not a code`,
    });
  } else if (indicator.valueType === 'boolean' && o.value !== 0 && o.value !== 1) {
    bad('value', {
      zh: `指标“${indicator.id}”只分完成与未完成：完成填 1，未完成填 0`,
      en: `indicator ${indicator.id} is done or not done: value is 1 or 0`,
    });
  }
  if (o.date !== undefined && !dateInPeriod(o.date, p)) {
    const { start, end } = periodBounds(p);
    bad('date', {
      zh: `日期 ${o.date} 不在期间 ${p}（${start} 至 ${end}）内`,
      en: `the date ${o.date} is outside the period ${p} (${start} to ${end})`,
    });
  }
  return issues;
}

/**
 * Checks every observation of a report against the plan and the report's period with
 * {@link checkObservation}; paths are `['observations', i, field]`. Pure; never throws.
 *
 * @example
 * ```ts
 * import { checkObservations } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * checkObservations(zhengningPlan, '2024', [{ target: 'literacy-rate-2025', value: 12 }]); // a rate needs its parts
 * ```
 */
export function checkObservations(
  plan: Plan,
  period: string | number,
  observations: readonly CheckedObservation[],
): KepuIssue[] {
  const issues: KepuIssue[] = [];
  observations.forEach((o, i) => {
    const found = checkObservation(plan, period, o, ['observations', i]);
    if (found.length > 0) issues.push(...found);
  });
  return issues;
}
