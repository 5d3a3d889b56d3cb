import { indexPlan, type Plan, type PlanIndex, type ReportObservation } from '@kepu/core';
import { ZHENGNING_DEPARTMENT_IDS, ZHENGNING_TOWNSHIP_IDS } from '../ids.js';
import { zhengningScheme } from '../scheme.js';
import { type CountyFigures, countyFigures, type TownshipSeries, townshipSeries } from './figures.js';
import type { DemoHistorySummary } from './history.js';
import type { Random } from './random.js';
import { clamp, type Obligation, type Step } from './story.js';

/** How well a unit works, in [0, 1]: drives review scores and self-scores. */
interface UnitTraits {
  readonly diligence: number;
}

/** The report counts of {@link DemoHistorySummary}, kept up to date as the steps are written. */
export type ReportCounts = { -readonly [K in keyof DemoHistorySummary['reports']]: number };

/**
 * What every part of the story shares: the seeded generator, the cast (units and their traits),
 * the county's figures, the reports owed, and the steps and counts written so far.
 *
 * The generator is shared on purpose: every part draws from it in the order the story is told,
 * and that order is the history (the demo's golden hash pins it). A part must not draw more,
 * less or earlier than it did, or `DEMO_GENERATOR_VERSION` must change.
 */
export interface StoryContext {
  readonly random: Random;
  readonly plan: Plan;
  readonly index: PlanIndex;
  readonly years: readonly number[];
  readonly lastYear: number;
  /** Every department and township: the units the scheme assesses. */
  readonly assessed: ReadonlySet<string>;
  readonly townships: ReadonlySet<string>;
  readonly traits: ReadonlyMap<string, UnitTraits>;
  readonly county: CountyFigures;
  readonly series: ReadonlyMap<string, TownshipSeries>;
  /** Tasks linked to a quantitative target: their reports carry figures, not a review score. */
  readonly measuredTasks: ReadonlySet<string>;
  /** Every report owed each year: each lead of each task, then each assessed unit's summary. */
  readonly obligations: readonly Obligation[];
  /** The township whose falsified figures are vetoed in 2024. */
  readonly incidentTownship: string;
  /** The township that files no summary for 2022. */
  readonly missingSummary: string;
  readonly literacy: ((year: number, generated: ReportObservation) => ReportObservation) | undefined;
  readonly steps: Step[];
  readonly counts: ReportCounts;
  readonly tally: { findings: number; awards: number; incidents: number };
  /** Whether a report carries the county's figures (so it is always filed). */
  carriesData(o: Obligation): boolean;
  /** The scheme's sheet a unit is scored on. */
  sheetOf(unit: string): (typeof zhengningScheme.sheets)[number] | undefined;
  /** The share of an item's points the inspectors give a unit in a year (drawn once, then kept). */
  itemFraction(unit: string, item: string, year: number): number;
}

/**
 * Sets up the story of `plan`: draws the units' traits, the county's figures, the townships'
 * series, and the two townships that go astray, in that order.
 */
export function createStoryContext(plan: Plan, random: Random, literacy: StoryContext['literacy']): StoryContext {
  const years: number[] = [];
  for (let y = plan.meta.period.start; y <= plan.meta.period.end; y++) years.push(y);
  const lastYear = years.at(-1) as number;
  const index = indexPlan(plan);
  const assessed = new Set<string>([...ZHENGNING_DEPARTMENT_IDS, ...ZHENGNING_TOWNSHIP_IDS]);
  const townships = new Set<string>(ZHENGNING_TOWNSHIP_IDS);

  const traits = new Map<string, UnitTraits>();
  for (const unit of assessed) traits.set(unit, { diligence: random.next() });
  const county = countyFigures(random, years);
  const series = townshipSeries(random, years);
  const measuredTasks = new Set(
    plan.targets
      .filter((t) => t.kind === 'quantitative')
      .flatMap((t) => t.links.filter((l) => index.nodes.get(l)?.kind === 'task')),
  );
  // Reports that carry the county's figures are always filed (a missing one would hide a target).
  const carriesData = (o: Obligation) =>
    (o.task === null && (o.unit === 'cast' || o.unit === 'finance' || townships.has(o.unit))) ||
    (o.task !== null &&
      measuredTasks.has(o.task) &&
      (index.nodes.get(o.task) as { task: { leads: string[] } }).task.leads[0] === o.unit);

  const obligations: Obligation[] = [];
  for (const { task } of index.tasks) for (const unit of task.leads) obligations.push({ unit, task: task.path });
  for (const unit of assessed) obligations.push({ unit, task: null });

  const sheetOf = (unit: string) => zhengningScheme.sheets.find((s) => (s.id === 'township') === townships.has(unit));
  const scored = new Map<string, number>();
  const itemFraction = (unit: string, item: string, year: number): number => {
    const key = `${unit}|${item}|${year}`;
    let value = scored.get(key);
    if (value === undefined) {
      const d = traits.get(unit)?.diligence ?? 0.5;
      value = clamp(0.5 + 0.42 * d + 0.025 * (year - 2022) + random.noise(0.05), 0.35, 1);
      scored.set(key, value);
    }
    return value;
  };

  const incidentTownship = random.pick(ZHENGNING_TOWNSHIP_IDS.filter((t) => t !== 'shanhe'));
  const missingSummary = random.pick(ZHENGNING_TOWNSHIP_IDS.filter((t) => t !== incidentTownship && t !== 'shanhe'));

  return {
    random,
    plan,
    index,
    years,
    lastYear,
    assessed,
    townships,
    traits,
    county,
    series,
    measuredTasks,
    obligations,
    incidentTownship,
    missingSummary,
    literacy,
    steps: [],
    counts: {
      expected: 0,
      filed: 0,
      late: 0,
      returned: 0,
      resubmitted: 0,
      withdrawn: 0,
      approved: 0,
      open: 0,
      missing: 0,
    },
    tally: { findings: 0, awards: 0, incidents: 0 },
    carriesData,
    sheetOf,
    itemFraction,
  };
}
