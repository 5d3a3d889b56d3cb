import {
  type Actor,
  type AssessmentRun,
  type CommandInput,
  type Engine,
  type EngineOptions,
  type EvidenceFile,
  indexPlan,
  type KepuStore,
  type ReportObservation,
  type ReportSelfScore,
  reportDueDate,
  sha256,
} from '@kepu/core';
import {
  ZHENGNING_DEPARTMENT_IDS,
  ZHENGNING_LEADING_GROUP_ID,
  ZHENGNING_PLAN_ID,
  ZHENGNING_TOWNSHIP_IDS,
} from '../ids.js';
import { zhengningPlan } from '../plan.js';
import { zhengning } from '../plugin.js';
import { zhengningScheme } from '../scheme.js';
import type { DemoClock } from './clock.js';
import { createRandom, type Random } from './random.js';

/**
 * The version of the demo generator. It changes whenever the same seed would give a different
 * history, so a stored demo database can tell whether it is still what this copy would write.
 *
 * @example
 * ```ts
 * import { DEMO_GENERATOR_VERSION } from '@kepu/plan-zhengning/demo';
 * DEMO_GENERATOR_VERSION; // 'zhengning-demo/1'
 * ```
 */
export const DEMO_GENERATOR_VERSION = 'zhengning-demo/1';

/**
 * The seed used when none is given.
 *
 * @example
 * ```ts
 * import { DEMO_DEFAULT_SEED } from '@kepu/plan-zhengning/demo';
 * DEMO_DEFAULT_SEED; // 20221026, the day the plan was issued
 * ```
 */
export const DEMO_DEFAULT_SEED = 20221026;

/**
 * The people who act in the demo history: a reporter and a lead reviewer for every department
 * and township (`<unit>.reporter`, `<unit>.reviewer`), the plan office (县纲要办, acting for the
 * leading group, which approves summaries and scores tasks) and the assessment group (督查考核组,
 * which records inspection findings, vetoes and runs the assessments).
 *
 * @example
 * ```ts
 * import { DEMO_ACTORS } from '@kepu/plan-zhengning/demo';
 * DEMO_ACTORS.reporter('education'); // { id: 'education.reporter', role: 'reporter', unit: 'education', … }
 * DEMO_ACTORS.office.role; // 'plan-office'
 * ```
 */
export const DEMO_ACTORS = {
  reporter: (unit: string): Actor => ({
    id: `${unit}.reporter`,
    role: 'reporter',
    unit,
    name: `${unitName(unit)}填报员`,
  }),
  reviewer: (unit: string): Actor => ({
    id: `${unit}.reviewer`,
    role: 'lead-reviewer',
    unit,
    name: `${unitName(unit)}审核人`,
  }),
  office: {
    id: 'office.gangyaoban',
    role: 'plan-office',
    unit: ZHENGNING_LEADING_GROUP_ID,
    name: '县纲要办',
  } satisfies Actor as Actor,
  assessor: {
    id: 'inspection.team',
    role: 'assessor',
    unit: ZHENGNING_LEADING_GROUP_ID,
    name: '督查考核组',
  } satisfies Actor as Actor,
} as const;

function unitName(id: string): string {
  return indexPlan(zhengningPlan).units.get(id)?.name ?? id;
}

/**
 * Engine options for the demo: the Zhengning plugin (the plan and its default scheme), annual reporting due
 * 15 days after the year ends, one `late-report` deduction per late report, and the demo clock.
 * Add a `store` to keep the history (SQLite, PostgreSQL, IndexedDB); without one it stays in memory.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * import { createDemoClock, demoEngineOptions } from '@kepu/plan-zhengning/demo';
 * const clock = createDemoClock();
 * const engine = await createEngine(demoEngineOptions({ clock, store }));
 * ```
 */
export function demoEngineOptions(options: { readonly clock: DemoClock; readonly store?: KepuStore }): EngineOptions {
  return {
    // The county's plugin brings the plan and its default scheme, as a host would load it.
    plugins: [zhengning()],
    assessmentInputs: { lateReportDeduction: 'late-report' },
    reporting: { cadence: 'annual' },
    clock: options.clock,
    ...(options.store ? { store: options.store } : {}),
  };
}

