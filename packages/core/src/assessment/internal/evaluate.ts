import type { Plan } from '../../plan.js';
import { indexPlan } from '../../plan-index.js';
import type { QuantitativeTarget } from '../../target.js';
import { evaluateQuantitative, evaluateTarget, type TargetEvaluation } from '../evaluate-target.js';
import { explainerFor } from '../explanation.js';
import type { Award, DeductionRecord, Incident, SelfScore } from '../inputs.js';
import type { Review } from '../review.js';
import type { AssessmentScheme, ItemSource } from '../scheme.js';
import { gradeAndRank } from '../score-sheet.js';
import {
  ASSESSMENT_RULES_VERSION,
  type Scorecard,
  type ScorecardNote,
  type SheetResult,
  type TaskResult,
  type UnitScore,
} from '../scorecard.js';
import type { StatusThresholds } from '../status.js';
import { evaluateTaskResult } from '../task-result.js';
import { type SheetScoringInput, scoreUnit } from '../unit-score.js';
import { seriesOf } from './bucket.js';
import type { SchemeIndex } from './check-inputs.js';
import type { AssessmentState } from './state.js';

/** What one evaluation is for. */
export interface EvaluateOptions {
  readonly period: number;
  readonly asOf: string;
  readonly thresholds: StatusThresholds;
  readonly inputsHash: string;
  /** Whether to build explanations (`false`: every one is `NOT_EXPLAINED`, the numbers unchanged). */
  readonly explain: boolean;
}

/**
 * Results of earlier evaluations, reused when nothing they depend on changed. Internal: the
 * incremental assessor keeps one; `assess` passes none.
 */
/** What a cached unit score read: re-checked against the current evaluation on a cache hit. */
type UnitDependency =
  | { readonly kind: 'target'; readonly id: string; readonly value: unknown }
  | { readonly kind: 'task'; readonly id: string; readonly value: unknown }
  | {
      readonly kind: 'own';
      readonly source: Parameters<SheetScoringInput['ownEvaluation']>[0];
      readonly unit: string;
      readonly value: unknown;
    };

export interface EvaluationCache {
  key: string;
  readonly targets: Map<string, { stamp: string; value: TargetEvaluation }>;
  readonly own: Map<string, { stamp: number; value: TargetEvaluation }>;
  readonly tasks: Map<string, { deps: readonly unknown[]; stamp: number; value: TaskResult }>;
  readonly units: Map<string, { deps: readonly UnitDependency[]; stamp: number; records: unknown; value: UnitScore }>;
  readonly finished: WeakMap<UnitScore, { decision: string; value: UnitScore }>;
  readonly sheets: Map<string, { units: readonly UnitScore[]; value: SheetResult }>;
  records: { stamp: string; value: PeriodRecords } | null;
}

export function createEvaluationCache(): EvaluationCache {
  return {
    key: '',
    targets: new Map(),
    own: new Map(),
    tasks: new Map(),
    units: new Map(),
    finished: new WeakMap(),
    sheets: new Map(),
    records: null,
  };
}

/** The reviews and records of one period, by what they are about. */
interface PeriodRecords {
  readonly targetReviews: Map<string, Review[]>;
  readonly taskReviews: Map<string, Review[]>;
  readonly itemReviews: Map<string, Review[]>;
  readonly selfScores: Map<string, SelfScore>;
  readonly awards: Map<string, Award[]>;
  readonly deductions: Map<string, DeductionRecord[]>;
  readonly incidents: Map<string, Incident[]>;
  readonly notes: ScorecardNote[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function periodRecords(state: AssessmentState, scheme: AssessmentScheme, period: number): PeriodRecords {
  const requireFiled = scheme.evidence.requireFiled;
  const unfiled: string[] = [];
  let unfiledCount = 0;
  let otherPeriods = 0;
  const targetReviews = new Map<string, Review[]>();
  const taskReviews = new Map<string, Review[]>();
  const itemReviews = new Map<string, Review[]>();
  for (const r of state.allReviews) {
    const relevant = r.period === period || (r.target !== undefined && r.period === period - 1);
    if (!relevant) {
      otherPeriods++;
      continue;
    }
    if (requireFiled && !r.evidence.some((e) => e.filed)) {
      if (r.period === period) {
        unfiledCount++;
        if (r.id !== undefined) unfiled.push(r.id);
      }
      continue;
    }
    if (r.target !== undefined) push(targetReviews, r.target, r);
    else if (r.period !== period) continue;
    else if (r.task !== undefined) push(taskReviews, r.task, r);
    else if (r.item !== undefined) push(itemReviews, `${r.item}|${r.unit}`, r);
  }
  const selfScores = new Map<string, SelfScore>();
  const awards = new Map<string, Award[]>();
  const deductions = new Map<string, DeductionRecord[]>();
  const incidents = new Map<string, Incident[]>();
  for (const x of state.selfScores) {
    if (x.period === period) selfScores.set(`${x.item}|${x.unit}`, x);
    else otherPeriods++;
  }
  for (const x of state.awards) {
    if (x.period === period) push(awards, x.unit, x);
    else otherPeriods++;
  }
  for (const x of state.deductions) {
    if (x.period === period) push(deductions, x.unit, x);
    else otherPeriods++;
  }
  for (const x of state.incidents) {
    if (x.period === period) push(incidents, x.unit, x);
    else otherPeriods++;
  }
  const notes: ScorecardNote[] = [];
  if (unfiledCount > 0) {
    notes.push({
      code: 'reviews-without-filed-evidence',
      count: unfiledCount,
      refs: unfiled.sort().slice(0, 50),
      text: {
        zh: `${unfiledCount} 条评审没有已在县科协归档的佐证材料，未计入`,
        en: `${unfiledCount} review(s) had no evidence filed with the county office and were left out`,
      },
    });
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
  return { targetReviews, taskReviews, itemReviews, selfScores, awards, deductions, incidents, notes };
}

function observationNotes(state: AssessmentState, period: number, asOf: string): ScorecardNote[] {
  const asOfKey = Number(asOf.replaceAll('-', ''));
  let afterPeriod = 0;
  let afterAsOf = 0;
  for (const [p, dates] of state.observationDates) {
    if (p > period) afterPeriod += dates.length;
    else for (const d of dates) if (d > asOfKey) afterAsOf++;
  }
  const notes: ScorecardNote[] = [];
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
      refs: [],
      text: {
        zh: `${afterAsOf} 条监测数据晚于评估日 ${asOf}，未计入`,
        en: `${afterAsOf} observation(s) dated after ${asOf} were left out`,
      },
    });
  }
  return notes;
}

