import { createIssue, KepuError } from '../errors.js';
import type { Plan } from '../plan.js';
import { indexPlan } from '../plan-index.js';
import type { QuantitativeTarget, Target } from '../target.js';
import { evaluateTarget, type TargetEvaluation } from './evaluate-target.js';
import { canonicalJson, contentHash } from './hash.js';
import type { Award, DeductionRecord, Incident, SelfScore } from './inputs.js';
import { type AssessmentInputs, type AssessmentInputsInput, parseAssessmentInputs } from './inputs.js';
import { checkInputs, indexScheme, type SchemeIndex } from './internal/check-inputs.js';
import { lastDayOf } from './internal/time.js';
import type { Observation } from './observation.js';
import type { Review } from './review.js';
import { type AssessmentScheme, type AssessmentSchemeInput, type ItemSource, parseScheme } from './scheme.js';
import { ASSESSMENT_RULES_VERSION, type Scorecard, type ScorecardNote, type TaskResult } from './scorecard.js';
import { categoryMatches } from './series.js';
import { type StatusThresholds, StatusThresholdsSchema } from './status.js';
import { evaluateTaskResults } from './task-result.js';
import { type SheetScoringInput, scoreSheet } from './unit-score.js';

/**
 * Options of {@link assess}.
 *
 * @example
 * ```ts
 * import type { AssessOptions } from '@kepu/core';
 * const options: AssessOptions = { period: 2024, asOf: '2024-12-31', thresholds: { onTrack: 0.9 } };
 * ```
 */
export interface AssessOptions {
  /** The annual period (calendar year) assessed; must lie within the plan's period. */
  readonly period: number;
  /**
   * Observations dated after this ISO date are left out (and counted in the scorecard's notes).
   * @default the last day of `period`
   */
  readonly asOf?: string;
  /**
   * Overrides of the scheme's status thresholds.
   * @default the scheme's thresholds (Open SDG's 0.95 / 0.6 / 0 unless the scheme says otherwise)
   */
  readonly thresholds?: Partial<StatusThresholds>;
  /**
   * Whether to record the content hash of the inputs. Hashing is linear in the size of the
   * inputs; turn it off only for very large batch runs where the inputs are hashed elsewhere.
   * @default true
   */
  readonly hashInputs?: boolean;
}

interface PreparedScheme {
  readonly scheme: AssessmentScheme;
  readonly hash: string;
  readonly index: SchemeIndex;
}

const schemeCache = new WeakMap<object, WeakMap<Plan, PreparedScheme>>();

/**
 * Validates a scheme against a plan once and remembers the result, its content hash and its
 * lookups for later calls with the same two objects. Throws a `KepuError` for a bad scheme.
 * Pure in effect: the cache is keyed by object identity and never changes a result.
 *
 * @example
 * ```ts
 * import { prepareScheme } from '@kepu/core';
 * prepareScheme(plan, scheme).hash; // 'sha256:…'
 * ```
 */
