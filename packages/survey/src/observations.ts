import { IdSchema, type Lang, type Observation, type Plan, resolveUnit, validatePlan } from '@kepu/core';
import type { CiMethod } from './ci.js';
import type { Key, SurveyDesign } from './design.js';
import { fail } from './errors.js';
import { type Estimate, estimateProportion, type GroupEstimate } from './estimate.js';
import { estimateByGroup } from './estimate-by-group.js';
import { expectDesign } from './internal/check-design.js';
import { expectFlags, expectReliabilityInput } from './internal/check-estimate.js';
import { checkFinite } from './internal/estimate-core.js';
import {
  expectColumn,
  expectNumber,
  expectOneOf,
  expectRecord,
  expectString,
  isMissingKey,
  keyText,
  optionsRecord,
  own,
} from './internal/guard.js';
import type { ReliabilityFlag, ReliabilityRules } from './reliability.js';

/**
 * A survey estimate in the shape of an observation's `estimate` field (and of a target
 * evaluation's): the interval in the value's own unit (percent for a rate), the method, the
 * standard error, the effective sample size, the reliability flags as sentences, and whether the
 * value should be withheld.
 *
 * @example
 * ```ts
 * import type { ObservedEstimate } from '@kepu/survey';
 * const e: ObservedEstimate = {
 *   low: 9.1, high: 12.4, level: 0.95, method: 'logit', standardError: 0.82, effectiveN: 1210, flags: [], suppressed: false,
 * };
 * ```
 */
export interface ObservedEstimate {
  readonly low: number;
  readonly high: number;
  readonly level: number;
  readonly method: string;
  readonly standardError: number;
  readonly effectiveN: number;
  readonly flags: string[];
  readonly suppressed: boolean;
}

/**
 * What {@link toObservations} needs: the round's design and 0/1 indicator, the period, what is
 * observed (a target or an indicator), and — for per-township observations — each respondent's
 * township and how a township's label becomes a unit id.
 *
 * @example
 * ```ts
 * import type { ObservationOptions } from '@kepu/survey';
 * const options: ObservationOptions = {
 *   design, literate, period: 2024, target: 'literacy-rate-2025', plan: zhengningPlan, by: townshipColumn,
 * };
 * ```
 */
export interface ObservationOptions {
  readonly design: SurveyDesign;
  /** Each respondent's indicator (1/true: has scientific literacy), e.g. `scores.map((s) => s.literate)`. */
  readonly literate: ArrayLike<boolean | number | null | undefined>;
  /** The survey's year, the observations' `period`. */
  readonly period: number;
  /** The target observed (e.g. `literacy-rate-2025`); give this or `indicator`. */
  readonly target?: string;
  /** The indicator observed (e.g. `literacy-rate`), when the observation should count for every target on it. */
  readonly indicator?: string;
  /**
   * The plan: checks that the target exists and is a rate, supplies the rate's scale, and maps
   * township names to unit ids with core's `resolveUnit` (id, name, full name or alias).
   */
  readonly plan?: Plan;
  /** Each respondent's township (or other reporting unit); leave out for the county figure alone. */
  readonly by?: ArrayLike<Key | null | undefined>;
  /**
   * Unit id for a group label, tried before the plan: a table or a function returning
   * `undefined` for labels it does not know. Labels that are already valid ids are used as they are.
   */
  readonly unitOf?: Readonly<Record<string, string>> | ((group: string) => string | undefined);
  /** Multiplier from a proportion to the value's unit. @default the plan indicator's rate scale, else 100 */
  readonly scale?: number;
  /** @default 'logit' */
  readonly ci?: CiMethod;
  /** @default 0.95 */
  readonly level?: number;
  readonly reliability?: Partial<ReliabilityRules>;
  /** Missing indicator values: refuse or leave out. @default 'fail' */
  readonly na?: 'fail' | 'exclude';
  /** Also emit observations for groups whose estimate is suppressed (marked `suppressed`). @default false */
  readonly includeSuppressed?: boolean;
  /** ISO date of the observations (inside `period`). */
  readonly date?: string;
  /** @default '公民科学素质调查' (zh) / 'citizen scientific-literacy survey' (en) */
  readonly source?: string;
  /** Prefix of the observation ids. @default `survey-<period>` */
  readonly idPrefix?: string;
  /** Language of the flags and notes written into the observations. @default 'zh' */
  readonly lang?: Lang;
}

