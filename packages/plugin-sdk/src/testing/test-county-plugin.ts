import {
  type AssessmentInputsInput,
  type AssessmentScheme,
  assess,
  type EngineState,
  type KepuIssue,
  type KepuPlugin,
  type Plan,
  type ReportValidationInput,
  type Scorecard,
  validatePlan,
  validateScheme,
} from '@kepu/core';
import {
  callHook,
  checkCustomIndicators,
  type LoadPluginsOptions,
  loadPlugins,
  type PluginSet,
} from '@kepu/core/plugin';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentInputsArbitrary } from './assessment-arbitraries.js';
import { type CustomKindSamples, resolveCustomSamples } from './custom-samples.js';
import { scoringLaws } from './scoring-laws.js';

/**
 * Options of {@link testCountyPlugin}.
 *
 * @example
 * ```ts
 * import type { CountyPluginTestOptions } from '@kepu/plugin-sdk/testing';
 * const options: CountyPluginTestOptions = { with: [zhengning()], lawRuns: 10, seed: 1 };
 * ```
 */
export interface CountyPluginTestOptions {
  /** Other plugins loaded beside this one — those whose plans or schemes it builds on. @default [] */
  readonly with?: readonly KepuPlugin[];
  /** The host's own plans, schemes and kinds, as an engine would pass them to `loadPlugins`. */
  readonly host?: Pick<LoadPluginsOptions, 'plans' | 'schemes' | 'targetKinds' | 'apiVersion'>;
  /** The period assessed, per plan. @default the last year of the plan's period */
  readonly period?: (plan: Plan) => number;
  /** Valid observations of the plugin's custom kinds. @default the integers 0–10 each kind accepts */
  readonly samples?: CustomKindSamples;
  /** Generated cases per scoring law. @default 15 */
  readonly lawRuns?: number;
  /**
   * The largest share of a law's generated cases that may be vacuous (skipped by its
   * precondition) before the law fails, see `ScoringLawSubject.maxVacuousShare`. @default 0.5
   */
  readonly maxVacuousShare?: number;
  /** Generated cases for the smoke assessment and for each hook. @default 10 */
  readonly runs?: number;
  /** The fast-check seed, so a failure replays the same way. @default 20_240 */
  readonly seed?: number;
  /** Time each hook call may take, as the engine's `hookBudgetMs`. @default 250 */
  readonly hookBudgetMs?: number;
  /** Laws to leave out, by name, each with the reason (named in the laws' suite title). @default {} */
  readonly skipLaws?: Readonly<Record<string, string>>;
  /** Per-test timeout in ms. @default 60_000 */
  readonly timeout?: number;
}

type Row = string;

function describeIssue(issue: KepuIssue): Row {
  return `${issue.path.join('.')}: ${issue.code}: ${issue.message.en}`;
}

/** Every place a scorecard shows a number that is not finite, or an `undefined`. */
function badNumbers(value: unknown, path = 'scorecard', out: string[] = []): string[] {
  if (value === undefined) out.push(`${path} is undefined`);
  else if (typeof value === 'number' && !Number.isFinite(value)) out.push(`${path} is ${value}`);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) badNumbers(v, `${path}.${i}`, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) badNumbers(v, `${path}.${k}`, out);
  return out;
}

/** Breakdowns that do not sum to their score, and missing data shown as 0. */
function scorecardProblems(card: Scorecard): string[] {
  const out = badNumbers(card);
  for (const t of card.targets) {
    if (t.status === 'no-data' && (t.value !== null || t.attainment !== null))
      out.push(`target ${t.target} has no data but shows value ${t.value}, attainment ${t.attainment}`);
  }
  for (const sheet of card.sheets)
    for (const u of sheet.units) {
      const at = `sheet ${sheet.sheet} unit ${u.unit}`;
      if (!u.assessed && (u.score !== null || u.grade !== null || u.rank !== null))
        out.push(`${at} is not assessed but shows score ${u.score}`);
      if (u.score !== null) {
        const sum = u.breakdown.reduce((s, l) => s + l.points, 0);
        if (Math.abs(sum - u.score) > 1e-6) out.push(`${at}: breakdown sums to ${sum}, score is ${u.score}`);
      }
      for (const item of u.items) {
        if (item.status === 'not-assessed' && item.policy === 'rescale' && item.points !== null)
          out.push(`${at} item ${item.item} has no data but shows ${item.points} points`);
      }
    }
  return out;
}

