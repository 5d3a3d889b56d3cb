import type { AssessmentRun, Engine, ReportObservation } from '@kepu/core';
import { ZHENGNING_PLAN_ID } from '../ids.js';
import { DEMO_ACTORS } from './actors.js';
import type { DemoClock } from './clock.js';
import { awardSteps, inspectionSteps, targetReviewStep } from './inspection-steps.js';
import { createRandom } from './random.js';
import { reportSteps } from './report-steps.js';
import { createStoryContext } from './story-context.js';

// The story is told in parts, each in its own file: the cast (actors.ts), the county's figures
// (figures.ts), the words (texts.ts), what reports carry (observations.ts), each year's reports
// (report-steps.ts) and inspection (inspection-steps.ts). This file runs them year by year and
// then plays the steps through the engine in the order they happened.

/**
 * The version of the demo generator. It changes whenever the same seed would give a different
 * history, so a stored demo database can tell whether it is still what this copy would write.
 *
 * @example
 * ```ts
 * import { DEMO_GENERATOR_VERSION } from '@kepu/plan-zhengning/demo';
 * DEMO_GENERATOR_VERSION; // 'zhengning-demo/2'
 * ```
 */
export const DEMO_GENERATOR_VERSION = 'zhengning-demo/2';

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
  // Every part draws from this one generator, in the order below: that order is the history.
  const story = createStoryContext(plan, createRandom(seed), options.literacy);
  const { steps, years } = story;

  for (const year of years) {
    reportSteps(story, year);
    inspectionSteps(story, year);
    awardSteps(story, year);
    steps.push(targetReviewStep(plan.id, year, story.county.funding[year]));
    if (options.assess ?? true) {
      steps.push({
        at: `${year + 1}-03-20T10:00:00+08:00`,
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
    reports: story.counts,
    findings: story.tally.findings,
    awards: story.tally.awards,
    incidents: story.tally.incidents,
    assessments: engine.assessments({ plan: plan.id }),
    endsAt: ordered.at(-1)?.at ?? '',
  };
}