/**
 * The observations of one survey round, and the estimates behind them.
 *
 * @example
 * ```ts
 * import { toObservations, type SurveyObservations } from '@kepu/survey';
 * const round: SurveyObservations = toObservations(options);
 * round.units.filter((u) => !u.observed).map((u) => u.estimate.flags);
 * ```
 */
export interface SurveyObservations {
  /** County first, then one per township whose estimate is publishable, by unit id. */
  readonly observations: Observation[];
  readonly county: Estimate;
  /** Every group of `by`, observed or withheld, in label order. */
  readonly units: ReadonlyArray<{
    readonly group: string;
    readonly unit: string;
    readonly estimate: GroupEstimate;
    /** False when the estimate is suppressed (and `includeSuppressed` is off): no observation was made. */
    readonly observed: boolean;
  }>;
}

const ID = IdSchema;

/** Σw and Σwy in record order: the very sums the estimators use, so Σwy/Σw is bit-identical to the point. */
function weightedCounts(
  design: SurveyDesign,
  y: ArrayLike<boolean | number | null | undefined>,
  groups: ArrayLike<Key | null | undefined> | undefined,
): Map<string, { W: number; Sy: number }> {
  const out = new Map<string, { W: number; Sy: number }>();
  const w = design.weights;
  for (let i = 0; i < design.n; i++) {
    const raw = y[i];
    const v = raw === true ? 1 : raw === false ? 0 : raw;
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    let key = '';
    if (groups !== undefined) {
      const g = groups[i];
      if (isMissingKey(g)) continue;
      key = keyText(g, ['by', i]);
    }
    let cell = out.get(key);
    if (!cell) {
      cell = { W: 0, Sy: 0 };
      out.set(key, cell);
    }
    cell.W += w[i]!;
    cell.Sy += w[i]! * v;
  }
  return out;
}

/**
 * An {@link Estimate} of a proportion as an observation's `estimate` field, in the value's unit.
 *
 * @example
 * ```ts
 * import { estimateProportion, toObservedEstimate } from '@kepu/survey';
 * toObservedEstimate(estimateProportion(design, literate)).low; // lower bound in percent
 * ```
 */
export function toObservedEstimate(
  estimate: Pick<Estimate, 'ci' | 'se' | 'nEffective' | 'flags' | 'suppressed'>,
  options: { scale?: number; lang?: Lang } = {},
): ObservedEstimate {
  expectReliabilityInput({ statistic: 'proportion', point: 0, df: 1, n: 1, ...estimate }, ['estimate']);
  expectFlags(estimate, ['estimate']);
  finiteNumber((estimate as { se?: unknown }).se, ['estimate', 'se']);
  const o = optionsRecord(options, ['options']);
  if (o.scale !== undefined)
    expectNumber(o.scale, ['options', 'scale'], 1e-9, 1e9, 'use a positive number such as 100');
  if (o.lang !== undefined) expectOneOf(o.lang, ['zh', 'en'], ['options', 'lang']);
  const scale = options.scale ?? 100;
  const lang = options.lang ?? 'zh';
  const { ci } = estimate;
  const [low, high, standardError] = [ci.lower * scale, ci.upper * scale, estimate.se * scale];
  checkFinite({ 'CI lower × scale': low, 'CI upper × scale': high, 'se × scale': standardError });
  return {
    low,
    high,
    level: ci.level,
    method: ci.fallbackFrom ? `${ci.method} (${ci.fallbackFrom} undefined at the boundary)` : ci.method,
    standardError,
    effectiveN: estimate.nEffective,
    flags: estimate.flags.map((flag: ReliabilityFlag) => flag.message[lang].slice(0, 300)),
    suppressed: estimate.suppressed,
  };
}

function resolveGroup(group: string, options: ObservationOptions): string | undefined {
  const { unitOf, plan } = options;
  // Own entries only: a township named "constructor" must not map to Object.prototype's.
  const mapped = typeof unitOf === 'function' ? unitOf(group) : unitOf === undefined ? undefined : own(unitOf, group);
  if (mapped !== undefined) return expectString(mapped, ['unitOf', group]);
  if (plan) {
    const unit = resolveUnit(plan, group);
    if (unit) return unit.id;
  }
  return ID.safeParse(group).success ? group : undefined;
}

function finiteNumber(value: unknown, path: ReadonlyArray<string | number>): number {
  return expectNumber(value, path, -Number.MAX_VALUE, Number.MAX_VALUE, 'use a finite number');
}