/** The state of an engine with nothing recorded yet. */
const EMPTY_STATE: EngineState = {
  version: 0,
  reports: {},
  findings: {},
  awards: {},
  incidents: {},
  targetReviews: {},
  assessments: {},
};

/** The result checks each hook's return must pass; `undefined` when it is fine. */
const RESULT_CHECKS = {
  validateReport: (v: unknown) =>
    Array.isArray(v) &&
    v.every((i) => i && typeof i === 'object' && typeof i.code === 'string' && Array.isArray(i.path))
      ? undefined
      : 'must return a list of issues',
  beforeAssessment: (v: unknown) =>
    v === undefined || (v !== null && typeof v === 'object' && !Array.isArray(v))
      ? undefined
      : 'must return inputs or nothing',
  afterAssessment: () => undefined,
} as const;

/**
 * The test kit for county plugins. Called inside the author's own vitest `describe`, it
 * registers tests that prove the plugin sound before it ships:
 *
 * 1. it loads with `loadPlugins` (every issue listed with its path);
 * 2. every plan and scheme it contributes validates (bands partition the scale, references
 *    resolve, custom indicators have a kind that accepts their params);
 * 3. every scoring law holds on each of its schemes (fast-check, seeded, bounded runs; the law's
 *    name is the test's name);
 * 4. a smoke assessment on generated inputs has no NaN or `undefined`, breakdowns sum to scores,
 *    and missing data is never shown as 0;
 * 5. each hook, called with generated arguments, returns good data within the hook budget and
 *    does not mutate its (frozen) argument.
 *
 * A law that cannot hold for a plugin by design is left out only by name with a reason
 * (`skipLaws`); a law the plugin's plan and scheme give nothing to test
 * (`ScoringLaw.inapplicable`, e.g. no sheet with two grades to cap) is left out too. Neither runs
 * nor shows as a skipped test: the laws' suite title names each with its reason — never a silent
 * pass. A law whose generated cases are mostly vacuous fails (see `maxVacuousShare`).
 *
 * @example
 * ```ts
 * import { testCountyPlugin } from '@kepu/plugin-sdk/testing';
 * import { describe } from 'vitest';
 * import { myCounty } from '../src/index.js';
 *
 * describe('my-county plugin', () => {
 *   testCountyPlugin(myCounty());
 * });
 * ```
 */
