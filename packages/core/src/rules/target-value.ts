import {
  type Comparator,
  type ConflictResolution,
  DEFAULT_AGGREGATION,
  type QuantitativeTarget,
  type TargetAggregation,
} from '../target.js';

/**
 * One figure reported for a target in one period, as {@link formTargetValue} reads it: who
 * reported it (`null` for a county-wide figure nobody in particular reported), what it covers
 * (`scope`; see `ObservationSchema` for the reading when absent), its category below the
 * target's own (`''` at the target's own level), the value (or a rate's numerator and
 * denominator) and `time`, any number that orders figures in time (such as YYYYMMDD).
 *
 * A reporter's several observations of one series in a period are one figure: the caller sums a
 * flow's parts and keeps a stock's latest.
 *
 * @example
 * ```ts
 * import type { ReportedFigure } from '@kepu/core';
 * const f: ReportedFigure = { reporter: 'cast', scope: 'county', category: '', value: 210000, numerator: null, denominator: null, time: 20241231 };
 * ```
 */
export interface ReportedFigure {
  readonly reporter: string | null;
  readonly scope?: 'county' | 'own' | undefined;
  readonly category: string;
  readonly value: number;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly time: number;
}

/**
 * How to read the figures: the target's aggregation rule (absent: `sum-of-own`), its comparator
 * (which says which of two disagreeing figures is less favourable), and the kind of value:
 * `rate` (numerators and denominators are summed; figures compare by their ratio × `scale`),
 * `all-done` (a yes/no level: the units' own figures combine as “all did it”, the minimum) or
 * `number`.
 *
 * @example
 * ```ts
 * import type { FormingOptions } from '@kepu/core';
 * const o: FormingOptions = { rule: { kind: 'county-figure' }, comparator: { op: 'gte', value: 5, word: '达到' }, kind: 'number' };
 * ```
 */
export interface FormingOptions {
  readonly rule?: TargetAggregation | undefined;
  readonly comparator?: Comparator | undefined;
  readonly kind?: 'number' | 'rate' | 'all-done';
  /** @default 100 */
  readonly scale?: number;
}

/**
 * One reporter's figure as it took part in forming a value: its reporter and scope as read, its
 * value, whether it formed the value (`used`) and, when not, why: `reconciled` (another report
 * of the same fact was kept), `not-added` (an own contribution beside a county-wide figure, or an
 * own figure under `county-figure`), `smaller` (under `max`) or `older` (under `latest`).
 *
 * @example
 * ```ts
 * import type { FormedReport } from '@kepu/core';
 * const r: FormedReport = { reporter: 'shanhe', scope: 'own', value: 20000, used: false, why: 'not-added' };
 * ```
 */
export interface FormedReport {
  readonly reporter: string | null;
  readonly scope: 'county' | 'own';
  readonly value: number;
  readonly used: boolean;
  readonly why?: 'reconciled' | 'not-added' | 'smaller' | 'older';
}

/**
 * Reports of one fact that disagree, and which figure was kept: by the `designated-reporter` of a
 * `county-figure` rule, or by the rule's `onConflict` (`isDefault` when the target says nothing
 * and Kepu's default, the less favourable figure, was used).
 *
 * @example
 * ```ts
 * import type { ValueConflict } from '@kepu/core';
 * const c: ValueConflict = { figures: [{ reporter: 'cast', value: 1 }, { reporter: 'science-tech', value: 2 }], kept: 1, resolution: 'less-favourable', isDefault: true };
 * ```
 */
export interface ValueConflict {
  readonly figures: ReadonlyArray<{ readonly reporter: string | null; readonly value: number }>;
  readonly kept: number;
  readonly resolution: ConflictResolution | 'designated-reporter';
  readonly isDefault: boolean;
}

/**
 * How a conflict was settled, in words an official reads: which figure was kept and why, marked
 * （默认） / (default) when that choice is Kepu's default rule rather than the target's. Pure.
 *
 * @example
 * ```ts
 * import { conflictResolutionText } from '@kepu/core';
 * conflictResolutionText({ figures: [], kept: 1, resolution: 'less-favourable', isDefault: true }).zh;
 * // '采用较不利的数据（默认）'
 * ```
 */
export function conflictResolutionText(c: Pick<ValueConflict, 'resolution' | 'isDefault'>): {
  readonly zh: string;
  readonly en: string;
} {
  const how =
    c.resolution === 'designated-reporter'
      ? { zh: '采用指定报送单位的数据', en: 'the designated reporter’s figure is used' }
      : c.resolution === 'less-favourable'
        ? { zh: '采用较不利的数据', en: 'the less favourable figure is used' }
        : { zh: '采用较有利的数据', en: 'the more favourable figure is used' };
  return c.isDefault ? { zh: `${how.zh}（默认）`, en: `${how.en} (default)` } : how;
}