/**
 * Checks the options' types, and the plan with core's validatePlan (a plan read from a file is
 * data like any other); returns the options with the validated plan.
 */
function checkObservationOptions(input: unknown): ObservationOptions {
  const o = expectRecord(input, ['options']);
  expectDesign(o.design, ['design']);
  expectColumn(o.literate, ['literate']);
  expectNumber(o.period, ['period'], 1900, 2200, 'use the survey’s year, such as 2024');
  for (const key of ['target', 'indicator', 'date', 'source', 'idPrefix'] as const) {
    if (o[key] !== undefined) expectString(o[key], [key]);
  }
  if (o.by !== undefined) expectColumn(o.by, ['by']);
  if (o.unitOf !== undefined && typeof o.unitOf !== 'function') expectRecord(o.unitOf, ['unitOf']);
  if (o.scale !== undefined) expectNumber(o.scale, ['scale'], 1e-9, 1e9, 'use a positive number such as 100');
  if (o.lang !== undefined) expectOneOf(o.lang, ['zh', 'en'], ['lang']);
  if (o.plan === undefined) return o as unknown as ObservationOptions;
  const plan = validatePlan(o.plan);
  if (!plan.ok) {
    const first = plan.issues[0];
    fail('invalid-shape', ['plan', ...(first?.path ?? [])], {
      detail: `the plan does not validate (${first?.message.en ?? 'unknown problem'})`,
    });
  }
  return { ...(o as unknown as ObservationOptions), plan: plan.value };
}

function scaleOf(options: ObservationOptions): number {
  if (options.scale !== undefined) return options.scale;
  const { plan, target, indicator } = options;
  if (!plan) return 100;
  const indicatorId = target !== undefined ? plan.targets.find((t) => t.id === target)?.indicator : indicator;
  return plan.indicators.find((i) => i.id === indicatorId)?.rate?.scale ?? 100;
}

function checkAgainstPlan(options: ObservationOptions): void {
  const { plan, target, indicator } = options;
  if (target === undefined && indicator === undefined) {
    fail('invalid-option', ['target'], {
      option: 'target',
      value: 'undefined',
      detail: 'name the target (or the indicator) the survey observes',
    });
  }
  if (!plan) return;
  const indicatorId = target !== undefined ? plan.targets.find((t) => t.id === target)?.indicator : indicator;
  const found = plan.indicators.find((i) => i.id === indicatorId);
  if (target !== undefined && indicatorId === undefined) {
    fail('unknown-target', ['target'], {
      target,
      detail: `targets: ${plan.targets.map((t) => t.id).join(', ')}`,
    });
  }
  if (found?.valueType !== 'rate') {
    fail('unknown-target', [target !== undefined ? 'target' : 'indicator'], {
      target: target ?? String(indicator),
      detail: found ? `indicator "${found.id}" is a ${found.valueType}` : `no indicator "${String(indicatorId)}"`,
    });
  }
}

function describe(estimate: Estimate, scale: number, lang: Lang): string {
  const p = (x: number) => (x * scale).toFixed(2);
  const deff = estimate.deff === null ? '—' : estimate.deff.toFixed(2);
  return lang === 'zh'
    ? `加权估计 ${p(estimate.point)}（${Math.round(estimate.ci.level * 100)}% 置信区间 ${p(estimate.ci.lower)}–${p(estimate.ci.upper)}，${estimate.ci.method} 法）；样本 ${estimate.n} 人，有效样本量 ${estimate.nEffective.toFixed(0)}，设计自由度 ${estimate.df}，设计效应 ${deff}。分子、分母为加权人数（具备科学素质的估计人数、估计总人数）。`
    : `Weighted estimate ${p(estimate.point)} (${Math.round(estimate.ci.level * 100)}% CI ${p(estimate.ci.lower)}–${p(estimate.ci.upper)}, ${estimate.ci.method}); ${estimate.n} respondents, effective sample size ${estimate.nEffective.toFixed(0)}, ${estimate.df} design degrees of freedom, design effect ${deff}. Numerator and denominator are weighted counts (estimated people with literacy, estimated people).`;
}