export function testCountyPlugin(plugin: KepuPlugin, options: CountyPluginTestOptions = {}): void {
  const others = options.with ?? [];
  const seed = options.seed ?? 20_240;
  const lawRuns = options.lawRuns ?? 15;
  const runs = options.runs ?? 10;
  const budgetMs = options.hookBudgetMs ?? 250;
  const timeout = options.timeout ?? 60_000;
  const skipLaws = options.skipLaws ?? {};
  const id = typeof plugin?.id === 'string' ? plugin.id : '(no id)';

  let set: PluginSet | undefined;
  let loadError: unknown;
  try {
    set = loadPlugins([...others, plugin], { ...options.host, onInvalid: 'skip' });
  } catch (error) {
    loadError = error;
  }
  const loaded = set?.plugins.includes(plugin) === true;
  const kinds = set?.targetKinds ?? [];
  const periodOf = (plan: Plan) => options.period?.(plan) ?? plan.meta.period.end;

  // The plugin's own plans, and the schemes it contributes or makes by overrides, as loaded.
  const ownPlans: Plan[] = set ? [...set.plans.values()].filter((p) => set?.planOwners.get(p.id) === plugin.id) : [];
  const ownSchemeIds = new Set([
    ...(plugin.schemes ?? []).map((s) => (s as { id?: string }).id),
    ...(plugin.schemeOverrides ?? []).map((o) => o.id),
  ]);
  const ownSchemes: Array<{ scheme: AssessmentScheme; plan: Plan }> = [];
  for (const scheme of set?.schemes.values() ?? []) {
    const plan = set?.plans.get(scheme.plan);
    if (ownSchemeIds.has(scheme.id) && plan) ownSchemes.push({ scheme, plan });
  }

  describe(`county plugin "${id}"`, () => {
    it('loads with loadPlugins, with no issue', { timeout }, () => {
      expect(loadError, 'loadPlugins threw instead of reporting').toBeUndefined();
      expect(set?.issues.map(describeIssue) ?? []).toEqual([]);
      expect(loaded, `"${id}" was left out`).toBe(true);
    });

    it('every plan it contributes validates, with its custom indicators', { timeout }, () => {
      const problems: Row[] = [];
      (plugin.plans ?? []).forEach((input, i) => {
        const result = validatePlan(input);
        if (!result.ok) problems.push(...result.issues.map((x) => `plans.${i}.${describeIssue(x)}`));
        else problems.push(...checkCustomIndicators(result.value, kinds).map((x) => `plans.${i}.${describeIssue(x)}`));
      });
      expect(problems).toEqual([]);
    });

    it('every scheme it contributes or overrides validates against its plan', { timeout }, () => {
      const problems: Row[] = [];
      (plugin.schemes ?? []).forEach((input, i) => {
        const plan = set?.plans.get((input as { plan?: string }).plan ?? '');
        if (!plan) {
          problems.push(`schemes.${i}: its plan "${(input as { plan?: string }).plan}" is not loaded`);
          return;
        }
        const result = validateScheme(input, plan);
        if (!result.ok) problems.push(...result.issues.map((x) => `schemes.${i}.${describeIssue(x)}`));
      });
      for (const override of plugin.schemeOverrides ?? [])
        if (!set?.schemes.has(override.id)) problems.push(`schemeOverrides: "${override.id}" did not load`);
      expect(problems).toEqual([]);
    });

    for (const plan of ownPlans) {
      const custom = resolveCustomSamples(plan, kinds, options.samples);
      if (custom.size === 0) continue;
      it(`every custom indicator of plan ${plan.id} has observations the kit can generate`, () => {
        const empty = [...custom].filter(([, list]) => list.length === 0).map(([indicator]) => indicator);
        expect(empty, 'give `samples` for these indicators’ kinds').toEqual([]);
      });
    }

    for (const { scheme, plan } of ownSchemes) {
      const period = periodOf(plan);
      const laws = scoringLaws({
        plan,
        scheme,
        period,
        targetKinds: kinds,
        samples: options.samples,
        maxVacuousShare: options.maxVacuousShare,
      });
      // A law the author left out, or one the scheme gives nothing to check, is not run (never a
      // skip): the suite's title names it and why.
      const leftOut = laws.flatMap((law) => {
        const reason = skipLaws[law.name] ?? law.inapplicable;
        return reason === undefined ? [] : [`${law.name}: ${reason}`];
      });
      const title = `scoring laws on scheme "${scheme.id}" (plan ${plan.id}, ${period})`;
      describe(leftOut.length ? `${title}; not run — ${leftOut.join('; ')}` : title, () => {
        laws.forEach((law, k) => {
          if (skipLaws[law.name] === undefined && law.inapplicable === undefined) {
            it(law.name, { timeout }, () => law.check({ numRuns: lawRuns, seed: seed + k }));
          }
        });
      });

      it(`smoke assessment of scheme "${scheme.id}": no NaN or undefined, breakdowns sum to scores, missing is never 0`, {
        timeout,
      }, () => {
        const custom = resolveCustomSamples(plan, kinds, options.samples);
        const samples = fc.sample(assessmentInputsArbitrary(plan, scheme, { period, custom }), { numRuns: runs, seed });
        const empty = assess(plan, scheme, {}, { period, targetKinds: kinds });
        expect(scorecardProblems(empty)).toEqual([]);
        expect(
          empty.sheets.every((s) => s.units.every((u) => !u.assessed && u.score === null)),
          'with no inputs, every unit must be not assessed (never 0, never full marks)',
        ).toBe(true);
        for (const inputs of samples) {
          expect(scorecardProblems(assess(plan, scheme, inputs, { period, targetKinds: kinds }))).toEqual([]);
        }
      });
    }

    const hooks = plugin.hooks ?? {};
    const hookNames = (Object.keys(RESULT_CHECKS) as Array<keyof typeof RESULT_CHECKS>).filter(
      (name) => typeof hooks[name] === 'function',
    );
    for (const name of hookNames) {
      it(`hook ${name} returns good data within ${budgetMs} ms and does not mutate its argument`, { timeout }, () => {
        const fn = hooks[name] as (argument: unknown) => unknown;
        const plans = [...(set?.plans.values() ?? [])];
        const failures: string[] = [];
        let calls = 0;
        for (const plan of plans) {
          const scheme = [...(set?.schemes.values() ?? [])].find((s) => s.plan === plan.id);
          const period = periodOf(plan);
          for (const argument of hookArguments(name, plan, scheme, period, kinds, options.samples, runs, seed)) {
            const before = JSON.stringify(argument);
            const outcome = callHook(id, name, fn, argument, { budgetMs, check: RESULT_CHECKS[name] });
            calls++;
            if (!outcome.ok) failures.push(`${plan.id}: ${outcome.failure.message.en}`);
            else if (JSON.stringify(argument) !== before) failures.push(`${plan.id}: the argument changed`);
          }
        }
        expect(failures).toEqual([]);
        expect(calls, 'no plan to call the hook with').toBeGreaterThan(0);
      });
    }
  });
}

