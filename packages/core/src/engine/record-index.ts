import type { ProgressReport, TargetReview } from './state.js';

/**
 * Lookups of records by what they are about rather than by id, kept beside a collection so that
 * a command finds its prior record without scanning: a unit's active (not withdrawn) report for a
 * task and period, and a reviewer's review of a target for a year.
 *
 * An index belongs to one collection object (a `WeakMap` key): it is built by one scan the first
 * time a collection is asked, then kept up to date by the writes of the working state (which
 * copies it along with the collection). A collection made some other way (a replay, a catch-up)
 * simply gets a fresh index on first use.
 */
type Keyed = 'reports' | 'targetReviews';

const keyOf: { readonly [K in Keyed]: (record: never) => string | undefined } = {
  reports: (r: ProgressReport) =>
    r.status === 'withdrawn' ? undefined : `${r.plan}\u0000${r.task ?? ''}\u0000${r.unit}\u0000${r.period}`,
  targetReviews: (r: TargetReview) => `${r.plan}\u0000${r.target}\u0000${r.period}\u0000${r.reviewer}`,
};

/** Ids by key, in the collection's order (the first is what a scan with `find` would return). */
type Index = Map<string, string[]>;
const indexes = new WeakMap<object, Index>();

function build(kind: Keyed, collection: Readonly<Record<string, unknown>>): Index {
  const index: Index = new Map();
  const key = keyOf[kind] as (record: unknown) => string | undefined;
  for (const id in collection) {
    const k = key(collection[id]);
    if (k === undefined) continue;
    const ids = index.get(k);
    if (ids) ids.push(id);
    else index.set(k, [id]);
  }
  return index;
}

function indexOf(kind: Keyed, collection: Readonly<Record<string, unknown>>): Index {
  let index = indexes.get(collection);
  if (!index) {
    index = build(kind, collection);
    indexes.set(collection, index);
  }
  return index;
}

/** The unit's active report on a task (or its summary, `task: null`) for a period. */
export function activeReport(
  reports: Readonly<Record<string, ProgressReport>>,
  plan: string,
  task: string | null,
  unit: string,
  period: string,
): ProgressReport | undefined {
  const id = indexOf('reports', reports).get(`${plan}\u0000${task ?? ''}\u0000${unit}\u0000${period}`)?.[0];
  return id === undefined ? undefined : reports[id];
}

/** The review of a target for a year by a reviewer unit. */
export function reviewBy(
  reviews: Readonly<Record<string, TargetReview>>,
  plan: string,
  target: string,
  period: string,
  reviewer: string,
): TargetReview | undefined {
  const id = indexOf('targetReviews', reviews).get(`${plan}\u0000${target}\u0000${period}\u0000${reviewer}`)?.[0];
  return id === undefined ? undefined : reviews[id];
}

/** Gives a copy of a collection a copy of its index (if it has one), so the copy need not be scanned. */
export function copyIndex(from: object, to: object): void {
  const index = indexes.get(from);
  if (index) indexes.set(to, new Map([...index].map(([k, ids]) => [k, [...ids]])));
}

/** Keeps a collection's index (if it has one) up to date with one write to it. */
export function noteWrite(kind: string, collection: object, id: string, before: unknown, after: unknown): void {
  if (kind !== 'reports' && kind !== 'targetReviews') return;
  const index = indexes.get(collection);
  if (!index) return;
  const key = keyOf[kind] as (record: unknown) => string | undefined;
  const was = before === undefined ? undefined : key(before);
  const now = after === undefined ? undefined : key(after);
  if (was === now) return;
  if (was !== undefined) {
    const ids = index.get(was)?.filter((x) => x !== id) ?? [];
    if (ids.length > 0) index.set(was, ids);
    else index.delete(was);
  }
  if (now !== undefined) index.set(now, [...(index.get(now) ?? []), id]);
}
