import { createIssue, KepuError } from '../../errors.js';
import { formTargetValue, type ReportedFigure } from '../../rules/target-value.js';
import type { Comparator, Indicator, TargetAggregation } from '../../target.js';
import type { Observation, ObservedEstimate, PublishedValue } from '../observation.js';
import type { AnnualPoint } from '../series.js';
import { endOfYear } from './time.js';

/**
 * The observations of one target (county-wide, or one unit's own), held column-wise in typed
 * arrays and kept in a canonical order — by period, date, reporting unit, category, then the
 * values — so that sums run in the same order whatever order the records came in (floating-point
 * addition is not associative), without sorting at evaluation time. Internal.
 */
export interface Bucket {
  size: number;
  /** True while every row is in canonical order; `add` keeps it, bulk `push` clears it. */
  sorted: boolean;
  /** Incremented on every change; caches key on it. */
  version: number;
  period: Int32Array;
  /** YYYYMMDD; undated rows take the last day of their period. */
  date: Int32Array;
  /** 0 for a county-wide figure, 1 + the unit's position in the plan otherwise. */
  unit: Int32Array;
  /** What the figure covers: 0 as the target's rule reads it, 1 county-wide, 2 the unit's own. */
  scope: Int32Array;
  /** 0 when the row is at the target's own category level; else 1 + an index into `categories`. */
  category: Int32Array;
  value: Float64Array;
  numerator: Float64Array;
  denominator: Float64Array;
  ids: Array<string | undefined>;
  /** The survey estimate behind each row, if it has one (its interval and flags). */
  estimates: Array<ObservedEstimate | undefined>;
  /** Where each row's figure was published, if it was published by someone else. */
  published: Array<PublishedValue | undefined>;
  /** Finer category combinations seen, as canonical `dim=cat,…` text. */
  categories: string[];
  categoryIndex: Map<string, number>;
}

const INITIAL = 16;

export function createBucket(): Bucket {
  return {
    size: 0,
    sorted: true,
    version: 0,
    period: new Int32Array(INITIAL),
    date: new Int32Array(INITIAL),
    unit: new Int32Array(INITIAL),
    scope: new Int32Array(INITIAL),
    category: new Int32Array(INITIAL),
    value: new Float64Array(INITIAL),
    numerator: new Float64Array(INITIAL),
    denominator: new Float64Array(INITIAL),
    ids: [],
    estimates: [],
    published: [],
    categories: [],
    categoryIndex: new Map(),
  };
}

function grow(b: Bucket, need: number): void {
  if (need <= b.period.length) return;
  let capacity = b.period.length * 2;
  while (capacity < need) capacity *= 2;
  eachColumn(b, (a) => {
    const n = sameKind(a, capacity);
    n.set(a.subarray(0, b.size));
    return n;
  });
}

type Column = Int32Array | Float64Array;

/** A new zeroed column of the same element type as `a`. */
function sameKind<T extends Column>(a: T, length: number): T {
  return (a instanceof Int32Array ? new Int32Array(length) : new Float64Array(length)) as T;
}

/** Replaces every numeric column of a bucket by `f` of it. */
function eachColumn(b: Bucket, f: <T extends Column>(a: T) => T): void {
  b.period = f(b.period);
  b.date = f(b.date);
  b.unit = f(b.unit);
  b.scope = f(b.scope);
  b.category = f(b.category);
  b.value = f(b.value);
  b.numerator = f(b.numerator);
  b.denominator = f(b.denominator);
}

/** A row to add: the observation's fields already resolved to numbers. */
export interface Row {
  readonly period: number;
  readonly date: number;
  readonly unit: number;
  /** 0 when the observation gives no scope, 1 for `county`, 2 for `own`. */
  readonly scope: number;
  /** '' at the target's own category level, else the canonical text of the finer category. */
  readonly category: string;
  readonly value: number;
  readonly numerator: number;
  readonly denominator: number;
  readonly id: string | undefined;
  /** The observation's survey estimate, if any. */
  readonly estimate?: ObservedEstimate | undefined;
  /** The observation's publication (source, interval), if someone else published it. */
  readonly published?: PublishedValue | undefined;
}