/** Generated arguments for a hook, over one plan: reports of every task, or assessments. */
function hookArguments(
  name: keyof typeof RESULT_CHECKS,
  plan: Plan,
  scheme: AssessmentScheme | undefined,
  period: number,
  kinds: PluginSet['targetKinds'],
  samples: CustomKindSamples | undefined,
  runs: number,
  seed: number,
): unknown[] {
  if (name === 'validateReport') {
    const units = plan.orgUnits.filter((u) => u.kind !== 'group').map((u) => u.id);
    const tasks = plan.parts.flatMap((p) => p.sections.flatMap((s) => s.tasks.map((t) => t.path)));
    const arbitrary = fc.record({
      unit: fc.constantFrom(...units),
      task: fc.option(fc.constantFrom(...(tasks.length ? tasks : ['-'])), { nil: null }),
      narrative: fc.string({ maxLength: 40 }),
      evidence: fc.array(
        fc.record({
          name: fc.constantFrom('报告.pdf', '照片.jpg'),
          type: fc.constantFrom('application/pdf', 'image/jpeg'),
          size: fc.nat({ max: 1_000_000 }),
          sha256: fc.constant('0'.repeat(64)),
        }),
        { maxLength: 2 },
      ),
      observations: fc.array(
        fc.record({
          indicator: fc.constantFrom(...plan.indicators.map((i) => i.id)),
          value: fc.nat({ max: 100 }),
        }),
        { maxLength: 3 },
      ),
    });
    return fc.sample(arbitrary, { numRuns: runs, seed }).map(
      (r): ReportValidationInput => ({
        plan,
        report: { id: `report-${r.unit}`, plan: plan.id, task: r.task, unit: r.unit, period: String(period) },
        revision: { narrative: r.narrative, evidence: r.evidence, observations: r.observations, selfScores: [] },
        state: EMPTY_STATE,
      }),
    );
  }
  if (!scheme) return [];
  const custom = resolveCustomSamples(plan, kinds, samples);
  const inputs = fc.sample(assessmentInputsArbitrary(plan, scheme, { period, custom }), { numRuns: runs, seed });
  if (name === 'beforeAssessment') {
    return inputs.map((i) => ({ plan, period, inputs: normalised(i) }));
  }
  return inputs.slice(0, Math.min(3, runs)).map((i) => ({
    plan,
    period,
    scorecard: assess(plan, scheme, i, { period, targetKinds: kinds }),
  }));
}

/** Inputs with every list present, as the engine hands them to `beforeAssessment`. */
function normalised(i: AssessmentInputsInput) {
  return {
    observations: i.observations ?? [],
    reviews: i.reviews ?? [],
    selfScores: i.selfScores ?? [],
    awards: i.awards ?? [],
    deductions: i.deductions ?? [],
    incidents: i.incidents ?? [],
  };
}
