/**
 * The synthetic province of the assessment benchmark: counties with the Zhengning structure
 * (16 departments and 10 townships each), four years (2022–2025) of monthly observations held
 * column-wise in typed arrays (shared by every contender), plus every reviewer's scores.
 */
import {
  type AssessmentInputsInput,
  indexPlan,
  type Plan,
  type PlanIndex,
  parsePlan,
} from '../../packages/core/src/index.js';
import { zhengningPlanInput, zhengningScheme } from '../../packages/plan-zhengning/src/index.js';
import { random } from '../lib/random.js';

export const YEARS = [2022, 2023, 2024, 2025];
/** The year every contender assesses. */
export const PERIOD = 2025;

/** Indicator codes in the `indicator` column. */
export const IND = {
  dissemination: 0,
  registrations: 1,
  bases: 2,
  tutor: 3,
  funding: 4,
  literacy: 5,
  classes: 6,
} as const;
const INDICATOR_IDS = [
  'science-china-dissemination',
  'science-china-registrations',
  'science-bases-created',
  'schools-with-science-tutor',
  'science-funding',
  'literacy-rate',
  'weekly-science-classes',
];
const LEVELS = ['provincial', 'city', 'county'];
const BANDS = ['grade-2', 'grades-3-6', 'middle-school'];

/** The observations, one array per column; `rows` of each are filled. */
export interface Columns {
  readonly county: Int32Array;
  readonly indicator: Int32Array;
  readonly category: Int32Array;
  readonly unit: Int32Array;
  readonly period: Int32Array;
  /** `YYYYMMDD` as a number. */
  readonly date: Int32Array;
  readonly value: Float64Array;
  readonly num: Float64Array;
  readonly den: Float64Array;
}

export type ItemReview = { county: number; unit: number; item: string; score: number; outOf: number };
export type TaskReview = { county: number; task: string; score: number };

/** The province {@link createProvince} builds: its plan, units, rows and reviews. */
export type Province = ReturnType<typeof createProvince>;

/**
 * The Zhengning plan with a sixteenth department: the seed names fifteen departments; a
 * sixteenth (county meteorological bureau) co-leads the emergency science task 四（四）1 and sits
 * in the leading group, as such a bureau usually does.
 */
function provincePlan(): Plan {
  const planInput = structuredClone(zhengningPlanInput) as unknown as {
    orgUnits: Array<{ id: string; name: string; kind: string; members?: string[] }>;
    parts: Array<{ sections: Array<{ tasks: Array<{ path: string; leads: string[] }> }> }>;
  };
  planInput.orgUnits.push({ id: 'meteorology', name: '县气象局', kind: 'government-department' });
  for (const unit of planInput.orgUnits) if (unit.members) unit.members.push('meteorology');
  for (const part of planInput.parts)
    for (const section of part.sections ?? [])
      for (const task of section.tasks ?? []) if (task.path === '4.4.1') task.leads.push('meteorology');
  return parsePlan(planInput);
}