/**
 * A period's value as {@link formTargetValue} formed it: the value (a rate's ratio × scale, with
 * its numerator and denominator), whether it is a county-wide figure or the sum of units' own
 * (`level`), whether figures at the target's own category level were used (`exact`) or finer
 * ones added up (`summed`), the indices of the figures used, every reporter's figure and what
 * became of it, and the conflict, if reports of one fact disagreed.
 *
 * @example
 * ```ts
 * import { formTargetValue } from '@kepu/core';
 * formTargetValue([], {}); // null: nothing reported is no value, never 0
 * ```
 */
export interface FormedValue {
  readonly rule: TargetAggregation['kind'];
  readonly value: number;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly level: 'county' | 'units';
  readonly categories: 'exact' | 'summed';
  readonly used: readonly number[];
  readonly reports: readonly FormedReport[];
  readonly conflict: ValueConflict | null;
}

interface Combined {
  readonly reporter: string | null;
  readonly scope: 'county' | 'own';
  readonly value: number;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly time: number;
  readonly indices: number[];
  readonly exact: boolean;
}

/** How far a value is from meeting the comparator, larger being less favourable. */
function shortfall(comparator: Comparator | undefined, v: number): number {
  if (comparator === undefined) return -v;
  switch (comparator.op) {
    case 'gte':
    case 'gt':
      return -v;
    case 'lte':
    case 'lt':
      return v;
    case 'eq':
      return Math.abs(v - comparator.value);
    case 'range':
      return v < comparator.min ? comparator.min - v : v > comparator.max ? v - comparator.max : 0;
  }
}

/**
 * Forms a target's value for one period from the figures its units reported: the one rule the
 * assessment and the engine's target watch share. Pure; returns `null` when no figure counts
 * (nothing reported is no value, never 0).
 *
 * 1. Each figure's scope: as reported; when absent, a figure without a reporter is county-wide,
 *    and one with a reporter is a report of the county figure under `county-figure`, the
 *    reporter's own contribution under any other rule.
 * 2. Each reporter's figures of one scope become one: at the target's own category level when
 *    reported there, else its finer categories added up.
 * 3. By the rule: `county-figure` reconciles the county-wide reports (own contributions are not
 *    added; none means no value); `sum-of-own` reconciles the county-wide reports when there are
 *    any (a county figure is the whole: own figures are never added to it), else adds the
 *    disjoint own contributions (for a yes/no level: done when all did it); `max` keeps the
 *    largest figure; `latest` the most recent.
 * 4. Reconciling reports of one fact: the designated reporter's, when it reported; else one
 *    value when they agree; else a {@link ValueConflict} and the figure `onConflict` says (Kepu's
 *    default: the less favourable for the comparator, labelled as a default).
 *
 * Reporting the same fact twice never changes the value.
 *
 * @example
 * ```ts
 * import { formTargetValue } from '@kepu/core';
 * const county = { reporter: 'cast', scope: 'county' as const, category: '', value: 210000, numerator: null, denominator: null, time: 20241231 };
 * const own = { reporter: 'shanhe', scope: 'own' as const, category: '', value: 20000, numerator: null, denominator: null, time: 20241231 };
 * formTargetValue([county, own], { rule: { kind: 'sum-of-own' } })?.value; // 210000, not 230000
 * ```
 */