export function prepareScheme(plan: Plan, scheme: AssessmentScheme | AssessmentSchemeInput): PreparedScheme {
  let byPlan = schemeCache.get(scheme);
  const cached = byPlan?.get(plan);
  if (cached) return cached;
  const parsed = parseScheme(scheme, plan);
  const prepared: PreparedScheme = { scheme: parsed, hash: contentHash(parsed), index: indexScheme(plan, parsed) };
  if (!byPlan) {
    byPlan = new WeakMap();
    schemeCache.set(scheme, byPlan);
  }
  byPlan.set(plan, prepared);
  return prepared;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Checks `period`, `asOf` and `thresholds`; returns the resolved values or throws a KepuError. */
export function resolveAssessOptions(
  plan: Plan,
  scheme: AssessmentScheme,
  options: AssessOptions,
): { period: number; asOf: string; thresholds: StatusThresholds } {
  const { period } = options;
  const { start, end } = plan.meta.period;
  if (!Number.isInteger(period) || period < start || period > end) {
    throw new KepuError([
      createIssue('period-outside-plan', ['period'], {
        period: String(period),
        start: String(start),
        end: String(end),
      }),
    ]);
  }
  const asOf = options.asOf ?? lastDayOf(period);
  if (
    !ISO_DATE.test(asOf) ||
    Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) ||
    new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) !== asOf
  ) {
    throw new KepuError([
      createIssue('invalid-assessment-input', ['asOf'], {
        detail: `asOf "${asOf}" is not a calendar date (YYYY-MM-DD)`,
      }),
    ]);
  }
  const merged = StatusThresholdsSchema.safeParse({ ...scheme.thresholds, ...(options.thresholds ?? {}) });
  if (!merged.success) {
    throw new KepuError([
      createIssue('invalid-assessment-input', ['thresholds'], {
        detail: merged.error.issues.map((i) => i.message).join('; '),
      }),
    ]);
  }
  return { period, asOf, thresholds: merged.data };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function hasFiledEvidence(r: Review): boolean {
  return r.evidence.some((e) => e.filed);
}

/**
 * Assesses a plan for one annual period: evaluates every target, derives every task's result, and
 * scores, grades and ranks every unit on its sheet of the scheme. Pure: no I/O, no clock (the
 * date is `options.asOf`), no randomness; the same arguments give the same scorecard, whatever the
 * order of the records in `inputs`.
 *
 * Throws a `KepuError` listing every problem for a bad scheme (e.g. `zero-total-weight`,
 * `grade-band-gap`), a period outside the plan (`period-outside-plan`), or bad inputs
 * (`invalid-shape`, `unknown-reference`, `invalid-observation`, `duplicate-observation`,
 * `self-review` …). Never returns NaN or Infinity: a number that cannot be known is `null`, and
 * missing data is marked not assessed, never 0 and never full marks.
 *
 * @example
 * ```ts
 * import { assess } from '@kepu/core';
 * import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
 * const card = assess(zhengningPlan, zhengningScheme, {
 *   observations: [{ indicator: 'literacy-rate', period: 2024, numerator: 330, denominator: 3000 }],
 * }, { period: 2024 });
 * card.targets.find((t) => t.target === 'literacy-rate-2025')?.status; // e.g. 'needs-acceleration'
 * ```
 */
export function assess(
  plan: Plan,
  scheme: AssessmentScheme | AssessmentSchemeInput,
  inputs: AssessmentInputsInput,
  options: AssessOptions,
): Scorecard {
  const prepared = prepareScheme(plan, scheme);
  const { period, asOf, thresholds } = resolveAssessOptions(plan, prepared.scheme, options);
  const parsed = parseAssessmentInputs(inputs);
  const issues = checkInputs(plan, prepared.scheme, prepared.index, parsed);
  if (issues.length > 0) throw new KepuError(issues);
  return assessParsed(plan, prepared, parsed, { period, asOf, thresholds, hashInputs: options.hashInputs ?? true });
}

