import type { Plan } from '../../plan.js';
import type { Target } from '../../target.js';
import type { AssessmentInputs, Award, DeductionRecord, Incident, SelfScore } from '../inputs.js';
import type { Observation } from '../observation.js';
import type { Review } from '../review.js';
import type { AssessmentScheme } from '../scheme.js';
import { categoryMatches } from '../series.js';
import { type Bucket, createBucket, dateKeyOf, finerCategory, insertRow, pushRow } from './bucket.js';

/**
 * Everything an assessment reads, indexed for evaluation and for incremental updates: the
 * observations in one bucket per target (and per target and unit for targets a sheet scores on
 * units' own data), reviews and other records by what they are about, with version counters that
 * caches key on. Internal.
 */
export interface AssessmentState {
  readonly county: Map<string, Bucket>;
  readonly own: Map<string, Bucket>;
  /** Observation counts by period, and their date keys, for the notes on what was left out. */
  readonly observationDates: Map<number, number[]>;
  readonly targetReviews: Map<string, Review[]>;
  readonly taskReviews: Map<string, Review[]>;
  readonly itemReviews: Map<string, Review[]>;
  readonly allReviews: Review[];
  readonly selfScores: SelfScore[];
  readonly awards: Award[];
  readonly deductions: DeductionRecord[];
  readonly incidents: Incident[];
  /** Per key (`target:<id>`, `task:<path>`, `unit:<id>`), a counter bumped by every new record. */
  readonly versions: Map<string, number>;
  /** Every observation id seen, to refuse duplicates in incremental updates. */
  readonly ids: Set<string>;
}

export function createState(): AssessmentState {
  return {
    county: new Map(),
    own: new Map(),
    observationDates: new Map(),
    targetReviews: new Map(),
    taskReviews: new Map(),
    itemReviews: new Map(),
    allReviews: [],
    selfScores: [],
    awards: [],
    deductions: [],
    incidents: [],
    versions: new Map(),
    ids: new Set(),
  };
}

function bump(state: AssessmentState, key: string): void {
  state.versions.set(key, (state.versions.get(key) ?? 0) + 1);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Targets scored somewhere in the scheme on a unit's own observations. */
export function ownTargetsOf(scheme: AssessmentScheme): Set<string> {
  const out = new Set<string>();
  for (const sheet of scheme.sheets)
    for (const g of sheet.groups)
      for (const item of g.items)
        for (const s of item.sources) if (s.kind === 'target' && s.scope === 'own') out.add(s.target);
  return out;
}

interface Routing {
  readonly targetsOfIndicator: ReadonlyMap<string, readonly Target[]>;
  readonly targetById: ReadonlyMap<string, readonly Target[]>;
  readonly unitIndex: ReadonlyMap<string, number>;
  readonly ownTargets: ReadonlySet<string>;
}

const routingCache = new WeakMap<Plan, WeakMap<AssessmentScheme, Routing>>();

function routingOf(plan: Plan, scheme: AssessmentScheme): Routing {
  let byScheme = routingCache.get(plan);
  const hit = byScheme?.get(scheme);
  if (hit) return hit;
  const targetsOfIndicator = new Map<string, Target[]>();
  for (const t of plan.targets) push(targetsOfIndicator, t.indicator, t);
  const routing: Routing = {
    targetsOfIndicator,
    targetById: new Map(plan.targets.map((t) => [t.id, [t]])),
    unitIndex: new Map(plan.orgUnits.map((u, i) => [u.id, i + 1])),
    ownTargets: ownTargetsOf(scheme),
  };
  if (!byScheme) {
    byScheme = new WeakMap();
    routingCache.set(plan, byScheme);
  }
  byScheme.set(scheme, routing);
  return routing;
}

/**
 * Adds one observation (already validated) to every bucket it counts in. `insert` keeps buckets
 * in canonical order (incremental); `push` appends for a bulk load, sorted before evaluation.
 */
export function addObservation(
  state: AssessmentState,
  plan: Plan,
  scheme: AssessmentScheme,
  o: Observation,
  mode: 'push' | 'insert',
): void {
  const routing = routingOf(plan, scheme);
  const date = dateKeyOf(o);
  const dates = state.observationDates.get(o.period);
  if (dates) dates.push(date);
  else state.observationDates.set(o.period, [date]);
  if (o.id !== undefined) state.ids.add(o.id);
  const unit = o.unit === undefined ? 0 : (routing.unitIndex.get(o.unit) ?? 0);
  const add = mode === 'push' ? pushRow : insertRow;
  const targets =
    o.target !== undefined
      ? (routing.targetById.get(o.target) ?? [])
      : (routing.targetsOfIndicator.get(o.indicator as string) ?? []);
  for (const t of targets) {
    // An observation that names its target is of that target's category unless it says otherwise.
    const category = o.target !== undefined && o.category === undefined ? t.category : o.category;
    if (t.category !== undefined && !categoryMatches(t.category, category)) continue;
    const row = {
      period: o.period,
      date,
      unit,
      scope: o.scope === undefined ? 0 : o.scope === 'county' ? 1 : 2,
      category: finerCategory(t.category, category),
      value: o.value ?? 0,
      numerator: o.numerator ?? 0,
      denominator: o.denominator ?? 0,
      id: o.id,
      estimate: o.estimate,
      published: o.published,
    };
    let bucket = state.county.get(t.id);
    if (!bucket) {
      bucket = createBucket();
      state.county.set(t.id, bucket);
    }
    add(bucket, row);
    // A unit's own evaluation reads its own figures: a county-wide figure it reported is not its own.
    if (o.unit !== undefined && o.scope !== 'county' && routing.ownTargets.has(t.id)) {
      const key = `${t.id}|${o.unit}`;
      let mine = state.own.get(key);
      if (!mine) {
        mine = createBucket();
        state.own.set(key, mine);
      }
      add(mine, { ...row, unit: 0, scope: 0 });
    }
  }
}

/** Adds every non-observation record; bumps the versions of what each is about. */
export function addRecords(
  state: AssessmentState,
  inputs: Omit<AssessmentInputs, 'observations' | 'schemaVersion'>,
): void {
  for (const r of inputs.reviews) {
    state.allReviews.push(r);
    if (r.target !== undefined) {
      push(state.targetReviews, r.target, r);
      bump(state, `target:${r.target}`);
    } else if (r.task !== undefined) {
      push(state.taskReviews, r.task, r);
      bump(state, `task:${r.task}`);
    } else if (r.item !== undefined) {
      push(state.itemReviews, `${r.item}|${r.unit}`, r);
      bump(state, `unit:${r.unit}`);
    }
  }
  for (const x of inputs.selfScores) {
    state.selfScores.push(x);
    bump(state, `unit:${x.unit}`);
  }
  for (const x of inputs.awards) {
    state.awards.push(x);
    bump(state, `unit:${x.unit}`);
  }
  for (const x of inputs.deductions) {
    state.deductions.push(x);
    bump(state, `unit:${x.unit}`);
  }
  for (const x of inputs.incidents) {
    state.incidents.push(x);
    bump(state, `unit:${x.unit}`);
  }
}