/**
 * Turns a survey round into observations of a rate target: one county-wide and — when `by` is
 * given — one per township whose estimate is reliable enough to publish. Each observation's
 * `numerator` and `denominator` are weighted counts (Σ weight × indicator, Σ weight), so
 * numerator ÷ denominator × scale is exactly the design-based point estimate, township figures add
 * up to the county's, and core's rule "aggregate rates from numerators and denominators" holds.
 * The `estimate` field carries the interval (in percent), method, standard error, effective sample
 * size, flags and `suppressed`.
 *
 * Townships are mapped to unit ids through `unitOf`, then the plan (`resolveUnit`: id, name, full
 * name or alias); a label that maps to nothing throws `unknown-unit`. Pure.
 *
 * @example
 * ```ts
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * import { generateDemoSurvey, toObservations } from '@kepu/survey';
 * const demo = generateDemoSurvey({ seed: 1, year: 2024, units: townships, size: 2000 });
 * const { observations } = toObservations({
 *   design: demo.design, literate: demo.literate, period: 2024,
 *   target: 'literacy-rate-2025', plan: zhengningPlan, by: demo.respondents.map((r) => r.township),
 * });
 * observations[0]; // { target: 'literacy-rate-2025', period: 2024, numerator, denominator, estimate: { low, high, … } }
 * ```
 */
export function toObservations(input: ObservationOptions): SurveyObservations {
  const options = checkObservationOptions(input);
  checkAgainstPlan(options);
  const { design, literate, period, by } = options;
  const scale = scaleOf(options);
  const lang = options.lang ?? 'zh';
  const prefix = options.idPrefix ?? `survey-${period}`;
  const source = (options.source ?? (lang === 'zh' ? '公民科学素质调查' : 'citizen scientific-literacy survey')).slice(
    0,
    200,
  );
  const estimateOptions = {
    ...(options.ci ? { ci: options.ci } : {}),
    ...(options.level !== undefined ? { level: options.level } : {}),
    ...(options.reliability ? { reliability: options.reliability } : {}),
    ...(options.na ? { na: options.na } : {}),
    column: 'literate',
  };
  const subject = {
    ...(options.target !== undefined ? { target: options.target } : {}),
    ...(options.indicator !== undefined ? { indicator: options.indicator } : {}),
  };
  const observation = (
    estimate: Estimate,
    counts: { W: number; Sy: number },
    unit: string | undefined,
    suffix: string,
  ): Observation => ({
    id: `${prefix}:${suffix}`.slice(0, 120),
    ...subject,
    // A township's estimate is of its own population, never a report of the county's figure.
    ...(unit !== undefined ? { unit, scope: 'own' as const } : {}),
    period,
    ...(options.date !== undefined ? { date: options.date } : {}),
    numerator: counts.Sy,
    denominator: counts.W,
    source,
    estimate: toObservedEstimate(estimate, { scale, lang }),
    note: describe(estimate, scale, lang),
  });

  const county = estimateProportion(design, literate, estimateOptions);
  const countyCounts = weightedCounts(design, literate, undefined).get('')!;
  const observations: Observation[] = [observation(county, countyCounts, undefined, 'county')];
  const units: Array<SurveyObservations['units'][number]> = [];
  if (by !== undefined) {
    const groups = estimateByGroup(design, literate, by, { ...estimateOptions, statistic: 'proportion' });
    const counts = weightedCounts(design, literate, by);
    const unknown: string[] = [];
    const resolved = groups.map((estimate) => {
      const unit = resolveGroup(estimate.group, options);
      if (unit === undefined) unknown.push(estimate.group);
      return { estimate, unit: unit ?? '' };
    });
    if (unknown.length > 0) {
      fail('unknown-unit', ['by'], {
        group: unknown.join('”“'),
        known: options.plan
          ? options.plan.orgUnits
              .filter((u) => u.kind === 'township')
              .map((u) => u.name)
              .join('、')
          : '(no plan given)',
      });
    }
    const seen = new Map<string, string>();
    for (const { estimate, unit } of resolved) {
      const previous = seen.get(unit);
      if (previous !== undefined) {
        fail('invalid-option', ['by'], {
          option: 'by',
          value: `${previous}, ${estimate.group}`,
          detail: `both labels map to unit "${unit}"; merge them before estimating`,
        });
      }
      seen.set(unit, estimate.group);
      const observed = !estimate.suppressed || options.includeSuppressed === true;
      units.push({ group: estimate.group, unit, estimate, observed });
    }
    for (const u of [...units].sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))) {
      if (u.observed) observations.push(observation(u.estimate, counts.get(u.group)!, u.unit, u.unit));
    }
  }
  return { observations, county, units };
}