const targetLinks = new WeakMap<Plan, Map<string, string[]>>();

function targetsOfTask(plan: Plan): Map<string, string[]> {
  let hit = targetLinks.get(plan);
  if (hit) return hit;
  const index = indexPlan(plan);
  hit = new Map();
  for (const target of plan.targets) {
    for (const link of target.links) {
      if (index.nodes.get(link)?.kind !== 'task') continue;
      push(hit, link, target.id);
    }
  }
  targetLinks.set(plan, hit);
  return hit;
}

/**
 * Evaluates targets, tasks and units from the indexed state. Pure apart from the cache, which
 * only ever returns what a fresh computation would (entries are reused only when every input
 * they were made from is unchanged). Internal.
 */
export function evaluateState(
  plan: Plan,
  scheme: AssessmentScheme,
  schemeHash: string,
  schemeIndex: SchemeIndex,
  state: AssessmentState,
  options: EvaluateOptions,
  cache: EvaluationCache = createEvaluationCache(),
): Scorecard {
  const { period, asOf, thresholds, explain } = options;
  const index = indexPlan(plan);
  const explainer = explainerFor(explain);
  const context = { period, asOf, planStart: plan.meta.period.start, thresholds, explain };
  // Explained and bulk results are never mixed: a change of mode starts the cache afresh.
  const key = `${period}|${asOf}|${thresholds.onTrack}|${thresholds.needsAcceleration}|${thresholds.limitedProgress}|${explain}`;
  if (cache.key !== key) {
    cache.key = key;
    cache.targets.clear();
    cache.own.clear();
    cache.tasks.clear();
    cache.units.clear();
    cache.sheets.clear();
    cache.records = null;
  }
  const asOfKey = Number(asOf.replaceAll('-', ''));
  const recordsStamp = `${state.allReviews.length}|${state.selfScores.length}|${state.awards.length}|${state.deductions.length}|${state.incidents.length}`;
  if (cache.records?.stamp !== recordsStamp)
    cache.records = { stamp: recordsStamp, value: periodRecords(state, scheme, period) };
  const records = cache.records.value;
  const unitName = (u: number) => plan.orgUnits[u - 1]?.id ?? String(u);

  // --- targets ------------------------------------------------------------------------------
  const evaluations = new Map<string, TargetEvaluation>();
  for (const t of plan.targets) {
    const bucket = state.county.get(t.id);
    const stamp = `${bucket?.version ?? -1}|${state.versions.get(`target:${t.id}`) ?? 0}`;
    const hit = cache.targets.get(t.id);
    if (hit && hit.stamp === stamp) {
      evaluations.set(t.id, hit.value);
      continue;
    }
    const indicator = index.indicators.get(t.indicator);
    const value =
      t.kind === 'qualitative'
        ? evaluateTarget(t, indicator, [], records.targetReviews.get(t.id) ?? [], context)
        : evaluateQuantitative(
            t,
            bucket
              ? seriesOf(bucket, t, indicator ?? { valueType: 'number', temporal: 'stock' }, period, asOfKey, unitName)
              : [],
            context,
            indicator,
          );
    cache.targets.set(t.id, { stamp, value });
    evaluations.set(t.id, value);
  }

  // --- tasks --------------------------------------------------------------------------------
  const links = targetsOfTask(plan);
  const tasks: TaskResult[] = [];
  const taskMap = new Map<string, TaskResult>();
  for (const { task } of index.tasks) {
    const ids = links.get(task.path) ?? [];
    const deps = ids.map((id) => evaluations.get(id));
    const stamp = state.versions.get(`task:${task.path}`) ?? 0;
    const hit = cache.tasks.get(task.path);
    let value: TaskResult;
    if (hit && hit.stamp === stamp && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i]))
      value = hit.value;
    else {
      value = evaluateTaskResult(task, ids, evaluations, records.taskReviews.get(task.path) ?? [], explainer);
      cache.tasks.set(task.path, { deps, stamp, value });
    }
    tasks.push(value);
    taskMap.set(task.path, value);
  }

  // --- units --------------------------------------------------------------------------------
  const ownEvaluation = (source: Extract<ItemSource, { kind: 'target' }>, unit: string): TargetEvaluation => {
    const ownKey = `${source.target}|${unit}|${source.comparator ? JSON.stringify(source.comparator) : ''}`;
    const bucket = state.own.get(`${source.target}|${unit}`);
    const stamp = bucket?.version ?? -1;
    const hit = cache.own.get(ownKey);
    if (hit && hit.stamp === stamp) return hit.value;
    const target = index.targets.get(source.target) as QuantitativeTarget;
    const virtual: QuantitativeTarget = {
      ...target,
      baseline: undefined,
      comparator: source.comparator ?? target.comparator,
    };
    const indicator = index.indicators.get(target.indicator) ?? {
      valueType: 'number' as const,
      temporal: 'stock' as const,
    };
    const value = evaluateQuantitative(
      virtual,
      bucket
        ? seriesOf(bucket, { id: target.id, comparator: virtual.comparator }, indicator, period, asOfKey, () => unit)
        : [],
      context,
      indicator,
    );
    cache.own.set(ownKey, { stamp, value });
    return value;
  };
  const sheets = scheme.sheets.map((sheet) => {
    const input: SheetScoringInput = {
      plan,
      sheet,
      members: schemeIndex.membersOfSheet.get(sheet.id) ?? [],
      targets: evaluations,
      tasks: taskMap,
      ownEvaluation,
      itemReviews: records.itemReviews,
      selfScores: records.selfScores,
      awards: records.awards,
      deductions: records.deductions,
      incidents: records.incidents,
      explain,
    };
    const scored = input.members.map((unit) => {
      const stamp = state.versions.get(`unit:${unit}`) ?? 0;
      const hit = cache.units.get(unit);
      // A dependency is checked against this evaluation's maps, not the ones current when it was
      // recorded: a closure over the earlier maps would always agree with itself.
      const unchanged = (d: UnitDependency) =>
        d.kind === 'target'
          ? evaluations.get(d.id) === d.value
          : d.kind === 'task'
            ? taskMap.get(d.id) === d.value
            : ownEvaluation(d.source, d.unit) === d.value;
      if (hit && hit.stamp === stamp && hit.records === records && hit.deps.every(unchanged)) return hit.value;
      // Record what the unit's items read, so the next evaluation can tell whether any of it changed.
      const deps: UnitDependency[] = [];
      const recording: SheetScoringInput = {
        ...input,
        targets: {
          get: (id: string) => {
            const v = evaluations.get(id);
            deps.push({ kind: 'target', id, value: v });
            return v;
          },
        } as ReadonlyMap<string, TargetEvaluation>,
        tasks: {
          get: (path: string) => {
            const v = taskMap.get(path);
            deps.push({ kind: 'task', id: path, value: v });
            return v;
          },
        } as ReadonlyMap<string, TaskResult>,
        ownEvaluation: (source, u) => {
          const v = ownEvaluation(source, u);
          deps.push({ kind: 'own', source, unit: u, value: v });
          return v;
        },
      };
      const value = scoreUnit(recording, unit);
      cache.units.set(unit, { deps, stamp, records, value });
      return value;
    });
    const held = cache.sheets.get(sheet.id);
    if (held && held.units.length === scored.length && held.units.every((u, i) => u === scored[i])) return held.value;
    const value = gradeAndRank(
      sheet,
      scored,
      (u, decision, make) => {
        const hit = cache.finished.get(u);
        if (hit && hit.decision === decision) return hit.value;
        const made = make();
        cache.finished.set(u, { decision, value: made });
        return made;
      },
      explainer,
    );
    cache.sheets.set(sheet.id, { units: scored, value });
    return value;
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
      hash: schemeHash,
    },
    inputsHash: options.inputsHash,
    period,
    asOf,
    thresholds,
    targets: plan.targets.map((t) => evaluations.get(t.id) as TargetEvaluation),
    tasks,
    sheets,
    notes: [...observationNotes(state, period, asOf), ...records.notes],
  };
}