/**
 * What {@link createDemoHistory} reports as it goes: commands done out of the total, the year
 * and the phase of the story.
 *
 * @example
 * ```ts
 * import type { DemoProgress } from '@kepu/plan-zhengning/demo';
 * const show = (p: DemoProgress) => `${p.year} ${p.phase} ${p.done}/${p.total}`;
 * ```
 */
export interface DemoProgress {
  readonly done: number;
  readonly total: number;
  readonly year: number;
  readonly phase: 'reports' | 'reviews' | 'inspection' | 'awards' | 'assessment';
}

/**
 * Options of {@link createDemoHistory}.
 *
 * @example
 * ```ts
 * import type { DemoHistoryOptions } from '@kepu/plan-zhengning/demo';
 * const options: DemoHistoryOptions = { clock, seed: 7, onProgress: (p) => console.log(p.done, p.total) };
 * ```
 */
export interface DemoHistoryOptions {
  /** The clock the engine was created with; the history moves it. */
  readonly clock: DemoClock;
  /** @default DEMO_DEFAULT_SEED */
  readonly seed?: number;
  /** Run the annual assessment of every year. @default true */
  readonly assess?: boolean;
  readonly onProgress?: (progress: DemoProgress) => void;
  /**
   * Replaces the literacy-rate observation of a year that the 县科协 files with its summary (a
   * survey estimate with its interval, say). Receives the one the history would file. Must be
   * deterministic for the history to stay so.
   */
  readonly literacy?: (year: number, generated: ReportObservation) => ReportObservation;
}

/**
 * What the history holds, counted as it was written.
 *
 * @example
 * ```ts
 * const summary = await createDemoHistory(engine, { clock });
 * summary.reports.late; // reports first filed after their due date
 * ```
 */
export interface DemoHistorySummary {
  readonly seed: number;
  readonly generator: string;
  readonly years: readonly number[];
  /** Accepted commands. */
  readonly commands: number;
  readonly reports: {
    /** Reports expected (every lead of every task, and every assessed unit's summary, each year). */
    readonly expected: number;
    readonly filed: number;
    readonly late: number;
    readonly returned: number;
    readonly resubmitted: number;
    readonly withdrawn: number;
    readonly approved: number;
    /** Still awaiting review, or returned and not yet resubmitted, when the history ends. */
    readonly open: number;
    /** Never filed. */
    readonly missing: number;
  };
  readonly findings: number;
  readonly awards: number;
  readonly incidents: number;
  /** The assessment runs made, oldest first. */
  readonly assessments: readonly AssessmentRun[];
  /** When the story ends (the clock's last setting). */
  readonly endsAt: string;
}

type Phase = DemoProgress['phase'];
/** A command without its base version, which is read from the engine when the step runs. */
type Draft = CommandInput extends infer C ? (C extends unknown ? Omit<C, 'baseVersion'> : never) : never;