function categoryOf(b: Bucket, text: string): number {
  if (text === '') return 0;
  let index = b.categoryIndex.get(text);
  if (index === undefined) {
    b.categories.push(text);
    index = b.categories.length;
    b.categoryIndex.set(text, index);
  }
  return index;
}

function write(b: Bucket, at: number, row: Row, category: number): void {
  b.period[at] = row.period;
  b.date[at] = row.date;
  b.unit[at] = row.unit;
  b.scope[at] = row.scope;
  b.category[at] = category;
  b.value[at] = row.value;
  b.numerator[at] = row.numerator;
  b.denominator[at] = row.denominator;
  b.ids[at] = row.id;
  b.estimates[at] = row.estimate;
  b.published[at] = row.published;
}

function compareAt(b: Bucket, i: number, j: number): number {
  return (
    (b.period[i] as number) - (b.period[j] as number) ||
    (b.date[i] as number) - (b.date[j] as number) ||
    (b.unit[i] as number) - (b.unit[j] as number) ||
    (b.scope[i] as number) - (b.scope[j] as number) ||
    compareCategory(b, b.category[i] as number, b.category[j] as number) ||
    (b.value[i] as number) - (b.value[j] as number) ||
    (b.numerator[i] as number) - (b.numerator[j] as number) ||
    (b.denominator[i] as number) - (b.denominator[j] as number) ||
    compareIds(b.ids[i], b.ids[j])
  );
}

function compareCategory(b: Bucket, x: number, y: number): number {
  if (x === y) return 0;
  if (x === 0) return -1;
  if (y === 0) return 1;
  const a = b.categories[x - 1] as string;
  const c = b.categories[y - 1] as string;
  return a < c ? -1 : a > c ? 1 : 0;
}

function compareIds(a: string | undefined, c: string | undefined): number {
  if (a === c) return 0;
  if (a === undefined) return -1;
  if (c === undefined) return 1;
  return a < c ? -1 : 1;
}

/** Appends without keeping the order (bulk load); {@link sortBucket} restores it. */
export function pushRow(b: Bucket, row: Row): void {
  grow(b, b.size + 1);
  write(b, b.size, row, categoryOf(b, row.category));
  b.size++;
  b.sorted = false;
  b.version++;
}

/** Inserts at its place in the canonical order (incremental updates). */
export function insertRow(b: Bucket, row: Row): void {
  if (!b.sorted) {
    pushRow(b, row);
    return;
  }
  grow(b, b.size + 1);
  const category = categoryOf(b, row.category);
  // Write the row in the spare slot, then find its place by binary search.
  const spare = b.size;
  write(b, spare, row, category);
  let lo = 0;
  let hi = spare;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAt(b, mid, spare) <= 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo < spare) {
    const columns = [b.period, b.date, b.unit, b.scope, b.category, b.value, b.numerator, b.denominator] as const;
    for (const column of columns) {
      const held = column[spare] as number;
      column.copyWithin(lo + 1, lo, spare);
      column[lo] = held;
    }
    b.ids.splice(lo, 0, b.ids.pop());
    b.estimates.splice(lo, 0, b.estimates.pop());
    b.published.splice(lo, 0, b.published.pop());
  }
  b.size++;
  b.version++;
}

/** Puts a bulk-loaded bucket into canonical order. */
export function sortBucket(b: Bucket): void {
  if (b.sorted) return;
  const order = new Uint32Array(b.size);
  for (let i = 0; i < b.size; i++) order[i] = i;
  order.sort((i, j) => compareAt(b, i, j));
  eachColumn(b, (a) => {
    const n = sameKind(a, a.length);
    for (let k = 0; k < b.size; k++) n[k] = a[order[k] as number] as number;
    return n;
  });
  const ids = b.ids;
  b.ids = Array.from(order, (k) => ids[k]);
  const estimates = b.estimates;
  b.estimates = Array.from(order, (k) => estimates[k]);
  const published = b.published;
  b.published = Array.from(order, (k) => published[k]);
  b.sorted = true;
}

