import {
  type AssessmentInputsInput,
  type AssessmentScheme,
  type AssessmentSchemeInput,
  assess,
  boundsOf,
  checkGradeBands,
  createAssessor,
  gradeOf,
  indexPlan,
  isKepuError,
  lowestBand,
  NOT_EXPLAINED,
  type Plan,
  parseScheme,
  type QuantitativeTarget,
  type Scorecard,
  sheetMembers,
  type Target,
  type TargetKindDefinition,
  topBand,
  topGradeSeats,
  type UnitScore,
} from '@kepu/core';
import { resolveCustomObservations } from '@kepu/core/plugin';
import fc from 'fast-check';
import { assessmentInputsArbitrary, perfectInputs } from './assessment-arbitraries.js';
import { type CustomKindSamples, resolveCustomSamples } from './custom-samples.js';

/**
 * What the scoring laws are checked against: a plan, one of its schemes, the period assessed, and
 * optionally the inputs to draw (by default {@link assessmentInputsArbitrary}).
 *
 * @example
 * ```ts
 * import type { ScoringLawSubject } from '@kepu/plugin-sdk/testing';
 * const subject: ScoringLawSubject = { plan: zhengningPlan, scheme: zhengningScheme, period: 2024 };
 * ```
 */
export interface ScoringLawSubject {
  readonly plan: Plan;
  readonly scheme: AssessmentScheme | AssessmentSchemeInput;
  /** @default the last year of the plan's period */
  readonly period?: number;
  readonly inputs?: fc.Arbitrary<AssessmentInputsInput>;
  /** Indicator kinds plugins define, for plans with custom-kind indicators. @default [] */
  readonly targetKinds?: readonly TargetKindDefinition[];
  /**
   * Valid observations of each custom kind, by kind id.
   * @default the integers 0–10 the kind accepts as values
   */
  readonly samples?: CustomKindSamples;
  /**
   * The largest share of generated cases a law may find vacuous — nothing to test in them, so
   * skipped by its precondition — before it fails: a law that mostly skips would pass without
   * having checked anything. A law with nothing at all to test on the subject fails too.
   * @default 0.5
   */
  readonly maxVacuousShare?: number;
}

/**
 * What a law's run covered: the cases it checked, the generated cases it skipped as vacuous
 * (nothing to test in them), and the vacuous share of all generated cases.
 *
 * @example
 * ```ts
 * import { scoringLaws } from '@kepu/plugin-sdk/testing';
 * for (const law of scoringLaws({ plan, scheme })) {
 *   const { checked, vacuous } = law.check({ numRuns: 20, seed: 1 });
 *   console.log(law.name, checked, vacuous);
 * }
 * ```
 */
export interface ScoringLawCoverage {
  readonly checked: number;
  readonly vacuous: number;
  readonly vacuousShare: number;
}

/**
 * One named law: `check()` runs it with fast-check and throws on the first counterexample, or
 * when more of its generated cases were vacuous than the subject's `maxVacuousShare` allows;
 * otherwise it returns what the run covered.
 *
 * @example
 * ```ts
 * import { scoringLaws } from '@kepu/plugin-sdk/testing';
 * const [bounds] = scoringLaws({ plan, scheme });
 * bounds?.check({ numRuns: 20, seed: 1 });
 * ```
 */
export interface ScoringLaw {
  readonly name: string;
  /**
   * Why the subject gives this law nothing to test at all — no target of the kind it moves, no
   * sheet with members or with two grades — decided from the plan and scheme before any case is
   * drawn; `undefined` when it applies. `check()` of such a law throws instead of passing
   * vacuously; a runner lists it as not applicable, with this reason.
   */
  readonly inapplicable?: string;
  check(parameters?: fc.Parameters<unknown>): ScoringLawCoverage;
}

type Observation = NonNullable<AssessmentInputsInput['observations']>[number];

const EPS = 1e-6;

function units(card: Scorecard): UnitScore[] {
  return card.sheets.flatMap((s) => s.units);
}