/** The part of {@link assess} after validation. Internal to the package. */
export function assessParsed(
  plan: Plan,
  prepared: PreparedScheme,
  inputs: AssessmentInputs,
  options: { period: number; asOf: string; thresholds: StatusThresholds; hashInputs: boolean },
): Scorecard {
  const { scheme, index: schemeIndex } = prepared;
  const { period, asOf, thresholds } = options;
  const index = indexPlan(plan);
  const context = { period, asOf, planStart: plan.meta.period.start, thresholds };
  const notes: ScorecardNote[] = [];

  // --- observations, bucketed by target (county) and by target and unit (own scope) ----------
  const ownTargets = new Set<string>();
  for (const sheet of scheme.sheets)
    for (const g of sheet.groups)
      for (const item of g.items)
        for (const s of item.sources) if (s.kind === 'target' && s.scope === 'own') ownTargets.add(s.target);
  const targetsOfIndicator = new Map<string, Target[]>();
  for (const t of plan.targets) push(targetsOfIndicator, t.indicator, t);
  const county = new Map<string, Observation[]>();
  const own = new Map<string, Observation[]>();
  let afterPeriod = 0;
  let afterAsOf = 0;
  const afterRefs: string[] = [];
  for (const o of inputs.observations) {
    if (o.period > period) {
      afterPeriod++;
      continue;
    }
    if (o.date !== undefined && o.date > asOf) {
      afterAsOf++;
      if (o.id !== undefined) afterRefs.push(o.id);
      continue;
    }
    const targets =
      o.target !== undefined
        ? [index.targets.get(o.target) as Target]
        : (targetsOfIndicator.get(o.indicator as string) ?? []);
    for (const t of targets) {
      if (!categoryMatches(t.category, o.category)) continue;
      push(county, t.id, o);
      if (o.unit !== undefined && ownTargets.has(t.id)) push(own, `${t.id}|${o.unit}`, o);
    }
  }
  if (afterPeriod > 0) {
    notes.push({
      code: 'observations-after-period',
      count: afterPeriod,
      refs: [],
      text: {
        zh: `${afterPeriod} 条监测数据属于 ${period} 年之后的年度，未计入`,
        en: `${afterPeriod} observation(s) of periods after ${period} were left out`,
      },
    });
  }
  if (afterAsOf > 0) {
    notes.push({
      code: 'observations-after-as-of',
      count: afterAsOf,
      refs: firstRefs(afterRefs),
      text: {
        zh: `${afterAsOf} 条监测数据晚于评估日 ${asOf}，未计入`,
        en: `${afterAsOf} observation(s) dated after ${asOf} were left out`,
      },
    });
  }

  // --- reviews and other records of the period -----------------------------------------------
  const requireFiled = scheme.evidence.requireFiled;
  const unfiled: string[] = [];
  let unfiledCount = 0;
  let otherPeriods = 0;
  const targetReviews = new Map<string, Review[]>();
  const taskReviews: Review[] = [];
  const itemReviews = new Map<string, Review[]>();
  for (const r of inputs.reviews) {
    const relevant = r.period === period || (r.target !== undefined && r.period === period - 1);
    if (!relevant) {
      otherPeriods++;
      continue;
    }
    if (requireFiled && !hasFiledEvidence(r)) {
      if (r.period === period) {
        unfiledCount++;
        if (r.id !== undefined) unfiled.push(r.id);
      }
      continue;
    }
    if (r.target !== undefined) push(targetReviews, r.target, r);
    else if (r.period !== period) continue;
    else if (r.task !== undefined) taskReviews.push(r);
    else if (r.item !== undefined) push(itemReviews, `${r.item}|${r.unit}`, r);
  }
  if (unfiledCount > 0) {
    notes.push({
      code: 'reviews-without-filed-evidence',
      count: unfiledCount,
      refs: firstRefs(unfiled),
      text: {
        zh: `${unfiledCount} 条评审没有已在县科协归档的佐证材料，未计入`,
        en: `${unfiledCount} review(s) had no evidence filed with the county office and were left out`,
      },
    });
  }
  const selfScores = new Map<string, SelfScore>();
  const awards = new Map<string, Award[]>();
  const deductions = new Map<string, DeductionRecord[]>();
  const incidents = new Map<string, Incident[]>();
  for (const x of inputs.selfScores) {
    if (x.period === period) selfScores.set(`${x.item}|${x.unit}`, x);
    else otherPeriods++;
  }
  for (const x of inputs.awards) {
    if (x.period === period) push(awards, x.unit, x);
    else otherPeriods++;
  }
  for (const x of inputs.deductions) {
    if (x.period === period) push(deductions, x.unit, x);
    else otherPeriods++;
  }
  for (const x of inputs.incidents) {
    if (x.period === period) push(incidents, x.unit, x);
    else otherPeriods++;
  }
  if (otherPeriods > 0) {
    notes.push({
      code: 'records-of-other-periods',
      count: otherPeriods,
      refs: [],
      text: {
        zh: `${otherPeriods} 条评审、自评、奖励、扣分或否决记录属于其他年度，未计入 ${period} 年考核`,
        en: `${otherPeriods} review, self-score, award, deduction or veto record(s) belong to other periods and were left out of ${period}`,
      },
    });
  }

  // --- targets, tasks, units -----------------------------------------------------------------
  const evaluations = new Map<string, TargetEvaluation>();
  for (const t of plan.targets) {
    evaluations.set(
      t.id,
      evaluateTarget(
        t,
        index.indicators.get(t.indicator),
        county.get(t.id) ?? [],
        targetReviews.get(t.id) ?? [],
        context,
      ),
    );
  }
  const tasks = evaluateTaskResults(plan, evaluations, taskReviews);
  const taskMap = new Map<string, TaskResult>(tasks.map((t) => [t.task, t]));
  const ownCache = new Map<string, TargetEvaluation>();
  const ownEvaluation = (source: Extract<ItemSource, { kind: 'target' }>, unit: string): TargetEvaluation => {
    const key = `${source.target}|${unit}|${source.comparator ? JSON.stringify(source.comparator) : ''}`;
    const hit = ownCache.get(key);
    if (hit) return hit;
    const target = index.targets.get(source.target) as QuantitativeTarget;
    const virtual: QuantitativeTarget = {
      ...target,
      baseline: undefined,
      comparator: source.comparator ?? target.comparator,
    };
    const e = evaluateTarget(
      virtual,
      index.indicators.get(target.indicator),
      own.get(`${source.target}|${unit}`) ?? [],
      [],
      context,
    );
    ownCache.set(key, e);
    return e;
  };
  const sheets = scheme.sheets.map((sheet) => {
    const input: SheetScoringInput = {
      plan,
      sheet,
      members: schemeIndex.membersOfSheet.get(sheet.id) ?? [],
      targets: evaluations,
      tasks: taskMap,
      ownEvaluation,
      itemReviews,
      selfScores,
      awards,
      deductions,
      incidents,
    };
    return scoreSheet(input);
  });

  return {
    format: 'kepu-scorecard',
    formatVersion: 1,
    rulesVersion: ASSESSMENT_RULES_VERSION,
    plan: { id: plan.id, title: plan.meta.title },
    scheme: {
      id: scheme.id,
      name: scheme.name,
      nameEn: scheme.nameEn ?? null,
      version: scheme.version,
      hash: prepared.hash,
    },
    inputsHash: options.hashInputs ? contentHash(canonicalInputs(inputs)) : '',
    period,
    asOf,
    thresholds,
    targets: plan.targets.map((t) => evaluations.get(t.id) as TargetEvaluation),
    tasks,
    sheets,
    notes,
  };
}

/** Inputs in a canonical order, so that the hash does not depend on the order of records. */
function canonicalInputs(inputs: AssessmentInputs): unknown {
  const sorted = <T>(list: readonly T[]): T[] => {
    const keyed = list.map((x) => ({ x, k: canonicalJson(x) }));
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    return keyed.map((e) => e.x);
  };
  return {
    schemaVersion: inputs.schemaVersion,
    observations: sorted(inputs.observations),
    reviews: sorted(inputs.reviews),
    selfScores: sorted(inputs.selfScores),
    awards: sorted(inputs.awards),
    deductions: sorted(inputs.deductions),
    incidents: sorted(inputs.incidents),
  };
}

/** The first 50 ids in sorted order: a bounded list that does not depend on the order of records. */
function firstRefs(ids: string[]): string[] {
  return [...ids].sort().slice(0, 50);
}
