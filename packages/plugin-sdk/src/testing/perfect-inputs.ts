import {
  type AssessmentInputsInput,
  type AssessmentScheme,
  type AssessmentSchemeInput,
  type Comparator,
  indexPlan,
  type Plan,
  parseScheme,
  type QuantitativeTarget,
  sheetMembers,
} from '@kepu/core';
import type { ResolvedCustomSample } from './custom-samples.js';

type Observation = NonNullable<AssessmentInputsInput['observations']>[number];
type Review = NonNullable<AssessmentInputsInput['reviews']>[number];

/** Samples of plugin-defined kinds by indicator id (see `resolveCustomSamples`). */
export type CustomSampleMap = ReadonlyMap<string, readonly ResolvedCustomSample[]>;

/** A reviewer for `subject` work: any unit of the plan not in `forbidden`, picked by `seed`. */
export function reviewerFor(plan: Plan, forbidden: readonly string[], seed: number): string | undefined {
  const candidates = plan.orgUnits.map((u) => u.id).filter((id) => !forbidden.includes(id));
  return candidates.length ? candidates[seed % candidates.length] : undefined;
}

/** A value that meets the comparator (for a target of a yes/no indicator, 1 meets `eq 1`). */
function meetingValue(c: Comparator): number {
  switch (c.op) {
    case 'gte':
    case 'lte':
    case 'eq':
      return c.value;
    case 'gt':
      return c.value + Math.max(1, Math.abs(c.value) * 0.1);
    case 'lt':
      return c.value - Math.max(1, Math.abs(c.value) * 0.1);
    case 'range':
      return c.min;
  }
}

/** The sample of a custom kind that meets the comparator and lies closest to `wanted`. */
function meetingSample(
  samples: readonly ResolvedCustomSample[],
  c: Comparator,
  wanted: number,
): ResolvedCustomSample | undefined {
  const meets = (v: number) => {
    switch (c.op) {
      case 'gte':
        return v >= c.value;
      case 'gt':
        return v > c.value;
      case 'lte':
        return v <= c.value;
      case 'lt':
        return v < c.value;
      case 'eq':
        return v === c.value;
      case 'range':
        return v >= c.min && v <= c.max;
    }
  };
  const meeting = samples.filter((s) => meets(s.value));
  const pool = meeting.length > 0 ? meeting : samples;
  return [...pool].sort((a, b) => Math.abs(a.value - wanted) - Math.abs(b.value - wanted))[0];
}

/**
 * Inputs under which everything is achieved for `period`: every quantitative target meets its
 * comparator (county-wide and, for sheets that score the unit's own data, for every unit against
 * its own threshold), every qualitative target, task and reviewer-scored item gets full marks
 * from a reviewer with filed evidence, and there are no deductions or vetoes.
 *
 * @example
 * ```ts
 * import { perfectInputs } from '@kepu/plugin-sdk/testing';
 * const card = assess(plan, scheme, perfectInputs(plan, scheme, 2024), { period: 2024 });
 * card.sheets[0]?.units[0]?.score; // the sheet's maxScore
 * ```
 */
export function perfectInputs(
  plan: Plan,
  schemeInput: AssessmentScheme | AssessmentSchemeInput,
  period: number,
  options: { custom?: CustomSampleMap } = {},
): AssessmentInputsInput {
  const scheme = parseScheme(schemeInput, plan);
  const index = indexPlan(plan);
  const observations: Observation[] = [];
  const series = (
    target: QuantitativeTarget,
    comparator: Comparator,
    unit: string | undefined,
    ignoreBaseline: boolean,
  ) => {
    const indicator = index.indicators.get(target.indicator);
    const scale = indicator?.rate?.scale ?? 100;
    const at = (year: number, value: number) => {
      const base = {
        target: target.id,
        period: year,
        // A unit's figure for a sheet that scores its own data is its own contribution, never a
        // second report of the county-wide figure.
        ...(unit ? { unit, scope: 'own' as const } : {}),
        ...(target.category ? { category: target.category } : {}),
      };
      if (indicator?.valueType === 'custom') {
        const pick = meetingSample(options.custom?.get(indicator.id) ?? [], comparator, value);
        if (pick) observations.push({ ...base, ...pick.observation } as Observation);
      } else if (indicator?.valueType === 'rate') {
        const denominator = 1_000_000;
        observations.push({
          ...base,
          numerator: Math.max(0, (value / scale) * denominator),
          denominator,
        } as Observation);
      } else observations.push({ ...base, value } as Observation);
    };
    if (target.cadence === 'year-on-year-growth') {
      const growth = meetingValue(comparator);
      // Two levels that grow as required; a rate's levels stay below its scale (a share).
      const levels = [100, 100 * (1 + growth / 100)];
      const factor = indicator?.valueType === 'rate' ? (0.9 * scale) / Math.max(...levels) : 1;
      at(period - 1, (levels[0] as number) * factor);
      at(period, (levels[1] as number) * factor);
    } else if (target.cadence === 'cumulative-by-deadline') {
      const start = ignoreBaseline ? 0 : (target.baseline?.value ?? 0);
      at(period, Math.max(0, meetingValue(comparator) - start));
    } else {
      at(period, meetingValue(comparator));
    }
  };
  for (const target of plan.targets)
    if (target.kind === 'quantitative') series(target, target.comparator, undefined, false);
  for (const sheet of scheme.sheets) {
    const members = sheetMembers(plan, sheet);
    for (const g of sheet.groups)
      for (const item of g.items)
        for (const s of item.sources) {
          if (s.kind !== 'target' || s.scope !== 'own') continue;
          const target = index.targets.get(s.target);
          if (target?.kind !== 'quantitative') continue;
          for (const unit of members) {
            if (observations.some((o) => o.unit === unit && o.target === target.id)) continue;
            series(target, s.comparator ?? target.comparator, unit, true);
          }
        }
  }
  const reviews: Review[] = [];
  const full = (extra: Partial<Review>, forbidden: readonly string[]) => {
    const reviewer = reviewerFor(plan, forbidden, 0);
    if (reviewer)
      reviews.push({
        period,
        score: 1,
        outOf: 1,
        reviewer: { unit: reviewer },
        evidence: [{ title: '佐证', filed: true }],
        ...extra,
      } as Review);
  };
  for (const target of plan.targets) {
    if (target.kind !== 'qualitative') continue;
    const leads = target.links.flatMap((l) => {
      const node = index.nodes.get(l);
      return node?.kind === 'task' ? node.task.leads : [];
    });
    full({ target: target.id }, leads);
  }
  for (const { task } of index.tasks) full({ task: task.path }, task.leads);
  for (const sheet of scheme.sheets)
    for (const unit of sheetMembers(plan, sheet))
      for (const g of sheet.groups)
        for (const item of g.items) {
          if (item.rule !== 'reviewer' || (item.appliesTo && !item.appliesTo.includes(unit))) continue;
          full({ item: item.id, unit }, [unit]);
        }
  return { observations, reviews };
}