function scores(card: Scorecard): Map<string, number | null> {
  return new Map(units(card).map((u) => [u.unit, u.score]));
}

function shuffle<T>(list: readonly T[] | undefined, seed: number): T[] {
  const out = [...(list ?? [])];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * A scorecard with every `explanation` / `explanations` entry replaced by whether it is there
 * (`null` stays `null`), so that an explained and a bulk-mode scorecard can be compared; `bulk`
 * is set to false when an entry of a bulk-mode card is anything but `NOT_EXPLAINED` or `null`.
 */
function withoutExplanations(value: unknown, bulk?: { ok: boolean }): unknown {
  const explained = (x: unknown): unknown => {
    if (x === null) return null;
    if (bulk && x !== NOT_EXPLAINED) bulk.ok = false;
    return 'explained';
  };
  if (Array.isArray(value)) return value.map((v) => withoutExplanations(v, bulk));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'explanation') out[key] = explained(v);
    else if (key === 'explanations' && v !== null && typeof v === 'object')
      out[key] = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, explained(x)]));
    else out[key] = withoutExplanations(v, bulk);
  }
  return out;
}

function nonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(nonFinite);
  if (value && typeof value === 'object') return Object.values(value).some(nonFinite);
  return false;
}

/**
 * Runs one law (a synchronous property) and checks its coverage: a generated case with nothing
 * to test is skipped with `fc.pre`, and fast-check counts the skips.
 */
function checkLaw(
  name: string,
  property: fc.IRawProperty<unknown>,
  parameters: fc.Parameters<unknown> | undefined,
  maxVacuousShare: number,
): ScoringLawCoverage {
  // Skips beyond what the allowed share needs fail the run early instead of drawing on and on.
  const maxSkipsPerRun = Math.ceil(maxVacuousShare / Math.max(1e-9, 1 - maxVacuousShare)) + 1;
  const details = fc.check(property, { maxSkipsPerRun, ...parameters }) as fc.RunDetails<unknown>;
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `law "${name}" failed`);
  const checked = details.numRuns;
  const vacuous = details.numSkips;
  const vacuousShare = vacuous / Math.max(1, checked + vacuous);
  if (vacuousShare > maxVacuousShare) {
    throw new Error(
      `law "${name}" is vacuous in ${vacuous} of ${checked + vacuous} generated cases ` +
        `(${Math.round(vacuousShare * 100)}%, more than the ${Math.round(maxVacuousShare * 100)}% allowed): ` +
        'the inputs rarely give it anything to test, so passing would prove little. Widen the inputs.',
    );
  }
  return { checked, vacuous, vacuousShare };
}

/**
 * The scoring laws of Kepu's assessment, written once and run against any plan and scheme — the
 * Zhengning default, generated schemes, and every county plugin's schemes (the plugin test kit
 * calls this). Each law is named by what it states:
 *
 * bounds, no NaN, monotonicity (at-least up / at-most down), order invariance, determinism,
 * weight-scale invariance, zero total weight is a typed error, an observed 0 is not missing, a
 * value never forecasts outside its bounds (a share within [0, 100%]),
    ),
    law(
 * weight-scale invariance, zero total weight is a typed error, an observed 0 is not missing,
 * reporting the same fact twice never changes a value,
 * bands partition the scale, a veto gives the lowest grade, the top-grade cap holds, ranks agree
 * with scores, breakdowns sum to scores, and everything achieved scores full marks.
 *
 * @example
 * ```ts
 * import { scoringLaws } from '@kepu/plugin-sdk/testing';
 * for (const law of scoringLaws({ plan, scheme })) it(law.name, () => law.check({ numRuns: 50 }));
 * ```
 */