/** Generates the province deterministically (county `c` from seed `1000 + c`). */
export function createProvince(counties: number) {
  const plan = provincePlan();
  const index: PlanIndex = indexPlan(plan);
  const departments = plan.orgUnits.filter((u) => u.kind !== 'group' && u.kind !== 'township').map((u) => u.id);
  const townships = plan.orgUnits.filter((u) => u.kind === 'township').map((u) => u.id);
  const units = [...departments, ...townships];
  const unitPosition = new Map(units.map((u, i) => [u, i]));
  if (departments.length !== 16 || townships.length !== 10) throw new Error('expected 16 departments and 10 townships');

  const capacity = counties * YEARS.length * 12 * (units.length * 8 + 3);
  const col: Columns = {
    county: new Int32Array(capacity),
    indicator: new Int32Array(capacity),
    category: new Int32Array(capacity),
    unit: new Int32Array(capacity),
    period: new Int32Array(capacity),
    date: new Int32Array(capacity),
    value: new Float64Array(capacity),
    num: new Float64Array(capacity),
    den: new Float64Array(capacity),
  };
  let rows = 0;
  // Positional on purpose: an object per row would make generating a million rows ten times slower.
  const row = (
    county: number,
    indicator: number,
    category: number,
    unit: number,
    period: number,
    date: number,
    value: number,
    num: number,
    den: number,
  ) => {
    col.county[rows] = county;
    col.indicator[rows] = indicator;
    col.category[rows] = category;
    col.unit[rows] = unit;
    col.period[rows] = period;
    col.date[rows] = date;
    col.value[rows] = value;
    col.num[rows] = num;
    col.den[rows] = den;
    rows++;
  };

  const reviewerItems = zhengningScheme.sheets.map((sheet) =>
    sheet.groups.flatMap((g) => g.items).filter((i) => i.rule === 'reviewer'),
  );
  const measuredTasks = new Set(['3.1.2', '3.1.5', '4.2.3', '4.3.3']);
  const reviewedTasks = index.tasks.map((t) => t.task.path).filter((p) => !measuredTasks.has(p));
  const itemReviews: ItemReview[] = [];
  const taskReviews: TaskReview[] = [];

  const t0 = performance.now();
  for (let c = 0; c < counties; c++) {
    const rand = random(1000 + c);
    const unitBase = units.map(() => 300 + rand() * 800);
    const unitTrend = units.map(() => 0.9 + rand() * 0.3);
    for (const period of YEARS) {
      for (let m = 1; m <= 12; m++) {
        const date = period * 10_000 + m * 100 + 28;
        for (let u = 0; u < units.length; u++) {
          const years = period - 2022;
          const base = unitBase[u] as number;
          const trend = unitTrend[u] as number;
          const value = Math.round(base * trend ** years * (0.8 + 0.4 * rand()));
          row(c, IND.dissemination, 0, u, period, date, value, 0, 0);
          const registered = Math.round(1000 + 10 * m + 120 * years * (trend - 1) * 10 + 20 * rand());
          row(c, IND.registrations, 0, u, period, date, registered, 0, 0);
          for (let level = 0; level < 3; level++)
            row(c, IND.bases, level, u, period, date, rand() < [0.0016, 0.0024, 0.004][level]! ? 1 : 0, 0, 0);
          row(c, IND.tutor, 0, u, period, date, 0, rand() < 0.9 ? 5 : 4, 5);
          row(c, IND.funding, 0, u, period, date, Math.round((0.5 + rand()) * 100) / 100, 0, 0);
          row(c, IND.literacy, 0, u, period, date, 0, Math.round(7 + years + 6 * rand()), 100);
        }
        for (let band = 0; band < 3; band++) {
          const v = [rand() < 0.8 ? 2 : 1.5, rand() < 0.8 ? 2.5 : 1.8, 1][band] as number;
          row(c, IND.classes, band, 0, period, date, v, 0, 0);
        }
      }
    }
    zhengningScheme.sheets.forEach((_sheet, s) => {
      for (const unit of s === 0 ? departments : townships) {
        for (const item of reviewerItems[s] ?? []) {
          itemReviews.push({
            county: c,
            unit: unitPosition.get(unit) as number,
            item: item.id,
            score: Math.round(item.points * (0.6 + 0.4 * rand()) * 2) / 2,
            outOf: item.points,
          });
        }
      }
    });
    for (const task of reviewedTasks) taskReviews.push({ county: c, task, score: 6 + Math.floor(rand() * 5) });
  }
  const generatedMs = performance.now() - t0;

  return {
    counties,
    plan,
    index,
    departments,
    townships,
    /** Departments first, then townships: a unit's position is its code in the `unit` column. */
    units,
    unitPosition,
    /** The tasks each unit (by position) leads. */
    ledTasks: units.map((u) => index.tasks.filter((t) => t.task.leads.includes(u)).map((t) => t.task.path)),
    col,
    rows,
    /** The reviewer-scored items of each sheet (departments, townships). */
    reviewerItems,
    /** Tasks without a measurable target, scored by a reviewer. */
    reviewedTasks,
    itemReviews,
    taskReviews,
    /** Time to generate the rows and reviews. */
    generatedMs,
    /** One county's inputs as plain JSON objects, made on demand so a run does not hold them all. */
    countyInputs: countyInputsOf({ col, rows, units, counties, itemReviews, taskReviews }),
  };
}

function dateText(key: number): string {
  return `${Math.floor(key / 10_000)}-${String(Math.floor(key / 100) % 100).padStart(2, '0')}-${String(key % 100).padStart(2, '0')}`;
}

/** Kepu's inputs of each county, as the JSON objects a host would pass. */
function countyInputsOf(p: {
  col: Columns;
  rows: number;
  units: readonly string[];
  counties: number;
  itemReviews: readonly ItemReview[];
  taskReviews: readonly TaskReview[];
}): (c: number) => AssessmentInputsInput {
  const { col, rows, units, counties } = p;
  // Rows are sorted by county, so a county's rows are one contiguous range.
  const firstRow = new Int32Array(counties + 1);
  for (let k = 0, c = 0; c <= counties; c++) {
    while (k < rows && (col.county[k] as number) < c) k++;
    firstRow[c] = k;
  }
  const evidence = [{ title: '佐证材料已报县科协备案', filed: true }];
  const reviewer = { unit: 'leading-group' };
  const reviewsOf: unknown[][] = Array.from({ length: counties }, () => []);
  for (const r of p.itemReviews) {
    reviewsOf[r.county]?.push({
      item: r.item,
      unit: units[r.unit],
      period: PERIOD,
      score: r.score,
      outOf: r.outOf,
      reviewer,
      evidence,
    });
  }
  for (const r of p.taskReviews) {
    reviewsOf[r.county]?.push({ task: r.task, period: PERIOD, score: r.score, outOf: 10, reviewer, evidence });
  }
  return (c) => {
    const observations: Record<string, unknown>[] = [];
    for (let k = firstRow[c] as number; k < (firstRow[c + 1] as number); k++) {
      const ind = col.indicator[k] as number;
      const o: Record<string, unknown> = {
        indicator: INDICATOR_IDS[ind],
        unit: units[col.unit[k] as number],
        period: col.period[k],
        date: dateText(col.date[k] as number),
      };
      if (ind === IND.bases) o.category = { level: LEVELS[col.category[k] as number] };
      if (ind === IND.classes) o.category = { 'grade-band': BANDS[col.category[k] as number] };
      if (ind === IND.tutor || ind === IND.literacy) {
        o.numerator = col.num[k];
        o.denominator = col.den[k];
      } else o.value = col.value[k];
      observations.push(o);
    }
    return { observations, reviews: reviewsOf[c] } as AssessmentInputsInput;
  };
}