interface Step {
  readonly at: string;
  readonly year: number;
  readonly phase: Phase;
  readonly actor: Actor;
  readonly commands: readonly Draft[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An instant in China Standard Time, in working hours. */
function during(random: Random, date: string): string {
  const minutes = random.int(8 * 60 + 30, 17 * 60 + 30);
  return `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+08:00`;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const half = (x: number) => Math.round(x * 2) / 2;

const RETURN_REASONS = [
  '请补充活动照片、签到表等佐证材料后重新报送。',
  '报告未写明完成的具体数量，请补充量化数据。',
  '统计口径与上年不一致，请核实后重报。',
  '请按任务分工补充本单位承担的具体工作。',
];

const WORK = [
  '召开专题会议研究部署，明确分管领导和联络员',
  '制定年度工作要点，细化任务分工和完成时限',
  '结合科技活动周、全国科普日集中开展宣传',
  '利用单位网站和微信公众号推送科普内容',
  '组织志愿者深入村社、学校开展科普服务',
  '邀请专家开展专题讲座和现场指导',
  '建立工作台账，按季度报送进展',
];

interface UnitTraits {
  /** How well the unit works, in [0, 1]: drives review scores and self-scores. */
  readonly diligence: number;
}

interface TownshipSeries {
  readonly registrations: Record<number, number>;
  readonly dissemination: Record<number, number>;
}

/** The county-wide numbers of the story, one per year. */
interface CountyFigures {
  readonly literacy: Record<number, { numerator: number; denominator: number }>;
  readonly classes: Record<number, { grade2: number; grades36: number; middle: number }>;
  readonly tutors: Record<number, { numerator: number; denominator: number }>;
  readonly castItems: Record<number, number>;
  readonly castRegistrations: Record<number, number>;
  readonly bases: Record<number, { provincial: number; city: number; county: number }>;
  readonly funding: Record<number, number>;
}

function countyFigures(random: Random, years: readonly number[]): CountyFigures {
  // The survey rate climbs from the 2020 baseline of 7.8% toward the 12% goal of 2025.
  const path: Record<number, number> = { 2022: 8.7, 2023: 9.8, 2024: 10.9, 2025: 12.2 };
  const literacy: CountyFigures['literacy'] = {};
  const classes: CountyFigures['classes'] = {};
  const tutors: CountyFigures['tutors'] = {};
  const castItems: Record<number, number> = {};
  const castRegistrations: Record<number, number> = {};
  const funding: Record<number, number> = {};
  let registrations = random.int(1800, 2200);
  let budget = random.int(36, 40);
  for (const year of years) {
    const denominator = random.int(1500, 2100);
    const rate = (path[year] ?? 12) + random.noise(0.15);
    literacy[year] = { numerator: Math.round((denominator * rate) / 100), denominator };
    const k = year - 2022;
    classes[year] = {
      grade2: year === 2022 ? 1.8 : 2,
      grades36: [1.8, 2.1, 2.3, 2.5][k] ?? 2.5,
      middle: year === 2023 ? 0.9 : 1,
    };
    const schools = [58, 57, 56, 56][k] ?? 56;
    tutors[year] = { numerator: Math.min(schools, [43, 49, 53, 56][k] ?? schools), denominator: schools };
    castItems[year] = Math.round((26_000 + 4_500 * k) * (1 + random.noise(0.03)));
    registrations += random.int(250, 420);
    castRegistrations[year] = registrations;
    budget += year === 2024 ? random.int(1, 2) : random.int(3, 6);
    funding[year] = budget;
  }
  const bases: CountyFigures['bases'] = {
    2022: { provincial: 0, city: 0, county: 1 },
    2023: { provincial: 0, city: 1, county: 1 },
    2024: { provincial: 1, city: 1, county: 2 },
    2025: { provincial: 1, city: 0, county: 1 },
  };
  return { literacy, classes, tutors, castItems, castRegistrations, bases, funding };
}

function townshipSeries(random: Random, years: readonly number[]): Map<string, TownshipSeries> {
  const out = new Map<string, TownshipSeries>();
  const dips = new Map<string, number>([
    [random.pick(ZHENGNING_TOWNSHIP_IDS.slice(1)), 2024],
    [random.pick(ZHENGNING_TOWNSHIP_IDS.slice(1)), 2025],
  ]);
  for (const township of ZHENGNING_TOWNSHIP_IDS) {
    const registrations: Record<number, number> = {};
    const dissemination: Record<number, number> = {};
    let stock = random.int(1200, 3200);
    let flow = random.int(13_000, 19_000);
    for (const year of years) {
      const dip = dips.get(township) === year;
      stock += dip ? -random.int(40, 120) : random.int(90, 320);
      flow = Math.round(flow * (dip ? 0.9 : 1.05 + random.noise(0.02)));
      registrations[year] = stock;
      dissemination[year] = flow;
    }
    out.set(township, { registrations, dissemination });
  }
  return out;
}

type Fate = 'on-time' | 'late' | 'missing';
type Review = 'approved' | 'returned' | 'withdrawn' | 'pending' | 'returned-open';

interface Obligation {
  readonly unit: string;
  readonly task: string | null;
}

function reportId(year: number, o: Obligation, suffix = ''): string {
  return `r${year}-${o.unit}-${o.task === null ? 'summary' : `t${o.task.replaceAll('.', '-')}`}${suffix}`;
}

/**
 * Writes a deterministic, plausible 2022–2025 history of the Zhengning plan through a real
 * engine's commands, then runs the annual assessments.
 *
 * Every lead department files a report on every task it leads and every department and township
 * a yearly summary; most are on time, some late, some returned and resubmitted, one withdrawn and
 * filed again, a few never filed, and in the last year a few still await review. The reports carry
 * observations for every measurable target: the survey's literacy rate (numerator and denominator)
 * rising from the 2020 baseline of 7.8% toward 12%, weekly science classes by grade band, schools
 * with a science tutor, Science China items and registrations by township, science bases created
 * by level, science funding. The plan office scores the tasks that have no measurable target when
 * it approves their reports; the assessment group scores every unit's reviewer items, records
 * findings that cost points, a veto incident, and awards; then it runs each year's assessment.
 *
 * The same seed gives the same history, command for command and timestamp for timestamp: no
 * `Math.random`, no machine time (the history sets the clock). The engine must be empty and created
 * with {@link demoEngineOptions} (or the same plan, scheme, reporting and clock). Runs in browsers.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * import { createDemoClock, createDemoHistory, demoEngineOptions } from '@kepu/plan-zhengning/demo';
 * const clock = createDemoClock();
 * const engine = await createEngine(demoEngineOptions({ clock }));
 * const summary = await createDemoHistory(engine, { clock, seed: 1 });
 * summary.assessments.map((run) => run.period); // ['2022', '2023', '2024', '2025']
 * ```
 */
export async function createDemoHistory(engine: Engine, options: DemoHistoryOptions): Promise<DemoHistorySummary> {
  const plan = engine.plans.get(ZHENGNING_PLAN_ID);
  if (!plan) throw new Error(`the engine does not serve the plan ${ZHENGNING_PLAN_ID}`);
  if (engine.getSnapshot().version !== 0) {
    throw new Error('the demo history is written into an empty engine; this one already holds records');
  }
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const random = createRandom(seed);
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

  const steps: Step[] = [];
  const counts = {
    expected: 0,
    filed: 0,
    late: 0,
    returned: 0,
    resubmitted: 0,
    withdrawn: 0,
    approved: 0,
    open: 0,
    missing: 0,
  };
  let findings = 0;
  let awards = 0;
  let incidents = 0;

  const sheetOf = (unit: string) => zhengningScheme.sheets.find((s) => (s.id === 'township') === townships.has(unit));
  /** The share of an item's points the inspectors give a unit in a year. */
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

  for (const year of years) {
    const due = reportDueDate(String(year), { dueDaysAfterPeriodEnd: 15 });
    const next = String(year + 1);
    const narrativeOnly = obligations.filter((o) => !carriesData(o));
    const missing = new Set(random.sample(narrativeOnly, 2).map((o) => reportId(year, o)));
    if (year === 2022) missing.add(reportId(year, { unit: missingSummary, task: null }));
    const withdrawnThisYear =
      year === 2023
        ? reportId(year, random.pick(narrativeOnly.filter((o) => !missing.has(reportId(year, o)))))
        : undefined;
    const openThisYear =
      year === lastYear
        ? new Set(
            random
              .sample(
                narrativeOnly.filter((o) => !missing.has(reportId(year, o))),
                3,
              )
              .map((o) => reportId(year, o)),
          )
        : new Set<string>();
    let openIndex = 0;

    for (const o of obligations) {
      counts.expected++;
      const id = reportId(year, o);
      if (missing.has(id)) {
        counts.missing++;
        continue;
      }
      const d = traits.get(o.unit)?.diligence ?? 0.5;
      const fate: Fate = random.chance(0.16 - 0.12 * d) ? 'late' : 'on-time';
      let review: Review = random.chance(0.09) ? 'returned' : 'approved';
      if (id === withdrawnThisYear) review = 'withdrawn';
      if (openThisYear.has(id)) review = openIndex++ === 0 ? 'returned-open' : 'pending';
      const submitDate =
        fate === 'late' ? addDays(due, random.int(1, 24)) : addDays(`${next}-01-01`, random.int(1, 14));
      const observations = observationsFor(year, o);
      const selfScores = o.task === null ? selfScoresFor(o.unit, year) : [];
      const narrative = narrativeFor(random, year, o);
      const evidence = evidenceFor(random, year, o);
      const reporter = DEMO_ACTORS.reporter(o.unit);
      let reportRef = id;
      let at = during(random, submitDate);
      // A township's first figures sometimes carry a slip of the pen; the office sends them back.
      const slip = o.task === null && townships.has(o.unit) && review === 'returned';
      const firstObservations = slip
        ? observations.map((x) =>
            x.indicator === 'science-china-dissemination' ? { ...x, value: (x.value ?? 0) * 10 } : x,
          )
        : observations;
      steps.push({
        at,
        year,
        phase: 'reports',
        actor: reporter,
        commands: [
          {
            type: 'submit-report',
            plan: plan.id,
            id,
            ...(o.task ? { task: o.task } : {}),
            period: String(year),
            narrative,
            observations: firstObservations,
            evidence,
            selfScores,
          },
        ],
      });
      counts.filed++;
      if (fate === 'late') counts.late++;
      if (review === 'withdrawn') {
        at = during(random, addDays(submitDate, 1));
        steps.push({
          at,
          year,
          phase: 'reports',
          actor: reporter,
          commands: [{ type: 'withdraw-report', report: id, reason: '误将上年度材料作为附件报送，撤回后重新报送。' }],
        });
        counts.withdrawn++;
        reportRef = reportId(year, o, '-b');
        at = during(random, addDays(submitDate, 2));
        steps.push({
          at,
          year,
          phase: 'reports',
          actor: reporter,
          commands: [
            {
              type: 'submit-report',
              plan: plan.id,
              id: reportRef,
              ...(o.task ? { task: o.task } : {}),
              period: String(year),
              narrative,
              observations,
              evidence,
              selfScores,
            },
          ],
        });
        counts.filed++;
      }
      if (review === 'pending') {
        counts.open++;
        continue;
      }
      const reviewer = reviewerOf(o);
      let decided = addDays(submitDate, random.int(2, 10) + (review === 'withdrawn' ? 2 : 0));
      if (review === 'returned' || review === 'returned-open') {
        steps.push({
          at: during(random, decided),
          year,
          phase: 'reviews',
          actor: reviewer,
          commands: [
            {
              type: 'return-report',
              report: reportRef,
              reason: slip
                ? '“科普中国”传播量与平台后台数据不符（疑多填一位），请核实后重报。'
                : random.pick(RETURN_REASONS),
            },
          ],
        });
        counts.returned++;
        if (review === 'returned-open') {
          counts.open++;
          continue;
        }
        const resubmitted = addDays(decided, random.int(3, 9));
        steps.push({
          at: during(random, resubmitted),
          year,
          phase: 'reports',
          actor: reporter,
          commands: [
            {
              type: 'resubmit-report',
              report: reportRef,
              narrative: `${narrative}（已按审核意见补充完善。）`,
              observations,
              evidence: [...evidence, ...evidenceFor(random, year, o, '补充材料')],
              selfScores,
            },
          ],
        });
        counts.resubmitted++;
        decided = addDays(resubmitted, random.int(1, 5));
      }
      const scoreTask = reviewer === DEMO_ACTORS.office && o.task !== null && !measuredTasks.has(o.task);
      const d10 = clamp(0.62 + 0.3 * d + 0.03 * (year - 2022) + random.noise(0.05), 0.4, 1);
      steps.push({
        at: during(random, decided),
        year,
        phase: 'reviews',
        actor: reviewer,
        commands: [
          {
            type: 'approve-report',
            report: reportRef,
            comment: '同意。',
            ...(scoreTask ? { review: { score: half(10 * d10), outOf: 10 } } : {}),
          },
        ],
      });
      counts.approved++;
    }

    // Inspection (督查): the assessment group scores every unit's reviewer items in one visit.
    for (const unit of assessed) {
      const sheet = sheetOf(unit);
      const commands: Draft[] = [];
      for (const group of sheet?.groups ?? []) {
        for (const item of group.items) {
          if (item.rule !== 'reviewer') continue;
          const fraction = itemFraction(unit, item.id, year);
          commands.push({
            type: 'record-finding',
            plan: plan.id,
            id: `f${year}-${unit}-${item.id}`,
            unit,
            period: String(year),
            text: `${year}年度督查：${item.name}，评 ${half(item.points * fraction)} 分（满分 ${item.points} 分）。`,
            score: { item: item.id, score: half(item.points * fraction), outOf: item.points },
          });
        }
      }
      steps.push({
        at: during(random, addDays(`${next}-02-18`, random.int(0, 12))),
        year,
        phase: 'inspection',
        actor: DEMO_ACTORS.assessor,
        commands,
      });
      findings += commands.length;
    }
    for (const unit of random.sample(
      [...assessed].filter((u) => u !== incidentTownship),
      2,
    )) {
      steps.push({
        at: during(random, addDays(`${next}-03-02`, random.int(0, 6))),
        year,
        phase: 'inspection',
        actor: DEMO_ACTORS.assessor,
        commands: [
          {
            type: 'record-finding',
            plan: plan.id,
            id: `f${year}-${unit}-not-corrected`,
            unit,
            period: String(year),
            text: '上年度督查指出的科普工作台账不完整问题未按期整改。',
            deduction: { rule: 'finding-not-corrected', count: 1 },
          },
        ],
      });
      findings++;
    }
    if (year === 2022) {
      steps.push({
        at: during(random, `${next}-03-06`),
        year,
        phase: 'inspection',
        actor: DEMO_ACTORS.assessor,
        commands: [
          {
            type: 'record-finding',
            plan: plan.id,
            id: `f${year}-${missingSummary}-statistics-missing`,
            unit: missingSummary,
            period: String(year),
            text: '未报送年度工作总结和科普统计数据。',
            deduction: { rule: 'statistics-missing', count: 1 },
          },
        ],
      });
      findings++;
    }
    if (year === 2024) {
      steps.push({
        at: during(random, `${next}-02-26`),
        year,
        phase: 'inspection',
        actor: DEMO_ACTORS.assessor,
        commands: [
          {
            type: 'record-incident',
            plan: plan.id,
            id: `i${year}-${incidentTownship}-falsification`,
            unit: incidentTownship,
            period: String(year),
            veto: 'falsification',
            date: `${year}-11-18`,
            description: `经督查核实，${unitName(incidentTownship)}${year}年上报的科普活动场次与活动台账不符，存在虚报。`,
          },
        ],
      });
      incidents++;
    }
    for (const award of AWARDS.filter((a) => a.year === year)) {
      steps.push({
        at: during(random, award.date),
        year,
        phase: 'awards',
        actor: DEMO_ACTORS.office,
        commands: [
          {
            type: 'record-award',
            plan: plan.id,
            id: `a${year}-${award.unit}-${award.award}`,
            unit: award.unit,
            period: String(year),
            award: award.award,
            title: award.title,
            date: award.date,
          },
        ],
      });
      awards++;
    }
    steps.push(targetReviewStep(plan.id, year, county.funding[year]));
    if (options.assess ?? true) {
      steps.push({
        at: `${next}-03-20T10:00:00+08:00`,
        year,
        phase: 'assessment',
        actor: DEMO_ACTORS.assessor,
        commands: [{ type: 'run-assessment', plan: plan.id, period: String(year) }],
      });
    }
  }

  // The story in the order it happened; same-instant steps keep the order they were written in.
  const ordered = steps
    .map((step, i) => ({ step, i, t: Date.parse(step.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.step);
  const total = ordered.reduce((s, step) => s + step.commands.length, 0);
  let done = 0;
  for (const step of ordered) {
    options.clock.set(step.at);
    const version = engine.getSnapshot().version;
    const commands = step.commands.map((c) => ({ ...c, baseVersion: version }));
    if (commands.length === 1) await engine.execute(step.actor, commands[0]);
    else await engine.executeBatch(step.actor, commands);
    done += commands.length;
    options.onProgress?.({ done, total, year: step.year, phase: step.phase });
  }

  return {
    seed,
    generator: DEMO_GENERATOR_VERSION,
    years,
    commands: done,
    reports: counts,
    findings,
    awards,
    incidents,
    assessments: engine.assessments({ plan: plan.id }),
    endsAt: ordered.at(-1)?.at ?? '',
  };

  function reviewerOf(o: Obligation): Actor {
    if (o.task === null) return DEMO_ACTORS.office;
    const leads = (index.nodes.get(o.task) as { task: { leads: string[] } }).task.leads;
    // A co-lead's report is checked by the first lead; the first lead's own by the plan office.
    return leads[0] !== o.unit && leads[0] !== undefined ? DEMO_ACTORS.reviewer(leads[0]) : DEMO_ACTORS.office;
  }

  function selfScoresFor(unit: string, year: number): ReportSelfScore[] {
    const out: ReportSelfScore[] = [];
    for (const group of sheetOf(unit)?.groups ?? []) {
      for (const item of group.items) {
        if (item.rule !== 'reviewer') continue;
        // Units rate themselves a little above what the inspectors later find.
        const self = clamp(itemFraction(unit, item.id, year) + 0.04 + Math.abs(random.noise(0.03)), 0, 1);
        out.push({ item: item.id, score: half(item.points * self), outOf: item.points });
      }
    }
    return out;
  }

  function observationsFor(year: number, o: Obligation): ReportObservation[] {
    const end = `${year}-12-31`;
    if (o.task === null) {
      if (o.unit === 'cast') {
        const s = county.literacy[year];
        const generated: ReportObservation[] = s
          ? [
              {
                target: 'literacy-rate-2025',
                numerator: s.numerator,
                denominator: s.denominator,
                date: `${year}-10-31`,
                note: `${year}年全县公民科学素质抽样调查（样本 ${s.denominator} 人）`,
              },
            ]
          : [];
        return options.literacy && generated[0] ? [options.literacy(year, generated[0])] : generated;
      }
      if (o.unit === 'finance') {
        const v = county.funding[year];
        return v === undefined
          ? []
          : [{ indicator: 'science-funding', value: v, note: '县级财政预算安排的科普经费（万元）' }];
      }
      const s = series.get(o.unit);
      if (!s) return [];
      return [
        {
          indicator: 'science-china-dissemination',
          value: s.dissemination[year] ?? 0,
          note: '本乡镇“科普中国”年传播量',
        },
        {
          indicator: 'science-china-registrations',
          value: s.registrations[year] ?? 0,
          date: end,
          note: '年末注册人数',
        },
      ];
    }
    if (o.task === '3.1.2' && o.unit === 'education') {
      const c = county.classes[year];
      if (!c) return [];
      return [
        { target: 'science-classes-grade-2', value: c.grade2, category: { 'grade-band': 'grade-2' } },
        { target: 'science-classes-grades-3-6', value: c.grades36, category: { 'grade-band': 'grades-3-6' } },
        { target: 'practice-classes-middle-school', value: c.middle, category: { 'grade-band': 'middle-school' } },
      ];
    }
    if (o.task === '3.1.5' && o.unit === 'education') {
      const t = county.tutors[year];
      return t
        ? [{ target: 'science-tutor-every-school', numerator: t.numerator, denominator: t.denominator, date: end }]
        : [];
    }
    if (o.task === '4.2.3' && o.unit === 'cast') {
      return [
        {
          indicator: 'science-china-dissemination',
          value: county.castItems[year] ?? 0,
          note: '县直单位及科协系统传播量',
        },
        {
          indicator: 'science-china-registrations',
          value: county.castRegistrations[year] ?? 0,
          date: end,
          note: '县直单位注册人数',
        },
      ];
    }
    if (o.task === '4.3.3' && o.unit === 'cast') {
      const b = county.bases[year] ?? { provincial: 0, city: 0, county: 0 };
      return (['provincial', 'city', 'county'] as const).map((level) => ({
        indicator: 'science-bases-created',
        category: { level },
        value: b[level],
      }));
    }
    return [];
  }
}

const AWARDS = [
  { year: 2023, unit: 'shanhe', award: 'city-commendation', title: '全市科普工作先进乡镇', date: '2023-12-08' },
  { year: 2024, unit: 'cast', award: 'provincial-commendation', title: '全省科普工作先进集体', date: '2024-12-16' },
  {
    year: 2025,
    unit: 'education',
    award: 'city-commendation',
    title: '全市青少年科技教育工作先进单位',
    date: '2025-11-27',
  },
  {
    year: 2025,
    unit: 'yulinzi',
    award: 'experience-promoted',
    title: '“科普大篷车进乡村”做法在全市推广',
    date: '2025-10-15',
  },
] as const;

function narrativeFor(random: Random, year: number, o: Obligation): string {
  const name = unitName(o.unit);
  const [a, b] = random.sample(WORK, 2);
  if (o.task === null) {
    return `${year}年，${name}认真落实全民科学素质行动实施方案，${a}，${b}，全年工作任务基本完成。`;
  }
  const task = indexPlan(zhengningPlan).nodes.get(o.task) as { task: { code: string; title: string } };
  return `${year}年，${name}牵头推进${task.task.code}“${task.task.title}”：${a}；${b}。`;
}

/**
 * The assessment group's reviews of the qualitative targets for a year, before the year's
 * assessment: the budget documents show the science-popularisation funding in the county budget
 * (every year), and in 2024 and 2025 a note on the literacy survey's urban–rural gap shows the
 * imbalance narrowing. Uses no randomness, so the rest of the story is unchanged.
 */
function targetReviewStep(plan: string, year: number, funding: number | undefined): Step {
  const file = (name: string, type: string, content: string) => ({
    name,
    type,
    size: new TextEncoder().encode(content).length,
    sha256: sha256(content),
    filed: true,
  });
  const budget = `${year}年正宁县本级财政预算（科普经费科目）.pdf`;
  const commands: Draft[] = [
    {
      type: 'review-target',
      plan,
      id: `tr${year}-science-funding-in-budget`,
      target: 'science-funding-in-budget',
      period: String(year),
      score: year === 2024 ? 8 : 9,
      outOf: 10,
      narrative: `${year}年县级财政预算单列科普经费${funding === undefined ? '' : ` ${funding} 万元`}，已按要求拨付。`,
      evidence: [
        file(budget, 'application/pdf', budget),
        file('科普经费拨付记录.pdf', 'application/pdf', `${year}拨付`),
      ],
    },
  ];
  if (year >= 2024) {
    const note = `${year}年公民科学素质抽样调查：城镇与农村具备科学素质比例的差距较上年继续缩小。`;
    commands.push({
      type: 'review-target',
      plan,
      id: `tr${year}-imbalance-improved`,
      target: 'imbalance-improved',
      period: String(year),
      score: year === 2024 ? 7 : 8,
      outOf: 10,
      narrative: note,
      evidence: [file(`${year}年城乡科学素质差距说明.txt`, 'text/plain', note)],
    });
  }
  return {
    at: `${year + 1}-03-12T15:00:00+08:00`,
    year,
    phase: 'inspection',
    actor: DEMO_ACTORS.assessor,
    commands,
  };
}

function evidenceFor(random: Random, year: number, o: Obligation, what = '工作总结'): EvidenceFile[] {
  const subject = o.task === null ? '年度' : `任务${o.task}`;
  return [
    {
      name: `${year}年${unitName(o.unit)}${subject}${what}.pdf`,
      type: 'application/pdf',
      size: random.int(80_000, 2_400_000),
      sha256: random.hex64(),
    },
  ];
}