export function scoringLaws(subject: ScoringLawSubject): ScoringLaw[] {
  const { plan } = subject;
  const scheme = parseScheme(subject.scheme, plan);
  const period = subject.period ?? plan.meta.period.end;
  const targetKinds = subject.targetKinds ?? [];
  const custom = resolveCustomSamples(plan, targetKinds, subject.samples);
  const inputs = subject.inputs ?? assessmentInputsArbitrary(plan, scheme, { period, custom });
  const index = indexPlan(plan);
  const run = (i: AssessmentInputsInput, s: AssessmentScheme | AssessmentSchemeInput = scheme) =>
    assess(plan, s, i, { period, targetKinds });
  const valueTypeOf = (targetId: string | undefined) =>
    index.indicators.get(index.targets.get(targetId ?? '')?.indicator ?? '')?.valueType;
  const isCustom = (targetId: string | undefined) => valueTypeOf(targetId) === 'custom';
  const isBoolean = (targetId: string | undefined) => valueTypeOf(targetId) === 'boolean';
  /** Codes of custom kinds turned into numbers, for the incremental assessor (which takes numbers). */
  const resolved = (i: AssessmentInputsInput): AssessmentInputsInput => {
    if (custom.size === 0) return i;
    const r = resolveCustomObservations(plan, i, targetKinds);
    if (!r.ok) throw new Error(r.issues.map((x) => `${x.path.join('.')}: ${x.message.en}`).join('\n'));
    return r.value;
  };
  const maxVacuousShare = subject.maxVacuousShare ?? 0.5;
  const law = (name: string, property: fc.IRawProperty<never>, inapplicable?: string): ScoringLaw => ({
    name,
    ...(inapplicable === undefined ? {} : { inapplicable }),
    check: (parameters) => {
      if (inapplicable !== undefined) throw new Error(`law "${name}" has nothing to test here: ${inapplicable}`);
      return checkLaw(name, property as fc.IRawProperty<unknown>, parameters, maxVacuousShare);
    },
  });
  const directionOf = (o: Observation): 'up' | 'down' | null =>
    o.target === undefined ? null : directionOfTarget(index.targets.get(o.target));
  const directionOfTarget = (target: Target | undefined): 'up' | 'down' | null => {
    if (target?.kind !== 'quantitative') return null;
    const op = target.comparator.op;
    if (op === 'gte' || op === 'gt') return 'up';
    if (op === 'lte' || op === 'lt') return target.cadence === 'year-on-year-growth' ? null : 'down';
    return null;
  };

  const ordinary = plan.targets.filter((t): t is QuantitativeTarget => t.kind === 'quantitative' && !isCustom(t.id));
  // A custom kind's codes have no order core knows of, and a yes/no value cannot be raised, so
  // only ordinary numbers and rates move.
  const movableTargets = ordinary.filter((t) => !isBoolean(t.id) && directionOfTarget(t) !== null);
  const movable = movableTargets.length > 0;
  const isMovable = (o: Observation) =>
    o.period === period && directionOf(o) !== null && !isCustom(o.target) && !isBoolean(o.target);
  const hasMovable = (i: AssessmentInputsInput) => (i.observations ?? []).some(isMovable);
  /** An observation of the period of a movable target, in the middle of its range. */
  const firstObservation = (pick: number): Observation => {
    const target = movableTargets[pick % movableTargets.length] as QuantitativeTarget;
    return {
      target: target.id,
      period,
      ...(target.category ? { category: target.category } : {}),
      ...(valueTypeOf(target.id) === 'rate' ? { numerator: 5, denominator: 10 } : { value: 1 + (pick % 100) }),
    } as Observation;
  };
  // Targets forecast along a trend whose indicator bounds its values (a rate, a yes/no value).
  const boundedTargets = ordinary.filter(
    (t) =>
      (t.cadence === 'by-deadline' || t.cadence === 'every-year') &&
      boundsOf(index.indicators.get(t.indicator)) !== null,
  );
  const staffed = scheme.sheets.some((sheet) => sheetMembers(plan, sheet).length > 0);
  // A target's designated reporter bringing its figure is news, not the same fact again.
  const designated = new Set(
    ordinary.map((t) => (t.aggregation?.kind === 'county-figure' ? t.aggregation.reporter : undefined)),
  );
  const reporters = plan.orgUnits.filter((u) => u.kind !== 'group' && !designated.has(u.id)).map((u) => u.id);
  /** What a scorecard says of every target and unit, without the explanations of how. */
  const valuesOf = (card: Scorecard) =>
    JSON.stringify([
      card.targets.map((t) => [t.target, t.value, t.status, t.attainment, t.met, t.forecast?.value ?? null]),
      units(card).map((u) => [u.unit, u.score, u.grade?.id ?? null, u.rank]),
    ]);
  const cappable = scheme.sheets.some((sheet) => sheet.grades.length >= 2);

  return [
    law(
      'every score lies within [0, maxScore] and no number is NaN or infinite',
      fc.property(inputs, (i) => {
        const card = run(i);
        if (nonFinite(card)) return false;
        return card.sheets.every((s) =>
          s.units.every((u) => u.score === null || (u.score >= 0 && u.score <= s.maxScore)),
        );
      }) as never,
    ),
    law(
      'raising an at-least observation (or lowering an at-most one) of the period never lowers any score',
      fc.property(inputs, fc.nat(), fc.double({ min: 0.01, max: 1000, noNaN: true }), (drawn, pick, delta) => {
        // Inputs without an observation of the period to move get one, so no case is vacuous.
        const i = hasMovable(drawn)
          ? drawn
          : { ...drawn, observations: [...(drawn.observations ?? []), firstObservation(pick)] };
        const candidates = (i.observations ?? [])
          .map((o, at) => ({ o, at, dir: directionOf(o) }))
          .filter((c) => isMovable(c.o));
        fc.pre(candidates.length > 0);
        const { o, at, dir } = candidates[pick % candidates.length] as {
          o: Observation;
          at: number;
          dir: 'up' | 'down';
        };
        const changed: Observation =
          o.numerator !== undefined
            ? {
                ...o,
                // A rate is a share: its numerator moves within [0, denominator].
                numerator:
                  dir === 'up'
                    ? Math.min(o.denominator ?? Number.POSITIVE_INFINITY, o.numerator + delta)
                    : Math.max(0, o.numerator - delta),
              }
            : { ...o, value: dir === 'up' ? (o.value ?? 0) + delta : (o.value ?? 0) - delta };
        const before = scores(run(i));
        const after = scores(
          run({ ...i, observations: (i.observations ?? []).map((x, k) => (k === at ? changed : x)) }),
        );
        for (const [unit, score] of before) {
          const next = after.get(unit);
          if (score === null || next === null || next === undefined) {
            if ((score === null) !== (next === null)) return false;
            continue;
          }
          if (next < score - EPS) return false;
        }
        return true;
      }) as never,
      movable ? undefined : 'the plan has no at-least or at-most target of numbers or rates',
    ),
    law(
      'the order of the records does not change the scorecard',
      fc.property(inputs, fc.nat(), (i, seed) => {
        const shuffled: AssessmentInputsInput = {
          observations: shuffle(i.observations, seed),
          reviews: shuffle(i.reviews, seed + 1),
          selfScores: shuffle(i.selfScores, seed + 2),
          awards: shuffle(i.awards, seed + 3),
          deductions: shuffle(i.deductions, seed + 4),
          incidents: shuffle(i.incidents, seed + 5),
        };
        return JSON.stringify(run(shuffled)) === JSON.stringify(run(i));
      }) as never,
    ),
    law(
      'assessing the same inputs twice gives the same scorecard (deterministic)',
      fc.property(inputs, (i) => JSON.stringify(run(i)) === JSON.stringify(run(structuredClone(i)))) as never,
    ),
    law(
      'scaling every item’s points by the same factor leaves every score unchanged',
      fc.property(inputs, fc.constantFrom(0.25, 0.5, 2, 8, 3, 7.5), (i, k) => {
        const scaled = structuredClone(scheme) as AssessmentSchemeInput;
        for (const sheet of scaled.sheets)
          for (const group of sheet.groups) {
            if (group.points !== undefined) group.points *= k;
            for (const item of group.items) item.points *= k;
          }
        const a = run(i);
        const b = run(i, scaled);
        const exact = Number.isInteger(Math.log2(k));
        for (const [unit, score] of scores(a)) {
          const other = scores(b).get(unit);
          if (score === null || other === null || other === undefined) {
            if (score !== other) return false;
          } else if (exact ? score !== other : Math.abs(score - other) > 1e-3) return false;
        }
        return true;
      }) as never,
    ),
    law(
      'a zero total weight is a typed error, never NaN',
      fc.property(inputs, fc.nat(), (i, pick) => {
        const zero = structuredClone(scheme) as AssessmentSchemeInput;
        const sheet = zero.sheets[pick % zero.sheets.length];
        for (const group of sheet?.groups ?? []) {
          group.points = undefined;
          for (const item of group.items) item.points = 0;
        }
        try {
          run(i, zero);
          return false;
        } catch (error) {
          return isKepuError(error) && error.issues.some((x) => x.code === 'zero-total-weight');
        }
      }) as never,
    ),
    law(
      'an observed 0 is a value, not missing data',
      fc.property(fc.nat(), (pick) => {
        // A 0 of a custom kind means whatever the kind says; the law is about core's numbers.
        const target = ordinary[pick % ordinary.length] as QuantitativeTarget;
        const indicator = index.indicators.get(target.indicator);
        const zero = (year: number): Observation =>
          ({
            target: target.id,
            period: year,
            ...(target.category ? { category: target.category } : {}),
            ...(indicator?.valueType === 'rate' ? { numerator: 0, denominator: 10 } : { value: 0 }),
          }) as Observation;
        const card = run({ observations: [zero(period - 1), zero(period)] });
        const e = card.targets.find((t) => t.target === target.id);
        if (!e || e.status === 'no-data') return false;
        const expectedValue = target.cadence === 'cumulative-by-deadline' ? (target.baseline?.value ?? 0) : 0;
        return e.value === expectedValue && e.attainment !== null;
      }) as never,
      ordinary.length > 0 ? undefined : 'the plan has no quantitative target core measures',
    ),
    law(
      'a value never forecasts outside its bounds',
      fc.property(
        fc.nat(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }),
        (pick, shares) => {
          // A steep run of yearly values before the deadline year, extended by the trend to the
          // deadline: a share must stay within [0, scale], a yes/no value within [0, 1].
          const target = boundedTargets[pick % boundedTargets.length] as QuantitativeTarget;
          const indicator = index.indicators.get(target.indicator);
          // boundedTargets holds only targets with bounds.
          const bounds = boundsOf(indicator) as NonNullable<ReturnType<typeof boundsOf>>;
          const last = target.deadline.year - 1;
          const observations = shares.map(
            (share, k) =>
              ({
                target: target.id,
                period: last - shares.length + 1 + k,
                ...(target.category ? { category: target.category } : {}),
                ...(indicator?.valueType === 'rate'
                  ? { numerator: Math.round(share * 1000), denominator: 1000 }
                  : { value: share < 0.5 ? 0 : 1 }),
              }) as Observation,
          );
          const card = assess(plan, scheme, { observations }, { period: last, targetKinds });
          const forecast = card.targets.find((t) => t.target === target.id)?.forecast;
          return (
            forecast === null ||
            forecast === undefined ||
            (forecast.value >= bounds.min - EPS && forecast.value <= bounds.max + EPS)
          );
        },
      ) as never,
      boundedTargets.length > 0
        ? undefined
        : 'the plan has no target on a rate or a yes/no value forecast along a trend',
    ),
    law(
      'reporting the same fact twice never changes a value',
      fc.property(inputs, fc.nat(), (drawn, pick) => {
        // A unit re-reports every county-wide figure as it stands: the same fact, a second time.
        // The unit's own records are left out of both runs, so its copies are its only ones.
        const again = reporters[pick % reporters.length] as string;
        const mine = (o: Observation) => o.unit === again;
        const base = (drawn.observations ?? []).filter((o) => !mine(o));
        const countyWide = base.filter((o) => o.unit === undefined && o.scope !== 'own');
        // Inputs without a county-wide figure get one, so that no case is vacuous.
        const i = { ...drawn, observations: countyWide.length > 0 ? base : [...base, firstObservation(pick)] };
        const copies = (i.observations ?? [])
          .filter((o) => o.unit === undefined && o.scope !== 'own')
          .map(({ id: _id, ...o }) => ({ ...o, unit: again, scope: 'county' as const }));
        const outcome = (x: AssessmentInputsInput) => {
          try {
            return valuesOf(run(x));
          } catch (error) {
            return isKepuError(error) ? error.code : String(error);
          }
        };
        return outcome(i) === outcome({ ...i, observations: [...(i.observations ?? []), ...copies] });
      }) as never,
      movable && reporters.length > 0 ? undefined : 'the plan has no unit to report a figure, or no target that moves',
    ),
    law(
      'grade bands partition the scale: every score has exactly one grade',
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (share) =>
        scheme.sheets.every((sheet) => {
          if (checkGradeBands(scheme.id, sheet.grades, sheet.maxScore, []).length > 0) return false;
          const score = share * sheet.maxScore;
          const matching = sheet.grades.filter(
            (b) => (score >= b.min && score < b.max) || (score === sheet.maxScore && b.max === sheet.maxScore),
          );
          return matching.length === 1 && gradeOf(sheet.grades, score)?.id === matching[0]?.id;
        }),
      ) as never,
    ),
    law(
      'a veto always yields the lowest grade',
      fc.property(inputs, fc.nat(), (i, pick) => {
        const withVeto = structuredClone(scheme) as AssessmentSchemeInput;
        for (const sheet of withVeto.sheets) {
          if (!sheet.vetoes || sheet.vetoes.length === 0) sheet.vetoes = [{ id: 'law-veto', name: '否决' }];
        }
        const parsed = parseScheme(withVeto, plan);
        // A unit without enough data is not graded at all, so the veto goes to an assessed one.
        const assessed = run(i, withVeto).sheets.flatMap((s, k) =>
          s.units.filter((u) => u.assessed).map((u) => ({ unit: u.unit, k })),
        );
        fc.pre(assessed.length > 0);
        const { unit, k } = assessed[pick % assessed.length] as { unit: string; k: number };
        const sheet = parsed.sheets[k] as AssessmentScheme['sheets'][number];
        const veto = (sheet.vetoes[0] as { id: string }).id;
        const card = run({ ...i, incidents: [...(i.incidents ?? []), { kind: 'veto', unit, veto, period }] }, withVeto);
        const u = units(card).find((x) => x.unit === unit);
        return u?.assessed === true && u.vetoed && u.grade?.id === lowestBand(sheet.grades)?.id;
      }) as never,
      staffed ? undefined : 'no sheet of the scheme assesses any unit',
    ),
    law(
      'the cap on the share of the top grade is never exceeded',
      fc.property(inputs, fc.double({ min: 0.05, max: 0.6, noNaN: true }), (i, share) => {
        // A sheet without a cap gets one, so that every scheme gives the law something to check.
        const capped = structuredClone(scheme) as AssessmentSchemeInput;
        for (const sheet of capped.sheets)
          if (!sheet.topGradeCap && sheet.grades.length >= 2) sheet.topGradeCap = { share };
        const parsed = parseScheme(capped, plan);
        fc.pre(parsed.sheets.some((sheet) => sheet.topGradeCap));
        const card = run(i, capped);
        return card.sheets.every((s, k) => {
          const sheet = parsed.sheets[k];
          if (!sheet?.topGradeCap) return true;
          const top = topBand(sheet.grades);
          const graded = s.units.filter((u) => u.grade !== null).length;
          const held = s.units.filter((u) => u.grade?.id === top?.id).length;
          return held <= topGradeSeats(sheet.topGradeCap.share, graded);
        });
      }) as never,
      cappable ? undefined : 'no sheet has two grades, so none can cap the top one',
    ),
    law(
      'ranks agree with scores: higher score, better rank; ties share a rank (1, 1, 3); vetoed units last',
      fc.property(inputs, (i) => {
        const card = run(i);
        return card.sheets.every((s) => {
          const ranked = s.units.filter((u) => u.score !== null);
          if (s.units.some((u) => (u.score === null) !== (u.rank === null))) return false;
          return ranked.every((a) => {
            const ahead = ranked.filter(
              (b) =>
                (b.vetoed ? 1 : 0) < (a.vetoed ? 1 : 0) ||
                ((b.vetoed ? 1 : 0) === (a.vetoed ? 1 : 0) && (b.score as number) > (a.score as number)),
            ).length;
            return a.rank === ahead + 1;
          });
        });
      }) as never,
    ),
    law(
      'adding the records in several steps gives the same scorecard as assessing them at once',
      fc.property(inputs, fc.array(fc.nat({ max: 1000 }), { maxLength: 4 }), (drawn, cuts) => {
        const i = resolved(drawn);
        const assessor = createAssessor(plan, scheme);
        const lists = ['observations', 'reviews', 'selfScores', 'awards', 'deductions', 'incidents'] as const;
        const points = [...new Set(cuts.map((c) => c / 1000))].sort();
        let from = 0;
        let middle: string | null = null;
        for (const to of [...points, 1]) {
          const chunk: Record<string, unknown[]> = {};
          for (const list of lists) {
            const all = (i[list] ?? []) as unknown[];
            chunk[list] = all.slice(Math.floor(all.length * from), Math.floor(all.length * to));
          }
          assessor.add(chunk as AssessmentInputsInput);
          // Assess between steps too, so that later steps run on a warm cache.
          middle = JSON.stringify(assessor.assess({ period }));
          from = to;
        }
        return middle === JSON.stringify(run(drawn)) && JSON.stringify(assessor.assess({ period })) === middle;
      }) as never,
    ),
    law(
      'the bulk mode (explain: false) gives the same numbers as the explained mode',
      fc.property(inputs, (i) => {
        const bulk = { ok: true };
        const explained = JSON.stringify(withoutExplanations(run(i)));
        const quick = assess(plan, scheme, i, { period, targetKinds, explain: false });
        if (JSON.stringify(withoutExplanations(quick, bulk)) !== explained || !bulk.ok) return false;
        // The incremental assessor, switching modes on a warm cache, agrees too.
        const assessor = createAssessor(plan, scheme);
        assessor.add(resolved(i));
        const a = assessor.assess({ period });
        const b = assessor.assess({ period, explain: false });
        return (
          JSON.stringify(withoutExplanations(a)) === explained &&
          JSON.stringify(withoutExplanations(b, bulk)) === explained &&
          bulk.ok &&
          JSON.stringify(assessor.assess({ period })) === JSON.stringify(a)
        );
      }) as never,
    ),
    law(
      'every breakdown sums to its score',
      fc.property(inputs, (i) =>
        units(run(i)).every(
          (u) => u.score === null || Math.abs(u.breakdown.reduce((s, l) => s + l.points, 0) - u.score) <= EPS,
        ),
      ) as never,
    ),
    law(
      'everything achieved with no deductions scores full marks',
      fc.property(fc.constant(null), () => {
        const card = run(perfectInputs(plan, scheme, period, { custom }));
        return card.sheets.every((s) =>
          s.units.every((u) => u.reason === 'no-applicable-items' || (u.assessed && u.score === s.maxScore)),
        );
      }) as never,
    ),
  ];
}