const MAX_REFS = 20;

function timeOfDateKey(key: number): number {
  const year = Math.floor(key / 10_000);
  const month = Math.floor(key / 100) % 100;
  const day = key % 100;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][month - 1] as number;
  const doy = before + day + (month > 2 && leap ? 1 : 0);
  return year + doy / (leap ? 366 : 365);
}

function dateText(key: number): string {
  const s = String(key).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** What `seriesOf` needs of a target: its id, and the rule and comparator that form its value. */
export interface SeriesTarget {
  readonly id: string;
  readonly aggregation?: TargetAggregation | undefined;
  readonly comparator?: Comparator | undefined;
}

const SCOPES = [undefined, 'county', 'own'] as const;

/**
 * Aggregates a bucket into one point per period up to `period`, leaving out rows dated after
 * `asOfKey` (YYYYMMDD). Each reporter's rows of one series (unit, scope, category) become one
 * figure — a flow's parts summed, a stock's latest kept — and the figures form the value by the
 * target's aggregation rule (`formTargetValue`). Throws a KepuError (`duplicate-observation`)
 * for two stock rows of one series on one date.
 */
export function seriesOf(
  b: Bucket,
  target: SeriesTarget,
  indicator: Pick<Indicator, 'valueType' | 'temporal' | 'rate'>,
  period: number,
  asOfKey: number,
  unitName: (unit: number) => string,
): AnnualPoint[] {
  sortBucket(b);
  const points: AnnualPoint[] = [];
  const stock = indicator.temporal === 'stock';
  const rate = indicator.valueType === 'rate';
  const options = {
    rule: target.aggregation,
    comparator: target.comparator,
    kind: rate
      ? ('rate' as const)
      : stock && indicator.valueType === 'boolean'
        ? ('all-done' as const)
        : ('number' as const),
    scale: indicator.rate?.scale ?? 100,
  };
  const n = b.size;
  let i = 0;
  while (i < n) {
    const p = b.period[i] as number;
    if (p > period) break;
    // The rows of period p are i … end-1 (the order puts periods together).
    let end = i;
    while (end < n && b.period[end] === p) end++;
    // One figure per series: rows are ordered by date within the period, so a stock's last row
    // seen wins, and two rows of one series on one date are adjacent.
    const seriesRows = new Map<number, number[]>();
    let previous = -1;
    for (let k = i; k < end; k++) {
      if ((b.date[k] as number) > asOfKey) continue;
      const key = ((b.unit[k] as number) * 4 + (b.scope[k] as number)) * 1_048_576 + (b.category[k] as number);
      if (
        stock &&
        previous >= 0 &&
        b.date[previous] === b.date[k] &&
        b.unit[previous] === b.unit[k] &&
        b.scope[previous] === b.scope[k] &&
        b.category[previous] === b.category[k]
      ) {
        const unit = b.unit[k] as number;
        const category = b.category[k] as number;
        throw new KepuError([
          createIssue('duplicate-observation', ['observations'], {
            target: target.id,
            date: dateText(b.date[k] as number),
            unit: unit === 0 ? '(county)' : unitName(unit),
            category: category === 0 ? '(total)' : (b.categories[category - 1] as string),
          }),
        ]);
      }
      previous = k;
      const rows = seriesRows.get(key);
      if (rows === undefined) seriesRows.set(key, [k]);
      else if (stock) rows[0] = k;
      else rows.push(k);
    }
    if (seriesRows.size === 0) {
      i = end;
      continue;
    }
    // Figures in the order of their series, so that sums do not depend on the records' order.
    const keys = [...seriesRows.keys()].sort((x, y) => x - y);
    const rowsOf: number[][] = [];
    const figures: ReportedFigure[] = [];
    for (const key of keys) {
      const rows = seriesRows.get(key) as number[];
      const k0 = rows[0] as number;
      let value = 0;
      let numerator = 0;
      let denominator = 0;
      let date = 0;
      for (const k of rows) {
        value += b.value[k] as number;
        numerator += b.numerator[k] as number;
        denominator += b.denominator[k] as number;
        date = Math.max(date, b.date[k] as number);
      }
      const unit = b.unit[k0] as number;
      const category = b.category[k0] as number;
      const published = rows.every((k) => b.published[k] !== undefined);
      rowsOf.push(rows);
      figures.push({
        reporter: unit === 0 ? null : unitName(unit),
        scope: SCOPES[b.scope[k0] as number],
        category: category === 0 ? '' : (b.categories[category - 1] as string),
        value,
        // A published rate has no parts: its figure is its value (compared and reconciled as such).
        numerator: rate && !published ? numerator : null,
        denominator: rate && !published ? denominator : null,
        time: date,
      });
    }
    const formed = formTargetValue(figures, options);
    if (formed === null) {
      i = end;
      continue;
    }
    const used = formed.used.flatMap((f) => rowsOf[f] as number[]);
    let lastDate = 0;
    for (const k of used) lastDate = Math.max(lastDate, b.date[k] as number);
    const count = used.length;
    const time = stock ? timeOfDateKey(lastDate) : endOfYear(p);
    const ids = count <= MAX_REFS ? used.map((k) => b.ids[k]).filter((id): id is string => id !== undefined) : [];
    // A survey estimate's interval belongs to the value only when that one observation made it:
    // a sum of several estimates has another interval, which Kepu does not invent.
    const single = count === 1 ? b.estimates[used[0] as number] : undefined;
    const estimate = single === undefined ? {} : { estimate: single };
    // A published figure is taken as published: a rate without its parts, never added to others.
    const publication = count === 1 ? b.published[used[0] as number] : undefined;
    if (publication === undefined && rate && used.some((k) => b.published[k] !== undefined)) {
      throw new KepuError([
        createIssue('invalid-observation', ['observations'], {
          detail: `target ${target.id}, ${p}: a published rate cannot be added to other figures; report one county-wide published figure, or the numerators and denominators`,
        }),
      ]);
    }
    // Which reports formed the value, when more than one reporter or scope took part.
    const reports = formed.reports.length > 1 || formed.conflict !== null ? { reports: formed.reports } : {};
    const conflict = formed.conflict === null ? {} : { conflict: formed.conflict };
    points.push({
      period: p,
      value: publication !== undefined ? (b.value[used[0] as number] as number) : formed.value,
      numerator: rate && publication === undefined ? formed.numerator : null,
      denominator: rate && publication === undefined ? formed.denominator : null,
      time,
      count,
      level: formed.level,
      categories: formed.categories,
      refs: ids,
      ...(publication !== undefined ? { published: publication } : estimate),
      ...(target.aggregation === undefined ? {} : { aggregation: formed.rule }),
      ...reports,
      ...conflict,
    });
    i = end;
  }
  return points;
}

/** The canonical `dim=cat,…` text of the dimensions of `category` beyond the target's own. */
export function finerCategory(
  targetCategory: Readonly<Record<string, string>> | undefined,
  category: Readonly<Record<string, string>> | undefined,
): string {
  if (!category) return '';
  const own = targetCategory ? Object.keys(targetCategory).length : 0;
  const keys = Object.keys(category);
  if (keys.length === own) return '';
  keys.sort();
  let text = '';
  for (const k of keys) text += `${text ? ',' : ''}${k}=${category[k]}`;
  return text;
}

/** The YYYYMMDD key of an observation's date (the last day of its period when undated). */
export function dateKeyOf(o: Pick<Observation, 'date' | 'period'>): number {
  if (o.date === undefined) return o.period * 10_000 + 1231;
  const d = o.date;
  return (
    (d.charCodeAt(0) - 48) * 10_000_000 +
    (d.charCodeAt(1) - 48) * 1_000_000 +
    (d.charCodeAt(2) - 48) * 100_000 +
    (d.charCodeAt(3) - 48) * 10_000 +
    (d.charCodeAt(5) - 48) * 1_000 +
    (d.charCodeAt(6) - 48) * 100 +
    (d.charCodeAt(8) - 48) * 10 +
    (d.charCodeAt(9) - 48)
  );
}