export function formTargetValue(figures: readonly ReportedFigure[], options: FormingOptions = {}): FormedValue | null {
  if (figures.length === 0) return null;
  const rule = options.rule ?? DEFAULT_AGGREGATION;
  const rate = options.kind === 'rate';
  const allDone = options.kind === 'all-done';
  const scale = options.scale ?? 100;
  // 1–2: one figure per reporter and scope, in the order the figures came.
  const groups = new Map<string, { reporter: string | null; scope: 'county' | 'own'; indices: number[] }>();
  figures.forEach((f, i) => {
    const scope = f.scope ?? (f.reporter === null || rule.kind === 'county-figure' ? 'county' : 'own');
    const key = `${scope}|${f.reporter ?? ''}`;
    const group = groups.get(key);
    if (group) group.indices.push(i);
    else groups.set(key, { reporter: f.reporter, scope, indices: [i] });
  });
  const combined: Combined[] = [];
  for (const { reporter, scope, indices } of groups.values()) {
    const exact = indices.filter((i) => (figures[i] as ReportedFigure).category === '');
    const chosen = exact.length > 0 ? exact : indices;
    combined.push({ reporter, scope, ...sum(figures, chosen, allDone), indices: chosen, exact: exact.length > 0 });
  }
  // A rate's figure is its ratio; a rate published without its parts (denominator null) is its value.
  const figureValue = (c: Pick<Combined, 'value' | 'numerator' | 'denominator'>) =>
    rate && c.denominator !== null ? (c.denominator > 0 ? ((c.numerator ?? 0) / c.denominator) * scale : 0) : c.value;
  const county = combined.filter((c) => c.scope === 'county');
  const own = combined.filter((c) => c.scope === 'own');
  const reportOf = (c: Combined, used: boolean, why?: FormedReport['why']): FormedReport => ({
    reporter: c.reporter,
    scope: c.scope,
    value: figureValue(c),
    used,
    ...(why === undefined ? {} : { why }),
  });
  const onConflict = 'onConflict' in rule ? rule.onConflict : undefined;
  const pick = (
    list: readonly Combined[],
    designated: string | undefined,
  ): { kept: Combined; conflict: ValueConflict | null } => {
    const first = list[0] as Combined;
    const values = list.map(figureValue);
    const agree = values.every((v) => v === values[0]);
    const byDesignated = designated === undefined ? undefined : list.find((c) => c.reporter === designated);
    let kept = byDesignated ?? first;
    if (byDesignated === undefined && !agree) {
      const sign = (onConflict ?? 'less-favourable') === 'less-favourable' ? 1 : -1;
      let best = sign * shortfall(options.comparator, figureValue(first));
      for (const c of list) {
        const s = sign * shortfall(options.comparator, figureValue(c));
        if (s > best) {
          best = s;
          kept = c;
        }
      }
    }
    if (agree) return { kept, conflict: null };
    return {
      kept,
      conflict: {
        figures: list.map((c) => ({ reporter: c.reporter, value: figureValue(c) })),
        kept: figureValue(kept),
        resolution: byDesignated ? 'designated-reporter' : (onConflict ?? 'less-favourable'),
        isDefault: byDesignated === undefined && onConflict === undefined,
      },
    };
  };
  const one = (kept: Combined, conflict: ValueConflict | null, reports: FormedReport[]): FormedValue => ({
    rule: rule.kind,
    value: figureValue(kept),
    numerator: rate ? kept.numerator : null,
    denominator: rate ? kept.denominator : null,
    level: kept.scope === 'county' ? 'county' : 'units',
    categories: kept.exact ? 'exact' : 'summed',
    used: kept.indices,
    reports,
    conflict,
  });
  const reconciled = (designated: string | undefined): FormedValue => {
    const { kept, conflict } = pick(county, designated);
    const reports = combined.map((c) =>
      c === kept ? reportOf(c, true) : reportOf(c, false, c.scope === 'own' ? 'not-added' : 'reconciled'),
    );
    return one(kept, conflict, reports);
  };
  switch (rule.kind) {
    case 'county-figure':
      return county.length === 0 ? null : reconciled(rule.reporter);
    case 'sum-of-own': {
      if (county.length > 0) return reconciled(undefined);
      const total = sum(
        own.map((c) => ({ value: c.value, numerator: c.numerator, denominator: c.denominator })),
        own.map((_, i) => i),
        allDone,
      );
      return {
        rule: rule.kind,
        value: figureValue(total),
        numerator: rate ? total.numerator : null,
        denominator: rate ? total.denominator : null,
        level: 'units',
        categories: own.every((c) => c.exact) ? 'exact' : 'summed',
        used: own.flatMap((c) => c.indices),
        reports: own.map((c) => reportOf(c, true)),
        conflict: null,
      };
    }
    case 'max': {
      let kept = combined[0] as Combined;
      for (const c of combined) if (figureValue(c) > figureValue(kept)) kept = c;
      return one(
        kept,
        null,
        combined.map((c) => (c === kept ? reportOf(c, true) : reportOf(c, false, 'smaller'))),
      );
    }
    case 'latest': {
      const latest = Math.max(...combined.map((c) => c.time));
      const newest = combined.filter((c) => c.time === latest);
      const { kept, conflict } = pick(newest, undefined);
      return one(
        kept,
        conflict,
        combined.map((c) =>
          c === kept ? reportOf(c, true) : reportOf(c, false, c.time === latest ? 'reconciled' : 'older'),
        ),
      );
    }
  }
}

/** The sum (or, for `all-done`, the minimum) of some figures, with the latest time among them. */
function sum(
  figures: ReadonlyArray<Pick<ReportedFigure, 'value' | 'numerator' | 'denominator'> & { time?: number }>,
  indices: readonly number[],
  allDone: boolean,
): { value: number; numerator: number | null; denominator: number | null; time: number } {
  let value = allDone ? 1 : 0;
  let numerator: number | null = null;
  let denominator: number | null = null;
  let time = Number.NEGATIVE_INFINITY;
  for (const i of indices) {
    const f = figures[i] as ReportedFigure;
    value = allDone ? Math.min(value, f.value) : value + f.value;
    if (f.numerator !== null) numerator = (numerator ?? 0) + f.numerator;
    if (f.denominator !== null) denominator = (denominator ?? 0) + f.denominator;
    if (f.time !== undefined) time = Math.max(time, f.time);
  }
  return { value, numerator, denominator, time };
}

/**
 * The aggregation rule a target follows: its own, else {@link DEFAULT_AGGREGATION}. Pure.
 *
 * @example
 * ```ts
 * import { aggregationOf } from '@kepu/core';
 * aggregationOf({ aggregation: undefined }).kind; // 'sum-of-own'
 * ```
 */
export function aggregationOf(target: Pick<QuantitativeTarget, 'aggregation'>): TargetAggregation {
  return target.aggregation ?? DEFAULT_AGGREGATION;
}
